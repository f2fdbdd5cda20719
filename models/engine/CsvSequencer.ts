// Puts the per-trial CSV pieces of chunks that run in parallel into trial order, in bounded memory. Pieces of the
// chunk being written (the lowest chunk not yet finished) go straight to the sink, and the worker making them waits
// for the write (backpressure at the pace of the disk). Pieces of later chunks are kept until their chunk's turn, up
// to `budget` bytes in all; beyond that their workers wait too. So memory stays bounded by the budget plus one
// piece per worker, whatever the trial count, and a worker is idle only when the writer cannot keep up.
import type { CsvPieceSink } from './Runner';

export class CsvSequencer {
  #current = 0;
  #held = new Map<number, Uint8Array[]>();
  #heldBytes = 0;
  /** Pieces (beyond the budget) whose workers wait: chunk → release. */
  #waiting = new Map<number, () => void>();
  #closed = false;

  constructor(
    private readonly write: (piece: Uint8Array) => Promise<void> | void,
    private readonly budget: number,
  ) {}

  /** The sink for chunk `chunk`'s pieces. */
  sinkFor(chunk: number): CsvPieceSink {
    return (piece) => this.#accept(chunk, piece);
  }

  /** Characters held for later chunks now (for tests). */
  get heldBytes(): number {
    return this.#heldBytes;
  }

  async #accept(chunk: number, piece: Uint8Array): Promise<void> {
    if (this.#closed) return;
    if (chunk === this.#current) {
      await this.write(piece);
      return;
    }
    let list = this.#held.get(chunk);
    if (!list) this.#held.set(chunk, (list = []));
    list.push(piece);
    this.#heldBytes += piece.length;
    if (this.#heldBytes <= this.budget) return;
    await new Promise<void>((release) => this.#waiting.set(chunk, release));
  }

  /**
   * Chunk `chunk` is finished (all its pieces were written) and merged: the next chunk's turn — its held pieces are
   * written, then its worker may go on.
   */
  async finish(chunk: number): Promise<void> {
    const next = chunk + 1;
    const list = this.#held.get(next);
    while (list && list.length > 0) {
      const piece = list.shift() as Uint8Array;
      this.#heldBytes -= piece.length;
      await this.write(piece);
    }
    this.#held.delete(next);
    this.#current = next;
    this.#release(next);
    if (this.#heldBytes <= this.budget) for (const c of [...this.#waiting.keys()]) this.#release(c);
  }

  /** Stop: drop what is held and let every waiting worker go (it will be cancelled or discarded). */
  close(): void {
    this.#closed = true;
    this.#held.clear();
    this.#heldBytes = 0;
    for (const c of [...this.#waiting.keys()]) this.#release(c);
  }

  #release(chunk: number): void {
    const release = this.#waiting.get(chunk);
    this.#waiting.delete(chunk);
    release?.();
  }
}
