// An independent reading of Gambit .efg files and an independent exact verifier of behaviour profiles, for the
// cross-check against Gambit (scripts/efgCrossCheck/main.ts). Shares no code with models/games/extensive/ on
// purpose (only the Rational number type), so a bug there cannot hide itself here.
import { Rational } from '../../models/games/Rational';

export type Tok = { kind: 'w' | 's' | '{' | '}'; text: string };

/** Tokens of a .efg file: words, quoted strings (\" and \\ escapes), braces; commas are blanks. */
export const tokens = (text: string): Tok[] => {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s|,/.test(c)) i++;
    else if (c === '{' || c === '}') {
      out.push({ kind: c, text: c });
      i++;
    } else if (c === '"') {
      let s = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        s += text[i];
        i++;
      }
      if (i >= text.length) throw new Error('unterminated string');
      i++;
      out.push({ kind: 's', text: s });
    } else {
      let w = '';
      while (i < text.length && !/[\s,{}"]/.test(text[i] as string)) w += text[i++];
      out.push({ kind: 'w', text: w });
    }
  }
  return out;
};

export type XNode = {
  kind: 't' | 'c' | 'p';
  /** 0-based player; -1 for chance and terminal. */
  player: number;
  /** Information set number in the file (chance: its chance set number). */
  set: number;
  children: number[];
  parent: number;
  /** Own payoff vector of the node's outcome (zeros for the null outcome). */
  pay: Rational[];
};

export type XSet = {
  player: number;
  number: number;
  actions: number;
  probs: Rational[] | null;
  nodes: number[];
};

export type XTree = {
  players: number;
  nodes: XNode[];
  /** Decision information sets per player, in ascending order of number (Parley's JSON order). */
  sets: XSet[][];
  /** Per player, indices into sets[p] in Gambit's order (by first node in preorder). */
  gambitOrder: number[][];
  chance: Map<number, XSet>;
};

const num = (w: string): Rational => {
  const r = Rational.parse(w);
  if (!r) throw new Error(`bad number ${w}`);
  return r;
};

/** Parse a well-formed .efg file (throws on anything unexpected; used on inputs both solvers accepted). */
export const parseEfg = (text: string): XTree => {
  const t = tokens(text);
  let i = 0;
  const next = (): Tok => {
    const x = t[i++];
    if (!x) throw new Error('unexpected end');
    return x;
  };
  if (next().text !== 'EFG') throw new Error('no EFG');
  next();
  next();
  next(); // title
  if (next().kind !== '{') throw new Error('no {');
  let players = 0;
  while (t[i]?.kind === 's') {
    i++;
    players++;
  }
  next();
  if (t[i]?.kind === 's') i++; // comment
  const outcomes = new Map<number, Rational[]>();
  const zero = (): Rational[] => Array.from({ length: players }, () => Rational.ZERO);
  const readOutcome = (): Rational[] => {
    const id = Number(next().text);
    if (t[i]?.kind === 's') {
      i++;
      next(); // {
      const pay: Rational[] = [];
      while (t[i]?.kind === 'w') pay.push(num(next().text));
      next(); // }
      if (!outcomes.has(id)) outcomes.set(id, pay);
    }
    return id === 0 ? zero() : (outcomes.get(id) ?? zero());
  };
  const nodes: XNode[] = [];
  const setMap = new Map<string, XSet>();
  const chance = new Map<number, XSet>();
  const parse = (parent: number): number => {
    const k = next().text as 't' | 'c' | 'p';
    next(); // node label
    const me = nodes.length;
    const node: XNode = { kind: k, player: -1, set: 0, children: [], parent, pay: [] };
    nodes.push(node);
    if (k === 't') {
      node.pay = readOutcome();
      return me;
    }
    if (k === 'p') node.player = Number(next().text) - 1;
    node.set = Number(next().text);
    let actions = -1;
    let probs: Rational[] | null = null;
    if (t[i]?.kind === 's') {
      i++;
      next(); // {
      actions = 0;
      probs = k === 'c' ? [] : null;
      while (t[i]?.kind === 's') {
        i++;
        actions++;
        if (k === 'c') probs?.push(num(next().text));
      }
      next(); // }
    }
    const key = `${node.player}:${node.set}`;
    let s = k === 'c' ? chance.get(node.set) : setMap.get(key);
    if (!s) {
      s = { player: node.player, number: node.set, actions, probs, nodes: [] };
      if (k === 'c') chance.set(node.set, s);
      else setMap.set(key, s);
    }
    s.nodes.push(me);
    node.pay = readOutcome();
    for (let a = 0; a < s.actions; a++) node.children.push(parse(me));
    return me;
  };
  parse(-1);
  const sets: XSet[][] = Array.from({ length: players }, () => []);
  for (const s of setMap.values()) sets[s.player]?.push(s);
  for (const ss of sets) ss.sort((a, b) => a.number - b.number);
  const gambitOrder = sets.map((ss) =>
    ss.map((_, k) => k).sort((a, b) => (ss[a]?.nodes[0] as number) - (ss[b]?.nodes[0] as number)),
  );
  return { players, nodes, sets, gambitOrder, chance };
};

