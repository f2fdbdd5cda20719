// Builds a GameTree node by node in preorder (used by makeTree and by the .efg reader): information sets and
// outcomes are identified by their numbers, checked for consistency where they are met again, and the finished
// tree is validated.
import type { Rational } from '../Rational';
import type { ChanceInfoset, GameTree, Infoset, Outcome, TreeNode } from './GameTree';
import { validateTree } from './validateTree';

/** Called with a problem; must throw (the reader adds the file and line, makeTree the node path). */
export type Fail = (problem: string) => never;

/** A number as the builder keeps it: its float value and, when known, its exact value. */
export type BuiltNumber = { readonly value: number; readonly exact: Rational | null };

type SetDraft = {
  number: number;
  label: string;
  actions: string[];
  probs: BuiltNumber[] | null;
  nodes: number[];
};

type NodeDraft =
  | { kind: 'terminal'; label: string; parent: number; action: number; outcome: number }
  | {
      kind: 'chance' | 'decision';
      label: string;
      parent: number;
      action: number;
      outcome: number;
      player: number;
      /** Index into the drafts of its player (chance: -1) before sorting by number. */
      draft: number;
      children: number[];
    };

/** Largest key ever set in each number map (0 when none), kept at insertion so that new numbers cost O(1). */
const maxKeys = new WeakMap<Map<number, number>, number>();
const maxKey = (m: Map<number, number>): number => maxKeys.get(m) ?? 0;
const setKey = (m: Map<number, number>, k: number, v: number): void => {
  m.set(k, v);
  if (k > maxKey(m)) maxKeys.set(m, k);
};

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, k) => v === b[k]);

export class TreeBuilder {
  private readonly sets: SetDraft[][];
  private readonly chanceSets: SetDraft[] = [];
  private readonly setByNumber: Map<number, number>[];
  private readonly chanceByNumber = new Map<number, number>();
  private readonly outcomes: Outcome[] = [];
  private readonly outcomeByNumber = new Map<number, number>();
  private readonly nodes: NodeDraft[] = [];
  private exact = true;

