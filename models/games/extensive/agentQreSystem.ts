// The agent quantal response equilibrium (AQRE) system of a tree (McKelvey & Palfrey 1998; as Gambit's
// efglogit.cc): at each information set I of player i, σ(a | I) ∝ exp(λ U_I(a)), where U_I(a) is i's expected
// payoff of action a at I given the behaviour profile σ and the beliefs μ it induces on I's nodes (Bayes' rule;
// σ is totally mixed, so every node with positive chance probability is reached). In log-probabilities v = log σ:
//   Σ_a exp(v_a) − 1 = 0                               (one per information set, its first action a0)
//   v_a − v_a0 − λ (U_I(a) − U_I(a0)) = 0             (one per other action)
// with an analytic Jacobian (the derivative of U_I(a) in v_b comes from the beliefs, when b is on the path to I,
// and from the continuation, when b's information set follows I; von Stengel-style path products). Beliefs use
// log realization probabilities so that they stay accurate when λ is large.
import type { ContinuationSystem } from '../kernels/PathTracer';
import type { GameTree, TreeNode } from './GameTree';
import { FLOAT_FIELD } from './NumField';
import { SolverLimitError } from '../SolverLimitError';
import { treeIndex, treeNumbers } from './treeIndex';
import { exp } from '../../math/exp';
import { log } from '../../math/log';

/**
 * The AQRE equations as a ContinuationSystem (nv = number of actions over all information sets; z = (v, λ) with λ in
 * normalised units), traced by the kernels' one PathTracer.
 */
export type AgentQreSystem = ContinuationSystem & {
  /** Flat action index of (player, infoset, action): offsets[player][infoset] + action. */
  readonly offsets: readonly (readonly number[])[];
  /** The centroid (λ = 0) point: v = −log(number of actions). */
  readonly start: Float64Array;
  /** Payoff range used to normalise payoffs to [0, 1] (λ in the system is in normalised units). */
  readonly range: number;
  /** Behaviour profile of a point (probabilities normalised per information set). */
  behaviourOf(z: Float64Array): number[][][];
};

/** Largest agent logit system: actions over all information sets (the Jacobian is dense, its solve cubic). */
export const MAX_AQRE_ACTIONS = 400;
/** Largest Σ over decision nodes of their depth (the cost of one Jacobian). */
export const MAX_AQRE_PATH_WORK = 2_000_000;

/**
 * The AQRE system of a tree with perfect recall (float payoffs, normalised to [0, 1]). Throws SolverLimitError when
 * the tree has more than MAX_AQRE_ACTIONS actions or its Jacobian would cost more than MAX_AQRE_PATH_WORK.
 */
