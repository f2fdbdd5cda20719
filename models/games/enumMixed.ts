// All extreme Nash equilibria of a 2-player game (Gambit's enummixed): exact vertex enumeration of both
// best-response polytopes, then every completely labelled vertex pair. Correct for degenerate games too.
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, type Equilibrium } from './Equilibrium';
import { bimatrix, positiveIntegerMatrix, transpose } from './bimatrix';
import { enumerateVertices, hasLabel, type Vertex } from './enumerateVertices';
import { SolverLimitError } from './SolverLimitError';

export type EnumMixedOptions = {
  /**
   * Work budget for each best-response polytope, in exact tableau entries computed (about 3·10⁶ per second;
   * default: no limit). Over budget → SolverLimitError, never a partial answer.
   */
  readonly maxWork?: number;
};

const toMixed = (v: Vertex): Rational[] => {
  let sum = 0n;
  for (const x of v.num) sum += x;
  return v.num.map((x) => Rational.of(x, sum));
};

const isZero = (v: Vertex): boolean => v.num.every((x) => x === 0n);

/**
 * Every extreme equilibrium, verified; `component` groups extreme equilibria into connected components
 * (two extreme equilibria are connected when they share one player's strategy, as in Gambit).
 * Exact when the game is exact; float-mode games are solved exactly on their decimal values and reported as floats.
 *
 * Source: Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of Nash equilibria for two-player games",
 * Economic Theory 42 (the vertex-pair method, after Mangasarian 1964); von Stengel 2002, §3.4. Shapes: a 2-player
 * game (m × n); every profile[player][strategy] is a probability. Errors: RangeError for a game that is not
 * 2-player; SolverLimitError when opts.maxWork would be exceeded (never a partial list).
 */
export const enumMixed = (game: Game, opts: EnumMixedOptions = {}): Equilibrium[] => {
  const { m, n, A, B } = bimatrix(game);
  const maxWork = opts.maxWork ?? Infinity;
  const onLimit = (): never => {
    throw new SolverLimitError(
      'enummixed',
      `the ${m}×${n} game is too large to enumerate every equilibrium exactly (it needs more than the allowed ${maxWork} units of work)`,
    );
  };
  const labelsTotal = m + n;
  const words = Math.ceil(labelsTotal / 32);
  // P = {x >= 0 : B'^T x <= 1}: local labels coincide with global ones (x_i -> i, constraint j -> m + j).
  const P = enumerateVertices(transpose(positiveIntegerMatrix(B)), maxWork, onLimit).filter(
    (v) => !isZero(v),
  );
  // Q = {y >= 0 : A' y <= 1}: local label t < n (y_t = 0) -> m + t; local n + i (row i tight) -> i.
  const Q = enumerateVertices(positiveIntegerMatrix(A), maxWork, onLimit)
    .filter((v) => !isZero(v))
    .map((v) => {
      const labels = new Uint32Array(words);
      for (let t = 0; t < labelsTotal; t++) {
        if (!hasLabel(v.labels, t)) continue;
        const g = t < n ? m + t : t - n;
        labels[g >>> 5] = (labels[g >>> 5] as number) | (1 << (g & 31));
      }
      return { ...v, labels };
    });
  const full = new Uint32Array(words);
  for (let t = 0; t < labelsTotal; t++) full[t >>> 5] = (full[t >>> 5] as number) | (1 << (t & 31));
  const popcount = (l: Uint32Array): number => {
    let c = 0;
    for (const w of l) {
      let v = w >>> 0;
      while (v) {
        v &= v - 1;
        c++;
      }
    }
    return c;
  };
  const covers = (la: Uint32Array, lb: Uint32Array): boolean => {
    for (let w = 0; w < words; w++) {
      if (((la[w] as number) | (lb[w] as number)) >>> 0 !== (full[w] as number) >>> 0) return false;
    }
    return true;
  };
  // Nondegenerate Q vertices (exactly n labels) are found by hashing the complement of a P vertex's labels;
  // degenerate ones (more labels) and degenerate P vertices are matched by a direct scan.
  const qByLabels = new Map<string, number[]>();
  const qDegenerate: number[] = [];
  Q.forEach((v, b) => {
    if (popcount(v.labels) === n) {
      const k = v.labels.join(',');
      const list = qByLabels.get(k);
      if (list) list.push(b);
      else qByLabels.set(k, [b]);
    } else qDegenerate.push(b);
  });
  const pairs: [number, number][] = [];
  const complement = new Uint32Array(words);
  for (let a = 0; a < P.length; a++) {
    const la = (P[a] as Vertex).labels;
    const matches: number[] = [];
    if (popcount(la) === m) {
      for (let w = 0; w < words; w++) complement[w] = ((full[w] as number) & ~(la[w] as number)) >>> 0;
      matches.push(...(qByLabels.get(complement.join(',')) ?? []));
      for (const b of qDegenerate) if (covers(la, (Q[b] as Vertex).labels)) matches.push(b);
    } else {
      for (let b = 0; b < Q.length; b++) if (covers(la, (Q[b] as Vertex).labels)) matches.push(b);
    }
    matches.sort((x, y) => x - y);
    for (const b of matches) pairs.push([a, b]);
  }
  // Connected components (union-find over x-vertices and y-vertices).
  const parent = Array.from({ length: P.length + Q.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (const [a, b] of pairs) parent[find(a)] = find(P.length + b);
  const exact = game.exact !== null;
  const eqs = pairs.map(([a, b]) => {
    const x = toMixed(P[a] as Vertex);
    const y = toMixed(Q[b] as Vertex);
    const profile = exact ? [x, y] : [x.map((v) => v.toNumber()), y.map((v) => v.toNumber())];
    return { eq: makeEquilibrium(game, 'enummixed', profile), root: find(a), key: [x, y] };
  });
  eqs.sort((e, f) => compareProfiles(e.key, f.key));
  const compIds = new Map<number, number>();
  return eqs.map(({ eq, root }) => {
    if (!compIds.has(root)) compIds.set(root, compIds.size);
    return { ...eq, component: compIds.get(root) as number };
  });
};

/** Deterministic order: lexicographically by probabilities, larger first (pure first strategies first). */
const compareProfiles = (
  p: readonly (readonly Rational[])[],
  q: readonly (readonly Rational[])[],
): number => {
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as readonly Rational[];
    const b = q[i] as readonly Rational[];
    for (let j = 0; j < a.length; j++) {
      const c = (b[j] as Rational).cmp(a[j] as Rational);
      if (c !== 0) return c;
    }
  }
  return 0;
};
