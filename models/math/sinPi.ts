// sin(πx) and cos(πx) that give the same bits on every JavaScript host (see exp.ts for why: Math.sin differs between
// V8 versions). The argument is reduced exactly (x mod 2 is exact in binary floating point), so no π/2 reduction
// is needed; the kernels are FreeBSD msun's k_sin.c and k_cos.c (fdlibm 5.3, |x| ≤ π/4, error < 1 ulp). The one
// product π·r adds at most half an ulp.
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this software is freely granted, provided that this notice
// is preserved.
// ====================================================

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

/** sin(x) for |x| ≤ π/4 (k_sin.c with y = 0). */
const kernelSin = (x: number): number => {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  return x + z * x * (S1 + z * r);
};

/** cos(x) for |x| ≤ π/4 (k_cos.c with y = 0). */
const kernelCos = (x: number): number => {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const v = 1 - hz;
  return v + (1 - v - hz + z * r);
};

/** sin(πx): exact zeros at integers (+0 or −0 with the sign of x), NaN for ±∞ and NaN. */
export const sinPi = (x: number): number => {
  if (!Number.isFinite(x)) return NaN;
  const r = Math.abs(x) % 2; // exact
  let z: number;
  if (r === 0 || r === 1) z = 0;
  else if (r <= 0.25) z = kernelSin(Math.PI * r);
  else if (r <= 0.75) z = kernelCos(Math.PI * (0.5 - r));
  else if (r < 1.25) z = kernelSin(Math.PI * (1 - r));
  else if (r <= 1.75) z = -kernelCos(Math.PI * (r - 1.5));
  else z = kernelSin(Math.PI * (r - 2));
  return x < 0 || Object.is(x, -0) ? -z : z;
};

/** cos(πx): exact zeros at half-integers, exact ±1 at integers, NaN for ±∞ and NaN. */
export const cosPi = (x: number): number => {
  if (!Number.isFinite(x)) return NaN;
  const r = Math.abs(x) % 2;
  if (r === 0.5 || r === 1.5) return 0;
  if (r <= 0.25) return kernelCos(Math.PI * r);
  if (r < 0.75) return kernelSin(Math.PI * (0.5 - r));
  if (r <= 1.25) return -kernelCos(Math.PI * (1 - r));
  if (r < 1.75) return kernelSin(Math.PI * (r - 1.5));
  return kernelCos(Math.PI * (2 - r));
};
