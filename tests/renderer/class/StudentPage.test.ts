import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import StudentPage from '../../../renderer/components/class/StudentPage.svelte';
import { StudentClient } from '../../../renderer/lib/class/StudentClient.svelte';
import type { StudentView } from '../../../models/class/classViews';

class FakeSocket {
  readyState = 1;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {}
}

const view: StudentView = {
  session: {
    id: 's',
    title: 'Chicken',
    scenarioId: 'chicken',
    rounds: 3,
    roundLabel: 'round',
    matching: 'random',
    phase: 'open',
    round: 1,
  },
  you: { id: 0, name: 'Calm Otter 12', role: 1, score: 0, played: 0 },
  roles: [
    {
      name: 'Driver A',
      strategies: [
        { id: 'swerve', label: 'Swerve' },
        { id: 'straight', label: 'Straight' },
      ],
    },
    {
      name: 'Driver B',
      strategies: [
        { id: 'swerve', label: 'Swerve' },
        { id: 'straight', label: 'Straight' },
      ],
    },
  ],
  seated: true,
  payoffs: [
    [0, 0],
    [2, -1],
    [-1, 2],
    [-10, -10],
  ],
  partners: [{ role: 0, name: 'Brave Fox 40' }],
  choice: null,
  result: null,
  history: [],
};

describe('StudentPage', () => {
  it('shows the payoffs in plain words and one button per strategy, labelled with its label', async () => {
    const socket = new FakeSocket();
    const client = new StudentClient(
      'ws://x/ws',
      'ACDEF',
      'Calm Otter 12',
      null,
      () => socket as unknown as WebSocket,
    );
    socket.onopen?.();
    socket.onmessage?.({ data: JSON.stringify({ type: 'student', view }) });
    render(StudentPage, { client, newName: () => 'Other 1' });
    flushSync();
    expect(screen.getByText(/You play against/).textContent).toContain('Brave Fox 40');
    expect(
      screen.getByText('If you choose Straight and Driver A chooses Swerve, you get 2 and Driver A gets −1.'),
    ).toBeTruthy();
    const buttons = screen.getAllByRole('button').map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Swerve', 'Straight']);
    await fireEvent.click(screen.getByRole('button', { name: 'Straight' }));
    expect(socket.sent).toEqual([{ type: 'choose', round: 1, strategy: 1 }]);
  });
});
