// Build a GameTree from a nested description (tests, the scenario compiler, the tree editor).
import { Rational, type RationalLike } from '../Rational';
import type { GameTree } from './GameTree';
import { TreeBuilder, type BuiltNumber } from './TreeBuilder';
import { TreeError } from './TreeError';

type SpecBase = {
  readonly label?: string;
  /** Payoffs attached to this node (one per player); a play's payoff sums the payoffs met along it. */
  readonly payoffs?: readonly RationalLike[];
  /** Label of the outcome created for `payoffs`. */
  readonly outcomeLabel?: string;
};

export type TerminalSpec = SpecBase & { readonly kind: 'terminal' };

export type ChanceSpec = SpecBase & {
  readonly kind: 'chance';
  /** Chance information-set number shared by nodes with one distribution (default: a new one). */
  readonly infoset?: number;
  readonly infosetLabel?: string;
  readonly actions: readonly string[];
  /** One probability per action, ≥ 0, summing to 1. */
  readonly probs: readonly RationalLike[];
  readonly children: readonly NodeSpec[];
};

export type DecisionSpec = SpecBase & {
  readonly kind: 'decision';
  /** 0-based player index. */
  readonly player: number;
  /** Information-set number: nodes of one player with the same number form one information set. Default: new. */
  readonly infoset?: number;
  readonly infosetLabel?: string;
  readonly actions: readonly string[];
  readonly children: readonly NodeSpec[];
};

export type NodeSpec = TerminalSpec | ChanceSpec | DecisionSpec;

export type TreeSpec = {
  readonly title: string;
  readonly comment?: string;
  readonly players: readonly string[];
  readonly root: NodeSpec;
  /** false: floats only (no exact arithmetic). Default: exact whenever every number is rational. */
  readonly exact?: boolean;
};

/**
 * Build and validate a tree. Throws TreeError naming the node (`root/In/Fight`) on: a wrong number of children or
 * probabilities, an unknown player, an information set whose nodes disagree (label, actions, player), negative or
 * non-finite numbers, chance probabilities not summing to 1, payoff vectors of the wrong length.
 */
export const makeTree = (spec: TreeSpec): GameTree => {
  const b = new TreeBuilder(spec.title, spec.comment ?? '', spec.players);
  const exactWanted = spec.exact !== false;
  if (!exactWanted) b.markInexact();
  const num = (v: RationalLike, what: string, fail: (m: string) => never): BuiltNumber => {
    let r: Rational | null;
    try {
      r = Rational.from(v);
    } catch {
      r = null;
    }
    const value = typeof v === 'number' ? v : r ? r.toNumber() : NaN;
    if (!Number.isFinite(value)) fail(`${what} is not a finite number: ${String(v)}`);
    return { value: value === 0 ? 0 : value, exact: exactWanted ? r : null };
  };
  type Frame = { spec: NodeSpec; parent: number; action: number; path: string };
  const stack: Frame[] = [{ spec: spec.root, parent: -1, action: -1, path: 'root' }];
  while (stack.length) {
    const { spec: s, parent, action, path } = stack.pop() as Frame;
    const fail = (m: string): never => {
      throw new TreeError(`node ${path}: ${m}`);
    };
    if (b.nodeCount >= MAX_TREE_NODES) fail(`the tree has more than ${MAX_TREE_NODES} nodes`);
    const outcome = s.payoffs
      ? b.outcome(
          null,
          s.outcomeLabel ?? '',
          s.payoffs.map((v, p) => num(v, `the payoff of player ${p + 1}`, fail)),
          fail,
        )
      : -1;
    const label = s.label ?? '';
    if (s.kind === 'terminal') {
      b.terminal(label, parent, action, outcome);
      continue;
    }
    if (!Array.isArray(s.children) || s.children.length !== s.actions.length) {
      fail(`${s.actions.length} actions but ${Array.isArray(s.children) ? s.children.length : 0} children`);
    }
    let n: number;
    if (s.kind === 'chance') {
      if (s.probs.length !== s.actions.length)
        fail(`${s.actions.length} actions but ${s.probs.length} probabilities`);
      const probs = s.probs.map((v, k) => num(v, `the probability of "${s.actions[k]}"`, fail));
      const draft = b.chanceInfoset(s.infoset ?? null, s.infosetLabel ?? null, s.actions, probs, fail);
      n = b.move(label, -1, draft, parent, action, outcome);
    } else {
      if (!Number.isInteger(s.player) || s.player < 0 || s.player >= spec.players.length) {
        fail(`player ${s.player} does not exist (players are 0..${spec.players.length - 1})`);
      }
      const draft = b.infoset(s.player, s.infoset ?? null, s.infosetLabel ?? null, s.actions, fail);
      n = b.move(label, s.player, draft, parent, action, outcome);
    }
    // Children pushed in reverse so that they are built in action order (preorder).
    for (let k = s.children.length - 1; k >= 0; k--) {
      const a = s.actions[k] ?? `#${k + 1}`;
      stack.push({
        spec: s.children[k] as NodeSpec,
        parent: n,
        action: k,
        path: `${path}/${/[/\s"]|^$/.test(a) ? JSON.stringify(a) : a}`,
      });
    }
  }
  return b.finish();
};

/** Largest tree makeTree builds (nodes). */
export const MAX_TREE_NODES = 1_000_000;
