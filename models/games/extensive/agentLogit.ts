// The agent logit QRE branch of a tree (McKelvey & Palfrey 1998; Gambit's gambit-logit on trees): traced from the
// centroid at λ = 0 toward λ → ∞, and its limit — a sequential equilibrium (McKelvey & Palfrey 1998, Thm 5) —
// refined to a verified Nash equilibrium, exact when possible:
// 1. every row rounded to its most probable action, verified exactly (exact trees);
// 2. 2-player exact trees: the sequence-form equilibrium with the limit's supports (von Stengel 1996), solved
//    exactly (unique solution of the support's linear system), with the rows the limit's own play excludes rounded
//    to their most probable action; verified exactly;
// 3. the limit itself as floats when its regret is within the float tolerance;
// each tried at λ = maxLambda, then further along the branch (×10⁴, ×10⁸).
// The branch is followed by the kernels' one predictor–corrector PathTracer (Allgower & Georg 1990, "Numerical
// Continuation Methods"; the logit homotopy of Turocy 2005), the tracer of the strategic logit solver too.
import { Rational } from '../Rational';
import { simpleFraction } from '../simpleFraction';
import { solveExactUnique } from '../linearSolve';
import { EquilibriumCheckError } from '../Equilibrium';
import type { GameTree } from './GameTree';
import { agentQreSystem, type AgentQreSystem } from './agentQreSystem';
import { FLOAT_FIELD, RATIONAL_FIELD } from './NumField';
import { behaviourToRealization, realizationToBehaviour } from './realizationPlans';
import { sequenceForm } from './sequenceFormLcp';
import { PathTracer } from '../kernels/PathTracer';
import { SolverLimitError } from '../SolverLimitError';
import { makeTreeEquilibrium, type TreeEquilibrium } from './verifyBehaviour';

export type AgentLogitOptions = {
  /** Where to stop tracing, in the game's payoff units (as gambit-logit's maxLambda). Default 1e6. */
  readonly maxLambda?: number;
  /** Largest number of predictor–corrector steps (a work budget, default 2,000). Over → SolverLimitError. */
  readonly maxSteps?: number;
};

export type AgentLogitPoint = {
  /** λ in payoff units. */
  readonly lambda: number;
  /** behaviour[player][infoset][action]. */
  readonly behaviour: number[][][];
};

export type AgentLogitBranch = {
  readonly points: AgentLogitPoint[];
  /** The refined, verified limit (method "logit"). */
  readonly limit: TreeEquilibrium;
};

const tryEq = (tree: GameTree, behaviour: (Rational | number)[][][]): TreeEquilibrium | null => {
  try {
    return makeTreeEquilibrium(tree, 'logit', behaviour);
  } catch (err) {
    if (err instanceof EquilibriumCheckError) return null;
    throw err;
  }
};

/** Largest distance between two behaviour profiles (floats). */
const distance = (a: readonly (readonly (readonly (Rational | number)[])[])[], b: number[][][]): number => {
  let d = 0;
  a.forEach((sets, p) =>
    sets.forEach((row, k) =>
      row.forEach((v, i) => {
        const x = v instanceof Rational ? v.toNumber() : v;
        d = Math.max(d, Math.abs(x - ((b[p] as number[][])[k] as number[])[i]!));
      }),
    ),
  );
  return d;
};

const argmaxRow = (row: readonly number[]): Rational[] => {
  let best = 0;
  row.forEach((v, a) => {
    if (v > (row[best] as number)) best = a;
  });
  return row.map((_, a) => (a === best ? Rational.ONE : Rational.ZERO));
};

/** A row rounded to simple fractions summing to 1, else to its most probable action. */
const roundRow = (row: readonly number[]): Rational[] => {
  const out: Rational[] = [];
  let sum = Rational.ZERO;
  for (const v of row) {
    const f = simpleFraction(Math.max(0, v), 1e-5, 10_000n);
    if (!f) return argmaxRow(row);
    out.push(f);
    sum = sum.add(f);
  }
  return sum.equals(Rational.ONE) ? out : argmaxRow(row);
};

