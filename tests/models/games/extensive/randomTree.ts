// Random game trees with perfect recall (for property tests and the recorded Gambit cross-check): a deterministic
// generator from a seed. Information sets join nodes of one player with the same own history and action count,
// so perfect recall holds by construction; small integer payoffs make ties (degenerate games) common.
import { makeTree, type NodeSpec, type TreeSpec } from '../../../../models/games/extensive/makeTree';
import type { GameTree } from '../../../../models/games/extensive/GameTree';

/** mulberry32: a small deterministic PRNG. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export type RandomTreeOptions = {
  readonly players?: number;
  readonly maxDepth?: number;
  readonly maxActions?: number;
  /** Probability that a node merges into an existing compatible information set (0: perfect information). */
  readonly merge?: number;
  /** Probability of a chance node. */
  readonly chance?: number;
  /** Payoffs drawn from lo..hi (integers). */
  readonly payoffRange?: readonly [number, number];
  /** Probability that a non-terminal node carries an outcome too. */
  readonly innerOutcome?: number;
};

type Draft = {
  kind: 'terminal' | 'chance' | 'decision';
  player: number;
  actions: number;
  children: Draft[];
  depth: number;
  payoffs?: number[];
  probs?: string[];
  infoset?: number;
  key?: string;
};

const PROBS: string[][] = [
  ['1/2', '1/2'],
  ['1/3', '2/3'],
  ['1/4', '3/4'],
  ['1/3', '1/3', '1/3'],
  ['1/2', '1/4', '1/4'],
  ['1/6', '1/3', '1/2'],
];

/** A random tree spec with perfect recall (deterministic in `seed`). */
export const randomTreeSpec = (seed: number, opts: RandomTreeOptions = {}): TreeSpec => {
  const rnd = prng(seed);
  const P = opts.players ?? 2;
  const maxDepth = opts.maxDepth ?? 4;
  const maxActions = opts.maxActions ?? 3;
  const merge = opts.merge ?? 0.5;
  const chanceP = opts.chance ?? 0.15;
  const [lo, hi] = opts.payoffRange ?? [-2, 4];
  const int = (a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));
  const pay = (): number[] => Array.from({ length: P }, () => int(lo, hi));
  const build = (depth: number): Draft => {
    if (depth >= maxDepth || (depth > 0 && rnd() < 0.25))
      return { kind: 'terminal', player: -1, actions: 0, children: [], depth, payoffs: pay() };
    if (depth > 0 && rnd() < chanceP) {
      const probs = PROBS[int(0, PROBS.length - 1)] as string[];
      return {
        kind: 'chance',
        player: -1,
        actions: probs.length,
        children: probs.map(() => build(depth + 1)),
        depth,
        probs,
      };
    }
    const actions = int(2, maxActions);
    return {
      kind: 'decision',
      player: int(0, P - 1),
      actions,
      children: Array.from({ length: actions }, () => build(depth + 1)),
      depth,
    };
  };
  const root = build(0);
  // Breadth-first: assign information sets depth by depth (an own-history key is known once the shallower
  // own information sets are).
  const queue: { d: Draft; hist: string[] }[] = [{ d: root, hist: tree0Hist(P) }];
  const groups = new Map<string, number[]>();
  const counters = new Array<number>(P).fill(0);
  for (let q = 0; q < queue.length; q++) {
    const { d, hist } = queue[q] as { d: Draft; hist: string[] };
    if (d.kind === 'decision') {
      const key = `${d.player}|${hist[d.player]}|${d.actions}`;
      const existing = groups.get(key) ?? [];
      if (existing.length && rnd() < merge) d.infoset = existing[int(0, existing.length - 1)] as number;
      else {
        d.infoset = ++(counters[d.player] as number);
        existing.push(d.infoset);
        groups.set(key, existing);
      }
    }
    d.children.forEach((c, a) => {
      const h = hist.slice();
      if (d.kind === 'decision') h[d.player] = `${h[d.player]}/${d.infoset}:${a}`;
      queue.push({ d: c, hist: h });
    });
  }
  const toSpec = (d: Draft): NodeSpec => {
    if (d.kind === 'terminal') return { kind: 'terminal', payoffs: d.payoffs as number[] };
    const inner = opts.innerOutcome && rnd() < opts.innerOutcome ? { payoffs: pay() } : {};
    if (d.kind === 'chance') {
      return {
        kind: 'chance',
        actions: (d.probs as string[]).map((_, k) => `c${k + 1}`),
        probs: d.probs as string[],
        children: d.children.map(toSpec),
        ...inner,
      };
    }
    return {
      kind: 'decision',
      player: d.player,
      infoset: d.infoset as number,
      actions: Array.from({ length: d.actions }, (_, k) => `a${k + 1}`),
      children: d.children.map(toSpec),
      ...inner,
    };
  };
  return {
    title: `random tree ${seed}`,
    players: Array.from({ length: P }, (_, p) => `P${p + 1}`),
    root: toSpec(root),
  };
};

const tree0Hist = (P: number): string[] => new Array<string>(P).fill('');

export const randomTree = (seed: number, opts: RandomTreeOptions = {}): GameTree =>
  makeTree(randomTreeSpec(seed, opts));
