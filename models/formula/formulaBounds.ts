// Interval arithmetic over the formula IR: the range of values a formula can take when each slot ranges over an
// interval, and every place where an operator can leave its domain (division by an interval holding 0, log or square
// root of values ≤ 0 or < 0, a negative base raised to a non-integer power, 0 raised to a negative power, exp
// overflowing). Used by the scenario's domain check (models/scenario/compile/checkDomains.ts).
//
// Soundness: every value the compiled formula can produce for inputs inside the slot intervals lies in the computed
// interval. The endpoints are computed with the same round-to-nearest operations the compiled formula runs (+, −, ×,
// ÷, exp, log, sqrt, ** are monotone in each argument on the pieces used here), so the bounds hold for the floating-
// point results themselves; comparisons use the runtime's tolerance (relative 1e-12, absolute 1e-15) when deciding a
// condition. One exception, by design: a branch narrows its slot to the side the comparison states (x ≥ 0.5 → x in
// [0.5, …]), ignoring the 1e-12 band where the runtime's tolerant comparison also holds — idiomatic guards such as
// `x >= 0.5 ? sqrt(x - 0.5) : 0` are accepted; a value inside that band is caught at run time as a NaN.
//
// Exactness: a result is EXACT when every value of its interval is attained (the formula is continuous over a
// connected set of independent inputs, each used once: parameters are independent because each has its own slider).
// A domain problem on an exact operand is certain (an error); on an inexact one it is possible (a warning). The
// branches of `c ? a : b` are analysed only when reachable, with the slot of a comparison against a constant
// narrowed to the side the condition selects (so `d > 0 ? 1 / d : 0` is fine); a branch reached through any other
// condition is analysed as inexact.
// Why one file over 400 lines: one exhaustive rule per IR operator (its interval and its domain conditions) in one
// switch, so that a new operator cannot be added to the IR without its bound (the type checker sees every case).
import { exp } from '../math/exp';
import { log } from '../math/log';
import { pow } from '../math/pow';
import type { FormulaNode } from './FormulaIR';
import { nearlyEqual } from './runtimeOps';

/** A closed interval; lo ≤ hi, either may be infinite (never NaN). */
export type Bound = {
  readonly lo: number;
  readonly hi: number;
  /** Every value in [lo, hi] is attained (see the file comment). */
  readonly exact: boolean;
  /** Sorted slots of the independent inputs an exact bound depends on (null when not exact). */
  readonly vars: readonly number[] | null;
};

/** The interval of every slot the formulas read. */
export type SlotBounds = {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Whether a slot's interval is attained (parameters; exact derived values). */
  readonly exact: Uint8Array;
  /** For exact slots, the independent inputs behind them (a parameter: itself). */
  readonly vars: (readonly number[] | null)[];
};

export type DomainIssueKind =
  'div' | 'log' | 'sqrt' | 'pow-negative-base' | 'pow-zero-negative' | 'exp-overflow';

export type DomainIssue = {
  readonly kind: DomainIssueKind;
  /** The operator node and the operand whose values leave the domain. */
  readonly node: FormulaNode;
  readonly operand: FormulaNode;
  readonly bound: Bound;
  /** Certain (the operand is exact and its reachable values include the bad ones), else possible. */
  readonly certain: boolean;
};

/** Largest x with exp(x) finite. */
export const EXP_LIMIT = 709.782712893384;

const ANY: Bound = { lo: -Infinity, hi: Infinity, exact: false, vars: null };
const point = (v: number): Bound => ({ lo: v, hi: v, exact: true, vars: [] });
const inexact = (lo: number, hi: number): Bound => ({
  lo: lo !== lo ? -Infinity : lo,
  hi: hi !== hi ? Infinity : hi,
  exact: false,
  vars: null,
});

/** Variables of two exact bounds, or null if either is inexact or they share an input (dependency). */
const joinVars = (a: Bound, b: Bound): readonly number[] | null => {
  if (!a.exact || !b.exact || !a.vars || !b.vars) return null;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.vars.length || j < b.vars.length) {
    const x = a.vars[i];
    const y = b.vars[j];
    if (x !== undefined && (y === undefined || x < y)) {
      out.push(x);
      i++;
    } else if (y !== undefined && (x === undefined || y < x)) {
      out.push(y);
      j++;
    } else return null;
  }
  return out;
};

const make = (lo: number, hi: number, vars: readonly number[] | null): Bound =>
  lo !== lo || hi !== hi ? inexact(lo, hi) : { lo, hi, exact: vars !== null, vars };

/** x·y with 0·∞ = 0 (an infinite endpoint is a bound, never a value). */
const mulEnd = (x: number, y: number): number => (x === 0 || y === 0 ? 0 : x * y);