export type Profile = Rational[][][];

/** Flatten a profile (Parley order) in Gambit's order, as canonical fraction strings. */
export const flatKey = (tr: XTree, b: Profile): string =>
  tr.gambitOrder.flatMap((ks, p) => ks.flatMap((k) => (b[p]?.[k] ?? []).map((v) => v.toString()))).join(',');

/** A Gambit output line (after NE,) as a profile in Parley order. */
export const unflatGambit = (tr: XTree, line: string): Profile => {
  const vals = line.split(',').map((s) => num(s.trim()));
  const out: Profile = tr.sets.map((ss) =>
    ss.map((s) => Array.from({ length: s.actions }, () => Rational.ZERO)),
  );
  let i = 0;
  tr.gambitOrder.forEach((ks, p) =>
    ks.forEach((k) => {
      const row = out[p]?.[k] as Rational[];
      for (let a = 0; a < row.length; a++) row[a] = vals[i++] as Rational;
    }),
  );
  if (i !== vals.length) throw new Error(`gambit line has ${vals.length} numbers, expected ${i}`);
  return out;
};

export const canonicalGambitLine = (line: string): string =>
  line
    .split(',')
    .map((s) => num(s.trim()).toString())
    .join(',');

/** Index of a node's set in tr.sets[player]. */
const setIndex = (tr: XTree): Map<number, number> => {
  const m = new Map<number, number>();
  tr.sets.forEach((ss) => ss.forEach((s, k) => s.nodes.forEach((n) => m.set(n, k))));
  return m;
};

export type Verdict = {
  /** Nash regret per player (exact). */
  regret: Rational[];
  payoffs: Rational[];
  /** Problems with the profile's form (rows not summing to 1, unspecified rows the player's own play reaches). */
  problems: string[];
  /** The verifier needs perfect recall; false if a best-response recursion looped. */
  applicable: boolean;
};

/**
 * Exact Nash check of a behaviour profile in the subgame rooted at `root`: for each player the best-response value
 * against the others (dynamic programming over the player's information sets; needs perfect recall) minus the
 * profile's value. Outcomes above the root are ignored (constants in the subgame).
 */
