// Test helpers for trees: an independent brute-force equilibrium check (every full pure strategy of every player,
// payoffs by direct evaluation of the tree), tree ↔ nested spec conversion, action permutations.
import type { Num } from '../../../../models/games/Equilibrium';
import { Rational } from '../../../../models/games/Rational';
import type { GameTree, TreeNode } from '../../../../models/games/extensive/GameTree';
import { makeTree, type NodeSpec, type TreeSpec } from '../../../../models/games/extensive/makeTree';
import { subgameRoots } from '../../../../models/games/extensive/subgameRoots';

const R = (v: Num): Rational => (v instanceof Rational ? v : Rational.from(v));

/** Expected payoffs from node `root` of an exact tree under a behaviour profile, by direct recursion on the tree. */
export const directPayoffs = (
  tree: GameTree,
  behaviour: readonly (readonly (readonly Num[])[])[],
  root = 0,
): Rational[] => {
  const P = tree.players.length;
  const go = (n: number, acc: Rational[]): Rational[] => {
    const node = tree.nodes[n] as TreeNode;
    const here =
      node.outcome >= 0
        ? acc.map((v, p) => v.add((tree.outcomes[node.outcome]?.exact as Rational[])[p] as Rational))
        : acc;
    if (node.kind === 'terminal') return here;
    const out = new Array<Rational>(P).fill(Rational.ZERO);
    node.children.forEach((c, a) => {
      const w =
        node.kind === 'chance'
          ? ((tree.chance[node.infoset]?.exactProbs as Rational[])[a] as Rational)
          : R((behaviour[node.player]?.[node.infoset] as readonly Num[])[a] as Num);
      if (w.isZero()) return;
      go(c, here).forEach((v, p) => (out[p] = (out[p] as Rational).add(w.mul(v))));
    });
    return out;
  };
  // Outcomes above the root are constant in the subgame and do not change regrets; start from zero.
  return go(root, new Array<Rational>(P).fill(Rational.ZERO));
};

/** Every full pure strategy (one action per information set) of a player, as behaviour rows; null if more than `limit`. */
export const fullPureStrategies = (
  tree: GameTree,
  player: number,
  limit = 5_000,
  only?: (k: number) => boolean,
): Rational[][][] | null => {
  const sets = tree.infosets[player] ?? [];
  const which = sets.map((_, k) => k).filter((k) => !only || only(k));
  let count = 1;
  for (const k of which) count *= sets[k]?.actions.length ?? 1;
  if (count > limit) return null;
  const out: Rational[][][] = [];
  const pos = new Array<number>(which.length).fill(0);
  for (let i = 0; i < count; i++) {
    const rows = sets.map((s) => s.actions.map(() => Rational.ZERO));
    which.forEach((k, j) => ((rows[k] as Rational[])[pos[j] as number] = Rational.ONE));
    out.push(rows);
    for (let j = 0; j < pos.length; j++) {
      pos[j] = (pos[j] as number) + 1;
      if ((pos[j] as number) < (sets[which[j] as number]?.actions.length as number)) break;
      pos[j] = 0;
    }
  }
  return out;
};

/**
 * Largest gain of any player switching to any full pure strategy (brute force; exact). In a subgame (root ≠ 0)
 * only information sets inside it are switched. Zero rows of the deviator are replaced wholesale by the
 * deviation, so unspecified sets are handled. Returns null when a strategy set is too large.
 */
export const bruteForceRegret = (
  tree: GameTree,
  behaviour: readonly (readonly (readonly Num[])[])[],
  root = 0,
): Rational | null => {
  const end = (() => {
    let e = root + 1;
    const stack = [root];
    while (stack.length) {
      const n = stack.pop() as number;
      e = Math.max(e, n + 1);
      const node = tree.nodes[n] as TreeNode;
      if (node.kind !== 'terminal') stack.push(...node.children);
    }
    return e;
  })();
  const current = directPayoffs(tree, behaviour, root);
  let worst = Rational.ZERO;
  for (let p = 0; p < tree.players.length; p++) {
    const inside = (k: number): boolean => {
      const first = tree.infosets[p]?.[k]?.nodes[0] as number;
      return first >= root && first < end;
    };
    const strategies = fullPureStrategies(tree, p, 5_000, inside);
    if (!strategies) return null;
    for (const s of strategies) {
      const dev = behaviour.map((rows, q) =>
        q === p
          ? (rows as readonly (readonly Num[])[]).map((row, k) => (inside(k) ? (s[k] as Rational[]) : row))
          : rows,
      );
      const gain = (directPayoffs(tree, dev, root)[p] as Rational).sub(current[p] as Rational);
      if (gain.gt(worst)) worst = gain;
    }
  }
  return worst;
};

