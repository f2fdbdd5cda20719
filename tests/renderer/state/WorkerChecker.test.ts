import { describe, expect, it } from 'vitest';
import {
  CheckSuperseded,
  createWorkerChecker,
  type CheckWorkerLike,
} from '../../../renderer/lib/state/WorkerChecker';
import type { CheckResponse } from '../../../renderer/lib/state/check.worker';
import { requestText, type CheckRequest } from '../../../renderer/lib/state/checkRequest';
import { checkScenarioText, type CheckWire } from '../../../renderer/lib/state/checkScenarioText';
import { loadModelService } from '../../../renderer/lib/state/loadModelService';
import { builtinText } from '../../../models/scenario/builtins';

/** A worker that answers only when the test says so (and records what it was asked and whether it was stopped). */
class FakeWorker implements CheckWorkerLike {
  onmessage: ((e: MessageEvent<CheckResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly asked: CheckRequest[] = [];
  terminated = false;
  /** The text of the last request answered (what the real worker keeps). */
  held: string | null = null;
  postMessage(m: CheckRequest): void {
    this.asked.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Run the real check for the last request, as the worker would. */
  answer(): void {
    const m = this.asked.at(-1) as CheckRequest;
    if (this.terminated) return;
    this.held = requestText(this.held, m);
    this.onmessage?.({
      data: { id: m.id, result: checkScenarioText(this.held, m.fileName) },
    } as MessageEvent<CheckResponse>);
  }
}

const inlineNever = async (): Promise<CheckWire> => {
  throw new Error('checked on the main thread');
};

describe('WorkerChecker: scenario checks off the main thread', () => {
  it('sends the text to the worker and returns its answer (problems with their paths)', async () => {
    const workers: FakeWorker[] = [];
    const c = createWorkerChecker(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, inlineNever);
    const p = c.check('{"title": 3}', 'x.parley.json');
    expect(workers).toHaveLength(1);
    workers[0]!.answer();
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.path !== '')).toBe(true);
  });

  it('a newer check cancels the running one: the old worker is terminated and its promise rejects', async () => {
    const workers: FakeWorker[] = [];
    const c = createWorkerChecker(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, inlineNever);
    const old = c.check('{}', 'a.parley.json');
    const newer = c.check(builtinText('chicken'), 'chicken.parley.json');
    await expect(old).rejects.toBeInstanceOf(CheckSuperseded);
    expect(workers[0]!.terminated).toBe(true);
    expect(c.started).toBe(2);
    workers[1]!.answer();
    expect((await newer).ok).toBe(true);
    // a finished check is not cancelled: the next one reuses the worker
    const third = c.check('{}', 'b.parley.json');
    expect(c.started).toBe(2);
    workers[1]!.answer();
    expect((await third).ok).toBe(false);
  });

  it('cancel() stops a running check; a crashed worker becomes a path-bearing problem, not a hang', async () => {
    const workers: FakeWorker[] = [];
    const c = createWorkerChecker(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, inlineNever);
    const p = c.check('{}', 'a.parley.json');
    c.cancel();
    await expect(p).rejects.toBeInstanceOf(CheckSuperseded);
    expect(workers[0]!.terminated).toBe(true);
    const q = c.check('{}', 'a.parley.json');
    workers[1]!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    expect(await q).toEqual({
      ok: false,
      issues: [{ path: '', message: 'The check stopped: out of memory' }],
    });
  });

  it('the model service checks through the worker and compiles the checked spec on the main thread', async () => {
    const workers: FakeWorker[] = [];
    const models = loadModelService(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const p = models.check(builtinText('chicken'), 'chicken.parley.json');
    await waitUntil(() => workers[0]?.asked.length === 1);
    workers[0]!.answer();
    const r = await p;
    expect(r.ok).toBe(true);
    if (r.ok) expect(typeof r.model.actors).toBe('object');
  });
});

const waitUntil = async (cond: () => boolean): Promise<void> => {
  while (!cond()) await new Promise((ok) => setTimeout(ok, 1));
};