/** Exact 2-player refinement on the limit's supports (step 2 of the file comment). */
const supportRefine = (tree: GameTree, approx: number[][][], thr: number): TreeEquilibrium | null => {
  const sf = sequenceForm(tree);
  const { index } = sf;
  const x = behaviourToRealization(tree, 0, approx[0] as number[][], FLOAT_FIELD);
  const y = behaviourToRealization(tree, 1, approx[1] as number[][], FLOAT_FIELD);
  const sx = x.flatMap((v, s) => (v > thr ? [s] : []));
  const sy = y.flatMap((v, t) => (v > thr ? [t] : []));
  // Unknowns: the own plan on its support, then the other player's duals (m rows of its constraints).
  // Player 1's plan x makes player 2 indifferent on sy: (F^T v − B^T x)_τ = 0; E x = e.
  const solveSide = (p: 0 | 1): Rational[] | null => {
    const own = p === 0 ? sx : sy;
    const other = p === 0 ? sy : sx;
    const mOwn = p === 0 ? sf.m1 : sf.m2;
    const mOther = p === 0 ? sf.m2 : sf.m1;
    const nOwn = p === 0 ? sf.n1 : sf.n2;
    const col = new Map<number, number>();
    own.forEach((s, k) => col.set(s, k));
    const width = own.length + mOther;
    const rows: Rational[][] = [];
    const rhs: Rational[] = [];
    // E x = e over the support columns.
    for (let r = 0; r < mOwn; r++) {
      const row = new Array<Rational>(width).fill(Rational.ZERO);
      if (r === 0) {
        if (col.has(0)) row[col.get(0) as number] = Rational.ONE;
      } else {
        const k = r - 1;
        const parent = (index.parentSeq[p] as number[])[k] as number;
        if (col.has(parent)) row[col.get(parent) as number] = Rational.ONE.neg();
        const base = (index.seqBase[p] as number[])[k] as number;
        const count = tree.infosets[p]?.[k]?.actions.length ?? 0;
        for (let a = 0; a < count; a++)
          if (col.has(base + a)) row[col.get(base + a) as number] = Rational.ONE;
      }
      rows.push(row);
      rhs.push(r === 0 ? Rational.ONE : Rational.ZERO);
    }
    // Indifference of the other player on its support: Σ_J F(J,τ) v_J − Σ_σ payoff(σ, τ) x_σ = 0.
    const otherP = (1 - p) as 0 | 1;
    for (const t of other) {
      const row = new Array<Rational>(width).fill(Rational.ZERO);
      if (t === 0) row[own.length] = Rational.ONE;
      else {
        const k = (index.seqInfoset[otherP] as Int32Array)[t] as number;
        row[own.length + 1 + k] = Rational.ONE;
      }
      (index.parentSeq[otherP] as number[]).forEach((parent, k) => {
        if (parent === t) row[own.length + 1 + k] = (row[own.length + 1 + k] as Rational).sub(Rational.ONE);
      });
      for (const e of sf.entries) {
        const [s, tt, v] = p === 0 ? [e.s, e.t, e.b] : [e.t, e.s, e.a];
        if (tt !== t || !col.has(s)) continue;
        row[col.get(s) as number] = (row[col.get(s) as number] as Rational).sub(v);
      }
      rows.push(row);
      rhs.push(Rational.ZERO);
    }
    const sol = solveExactUnique(rows, rhs);
    if (!sol) return null;
    const plan = new Array<Rational>(nOwn).fill(Rational.ZERO);
    own.forEach((s, k) => (plan[s] = sol[k] as Rational));
    return plan.some((v) => v.sign() < 0) ? null : plan;
  };
  const px = solveSide(0);
  const py = solveSide(1);
  if (!px || !py) return null;
  const behaviour = [px, py].map((plan, p) =>
    realizationToBehaviour(tree, p, plan, RATIONAL_FIELD).map((row, k) =>
      row.every((v) => v.isZero()) ? roundRow((approx[p] as number[][])[k] as number[]) : row,
    ),
  );
  return distance(behaviour, approx) <= 1e-2 ? tryEq(tree, behaviour) : null;
};