export const verify = (tr: XTree, b: Profile, root = 0): Verdict => {
  const idx = setIndex(tr);
  const problems: string[] = [];
  const P = tr.players;
  b.forEach((ss, p) =>
    ss.forEach((row, k) => {
      const sum = row.reduce((a, v) => a.add(v), Rational.ZERO);
      if (row.some((v) => v.sign() < 0))
        problems.push(`player ${p + 1} set #${tr.sets[p]?.[k]?.number}: negative`);
      if (!sum.isZero() && !sum.equals(Rational.ONE))
        problems.push(`player ${p + 1} set #${tr.sets[p]?.[k]?.number}: row sums to ${sum}`);
    }),
  );
  const prob = (h: number, a: number): Rational => {
    const n = tr.nodes[h] as XNode;
    if (n.kind === 'c') return (tr.chance.get(n.set)?.probs?.[a] as Rational) ?? Rational.ZERO;
    return b[n.player]?.[idx.get(h) as number]?.[a] ?? Rational.ZERO;
  };
  // Subtree node list (preorder from root).
  const sub: number[] = [];
  const stack = [root];
  while (stack.length) {
    const h = stack.pop() as number;
    sub.push(h);
    const ch = (tr.nodes[h] as XNode).children;
    for (let a = ch.length - 1; a >= 0; a--) stack.push(ch[a] as number);
  }
  // Full reach and own-reach per player.
  const reach = new Map<number, Rational>([[root, Rational.ONE]]);
  const own: Map<number, Rational>[] = Array.from({ length: P }, () => new Map([[root, Rational.ONE]]));
  for (const h of sub) {
    const n = tr.nodes[h] as XNode;
    n.children.forEach((c, a) => {
      const pr = prob(h, a);
      reach.set(c, (reach.get(h) as Rational).mul(pr));
      for (let p = 0; p < P; p++) {
        const o = own[p] as Map<number, Rational>;
        o.set(c, n.kind === 'p' && n.player === p ? (o.get(h) as Rational).mul(pr) : (o.get(h) as Rational));
      }
    });
  }
  // Unspecified (all-zero) rows that the player's own play reaches.
  for (const h of sub) {
    const n = tr.nodes[h] as XNode;
    if (n.kind !== 'p') continue;
    const row = b[n.player]?.[idx.get(h) as number] ?? [];
    if (row.every((v) => v.isZero()) && !(own[n.player]?.get(h) as Rational).isZero())
      problems.push(`player ${n.player + 1} set #${n.set}: unspecified but reached by the player's own play`);
  }
  const payoffs = Array.from({ length: P }, (_, p) =>
    sub.reduce(
      (acc, h) => acc.add((reach.get(h) as Rational).mul((tr.nodes[h] as XNode).pay[p] as Rational)),
      Rational.ZERO,
    ),
  );
  let applicable = true;
  const regret = payoffs.map((u, i) => {
    // pi[h]: reach by chance and the others only.
    const pi = new Map<number, Rational>([[root, Rational.ONE]]);
    for (const h of sub) {
      const n = tr.nodes[h] as XNode;
      n.children.forEach((c, a) =>
        pi.set(
          c,
          n.kind === 'p' && n.player === i
            ? (pi.get(h) as Rational)
            : (pi.get(h) as Rational).mul(prob(h, a)),
        ),
      );
    }
    const W = new Map<number, Rational>();
    const choice = new Map<number, number>();
    const busy = new Set<number>();
    const decide = (k: number): number => {
      const c = choice.get(k);
      if (c !== undefined) return c;
      if (busy.has(k)) {
        applicable = false;
        return 0;
      }
      busy.add(k);
      const s = tr.sets[i]?.[k] as XSet;
      const inSub = s.nodes.filter((h) => pi.has(h));
      let best = 0;
      let bestV: Rational | null = null;
      for (let a = 0; a < s.actions; a++) {
        const v = inSub.reduce(
          (acc, h) => acc.add(value((tr.nodes[h] as XNode).children[a] as number)),
          Rational.ZERO,
        );
        if (bestV === null || v.cmp(bestV) > 0) {
          bestV = v;
          best = a;
        }
      }
      busy.delete(k);
      choice.set(k, best);
      return best;
    };
    const value = (h: number): Rational => {
      const m = W.get(h);
      if (m) return m;
      const n = tr.nodes[h] as XNode;
      let v = (pi.get(h) as Rational).mul(n.pay[i] as Rational);
      if (n.kind === 'p' && n.player === i)
        v = v.add(value(n.children[decide(idx.get(h) as number)] as number));
      else for (const c of n.children) v = v.add(value(c));
      W.set(h, v);
      return v;
    };
    return value(root).sub(u);
  });
  return { regret, payoffs, problems, applicable };
};

/** Subgame roots: decision or chance nodes whose subtree contains every node of every information set it meets. */
export const subgameRoots = (tr: XTree): number[] => {
  const idx = setIndex(tr);
  const roots: number[] = [];
  const subtree = (r: number): Set<number> => {
    const s = new Set<number>();
    const st = [r];
    while (st.length) {
      const h = st.pop() as number;
      s.add(h);
      st.push(...(tr.nodes[h] as XNode).children);
    }
    return s;
  };
  tr.nodes.forEach((n, r) => {
    if (n.kind === 't') return;
    const s = subtree(r);
    let ok = true;
    for (const h of s) {
      const m = tr.nodes[h] as XNode;
      if (m.kind !== 'p') continue;
      const set = tr.sets[m.player]?.[idx.get(h) as number] as XSet;
      if (set.nodes.some((x) => !s.has(x))) {
        ok = false;
        break;
      }
    }
    if (ok) roots.push(r);
  });
  return roots;
};

/** Perfect recall (each player's information set: all members share the player's own history of (set, action)). */
export const perfectRecall = (tr: XTree): boolean => {
  const idx = setIndex(tr);
  const hist = new Map<number, string[]>();
  const walk = (h: number, hs: string[]): void => {
    hist.set(h, hs);
    const n = tr.nodes[h] as XNode;
    n.children.forEach((c, a) => {
      const nh = hs.slice();
      if (n.kind === 'p') nh[n.player] = `${nh[n.player] ?? ''}|${idx.get(h)}.${a}`;
      walk(c, nh);
    });
  };
  walk(
    0,
    Array.from({ length: tr.players }, () => ''),
  );
  return tr.sets.every((ss, p) =>
    ss.every((s) =>
      s.nodes.every((h) => (hist.get(h)?.[p] ?? '') === (hist.get(s.nodes[0] as number)?.[p] ?? '')),
    ),
  );
};
