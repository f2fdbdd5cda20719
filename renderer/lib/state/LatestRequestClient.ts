// The one "latest request wins" worker client of the analysis views (GameAnalysisState, TreeAnalysisState): the
// worker is created on the first request; every request carries a sequence number and only the answer to the newest
// one is settled (a slider drag sends many; the older answers are dropped); where no Worker can be created (tests,
// old hosts) the answer is computed synchronously. Plain TypeScript: the runes state lives in the callers.

/** A worker's answer to request `id`. */
export type LatestAnswer<A> =
  | { readonly id: number; readonly ok: true; readonly analysis: A }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** What the client needs of a Worker (tests pass fakes). */
export type RequestWorker<Req, A> = {
  postMessage(m: Req): void;
  onmessage: ((e: MessageEvent<LatestAnswer<A>>) => void) | null;
  terminate(): void;
};

export type Settled<A> =
  { readonly ok: true; readonly analysis: A } | { readonly ok: false; readonly error: string };

export type LatestRequestOptions<In, Req, A> = {
  /** Create the worker (once, on the first request); null: compute synchronously. */
  readonly makeWorker: () => RequestWorker<Req, A> | null;
  /** The message posted for request `id` of `input`. */
  readonly message: (id: number, input: In) => Req;
  /** The synchronous computation (no worker); a throw settles as an error. */
  readonly compute: (input: In) => A;
  /** The answer to the newest request, with the input it belongs to. */
  readonly settle: (input: In, result: Settled<A>) => void;
};

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class LatestRequestClient<In, Req, A> {
  #worker: RequestWorker<Req, A> | null | undefined;
  #seq = 0;
  #pending: In | null = null;

  constructor(private readonly opts: LatestRequestOptions<In, Req, A>) {}

  /**
   * Ask for `input`'s answer; any earlier request's answer will be dropped.
   * @returns true when the answer comes later (from the worker), false when it was settled before returning.
   */
  request(input: In): boolean {
    const id = ++this.#seq;
    if (this.#worker === undefined) {
      this.#worker = this.opts.makeWorker();
      if (this.#worker) this.#worker.onmessage = (e) => this.#receive(e.data);
    }
    if (!this.#worker) {
      this.#pending = null;
      let result: Settled<A>;
      try {
        result = { ok: true, analysis: this.opts.compute(input) };
      } catch (err) {
        result = { ok: false, error: message(err) };
      }
      this.opts.settle(input, result);
      return false;
    }
    this.#pending = input;
    this.#worker.postMessage(this.opts.message(id, input));
    return true;
  }

  /** Drop the answer of any request in flight (the caller shows nothing now). */
  cancel(): void {
    this.#seq++;
    this.#pending = null;
  }

  dispose(): void {
    this.cancel();
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  #receive(r: LatestAnswer<A>): void {
    const input = this.#pending;
    if (r.id !== this.#seq || input === null) return; // stale
    this.#pending = null;
    this.opts.settle(input, r.ok ? { ok: true, analysis: r.analysis } : { ok: false, error: r.error });
  }
}
