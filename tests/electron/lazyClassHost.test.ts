import { describe, expect, it, vi } from 'vitest';
import { lazyClassHost } from '../../electron/main/lazyClassHost';
import type { ClassHostPort } from '../../electron/main/ipcHandlers';
import type { ClassStartRequest } from '../../api/ParleyApi';

const REQUEST: ClassStartRequest = {
  scenario: { text: '{}', name: 'a.json' },
  params: {},
  rounds: null,
  matching: 'random',
  lan: false,
  maxStudents: 200,
};

const fakeHost = (): ClassHostPort & { [K in keyof ClassHostPort]: ReturnType<typeof vi.fn> } => ({
  start: vi.fn(async () => ({ ok: false, canceled: false, error: 'started' }) as const),
  resumable: vi.fn(async () => null),
  resume: vi.fn(async () => ({ ok: false, canceled: false, error: 'resumed' }) as const),
  stop: vi.fn(async () => undefined),
});

describe('lazyClassHost', () => {
  it('loads the host on first use only, once; stop before any use loads nothing', async () => {
    const host = fakeHost();
    const load = vi.fn(async () => host);
    const lazy = lazyClassHost(load);
    await lazy.stop();
    expect(load).not.toHaveBeenCalled();
    await lazy.start(REQUEST);
    await lazy.resume('class-1');
    await lazy.resumable();
    await lazy.stop();
    expect(load).toHaveBeenCalledOnce();
    expect(host.start).toHaveBeenCalledWith(REQUEST);
    expect(host.resume).toHaveBeenCalledWith('class-1');
    expect(host.stop).toHaveBeenCalledOnce();
  });

  it('a failed load is a failure result (never a rejected IPC call) and is retried next time', async () => {
    const host = fakeHost();
    const load = vi.fn().mockRejectedValueOnce(new Error('no mathjs')).mockResolvedValue(host);
    const lazy = lazyClassHost(load);
    await expect(lazy.start(REQUEST)).resolves.toEqual({
      ok: false,
      canceled: false,
      error: 'Class play could not start: no mathjs',
    });
    await expect(lazy.stop()).resolves.toBeUndefined();
    await expect(lazy.start(REQUEST)).resolves.toMatchObject({ error: 'started' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
