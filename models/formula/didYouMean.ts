// "Did you mean" suggestions by edit distance.

/** Levenshtein distance (insert, delete, substitute; plus adjacent transposition as one edit). */
export const editDistance = (a: string, b: string): number => {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n] as number;
};

/** The closest candidate within a plausible distance (case-insensitive exact match first), or undefined. */
export const didYouMean = (name: string, candidates: Iterable<string>): string | undefined => {
  const lower = name.toLowerCase();
  const limit = name.length < 2 ? 0 : Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    if (c.toLowerCase() === lower) return c;
    if (Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= limit ? best : undefined;
};

/** ` — did you mean "x"?` or the empty string. */
export const suggestion = (name: string, candidates: Iterable<string>): string => {
  const s = didYouMean(name, candidates);
  return s === undefined ? '' : ` — did you mean "${s}"?`;
};