const mul = (a: Bound, b: Bound): Bound => {
  const p1 = mulEnd(a.lo, b.lo);
  const p2 = mulEnd(a.lo, b.hi);
  const p3 = mulEnd(a.hi, b.lo);
  const p4 = mulEnd(a.hi, b.hi);
  return make(Math.min(p1, p2, p3, p4), Math.max(p1, p2, p3, p4), joinVars(a, b));
};

const contains0 = (b: Bound): boolean => b.lo <= 0 && b.hi >= 0;

const nextUp = (x: number): number => {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] = (bits[0] as bigint) + (x > 0 ? 1n : -1n);
  return buf[0] as number;
};
const nextDown = (x: number): number => -nextUp(-x);

type Refinement = { readonly slot: number; readonly lo: number; readonly hi: number };

/**
 * For a condition `slot op c` (or `c op slot`, or an `and` of them): the narrowed slot intervals on the side where
 * the condition is true (truthy) and where it is false. null when the condition is not of that form.
 */
const refinements = (c: FormulaNode, truthy: boolean): Refinement[] | null => {
  if (c.op === 'and' && truthy) {
    const a = refinements(c.a, true);
    const b = refinements(c.b, true);
    return a && b ? [...a, ...b] : null;
  }
  if (c.op === 'or' && !truthy) {
    const a = refinements(c.a, false);
    const b = refinements(c.b, false);
    return a && b ? [...a, ...b] : null;
  }
  if (c.op === 'not') return refinements(c.a, !truthy);
  if (!('b' in c) || !('a' in c)) return null;
  let op = c.op as string;
  let slot: number;
  let k: number;
  if (c.a.op === 'slot' && c.b.op === 'num') {
    slot = c.a.i;
    k = c.b.v;
  } else if (c.a.op === 'num' && c.b.op === 'slot') {
    slot = c.b.i;
    k = c.a.v;
    op = ({ lt: 'gt', le: 'ge', gt: 'lt', ge: 'le', eq: 'eq', ne: 'ne' } as Record<string, string>)[op] ?? '';
  } else return null;
  if (!truthy)
    op = ({ lt: 'ge', le: 'gt', gt: 'le', ge: 'lt', eq: 'ne', ne: 'eq' } as Record<string, string>)[op] ?? '';
  // x op k as it reads: the runtime's tolerance band (x ≥ k also holds for x within 1e-12·|k| below k) is the one
  // place the analysis is not sound — a guard is taken to mean what it says
  switch (op) {
    case 'gt':
      return [{ slot, lo: nextUp(k), hi: Infinity }];
    case 'ge':
      return [{ slot, lo: k, hi: Infinity }];
    case 'lt':
      return [{ slot, lo: -Infinity, hi: nextDown(k) }];
    case 'le':
      return [{ slot, lo: -Infinity, hi: k }];
    case 'eq':
      return [{ slot, lo: k, hi: k }];
    case 'ne':
      return []; // no interval narrowing (a hole); the branch is still reached exactly
    default:
      return null;
  }
};

/** Whether a condition's value is certainly non-zero (1), certainly zero (0), or either (−1). */
const decided = (b: Bound): 0 | 1 | -1 => (b.lo > 0 || b.hi < 0 ? 1 : b.lo === 0 && b.hi === 0 ? 0 : -1);

/** Comparisons on intervals, with the runtime's nearlyEqual tolerance. */
const compare = (op: string, a: Bound, b: Bound): Bound => {
  const sep = (x: number, y: number): boolean => x < y && !nearlyEqual(x, y);
  let r: 0 | 1 | -1 = -1;
  switch (op) {
    case 'lt':
      r = sep(a.hi, b.lo) ? 1 : a.lo >= b.hi ? 0 : -1;
      break;
    case 'gt':
      r = sep(b.hi, a.lo) ? 1 : b.lo >= a.hi ? 0 : -1;
      break;
    case 'le':
      r = a.hi <= b.lo ? 1 : sep(b.hi, a.lo) ? 0 : -1;
      break;
    case 'ge':
      r = b.hi <= a.lo ? 1 : sep(a.hi, b.lo) ? 0 : -1;
      break;
    case 'eq':
      r =
        sep(a.hi, b.lo) || sep(b.hi, a.lo)
          ? 0
          : a.lo === a.hi && b.lo === b.hi && nearlyEqual(a.lo, b.lo)
            ? 1
            : -1;
      break;
    case 'ne':
      r = sep(a.hi, b.lo) || sep(b.hi, a.lo) ? 1 : -1;
      break;
  }
  return r === -1 ? { lo: 0, hi: 1, exact: false, vars: null } : point(r);
};

