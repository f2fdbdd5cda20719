import { describe, expect, it } from 'vitest';
import { StudentClient, type TokenStore } from '../../../renderer/lib/class/StudentClient.svelte';
import { TeacherClient } from '../../../renderer/lib/class/TeacherClient.svelte';
import { payoffLines } from '../../../renderer/lib/class/payoffWords';
import { pseudonym } from '../../../renderer/lib/class/pseudonym';
import type { ServerMessage } from '../../../models/class/protocol';
import type { StudentView, TeacherView } from '../../../models/class/classViews';

/** A stand-in WebSocket: records what the page sends, lets the test deliver server messages. */
class FakeSocket {
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(m: ServerMessage): void {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
}

const sockets: FakeSocket[] = [];
const factory = (): WebSocket => {
  const s = new FakeSocket();
  sockets.push(s);
  return s as unknown as WebSocket;
};
const memory = (): TokenStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
};

const roles = [
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
];
const studentView = (phase: 'lobby' | 'open', choice: number | null = null): StudentView => ({
  session: {
    id: 's',
    title: 'Chicken',
    scenarioId: 'chicken',
    rounds: 3,
    roundLabel: 'round',
    matching: 'random',
    phase,
    round: phase === 'lobby' ? 0 : 1,
  },
  you: { id: 0, name: 'Ann', role: 0, score: 0, played: 0 },
  roles,
  seated: phase === 'open',
  payoffs: null,
  partners: [],
  choice,
  result: null,
  history: [],
});

describe('StudentClient', () => {
  it('joins, keeps its token per join code, and resumes with it after a reload', () => {
    sockets.length = 0;
    const store = memory();
    const a = new StudentClient('ws://x/ws', 'ACDEF', 'Calm Otter 12', store, factory);
    sockets[0]!.open();
    expect(a.status).toBe('join');
    a.join();
    expect(sockets[0]!.sent).toEqual([{ type: 'join', code: 'ACDEF', name: 'Calm Otter 12' }]);
    sockets[0]!.deliver({ type: 'welcome', token: 'tok-123456789012345', student: 0, name: 'Calm Otter 12' });
    sockets[0]!.deliver({ type: 'student', view: studentView('lobby') });
    expect(a.status).toBe('ready');
    expect(store.map.get('parley.class.token.ACDEF')).toBe('tok-123456789012345');
    a.dispose();
    // a reload: the new page resumes
    const b = new StudentClient('ws://x/ws', 'ACDEF', 'Other 1', store, factory);
    sockets[1]!.open();
    expect(sockets[1]!.sent).toEqual([{ type: 'resume', token: 'tok-123456789012345' }]);
    // an unknown token (another server) falls back to joining
    sockets[1]!.deliver({ type: 'error', code: 'bad-token', message: 'unknown' });
    expect(b.status).toBe('join');
    expect(store.map.has('parley.class.token.ACDEF')).toBe(false);
    b.dispose();
  });

  it('sends a choice for the open round only, and reconnects after a drop', async () => {
    sockets.length = 0;
    const c = new StudentClient('ws://x/ws', 'ACDEF', 'Ann', memory(), factory);
    sockets[0]!.open();
    sockets[0]!.deliver({ type: 'student', view: studentView('lobby') });
    c.choose(1);
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.deliver({ type: 'student', view: studentView('open') });
    c.choose(1);
    expect(sockets[0]!.sent).toEqual([{ type: 'choose', round: 1, strategy: 1 }]);
    expect(c.pending).toBe(1);
    sockets[0]!.deliver({ type: 'student', view: studentView('open', 1) });
    expect(c.pending).toBeNull();
    sockets[0]!.close();
    expect(c.status).toBe('offline');
    await new Promise((ok) => setTimeout(ok, 700));
    expect(sockets).toHaveLength(2);
    c.dispose();
  });
});

describe('TeacherClient', () => {
  it('authenticates and enables only the controls the phase allows, naming the round on screen', () => {
    sockets.length = 0;
    const t = new TeacherClient('ws://x/ws', 'T'.repeat(43), factory);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'teacher', token: 'T'.repeat(43) }]);
    const view = { session: { phase: 'revealed', round: 2, rounds: 3 } } as unknown as TeacherView;
    sockets[0]!.deliver({
      type: 'teacher',
      view,
      join: { url: 'u', code: 'c', qr: 'q', lan: false },
      files: null,
    });
    expect(t.can).toEqual({ start: false, reveal: false, next: true, end: true });
    t.control('reveal');
    expect(sockets[0]!.sent).toHaveLength(1);
    t.control('next');
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'control', action: 'next', round: 2 });
    expect(t.can.end).toBe(false); // busy until the next view
    t.dispose();
  });
});

describe('payoff words and pseudonyms', () => {
  it('says each outcome from the student’s side', () => {
    const lines = payoffLines(roles, 1, [
      [0, 0],
      [2, -1],
      [-1, 2],
      [-10, -10],
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      'If you choose Swerve and Driver A chooses Swerve, you get 0 and Driver A gets 0.',
      'If you choose Swerve and Driver A chooses Straight, you get −1 and Driver A gets 2.',
      'If you choose Straight and Driver A chooses Swerve, you get 2 and Driver A gets −1.',
      'If you choose Straight and Driver A chooses Straight, you get −10 and Driver A gets −10.',
    ]);
  });

  it('offers valid nicknames', () => {
    let x = 0.123;
    const rand = (): number => (x = (x * 9301 + 0.49297) % 1);
    for (let k = 0; k < 50; k++) expect(pseudonym(rand)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d\d$/);
  });
});
