// Random .efg texts for the Gambit cross-check: 1–3 players, chance nodes with fraction and decimal probabilities
// (some zero), information sets with perfect recall (nodes of one player with the same own history and action count
// merged) or, when asked, without it; outcomes with and without commas, shared between leaves (by number alone or
// repeated), on inner nodes too, the null outcome on some leaves; odd labels (quotes, backslashes, braces, non-ASCII,
// empty); small payoff ranges so ties are common.

/** mulberry32. */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const PROBS: string[][] = [
  ['1/2', '1/2'],
  ['0.5', '0.5'],
  ['1/3', '2/3'],
  ['0.25', '0.75'],
  ['0', '1'],
  ['1/3', '1/3', '1/3'],
  ['0.2', '0.3', '1/2'],
  ['1/6', '0', '5/6'],
  ['0.125', '0.375', '0.5'],
  ['2/4', '0.50'],
];

// Labels Gambit 16.7 accepts (printable ASCII, no double or edge spaces), as written in the file (escaped).
const LABELS = ['a', 'B', 'say \\"no\\"', 'back\\\\slash', '{x}', '', 'L R', 'a,b', '1/2', 'NE', 'c', "it's"];
// Labels Gambit refuses (non-ASCII, double spaces) but Parley reads: used in one game in ten.
const ODD_LABELS = ['é', 'x  y', '\u00e9', 'Ω'];

type Draft = {
  kind: 't' | 'c' | 'p';
  player: number;
  actions: number;
  children: Draft[];
  probs?: string[];
  key?: string;
  set?: number;
};

export type RandomEfgOptions = { imperfectRecall?: boolean };

/** A random .efg text, deterministic in `seed`. */
export const randomEfg = (seed: number, opts: RandomEfgOptions = {}): string => {
  const rnd = prng(seed);
  const int = (a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const P = int(1, 3);
  const maxDepth = int(2, 4);
  const [lo, hi] = pick([
    [0, 1],
    [-1, 2],
    [-3, 5],
    [0, 0],
  ] as const);
  const chanceP = pick([0, 0.15, 0.3]);
  const merge = pick([0, 0.5, 0.9]);
  const build = (depth: number, hist: string[]): Draft => {
    if (depth >= maxDepth || (depth > 0 && rnd() < 0.25))
      return { kind: 't', player: -1, actions: 0, children: [] };
    if (rnd() < chanceP) {
      const probs = pick(PROBS);
      return {
        kind: 'c',
        player: -1,
        actions: probs.length,
        probs,
        children: probs.map(() => build(depth + 1, hist)),
      };
    }
    const player = int(0, P - 1);
    const actions = int(2, 3);
    const d: Draft = {
      kind: 'p',
      player,
      actions,
      children: [],
      key: `${player}/${actions}/${hist[player] ?? ''}`,
    };
    const self = `n${Math.floor(rnd() * 1e9)}`;
    for (let a = 0; a < actions; a++) {
      const h = hist.slice();
      h[player] = `${hist[player] ?? ''}|${self}.${a}`;
      d.children.push(build(depth + 1, h));
    }
    return d;
  };
  const labels = rnd() < 0.1 ? [...LABELS, ...ODD_LABELS] : LABELS;
  const root = build(
    0,
    Array.from({ length: P }, () => ''),
  );
  // Information sets: merge nodes with the same key (player, action count, own history); with imperfect recall,
  // with the same player and action count only.
  const all: Draft[] = [];
  const walk = (d: Draft): void => {
    all.push(d);
    d.children.forEach(walk);
  };
  walk(root);
  const next = new Array<number>(P).fill(0);
  const open = new Map<string, number[]>();
  for (const d of all) {
    if (d.kind !== 'p') continue;
    const k = opts.imperfectRecall ? `${d.player}/${d.actions}` : (d.key as string);
    const cands = open.get(k) ?? [];
    if (cands.length && rnd() < merge) d.set = pick(cands);
    else {
      next[d.player] = (next[d.player] as number) + 1;
      d.set = next[d.player] as number;
      cands.push(d.set);
      open.set(k, cands);
    }
  }
  // Perfect recall also needs: no two nodes of one set on one path, and same-key nodes are never ancestors of each
  // other (the key includes the own history, which grows along the path), so the merge above is sound.
  const lines: string[] = [];
  const names = Array.from({ length: P }, (_, p) => (rnd() < 0.2 ? `P${p + 1} \\"q\\"` : `Player ${p + 1}`));
  const commas = rnd() < 0.5;
  lines.push(
    `EFG 2 R "random ${seed}${rnd() < 0.3 ? ' \\\\ odd \\"title\\"' : ''}" { ${names.map((n) => `"${n}"`).join(' ')} }`,
  );
  lines.push(`"seed ${seed} ${opts.imperfectRecall ? 'imperfect recall' : 'perfect recall'}"`, '');
  const outcomes: { pay: string[]; label: string }[] = [];
  const setLabels = new Map<string, string>();
  const seenSets = new Set<string>();
  let chanceSets = 0;
  let nodeCount = 0;
  const outcome = (inner: boolean): string => {
    if (inner && rnd() < 0.8) return '0';
    if (!inner && rnd() < 0.05) return '0';
    if (outcomes.length && rnd() < 0.25) {
      const k = int(1, outcomes.length);
      const o = outcomes[k - 1] as { pay: string[]; label: string };
      return rnd() < 0.5 ? String(k) : `${k} "${o.label}" { ${o.pay.join(commas ? ', ' : ' ')} }`;
    }
    const pay = Array.from({ length: P }, () => {
      const v = int(lo, hi);
      const f = rnd();
      return f < 0.1 ? `${v}/2` : f < 0.15 ? `${v}.5` : f < 0.2 ? `${v}.0` : String(v);
    });
    const k = outcomes.length + 1;
    const label = rnd() < 0.2 ? pick(labels) : `o${k}`;
    outcomes.push({ pay, label });
    return `${k} "${label}" { ${pay.join(commas ? ', ' : ' ')} }`;
  };
  const emit = (d: Draft): void => {
    // Gambit needs non-empty node labels to be unique.
    const nl = rnd() < 0.3 ? `${pick(labels)}${++nodeCount}` : '';
    if (d.kind === 't') lines.push(`t "${nl}" ${outcome(false)}`);
    else if (d.kind === 'c') {
      chanceSets++;
      const acts = (d.probs as string[]).map((p, a) => `"${rnd() < 0.1 ? pick(labels) : `c${a + 1}`}" ${p}`);
      lines.push(`c "${nl}" ${chanceSets} "" { ${acts.join(' ')} } ${outcome(true)}`);
    } else {
      const key = `${d.player}:${d.set}`;
      const first = !seenSets.has(key);
      seenSets.add(key);
      if (first) setLabels.set(key, rnd() < 0.2 ? pick(labels) : '');
      const acts = Array.from({ length: d.actions }, (_, a) => `"${String.fromCharCode(97 + a)}${d.set}"`);
      // A repeated definition (optional) must equal the first.
      const setPart = first || rnd() < 0.5 ? ` "${setLabels.get(key) ?? ''}" { ${acts.join(' ')} }` : '';
      lines.push(`p "${nl}" ${d.player + 1} ${d.set}${setPart} ${outcome(true)}`);
    }
    d.children.forEach(emit);
  };
  emit(root);
  return `${lines.join('\n')}\n`;
};
