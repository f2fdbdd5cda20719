// "Did you mean" suggestions by edit distance, in bounded work. A scenario may have 10,000 names and as many unknown
// ones: comparing every unknown name with every name is quadratic (a 95 KB file took 14 s). SuggestionIndex is
// built once per list of names and answers each query with at most MAX_COMPARISONS edit-distance computations, each
// at most MAX_COMPARED_LENGTH² steps: candidates are bucketed by length and by their first letter (a typo rarely
// changes the first letter, and the distance limit allows lengths ±3 only), then, if none is close enough, by their
// second letter (a typo IN the first letter). A case-insensitive exact match is found first, by a Map.

/** Most edit distances computed for one suggestion. */
export const MAX_COMPARISONS = 256;
/** Names longer than this are never compared (ids are at most 64 characters). */
export const MAX_COMPARED_LENGTH = 80;

let comparisons = 0;

/** Edit distances computed so far in this process (a work counter for tests). */
export const editDistanceCount = (): number => comparisons;

/** Levenshtein distance (insert, delete, substitute; plus adjacent transposition as one edit). */
export const editDistance = (a: string, b: string): number => {
  comparisons++;
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

/** Edits allowed for a name of this length (0 for one character, up to 3). */
const limitFor = (name: string): number =>
  name.length < 2 ? 0 : Math.max(1, Math.min(3, Math.floor(name.length / 3)));

/** Queries one index answers before it stops suggesting (a file has at most this many problems listed). */
export const MAX_QUERIES = 1000;

/**
 * A list of names, indexed once for bounded "did you mean" queries: each query computes at most MAX_COMPARISONS
 * edit distances, and after MAX_QUERIES queries the index answers undefined (a file with 100,000 unknown names gets
 * suggestions for the first ones only, which are all it lists).
 */
export class SuggestionIndex {
  readonly #lower = new Map<string, string>();
  readonly #byFirst = new Map<string, string[]>();
  readonly #bySecond = new Map<string, string[]>();
  #queriesLeft = MAX_QUERIES;

  constructor(names: Iterable<string>) {
    for (const n of names) this.add(n);
  }

  add(name: string): void {
    const lower = name.toLowerCase();
    if (!this.#lower.has(lower)) this.#lower.set(lower, name);
    if (name.length > MAX_COMPARED_LENGTH) return;
    const push = (map: Map<string, string[]>, key: string): void => {
      const list = map.get(key);
      if (list) list.push(name);
      else map.set(key, [name]);
    };
    push(this.#byFirst, `${lower.length}:${lower.slice(0, 1)}`);
    push(this.#bySecond, `${lower.length}:${lower.slice(1, 2)}`);
  }

  /** The closest name within a plausible distance (a case-insensitive exact match first), or undefined. */
  suggest(name: string): string | undefined {
    if (this.#queriesLeft <= 0) return undefined;
    this.#queriesLeft--;
    const lower = name.toLowerCase();
    const exact = this.#lower.get(lower);
    if (exact !== undefined && exact !== name) return exact;
    if (name.length > MAX_COMPARED_LENGTH) return undefined;
    const limit = limitFor(name);
    if (limit === 0) return undefined;
    let budget = MAX_COMPARISONS;
    let best: string | undefined;
    let bestD = limit + 1;
    const scan = (map: Map<string, string[]>, letter: string): void => {
      for (let d = 0; d <= limit && budget > 0; d++) {
        for (const len of d === 0 ? [lower.length] : [lower.length - d, lower.length + d]) {
          for (const c of map.get(`${len}:${letter}`) ?? []) {
            if (budget-- <= 0) return;
            if (c === name) continue;
            const dist = editDistance(lower, c.toLowerCase());
            if (dist < bestD) {
              bestD = dist;
              best = c;
            }
          }
        }
      }
    };
    scan(this.#byFirst, lower.slice(0, 1));
    if (best === undefined) scan(this.#bySecond, lower.slice(1, 2));
    return best;
  }
}

/**
 * The closest candidate within a plausible distance, or undefined: for small fixed lists (field names, strategies
 * of one actor). Builds an index per call, so repeated queries against one long list should share a
 * SuggestionIndex instead.
 */
export const didYouMean = (name: string, candidates: Iterable<string>): string | undefined =>
  new SuggestionIndex(candidates).suggest(name);

/** ` — did you mean "x"?` or the empty string. */
export const suggestion = (name: string, candidates: Iterable<string> | SuggestionIndex): string => {
  const s = candidates instanceof SuggestionIndex ? candidates.suggest(name) : didYouMean(name, candidates);
  return s === undefined ? '' : ` — did you mean "${s}"?`;
};