export const agentQreSystem = (tree: GameTree): AgentQreSystem => {
  const index = treeIndex(tree, 'logit');
  const actionCount = tree.infosets.reduce(
    (a, sets) => a + sets.reduce((b, s) => b + s.actions.length, 0),
    0,
  );
  if (actionCount > MAX_AQRE_ACTIONS) {
    throw new SolverLimitError(
      'logit',
      `the tree has ${actionCount} actions; the agent logit system is limited to ${MAX_AQRE_ACTIONS}`,
    );
  }
  let pathWork = 0;
  const depth = new Int32Array(tree.nodes.length);
  tree.nodes.forEach((node, n) => {
    if (n > 0) depth[n] = (depth[node.parent] as number) + 1;
    if (node.kind === 'decision') pathWork += depth[n] as number;
  });
  if (pathWork > MAX_AQRE_PATH_WORK) {
    throw new SolverLimitError(
      'logit',
      `the tree is too deep and large for the agent logit system (${pathWork} node-ancestor pairs)`,
    );
  }
  void index;
  const nums = treeNumbers(tree, FLOAT_FIELD);
  const { nodes } = tree;
  const N = nodes.length;
  const P = tree.players.length;
  const offsets: number[][] = [];
  let nv = 0;
  for (const sets of tree.infosets) {
    offsets.push(
      sets.map((s) => {
        const o = nv;
        nv += s.actions.length;
        return o;
      }),
    );
  }
  let lo = Infinity;
  let hi = -Infinity;
  nodes.forEach((node, n) => {
    if (node.kind !== 'terminal') return;
    for (const v of nums.pathPayoff[n] as number[]) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  });
  const range = hi > lo ? hi - lo : 1;
  const base = Number.isFinite(lo) ? lo : 0;
  const pay = new Float64Array(N * P);
  nodes.forEach((node, n) => {
    if (node.kind === 'terminal')
      (nums.pathPayoff[n] as number[]).forEach((v, p) => (pay[n * P + p] = (v - base) / range));
  });
  const logChance = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const pr = nums.moveProb[n] as number;
    logChance[n] = pr > 0 ? log(pr) : -Infinity;
  }
  // Decision-node data: flat offset of its information set, its player, the set's (player, index).
  const nodeOff = new Int32Array(N).fill(-1);
  const nodePlayer = new Int32Array(N).fill(-1);
  for (let n = 0; n < N; n++) {
    const node = nodes[n] as TreeNode;
    if (node.kind === 'decision') {
      nodeOff[n] = (offsets[node.player] as number[])[node.infoset] as number;
      nodePlayer[n] = node.player;
    }
  }
  const sets: { player: number; off: number; count: number; nodes: readonly number[] }[] = [];
  tree.infosets.forEach((list, p) =>
    list.forEach((s, k) =>
      sets.push({
        player: p,
        off: (offsets[p] as number[])[k] as number,
        count: s.actions.length,
        nodes: s.nodes,
      }),
    ),
  );
  // Which set each flat action belongs to.
  const setOfAction = new Int32Array(nv);
  sets.forEach((s, k) => {
    for (let a = 0; a < s.count; a++) setOfAction[s.off + a] = k;
  });
  const start = new Float64Array(nv + 1);
  for (const s of sets) for (let a = 0; a < s.count; a++) start[s.off + a] = -log(s.count);

  // Scratch.
  const sigma = new Float64Array(nv);
  const logReach = new Float64Array(N);
  const Q = new Float64Array(N * P);
  const mu = new Float64Array(N);
  const U = new Float64Array(nv);
  const D = new Float64Array(nv * nv);
  const Mb = new Float64Array(sets.length * nv);
  // The ContinuationSystem's arrays: H (nv), J ((nv + 1) × (nv + 1), row-major; rows 0 … nv − 1 are ∂H/∂z).
  const width = nv + 1;
  const H = new Float64Array(nv);
  const J = new Float64Array(width * width);
  const rhs = new Float64Array(width);
  const sol = new Float64Array(width);

  const evaluate = (z: Float64Array, withJacobian: boolean): void => {
    const lambda = z[nv] as number;
    for (let a = 0; a < nv; a++) sigma[a] = exp(z[a] as number);
    // Log reach (forward) and values (backward).
    logReach[0] = 0;
    for (let n = 1; n < N; n++) {
      const node = nodes[n] as TreeNode;
      const par = node.parent;
      const off = nodeOff[par] as number;
      logReach[n] =
        (logReach[par] as number) + (off >= 0 ? (z[off + node.action] as number) : (logChance[n] as number));
    }
    for (let n = N - 1; n >= 0; n--) {
      const node = nodes[n] as TreeNode;
      if (node.kind === 'terminal') {
        for (let p = 0; p < P; p++) Q[n * P + p] = pay[n * P + p] as number;
        continue;
      }
      for (let p = 0; p < P; p++) Q[n * P + p] = 0;
      const off = nodeOff[n] as number;
      node.children.forEach((c, a) => {
        const w = off >= 0 ? (sigma[off + a] as number) : exp(logChance[c] as number);
        if (w === 0) return;
        for (let p = 0; p < P; p++) Q[n * P + p] = (Q[n * P + p] as number) + w * (Q[c * P + p] as number);
      });
    }
    // Beliefs and action values.
    for (const s of sets) {
      let m = -Infinity;
      for (const h of s.nodes) m = Math.max(m, logReach[h] as number);
      let sum = 0;
      for (const h of s.nodes) {
        const w = m === -Infinity ? 1 : exp((logReach[h] as number) - m);
        mu[h] = w;
        sum += w;
      }
      for (const h of s.nodes) mu[h] = (mu[h] as number) / sum;
      for (let a = 0; a < s.count; a++) {
        let u = 0;
        for (const h of s.nodes) {
          const c = (nodes[h] as TreeNode & { children: readonly number[] }).children[a] as number;
          u += (mu[h] as number) * (Q[c * P + s.player] as number);
        }
        U[s.off + a] = u;
      }
    }
    for (const s of sets) {
      let sum = 0;
      for (let a = 0; a < s.count; a++) sum += sigma[s.off + a] as number;
      H[s.off] = sum - 1;
      for (let a = 1; a < s.count; a++) {
        const r = s.off + a;
        H[r] = (z[r] as number) - (z[s.off] as number) - lambda * ((U[r] as number) - (U[s.off] as number));
      }
    }
    if (!withJacobian) return;
    D.fill(0);
    Mb.fill(0);
    // Walk each decision node g up its ancestors (h, action a toward g): continuation terms for h's set (g
    // follows h) and belief terms for g's set (the ancestor's action is on the path to g).
    for (let g = 1; g < N; g++) {
      const gOff = nodeOff[g] as number;
      if (gOff < 0) continue;
      const gSet = setOfAction[gOff] as number;
      const gs = sets[gSet] as (typeof sets)[number];
      const gChildren = (nodes[g] as TreeNode & { children: readonly number[] }).children;
      const lrg = logReach[g] as number;
      let child = g;
      let h = (nodes[g] as TreeNode).parent;
      while (h >= 0) {
        const hOff = nodeOff[h] as number;
        if (hOff >= 0) {
          const a = (nodes[child] as TreeNode).action;
          const hs = sets[setOfAction[hOff] as number] as (typeof sets)[number];
          // Continuation: ∂U_{H}(a)/∂v_b += μ(h) P(child → g) σ_b Q(g·b) for b at g's set.
          if (lrg > -Infinity && (mu[h] as number) > 0) {
            const w = (mu[h] as number) * exp(lrg - (logReach[child] as number));
            if (w > 0) {
              const row = (hOff + a) * nv;
              for (let b = 0; b < gs.count; b++) {
                const cb = gChildren[b] as number;
                D[row + gs.off + b] =
                  (D[row + gs.off + b] as number) +
                  w * (sigma[gs.off + b] as number) * (Q[cb * P + hs.player] as number);
              }
            }
          }
          // Beliefs: the action (hOff + a) lies on the path to g.
          const mg = mu[g] as number;
          if (mg > 0) {
            const col = hOff + a;
            Mb[gSet * nv + col] = (Mb[gSet * nv + col] as number) + mg;
            for (let b = 0; b < gs.count; b++) {
              const cb = gChildren[b] as number;
              D[(gs.off + b) * nv + col] =
                (D[(gs.off + b) * nv + col] as number) + mg * (Q[cb * P + gs.player] as number);
            }
          }
        }
        child = h;
        h = (nodes[h] as TreeNode).parent;
      }
    }
    for (let k = 0; k < sets.length; k++) {
      const s = sets[k] as (typeof sets)[number];
      const sumRow = s.off * width;
      J.fill(0, sumRow, sumRow + width);
      for (let a = 0; a < s.count; a++) J[sumRow + s.off + a] = sigma[s.off + a] as number;
      for (let a = 1; a < s.count; a++) {
        const r = s.off + a;
        const row = r * width;
        for (let b = 0; b < nv; b++) {
          const dUa = (D[r * nv + b] as number) - (Mb[k * nv + b] as number) * (U[r] as number);
          const dU0 = (D[s.off * nv + b] as number) - (Mb[k * nv + b] as number) * (U[s.off] as number);
          J[row + b] = -lambda * (dUa - dU0);
        }
        J[row + r] = (J[row + r] as number) + 1;
        J[row + s.off] = (J[row + s.off] as number) - 1;
        J[row + nv] = -((U[r] as number) - (U[s.off] as number));
      }
    }
  };

  const behaviourOf = (z: Float64Array): number[][][] =>
    tree.infosets.map((list, p) =>
      list.map((s, k) => {
        const off = (offsets[p] as number[])[k] as number;
        const row = s.actions.map((_, a) => exp(z[off + a] as number));
        const sum = row.reduce((x, y) => x + y, 0);
        return row.map((v) => v / sum);
      }),
    );

  const centroid = (z: Float64Array): void => z.set(start);

  return { nv, H, J, rhs, sol, evaluate, centroid, offsets, start, range, behaviourOf };
};
