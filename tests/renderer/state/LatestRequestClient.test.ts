// The analysis views' one worker client: the newest request wins (stale answers dropped), the worker is made once,
// and without a worker the answer is computed synchronously; both views use it.
import { describe, expect, it, vi } from 'vitest';
import {
  LatestRequestClient,
  type LatestAnswer,
  type RequestWorker,
  type Settled,
} from '../../../renderer/lib/state/LatestRequestClient';
import { GameAnalysisState } from '../../../renderer/lib/state/GameAnalysisState.svelte';
import { TreeAnalysisState } from '../../../renderer/lib/state/TreeAnalysisState.svelte';
import type { Game } from '../../../models/games/Game';
import { makeTree } from '../../../models/games/extensive/makeTree';

type Req = { id: number; text: string };

/** A worker that keeps what it was sent and answers when told to. */
const fakeWorker = <A>() => {
  const sent: Req[] = [];
  const worker: RequestWorker<Req, A> & { sent: Req[]; answer(r: LatestAnswer<A>): void } = {
    sent,
    onmessage: null,
    postMessage: (m) => void sent.push(m as Req),
    terminate: vi.fn(),
    answer(r) {
      worker.onmessage?.({ data: r } as MessageEvent<LatestAnswer<A>>);
    },
  };
  return worker;
};

const client = (makeWorker: () => RequestWorker<Req, number> | null, compute = (s: string) => s.length) => {
  const settled: [string, Settled<number>][] = [];
  const c = new LatestRequestClient<string, Req, number>({
    makeWorker,
    message: (id, text) => ({ id, text }),
    compute,
    settle: (input, r) => settled.push([input, r]),
  });
  return { c, settled };
};

describe('LatestRequestClient', () => {
  it('drops the answer to an older request, settles the newest with its own input, makes the worker once', () => {
    const w = fakeWorker<number>();
    const make = vi.fn(() => w);
    const { c, settled } = client(make);
    expect(c.request('a')).toBe(true);
    expect(c.request('bb')).toBe(true);
    expect(make).toHaveBeenCalledTimes(1);
    expect(w.sent).toEqual([
      { id: 1, text: 'a' },
      { id: 2, text: 'bb' },
    ]);
    w.answer({ id: 1, ok: true, analysis: 1 }); // stale: the answer to "a"
    expect(settled).toEqual([]);
    w.answer({ id: 2, ok: true, analysis: 2 });
    expect(settled).toEqual([['bb', { ok: true, analysis: 2 }]]);
    w.answer({ id: 2, ok: true, analysis: 2 }); // a duplicate is not settled twice
    expect(settled).toHaveLength(1);
  });

  it('an error answer settles as an error; cancel drops the answer in flight; dispose terminates', () => {
    const w = fakeWorker<number>();
    const { c, settled } = client(() => w);
    c.request('x');
    w.answer({ id: 1, ok: false, error: 'boom' });
    expect(settled).toEqual([['x', { ok: false, error: 'boom' }]]);
    c.request('y');
    c.cancel();
    w.answer({ id: 2, ok: true, analysis: 1 });
    expect(settled).toHaveLength(1);
    c.dispose();
    expect(w.terminate).toHaveBeenCalled();
  });

  it('without a worker computes synchronously, and a throw settles as an error', () => {
    const { c, settled } = client(
      () => null,
      (s) => {
        if (s === 'bad') throw new Error('no');
        return s.length;
      },
    );
    expect(c.request('abc')).toBe(false);
    expect(c.request('bad')).toBe(false);
    expect(settled).toEqual([
      ['abc', { ok: true, analysis: 3 }],
      ['bad', { ok: false, error: 'no' }],
    ]);
  });
});

const game = (a: number): Game => ({
  title: 'g',
  players: ['A', 'B'],
  strategies: [['x'], ['y']],
  payoffs: [[a, 0]],
  exact: null,
});

describe('the analysis states use it', () => {
  it('GameAnalysisState keeps the newest game’s answer and ignores a stale one', () => {
    const w = fakeWorker<unknown>();
    const s = new GameAnalysisState(() => w as never);
    const g1 = game(1);
    const g2 = game(2);
    s.request(g1);
    s.request(g2);
    expect(s.pending).toBe(true);
    w.answer({ id: 1, ok: true, analysis: { stale: true } });
    expect(s.game).toBeNull();
    w.answer({ id: 2, ok: false, error: 'failed' });
    expect(s.game).toBe(g2);
    expect(s.error).toBe('failed');
    expect(s.pending).toBe(false);
  });

  it('TreeAnalysisState solves synchronously without a worker', () => {
    const s = new TreeAnalysisState(() => null);
    const tree = makeTree({
      title: 't',
      players: ['A'],
      root: {
        kind: 'decision',
        player: 0,
        infoset: 1,
        actions: ['l', 'r'],
        children: [
          { kind: 'terminal', payoffs: [1] },
          { kind: 'terminal', payoffs: [2] },
        ],
      },
    });
    s.request(tree);
    expect(s.pending).toBe(false);
    expect(s.tree).toBe(tree);
    expect(s.analysis?.runs.find((r) => r.method === 'spe')?.equilibria).toHaveLength(1);
  });
});
