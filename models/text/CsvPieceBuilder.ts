// The bytes of a long CSV export, built piece by piece (the per-trial table of a 2,000,000-trial run is 13 GB): cells
// are written with the one CSV writer's rules (csv.ts: csvText, csvNumber) and appended as UTF-8 to a buffer that is
// handed out whole once it holds about `pieceBytes` (a fresh buffer follows, so a piece may be transferred to
// another thread or kept by the caller). Building bytes directly, instead of long `+=` strings, avoids flattening
// and re-encoding gigabytes of string ropes: the hot loop copies pre-encoded text cells and the ASCII digits of
// numbers.
import { CSV_EOL, csvNumber } from './csv';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). Pure: works in every host. */
export const utf8Bytes = (s: string): Uint8Array => {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
};

export class CsvPieceBuilder {
  #buf: Uint8Array;
  #pos = 0;

  constructor(readonly pieceBytes: number) {
    this.#buf = new Uint8Array(pieceBytes + 4096);
  }

  /** Bytes written since the last piece was taken. */
  get size(): number {
    return this.#pos;
  }

  #room(n: number): void {
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + n));
    grown.set(this.#buf.subarray(0, this.#pos));
    this.#buf = grown;
  }

  /** Append bytes as they are (a pre-encoded cell, a separator, a row prefix). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.#pos + n > this.#buf.length) this.#room(n);
    const buf = this.#buf;
    let p = this.#pos;
    // A plain loop beats TypedArray.set for the short cells of a row.
    if (n < 64) for (let i = 0; i < n; i++) buf[p++] = b[i] as number;
    else {
      buf.set(b, p);
      p += n;
    }
    this.#pos = p;
  }

  /** Append an ASCII string (digits, separators). */
  ascii(s: string): void {
    const n = s.length;
    if (this.#pos + n > this.#buf.length) this.#room(n);
    const buf = this.#buf;
    let p = this.#pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.#pos = p;
  }

  /** Append `,` and a number cell (csvNumber: shortest round-trip decimal, ASCII). */
  commaNumber(x: number): void {
    this.ascii(',');
    this.ascii(csvNumber(x));
  }

  /** End the row (CRLF). */
  endRow(): void {
    this.ascii(CSV_EOL);
  }

  /** The bytes written so far, as a view (valid until the next write or clear). */
  view(): Uint8Array {
    return this.#buf.subarray(0, this.#pos);
  }

  /** Forget what was written (keeps the buffer). */
  clear(): void {
    this.#pos = 0;
  }

  /** The bytes written so far as one piece (a fresh buffer is started), or null when nothing was written. */
  take(): Uint8Array | null {
    if (this.#pos === 0) return null;
    const piece = this.#buf.subarray(0, this.#pos);
    this.#buf = new Uint8Array(this.pieceBytes + 4096);
    this.#pos = 0;
    return piece;
  }
}
