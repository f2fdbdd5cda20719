// The difference between two versions of a document as one replaced range, so a worker that holds the previous
// version gets a few bytes per edit instead of a copy of the whole text (copying a 5 MB scenario into a worker
// took the page's thread 70–170 ms on a loaded machine). The common prefix and suffix are found by binary search
// over native string comparisons: a few passes over the text at memcmp speed, not a JavaScript loop per character.

/** Replace `prev[start, end)` by `insert`. */
export type TextDelta = { readonly start: number; readonly end: number; readonly insert: string };

const commonPrefix = (a: string, b: string, max: number): number => {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

const commonSuffix = (a: string, b: string, max: number): number => {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** The one range of `prev` that, replaced, gives `next` (the longest common prefix, then suffix, kept). */
export const textDelta = (prev: string, next: string): TextDelta => {
  const prefix = commonPrefix(prev, next, Math.min(prev.length, next.length));
  const suffix = commonSuffix(prev, next, Math.min(prev.length, next.length) - prefix);
  return { start: prefix, end: prev.length - suffix, insert: next.slice(prefix, next.length - suffix) };
};

export const applyTextDelta = (prev: string, d: TextDelta): string =>
  `${prev.slice(0, d.start)}${d.insert}${prev.slice(d.end)}`;

/**
 * What to send a worker that holds `prev` (null: it holds nothing): a delta when it is much smaller than the
 * text, else the text.
 */
export const textOrDelta = (
  prev: string | null,
  next: string,
): { readonly text: string } | { readonly delta: TextDelta } => {
  if (prev === null || next.length < 4096) return { text: next };
  const delta = textDelta(prev, next);
  return delta.insert.length * 4 < next.length ? { delta } : { text: next };
};
