// Structural validation of a GameTree (the invariants documented on the type), every problem with its place.
import { Rational } from '../Rational';
import { describeNode, type GameTree, type TreeNode } from './GameTree';
import { TreeError } from './TreeError';

/** Largest number of problems listed (a broken tree would otherwise list one per node). */
const MAX_PROBLEMS = 50;

/**
 * Every structural problem of a tree (empty when valid): preorder layout and parent/child links, player and
 * information-set references, information sets whose members disagree on the number of actions, chance
 * probabilities that are negative, not finite or do not sum to 1 (exactly for exact trees, within 1e-9 otherwise),
 * payoff vectors of the wrong length or not finite. Perfect recall is checked separately (`perfectRecallViolation`).
 */
export const treeProblems = (tree: GameTree): string[] => {
  const out: string[] = [];
  const add = (msg: string): boolean => {
    out.push(msg);
    return out.length < MAX_PROBLEMS;
  };
  const { nodes, players } = tree;
  if (players.length < 1) add('the game has no players');
  if (nodes.length < 1) {
    add('the tree has no nodes');
    return out;
  }
  const at = (n: number): string => `node ${describeNode(tree, n)}`;
  // Links and preorder: child k of n must be where the preorder puts it.
  const size = new Int32Array(nodes.length).fill(1);
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n] as TreeNode;
    if (node.kind === 'terminal') continue;
    let s = 1;
    for (const c of node.children) s += c > n && c < nodes.length ? (size[c] as number) : 0;
    size[n] = s;
  }
  const root = nodes[0] as TreeNode;
  if (root.parent !== -1 || root.action !== -1) add('the root must have no parent');
  let linksOk = true;
  for (let n = 0; n < nodes.length && linksOk; n++) {
    const node = nodes[n] as TreeNode;
    if (node.kind === 'terminal') continue;
    if (node.children.length < 1) {
      linksOk = add(`${at(n)}: a ${node.kind} node needs at least one action`);
      continue;
    }
    let expect = n + 1;
    node.children.forEach((c, k) => {
      const child = nodes[c];
      if (c !== expect || !child || child.parent !== n || child.action !== k) {
        linksOk = add(`${at(n)}: child ${k + 1} is not stored in preorder with its parent link`) && false;
      }
      expect += c > n && c < nodes.length ? (size[c] as number) : 1;
    });
  }
  if (linksOk && (size[0] as number) !== nodes.length) add('some nodes are not reachable from the root');
  if (!linksOk) return out;

  // Outcomes.
  const outcomeNumbers = new Set<number>();
  tree.outcomes.forEach((o, k) => {
    if (!Number.isSafeInteger(o.number) || o.number < 1 || outcomeNumbers.has(o.number)) {
      add(`outcome ${k + 1} ("${o.label}"): its number ${o.number} is not a unique positive integer`);
    }
    outcomeNumbers.add(o.number);
    if (o.payoffs.length !== players.length) {
      add(
        `outcome ${o.number} ("${o.label}") has ${o.payoffs.length} payoffs but the game has ${players.length} players`,
      );
    }
    o.payoffs.forEach((v, p) => {
      if (!Number.isFinite(v))
        add(`outcome ${o.number} ("${o.label}"): the payoff of player ${p + 1} is not a finite number`);
    });
    if (tree.exact && (!o.exact || o.exact.length !== o.payoffs.length)) {
      add(`outcome ${o.number} ("${o.label}"): an exact tree needs exact payoffs`);
    }
  });

  // Information sets: numbers ascending and unique, members exactly the nodes that name them, action counts.
  const checkNumbers = (numbers: readonly number[], who: string): void => {
    numbers.forEach((num, k) => {
      if (!Number.isSafeInteger(num) || num < 1 || (k > 0 && num <= (numbers[k - 1] as number))) {
        add(`${who}: information set numbers must be positive integers in ascending order (found ${num})`);
      }
    });
  };
  if (tree.infosets.length !== players.length) {
    add(
      `the tree lists information sets for ${tree.infosets.length} players but has ${players.length} players`,
    );
    return out;
  }
  tree.infosets.forEach((sets, p) =>
    checkNumbers(
      sets.map((s) => s.number),
      `player ${p + 1}`,
    ),
  );
  checkNumbers(
    tree.chance.map((s) => s.number),
    'chance',
  );
  const members = new Map<string, number[]>();
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n] as TreeNode;
    if (node.outcome !== -1 && !(node.outcome >= 0 && node.outcome < tree.outcomes.length)) {
      add(`${at(n)}: outcome index ${node.outcome} is out of range`);
    }
    if (node.kind === 'terminal') continue;
    if (node.kind === 'decision') {
      if (!(node.player >= 0 && node.player < players.length)) {
        add(`${at(n)}: player index ${node.player} is out of range 0..${players.length - 1}`);
        continue;
      }
      const set = tree.infosets[node.player]?.[node.infoset];
      if (!set) {
        add(`${at(n)}: information set index ${node.infoset} of player ${node.player + 1} does not exist`);
        continue;
      }
      if (set.actions.length !== node.children.length) {
        add(
          `${at(n)}: it has ${node.children.length} actions but information set ${set.number} of player ${node.player + 1} has ${set.actions.length}`,
        );
      }
    } else {
      const set = tree.chance[node.infoset];
      if (!set) {
        add(`${at(n)}: chance information set index ${node.infoset} does not exist`);
        continue;
      }
      if (set.actions.length !== node.children.length) {
        add(
          `${at(n)}: it has ${node.children.length} actions but chance information set ${set.number} has ${set.actions.length}`,
        );
      }
    }
    const key = node.kind === 'decision' ? `${node.player}:${node.infoset}` : `c:${node.infoset}`;
    const list = members.get(key);
    if (list) list.push(n);
    else members.set(key, [n]);
  }
  const sameMembers = (key: string, listed: readonly number[], who: string): void => {
    const actual = members.get(key) ?? [];
    if (actual.length === 0) add(`${who} has no nodes`);
    else if (actual.length !== listed.length || actual.some((n, k) => listed[k] !== n)) {
      add(`${who}: its member list does not match the nodes that belong to it`);
    }
  };
  tree.infosets.forEach((sets, p) =>
    sets.forEach((s, k) => {
      if (s.actions.length < 1) add(`player ${p + 1}, information set ${s.number} has no actions`);
      sameMembers(`${p}:${k}`, s.nodes, `player ${p + 1}, information set ${s.number}`);
    }),
  );
  tree.chance.forEach((s, k) => {
    const who = `chance information set ${s.number}`;
    sameMembers(`c:${k}`, s.nodes, who);
    if (s.probs.length !== s.actions.length) {
      add(`${who} has ${s.actions.length} actions but ${s.probs.length} probabilities`);
      return;
    }
    if (s.probs.some((v) => !Number.isFinite(v) || v < 0)) {
      add(`${who} (at node ${describeNode(tree, s.nodes[0] ?? 0)}): probabilities must be finite and ≥ 0`);
      return;
    }
    if (tree.exact) {
      if (!s.exactProbs || s.exactProbs.length !== s.actions.length) {
        add(`${who}: an exact tree needs exact probabilities`);
        return;
      }
      if (s.exactProbs.some((v) => v.sign() < 0)) {
        add(`${who} (at node ${describeNode(tree, s.nodes[0] ?? 0)}): probabilities must be ≥ 0`);
        return;
      }
      const sum = s.exactProbs.reduce((a, v) => a.add(v), Rational.ZERO);
      if (!sum.equals(Rational.ONE)) {
        add(`${who} (at node ${describeNode(tree, s.nodes[0] ?? 0)}): probabilities sum to ${sum}, not 1`);
      }
    } else {
      const sum = s.probs.reduce((a, v) => a + v, 0);
      if (Math.abs(sum - 1) > 1e-9) {
        add(`${who} (at node ${describeNode(tree, s.nodes[0] ?? 0)}): probabilities sum to ${sum}, not 1`);
      }
    }
  });
  return out;
};

/** Throw a TreeError listing every problem, unless the tree is valid. */
export const validateTree = (tree: GameTree): GameTree => {
  const problems = treeProblems(tree);
  if (problems.length) {
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`
        : '';
    throw new TreeError(`${problems[0]}${more}`, problems);
  }
  return tree;
};