/** Brute-force regret in every subgame (max over subgame roots). */
export const bruteForceSubgameRegret = (
  tree: GameTree,
  behaviour: readonly (readonly (readonly Num[])[])[],
): Rational | null => {
  let worst = Rational.ZERO;
  for (const r of subgameRoots(tree)) {
    const g = bruteForceRegret(tree, behaviour, r);
    if (g === null) return null;
    if (g.gt(worst)) worst = g;
  }
  return worst;
};

/** The nested spec of a tree (information-set numbers kept). */
export const treeToSpec = (tree: GameTree): TreeSpec => {
  const node = (n: number): NodeSpec => {
    const nd = tree.nodes[n] as TreeNode;
    const o = nd.outcome >= 0 ? tree.outcomes[nd.outcome] : undefined;
    const extra = o
      ? { payoffs: (o.exact ?? o.payoffs) as readonly (Rational | number)[], outcomeLabel: o.label }
      : {};
    if (nd.kind === 'terminal') return { kind: 'terminal', label: nd.label, ...extra };
    if (nd.kind === 'chance') {
      const s = tree.chance[nd.infoset];
      return {
        kind: 'chance',
        label: nd.label,
        infoset: s?.number,
        infosetLabel: s?.label,
        actions: s?.actions ?? [],
        probs: (s?.exactProbs ?? s?.probs ?? []) as readonly (Rational | number)[],
        children: nd.children.map(node),
        ...extra,
      };
    }
    const s = tree.infosets[nd.player]?.[nd.infoset];
    return {
      kind: 'decision',
      label: nd.label,
      player: nd.player,
      infoset: s?.number,
      infosetLabel: s?.label,
      actions: s?.actions ?? [],
      children: nd.children.map(node),
      ...extra,
    };
  };
  return {
    title: tree.title,
    comment: tree.comment,
    players: tree.players,
    root: node(0),
    exact: tree.exact,
  };
};

/**
 * The same game with the actions of information set k of player p reordered: new action j is old action perm[j]
 * (children follow). Labels renamed with `rename` everywhere (identity by default).
 */
export const permuteActions = (
  tree: GameTree,
  p: number,
  k: number,
  perm: readonly number[],
  rename: (s: string) => string = (s) => s,
): GameTree => {
  const number = tree.infosets[p]?.[k]?.number;
  const walk = (s: NodeSpec): NodeSpec => {
    const base = {
      ...s,
      label: rename(s.label ?? ''),
      ...(s.outcomeLabel !== undefined ? { outcomeLabel: rename(s.outcomeLabel) } : {}),
    };
    if (s.kind === 'terminal') return base as NodeSpec;
    const children = s.children.map(walk);
    const infosetLabel = rename(s.infosetLabel ?? '');
    if (s.kind === 'decision' && s.player === p && s.infoset === number) {
      return {
        ...s,
        ...base,
        infosetLabel,
        kind: 'decision',
        actions: perm.map((j) => rename(s.actions[j] as string)),
        children: perm.map((j) => children[j] as NodeSpec),
      };
    }
    if (s.kind === 'chance')
      return { ...s, ...base, infosetLabel, kind: 'chance', actions: s.actions.map(rename), children };
    return { ...s, ...base, infosetLabel, kind: 'decision', actions: s.actions.map(rename), children };
  };
  const spec = treeToSpec(tree);
  return makeTree({
    ...spec,
    players: spec.players.map(rename),
    title: rename(spec.title),
    root: walk(spec.root),
  });
};

/** A behaviour profile as a string key (exact values). */
export const behaviourKey = (b: readonly (readonly (readonly Num[])[])[]): string =>
  b.map((sets) => sets.map((row) => row.map((v) => R(v).toString()).join(',')).join(';')).join('|');

/** Zero the rows of information sets that the player's own (pure or mixed) behaviour never reaches (Gambit's form). */
export const reduceBehaviour = (
  tree: GameTree,
  b: readonly (readonly (readonly Num[])[])[],
): Rational[][][] =>
  b.map((sets, p) => {
    // A set is reached by its player's own play if, on the path to some member, every own move has positive weight.
    const reached = (tree.infosets[p] ?? []).map((s) =>
      s.nodes.some((h) => {
        let n = h;
        while (n > 0) {
          const node = tree.nodes[n] as TreeNode;
          const par = tree.nodes[node.parent] as TreeNode;
          if (
            par.kind === 'decision' &&
            par.player === p &&
            R((sets[par.infoset] as readonly Num[])[node.action] as Num).isZero()
          )
            return false;
          if (
            par.kind === 'chance' &&
            ((tree.chance[par.infoset]?.exactProbs as Rational[])[node.action] as Rational).isZero()
          )
            return false;
          n = node.parent;
        }
        return true;
      }),
    );
    return sets.map((row, k) => (reached[k] ? row.map(R) : row.map(() => Rational.ZERO)));
  });
