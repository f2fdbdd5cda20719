// Size of a formula tree, for the limits checked at compile time (overrides and expansions can deepen a tree).
import { MAX_FORMULA_DEPTH, MAX_FORMULA_NODES, type FormulaNode } from './FormulaIR';

/** Depth (levels of nodes, the root is 1) and node count of a formula tree; stops counting past the limits. */
export const irStats = (root: FormulaNode): { depth: number; nodes: number } => {
  let nodes = 0;
  let deepest = 0;
  const stack: [FormulaNode, number][] = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop() as [FormulaNode, number];
    nodes++;
    if (d > deepest) deepest = d;
    if (nodes > MAX_FORMULA_NODES + 1 || deepest > MAX_FORMULA_DEPTH + 9) break;
    if ('args' in n) for (const a of n.args) stack.push([a, d + 1]);
    else {
      if ('c' in n) stack.push([n.c, d + 1]);
      if ('a' in n) stack.push([n.a, d + 1]);
      if ('b' in n) stack.push([n.b, d + 1]);
    }
  }
  return { depth: deepest, nodes };
};

/** True when a tree is beyond what instantiation accepts (the depth limit plus slack for expansions, or the node limit). */
export const exceedsIrLimits = (root: FormulaNode): boolean => {
  const st = irStats(root);
  return st.depth > MAX_FORMULA_DEPTH + 8 || st.nodes > MAX_FORMULA_NODES;
};