const refine = (tree: GameTree, approx: number[][][]): TreeEquilibrium | null => {
  if (tree.exact) {
    const pure = approx.map((sets) => sets.map(argmaxRow));
    if (distance(pure, approx) <= 1e-3) {
      const eq = tryEq(tree, pure);
      if (eq) return eq;
    }
    if (tree.players.length === 2) {
      for (const thr of [1e-6, 1e-9, 1e-4, 1e-3]) {
        const eq = supportRefine(tree, approx, thr);
        if (eq) return eq;
      }
    }
    const rounded = approx.map((sets) => sets.map(roundRow));
    if (distance(rounded, approx) <= 1e-3) {
      const eq = tryEq(tree, rounded);
      if (eq) return eq;
    }
  }
  return tryEq(tree, approx);
};

/**
 * Traces the branch from `from` (the centroid when null) to λ = lambdaNorm (normalised units) with at most maxSteps
 * predictor–corrector steps; returns a copy of the end point (at lambdaNorm, or the point of largest λ reached) and
 * whether λ was reached. Throws SolverLimitError("logit") over the step budget.
 */
const traceTo = (
  tracer: PathTracer<AgentQreSystem>,
  from: Float64Array | null,
  lambdaNorm: number,
  maxSteps: number,
  onPoint: ((z: Float64Array) => void) | null = null,
): { z: Float64Array; reached: boolean } => {
  tracer.stepsLeft = maxSteps;
  const status = tracer.trace(lambdaNorm, 'prev', onPoint, from);
  if (status === 'over-budget') {
    throw new SolverLimitError(
      'logit',
      `tracing the agent logit branch needs more than the allowed ${maxSteps} steps`,
    );
  }
  return { z: tracer.point.slice(), reached: status === 'reached' };
};

/**
 * The agent logit branch and its refined limit. Throws SolverLimitError over the step budget, TreeError without
 * perfect recall, Error when the branch's end cannot be refined to a verified equilibrium.
 */
export const agentLogitBranch = (tree: GameTree, opts: AgentLogitOptions = {}): AgentLogitBranch => {
  const sys = agentQreSystem(tree);
  const maxLambda = opts.maxLambda ?? 1e6;
  const maxSteps = opts.maxSteps ?? 2_000;
  const points: AgentLogitPoint[] = [];
  if (sys.nv === 0) {
    const limit = makeTreeEquilibrium(
      tree,
      'logit',
      tree.infosets.map(() => []),
    );
    return { points: [{ lambda: 0, behaviour: [] }], limit };
  }
  const tracer = new PathTracer(sys);
  let end = traceTo(tracer, null, maxLambda * sys.range, maxSteps, (z) =>
    points.push({ lambda: (z[sys.nv] as number) / sys.range, behaviour: sys.behaviourOf(z) }),
  ).z;
  let limit = refine(tree, sys.behaviourOf(end));
  for (const factor of [1e4, 1e8]) {
    if (limit) break;
    end = traceTo(tracer, end, maxLambda * factor * sys.range, maxSteps).z;
    limit = refine(tree, sys.behaviourOf(end));
  }
  if (!limit) {
    throw new Error('logit: could not refine the end of the agent logit branch to a verified equilibrium');
  }
  return { points, limit };
};

/** The limit of the agent logit branch, as a one-element list (see agentLogitBranch). */
export const agentLogit = (tree: GameTree, opts: AgentLogitOptions = {}): TreeEquilibrium[] => [
  agentLogitBranch(tree, opts).limit,
];

/**
 * Float agent QRE on the principal branch at rationality λ (payoff units): behaviour[player][infoset][action].
 * Engine entry point (per-trial float trees). Throws SolverLimitError over the step budget.
 */
export const agentQre = (tree: GameTree, lambda: number, maxSteps = 2_000): number[][][] => {
  if (!(lambda >= 0) || !Number.isFinite(lambda))
    throw new RangeError(`agentQre: λ must be a finite number ≥ 0, got ${lambda}`);
  const sys = agentQreSystem(tree);
  if (sys.nv === 0 || lambda === 0) return sys.behaviourOf(sys.start);
  const r = traceTo(new PathTracer(sys), null, lambda * sys.range, maxSteps);
  if (!r.reached) throw new Error(`agentQre: path following failed before λ = ${lambda}`);
  return sys.behaviourOf(r.z);
};