  constructor(
    private readonly title: string,
    private readonly comment: string,
    private readonly players: readonly string[],
  ) {
    this.sets = players.map(() => []);
    this.setByNumber = players.map(() => new Map());
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  /** Record that some number is only known as a float (the tree will not be exact). */
  markInexact(): void {
    this.exact = false;
  }

  /**
   * The information set `number` of `player` (0-based), created on first use. `label`/`actions` (null: not given
   * here) must match an earlier definition. `number` null: a new information set numbered after every other.
   * Returns its draft index.
   */
  infoset(
    player: number,
    number: number | null,
    label: string | null,
    actions: readonly string[] | null,
    fail: Fail,
  ): number {
    const drafts = this.sets[player];
    const byNumber = this.setByNumber[player];
    if (!drafts || !byNumber)
      return fail(`player ${player + 1} does not exist (the game has ${this.players.length} players)`);
    return this.findOrCreate(drafts, byNumber, number, label, actions, null, fail, `player ${player + 1}`);
  }

  /** The chance information set `number` (see `infoset`); `probs` must match an earlier definition exactly. */
  chanceInfoset(
    number: number | null,
    label: string | null,
    actions: readonly string[] | null,
    probs: readonly BuiltNumber[] | null,
    fail: Fail,
  ): number {
    return this.findOrCreate(
      this.chanceSets,
      this.chanceByNumber,
      number,
      label,
      actions,
      probs,
      fail,
      'chance',
    );
  }

  private findOrCreate(
    drafts: SetDraft[],
    byNumber: Map<number, number>,
    number: number | null,
    label: string | null,
    actions: readonly string[] | null,
    probs: readonly BuiltNumber[] | null,
    fail: Fail,
    who: string,
  ): number {
    const num = number ?? maxKey(byNumber) + 1;
    const known = byNumber.get(num);
    if (known === undefined) {
      if (!actions)
        return fail(`${who}: information set ${num} is used before it is defined (no actions given)`);
      if (actions.length === 0) return fail(`${who}: information set ${num} needs at least one action`);
      if (who === 'chance' && (!probs || probs.length !== actions.length)) {
        return fail(`chance information set ${num} needs one probability per action`);
      }
      drafts.push({
        number: num,
        label: label ?? '',
        actions: [...actions],
        probs: probs ? [...probs] : null,
        nodes: [],
      });
      setKey(byNumber, num, drafts.length - 1);
      return drafts.length - 1;
    }
    const d = drafts[known] as SetDraft;
    if (label !== null && label !== d.label) {
      return fail(
        `${who}, information set ${num}: label "${label}" differs from its earlier definition "${d.label}"`,
      );
    }
    if (actions !== null && !sameList(actions, d.actions)) {
      return fail(
        `${who}, information set ${num}: actions {${actions.map((a) => `"${a}"`).join(' ')}} differ from its earlier definition {${d.actions.map((a) => `"${a}"`).join(' ')}}`,
      );
    }
    if (probs !== null && d.probs) {
      const differs = probs.some((p, k) => {
        const q = d.probs?.[k];
        if (!q) return true;
        return p.exact && q.exact ? !p.exact.equals(q.exact) : p.value !== q.value;
      });
      if (differs || probs.length !== d.probs.length) {
        return fail(`chance information set ${num}: probabilities differ from its earlier definition`);
      }
    }
    return known;
  }

  /**
   * The outcome `number` (≥ 1) with optional label and payoffs (null: a reference to an earlier definition, which
   * must exist). `number` null: a new outcome. Returns its index.
   */
  outcome(
    number: number | null,
    label: string | null,
    payoffs: readonly BuiltNumber[] | null,
    fail: Fail,
  ): number {
    const num = number ?? maxKey(this.outcomeByNumber) + 1;
    const known = this.outcomeByNumber.get(num);
    if (known === undefined) {
      if (!payoffs) return fail(`outcome ${num} is used before it is defined`);
      if (payoffs.length !== this.players.length) {
        return fail(
          `outcome ${num} has ${payoffs.length} payoffs but the game has ${this.players.length} players`,
        );
      }
      if (payoffs.some((v) => v.exact === null)) this.exact = false;
      this.outcomes.push({
        number: num,
        label: label ?? '',
        payoffs: payoffs.map((v) => (v.value === 0 ? 0 : v.value)),
        exact: payoffs.every((v) => v.exact) ? payoffs.map((v) => v.exact as Rational) : null,
      });
      setKey(this.outcomeByNumber, num, this.outcomes.length - 1);
      return this.outcomes.length - 1;
    }
    const o = this.outcomes[known] as Outcome;
    if (label !== null && label !== o.label) {
      return fail(`outcome ${num}: label "${label}" differs from its earlier definition "${o.label}"`);
    }
    if (payoffs !== null) {
      const differs =
        payoffs.length !== o.payoffs.length ||
        payoffs.some((v, p) =>
          v.exact && o.exact ? !v.exact.equals(o.exact[p] as Rational) : v.value !== o.payoffs[p],
        );
      if (differs) return fail(`outcome ${num}: payoffs differ from its earlier definition`);
    }
    return known;
  }

  /** Append a terminal node (preorder); returns its index. */
  terminal(label: string, parent: number, action: number, outcome: number): number {
    const n = this.nodes.length;
    this.nodes.push({ kind: 'terminal', label, parent, action, outcome });
    if (parent >= 0) this.addChild(parent, n);
    return n;
  }

  /**
   * Append a decision node of `player` (0-based) in information-set draft `draft` (from `infoset`), or a chance
   * node (player -1, draft from `chanceInfoset`). Its children are appended after it, in action order.
   */
  move(
    label: string,
    player: number,
    draft: number,
    parent: number,
    action: number,
    outcome: number,
  ): number {
    const n = this.nodes.length;
    this.nodes.push({
      kind: player < 0 ? 'chance' : 'decision',
      label,
      parent,
      action,
      outcome,
      player,
      draft,
      children: [],
    });
    const set = player < 0 ? this.chanceSets[draft] : this.sets[player]?.[draft];
    set?.nodes.push(n);
    if (parent >= 0) this.addChild(parent, n);
    return n;
  }

  private addChild(parent: number, child: number): void {
    const p = this.nodes[parent];
    if (p && p.kind !== 'terminal' && !p.children.includes(child)) p.children.push(child);
  }

  /** Number of actions of a move node's information set. */
  actionCount(node: number): number {
    const d = this.nodes[node];
    if (!d || d.kind === 'terminal') return 0;
    const set = d.player < 0 ? this.chanceSets[d.draft] : this.sets[d.player]?.[d.draft];
    return set?.actions.length ?? 0;
  }

  /** The finished tree (information sets sorted by number), validated: throws TreeError on a structural problem. */
  finish(): GameTree {
    const order = (drafts: SetDraft[]): number[] => {
      const idx = drafts
        .map((_, k) => k)
        .sort((a, b) => (drafts[a] as SetDraft).number - (drafts[b] as SetDraft).number);
      const pos = new Array<number>(drafts.length);
      idx.forEach((d, k) => (pos[d] = k));
      return pos;
    };
    const playerPos = this.sets.map(order);
    const chancePos = order(this.chanceSets);
    let exact = this.exact;
    const chance: ChanceInfoset[] = new Array<ChanceInfoset>(this.chanceSets.length);
    this.chanceSets.forEach((d, k) => {
      const probs = d.probs ?? [];
      if (probs.some((p) => p.exact === null)) exact = false;
      chance[chancePos[k] as number] = {
        number: d.number,
        label: d.label,
        actions: d.actions,
        nodes: d.nodes,
        probs: probs.map((p) => p.value),
        exactProbs: probs.every((p) => p.exact) ? probs.map((p) => p.exact as Rational) : null,
      };
    });
    const infosets: Infoset[][] = this.sets.map((drafts, p) => {
      const out = new Array<Infoset>(drafts.length);
      drafts.forEach((d, k) => {
        out[(playerPos[p] as number[])[k] as number] = {
          number: d.number,
          label: d.label,
          actions: d.actions,
          nodes: d.nodes,
        };
      });
      return out;
    });
    if (this.outcomes.some((o) => o.exact === null)) exact = false;
    const nodes: TreeNode[] = this.nodes.map((d) => {
      if (d.kind === 'terminal') return d;
      if (d.kind === 'chance') {
        return {
          kind: 'chance',
          label: d.label,
          parent: d.parent,
          action: d.action,
          outcome: d.outcome,
          infoset: chancePos[d.draft] as number,
          children: d.children,
        };
      }
      return {
        kind: 'decision',
        label: d.label,
        parent: d.parent,
        action: d.action,
        outcome: d.outcome,
        player: d.player,
        infoset: (playerPos[d.player] as number[])[d.draft] as number,
        children: d.children,
      };
    });
    const outcomes = exact ? this.outcomes : this.outcomes.map((o) => ({ ...o, exact: null }));
    return validateTree({
      title: this.title,
      comment: this.comment,
      players: [...this.players],
      infosets,
      chance: exact ? chance : chance.map((c) => ({ ...c, exactProbs: null })),
      outcomes,
      nodes,
      exact,
    });
  }
}

/** A number for the builder from a rational (exact) value. */
export const exactNumber = (r: Rational): BuiltNumber => ({ value: r.toNumber(), exact: r });