/**
 * The bound of a formula over slot intervals, reporting each domain issue to `onIssue` (issues in unreachable
 * branches are not reported). `env` is read, and temporarily narrowed in branches (restored on return).
 */
export const formulaBound = (
  root: FormulaNode,
  env: SlotBounds,
  onIssue: (issue: DomainIssue) => void = () => {},
): Bound => {
  const slot = (i: number): Bound => {
    const lo = env.lo[i] as number;
    const hi = env.hi[i] as number;
    if (!(lo <= hi)) return ANY; // unknown or empty
    return env.exact[i]
      ? { lo, hi, exact: true, vars: env.vars[i] ?? [i] }
      : { lo, hi, exact: false, vars: null };
  };
  const issue = (
    kind: DomainIssueKind,
    node: FormulaNode,
    operand: FormulaNode,
    bound: Bound,
    reachable: boolean,
  ): void => onIssue({ kind, node, operand, bound, certain: reachable && bound.exact });

  const walk = (n: FormulaNode, reachable: boolean): Bound => {
    switch (n.op) {
      case 'num':
        return point(n.v);
      case 'slot':
        return slot(n.i);
      case 'neg': {
        const a = walk(n.a, reachable);
        return make(-a.hi, -a.lo, a.exact ? a.vars : null);
      }
      case 'not': {
        const a = walk(n.a, reachable);
        const d = decided(a);
        return d === -1 ? { lo: 0, hi: 1, exact: false, vars: null } : point(d === 1 ? 0 : 1);
      }
      case 'abs': {
        const a = walk(n.a, reachable);
        const v = a.exact ? a.vars : null;
        if (a.lo >= 0) return make(a.lo, a.hi, v);
        if (a.hi <= 0) return make(-a.hi, -a.lo, v);
        return make(0, Math.max(-a.lo, a.hi), v);
      }
      case 'exp': {
        const a = walk(n.a, reachable);
        if (a.hi > EXP_LIMIT) issue('exp-overflow', n, n.a, a, reachable);
        return make(exp(a.lo), exp(a.hi), a.exact ? a.vars : null);
      }
      case 'log': {
        const a = walk(n.a, reachable);
        if (a.lo <= 0) {
          issue('log', n, n.a, a, reachable);
          return inexact(-Infinity, a.hi > 0 ? log(a.hi) : -Infinity);
        }
        return make(log(a.lo), log(a.hi), a.exact ? a.vars : null);
      }
      case 'sqrt': {
        const a = walk(n.a, reachable);
        if (a.lo < 0) {
          issue('sqrt', n, n.a, a, reachable);
          return inexact(0, a.hi > 0 ? Math.sqrt(a.hi) : 0);
        }
        return make(Math.sqrt(a.lo), Math.sqrt(a.hi), a.exact ? a.vars : null);
      }
      case 'add':
      case 'sub': {
        const a = walk(n.a, reachable);
        const b = walk(n.b, reachable);
        const v = joinVars(a, b);
        return n.op === 'add' ? make(a.lo + b.lo, a.hi + b.hi, v) : make(a.lo - b.hi, a.hi - b.lo, v);
      }
      case 'mul':
        return mul(walk(n.a, reachable), walk(n.b, reachable));
      case 'div': {
        const a = walk(n.a, reachable);
        const b = walk(n.b, reachable);
        if (contains0(b)) {
          issue('div', n, n.b, b, reachable);
          return ANY;
        }
        const r1 = a.lo / b.lo;
        const r2 = a.lo / b.hi;
        const r3 = a.hi / b.lo;
        const r4 = a.hi / b.hi;
        // ±∞/±∞ is NaN: an unbounded numerator over an unbounded denominator is unbounded
        return make(Math.min(r1, r2, r3, r4), Math.max(r1, r2, r3, r4), joinVars(a, b));
      }
      case 'pow':
        return power(n, walk(n.a, reachable), walk(n.b, reachable), reachable);
      case 'mod': {
        const a = walk(n.a, reachable);
        const b = walk(n.b, reachable);
        const m = Math.max(Math.abs(b.lo), Math.abs(b.hi));
        if (b.lo > 0) return inexact(-1e-12 * m, b.hi);
        if (b.hi < 0) return inexact(b.lo, 1e-12 * m);
        return inexact(Math.min(a.lo, -m), Math.max(a.hi, m)); // mod(x, 0) = x
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge':
      case 'eq':
      case 'ne':
        return compare(n.op, walk(n.a, reachable), walk(n.b, reachable));
      case 'and':
      case 'or':
      case 'xor': {
        const a = decided(walk(n.a, reachable));
        const b = decided(walk(n.b, reachable));
        const r: 0 | 1 | -1 =
          n.op === 'and'
            ? a === 0 || b === 0
              ? 0
              : a === 1 && b === 1
                ? 1
                : -1
            : n.op === 'or'
              ? a === 1 || b === 1
                ? 1
                : a === 0 && b === 0
                  ? 0
                  : -1
              : a === -1 || b === -1
                ? -1
                : a !== b
                  ? 1
                  : 0;
        return r === -1 ? { lo: 0, hi: 1, exact: false, vars: null } : point(r);
      }
      case 'min':
      case 'max': {
        const bs = n.args.map((x) => walk(x, reachable));
        let lo = (bs[0] as Bound).lo;
        let hi = (bs[0] as Bound).hi;
        let vars: readonly number[] | null = (bs[0] as Bound).exact ? (bs[0] as Bound).vars : null;
        for (let k = 1; k < bs.length; k++) {
          const b = bs[k] as Bound;
          lo = n.op === 'min' ? Math.min(lo, b.lo) : Math.max(lo, b.lo);
          hi = n.op === 'min' ? Math.min(hi, b.hi) : Math.max(hi, b.hi);
          vars = vars && b.exact ? joinVars({ lo, hi, exact: true, vars }, b) : null;
        }
        return make(lo, hi, vars);
      }
      case 'if': {
        const c = walk(n.c, reachable);
        const d = decided(c);
        if (d === 1) return branch(n.c, n.a, true, reachable);
        if (d === 0) return branch(n.c, n.b, false, reachable);
        const a = branch(n.c, n.a, true, reachable);
        const b = branch(n.c, n.b, false, reachable);
        return inexact(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi));
      }
    }
  };

  /** A branch of `c ? a : b`, with the slots of simple comparisons narrowed; unreachable → not analysed. */
  const branch = (c: FormulaNode, body: FormulaNode, truthy: boolean, reachable: boolean): Bound => {
    const refs = refinements(c, truthy);
    if (!refs) return walk(body, false);
    const saved: [number, number, number][] = [];
    const demoted: number[] = [];
    let empty = false;
    for (const r of refs) {
      const lo = Math.max(env.lo[r.slot] as number, r.lo);
      const hi = Math.min(env.hi[r.slot] as number, r.hi);
      saved.push([r.slot, env.lo[r.slot] as number, env.hi[r.slot] as number]);
      if (!(lo <= hi)) empty = true;
      env.lo[r.slot] = lo;
      env.hi[r.slot] = hi;
      // a value computed from the narrowed slot keeps its wider interval here: it is no longer attained exactly
      for (let k = 0; k < env.vars.length; k++) {
        const v = env.vars[k];
        if (k !== r.slot && env.exact[k] && v && v.includes(r.slot)) {
          env.exact[k] = 0;
          demoted.push(k);
        }
      }
    }
    const out = empty ? { lo: Infinity, hi: -Infinity, exact: false, vars: null } : walk(body, reachable);
    for (const k of demoted) env.exact[k] = 1;
    for (let k = saved.length - 1; k >= 0; k--) {
      const [s, lo, hi] = saved[k] as [number, number, number];
      env.lo[s] = lo;
      env.hi[s] = hi;
    }
    return out;
  };

  /** pow(x, y) (JavaScript's **: NaN for a negative base and a non-integer exponent; ±∞ for 0 and y < 0). */
  const power = (
    n: FormulaNode & { a: FormulaNode; b: FormulaNode },
    x: Bound,
    y: Bound,
    reachable: boolean,
  ): Bound => {
    const vars = joinVars(x, y);
    if (y.lo === y.hi && Number.isInteger(y.lo)) {
      const k = y.lo;
      if (k === 0) return point(1);
      if (k < 0 && contains0(x)) {
        issue('pow-zero-negative', n, n.a, x, reachable);
        return ANY;
      }
      const e1 = pow(x.lo, k);
      const e2 = pow(x.hi, k);
      if (k % 2 === 0 && contains0(x)) {
        // even power over 0: minimum at 0 (k > 0); k < 0 was excluded above
        return make(0, Math.max(e1, e2), vars);
      }
      return make(Math.min(e1, e2), Math.max(e1, e2), vars);
    }
    if (x.lo < 0) {
      issue('pow-negative-base', n, n.a, x, reachable);
      return ANY;
    }
    if (x.lo === 0 && y.lo < 0) {
      issue('pow-zero-negative', n, n.a, x, reachable);
      return ANY;
    }
    // x ≥ 0: pow(x, y) is monotone in each argument, so the extremes are at the corners
    const c = [pow(x.lo, y.lo), pow(x.lo, y.hi), pow(x.hi, y.lo), pow(x.hi, y.hi)];
    return make(Math.min(...c), Math.max(...c), vars);
  };

  return walk(root, true);
};
