// The numeric semantics of formula operators, shared by the generated code and the closure evaluator.
// They reproduce mathjs' number semantics (comparison tolerances relTol 1e-12 / absTol 1e-15, mod with a
// tolerant floor, mod(x, 0) = x) so a compiled formula agrees with mathjs' own evaluation. No mathjs import.
// exp, log and ^ come from models/math (the same bits on every JavaScript host; Math.exp & co. are not).
import { exp } from '../math/exp';
import { log } from '../math/log';
import { pow } from '../math/pow';

const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

/** mathjs' nearlyEqual for numbers. */
export const nearlyEqual = (a: number, b: number): boolean => {
  if (a !== a || b !== b) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
};

const tolerantFloor = (x: number): number => {
  const f = Math.floor(x);
  const r = Math.round(x);
  if (f === r) return f;
  if (nearlyEqual(x, r) && !nearlyEqual(x, f)) return r;
  return f;
};

export const RUNTIME_OPS = {
  exp,
  log,
  pow,
  lt: (a: number, b: number): number => (a < b && !nearlyEqual(a, b) ? 1 : 0),
  le: (a: number, b: number): number => (a <= b || nearlyEqual(a, b) ? 1 : 0),
  gt: (a: number, b: number): number => (a > b && !nearlyEqual(a, b) ? 1 : 0),
  ge: (a: number, b: number): number => (a >= b || nearlyEqual(a, b) ? 1 : 0),
  eq: (a: number, b: number): number => (nearlyEqual(a, b) ? 1 : 0),
  ne: (a: number, b: number): number => (nearlyEqual(a, b) ? 0 : 1),
  mod: (x: number, y: number): number => (y === 0 ? x : x - y * tolerantFloor(x / y)),
  /** mathjs' min: NaN if any argument is NaN; among nearly equal values the first wins. */
  min: (...args: number[]): number => {
    let m = args[0] as number;
    for (let i = 1; i < args.length; i++) {
      const v = args[i] as number;
      if (v !== v) m = v;
      else if (v < m && !nearlyEqual(v, m)) m = v;
    }
    return m;
  },
  max: (...args: number[]): number => {
    let m = args[0] as number;
    for (let i = 1; i < args.length; i++) {
      const v = args[i] as number;
      if (v !== v) m = v;
      else if (v > m && !nearlyEqual(v, m)) m = v;
    }
    return m;
  },
} as const;
