import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import TaskProgress from '../../../renderer/components/whatif/TaskProgress.svelte';

const task = (status: 'idle' | 'running' | 'done', progress = 0) => ({
  status,
  progress,
  error: null,
  running: status === 'running',
  cancel: () => undefined,
});

describe('TaskProgress', () => {
  it('says what to do before the first run, then the progress (with Cancel) instead', () => {
    const hint = 'Run the sweep to draw the probabilities.';
    const idle = render(TaskProgress, { task: task('idle'), label: 'Sweep', hint });
    expect(screen.getByRole('status').textContent).toContain(hint);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    idle.unmount();
    render(TaskProgress, { task: task('running', 0.4), label: 'Sweep', hint });
    expect(screen.getByRole('status').textContent).toMatch(/Running… 40%/);
    expect(screen.getByRole('status').textContent).not.toContain(hint);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });
});
