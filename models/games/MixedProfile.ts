// The number and profile types shared by every solver and by regret.ts (kept apart from Equilibrium.ts, which
// imports regret.ts: this file imports nothing from either, so there is no import cycle).
import type { Rational } from './Rational';

/** An exact rational (exact mode) or a float (float mode). */
export type Num = Rational | number;

/** profile[player][strategy] = probability. */
export type MixedProfile = readonly (readonly Num[])[];
