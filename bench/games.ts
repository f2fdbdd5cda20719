// Game-solver benchmarks (issue 3 §6): enummixed and lcp on seeded random integer games, pure on a 6-player
// 3-strategy game, and the float kernels (models/games/kernels) the engine calls per simulated round. Medians over a
// few runs.
// `vsLrsnash` (issue 14): every extreme equilibrium of random 12×12, 14×14 and 16×16 games (integer payoffs 0–99),
// enummixed against lrslib's lrsnash on the same games, interleaved, with the answers compared.
import type { Game } from '../models/games/Game';
import { makeGame } from '../models/games/makeGame';
import { enumMixed } from '../models/games/enumMixed';
import { lcp } from '../models/games/lemkeHowson';
import { pureEquilibria } from '../models/games/pureEquilibria';
import { FloatGame } from '../models/games/kernels/FloatGame';
import { enumPure } from '../models/games/kernels/enumPure';
import { LemkeHowsonWorkspace, lemkeHowsonFloat } from '../models/games/kernels/lemkeHowsonFloat';
import { LogitKernel } from '../models/games/kernels/LogitKernel';
import { formatNum } from '../models/games/Equilibrium';
import { lrsnashAvailable, runLrsnash, LRSNASH } from './lrsnash';

/** Deterministic LCG in [0, 1). */
const rng = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};

/** Random game with integer payoffs 0..99 (Gambit profile order). */
const randomGame = (counts: readonly number[], seed: number, exact = true): Game => {
  const r = rng(seed);
  const total = counts.reduce((a, b) => a * b, 1);
  return makeGame({
    title: `random ${counts.join('x')} #${seed}`,
    players: counts.map((_, i) => `P${i + 1}`),
    strategies: counts.map((c) => Array.from({ length: c }, (_, k) => `s${k + 1}`)),
    payoffs: Array.from({ length: total }, () => counts.map(() => Math.floor(r() * 100))),
    exact,
  });
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const round = (x: number, digits = 3): number => Number(x.toPrecision(digits));

const timeIt = (f: () => unknown): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * enummixed vs lrsnash on `games` random k×k games per size: per game enummixed's CPU (process.cpuUsage, in process)
 * and wall time, lrsnash's CPU (its own report) and wall time (including its process start); medians; ratios
 * lrsnash / enummixed (> 1: enummixed is faster); and whether both found the same equilibria.
 */
export const vsLrsnash = (sizes: readonly (readonly [number, number])[]): Record<string, unknown> => {
  const available = lrsnashAvailable();
  const out: Record<string, unknown> = {
    lrsnash: available ? LRSNASH : 'not installed (apt-get install lrslib): enummixed figures only',
    note: 'ms per game, medians, after a warm-up; ratio = lrsnash / enummixed (> 1: enummixed faster); lrsnash wall includes its process start',
  };
  // warm-up: the JIT compiles the solver's hot paths (reported figures are for a warm process)
  for (let s = 1; s <= 3; s++) enumMixed(randomGame([12, 12], 77 + s));
  for (const [k, games] of sizes) {
    const em = { cpu: [] as number[], wall: [] as number[] };
    const lr = { cpu: [] as number[], wall: [] as number[] };
    const equilibria: number[] = [];
    let same = true;
    for (let s = 1; s <= games; s++) {
      const g = randomGame([k, k], 14_000 + 100 * k + s);
      const c0 = cpuMs();
      const t0 = performance.now();
      const eqs = enumMixed(g);
      em.wall.push(performance.now() - t0);
      em.cpu.push(cpuMs() - c0);
      equilibria.push(eqs.length);
      if (!available) continue;
      const r = runLrsnash(g);
      lr.wall.push(r.wallMs);
      lr.cpu.push(r.cpuSeconds * 1000);
      const ours = eqs.map((e) => e.profile.map((row) => row.map(formatNum).join(',')).join('|')).sort();
      if (ours.join(' ') !== r.equilibria.join(' ')) same = false;
    }
    const row: Record<string, unknown> = {
      games,
      equilibria,
      enummixedCpuMs: round(median(em.cpu)),
      enummixedWallMs: round(median(em.wall)),
    };
    if (available) {
      Object.assign(row, {
        lrsnashCpuMs: round(median(lr.cpu)),
        lrsnashWallMs: round(median(lr.wall)),
        ratioCpu: round(median(lr.cpu) / median(em.cpu)),
        ratioWall: round(median(lr.wall) / median(em.wall)),
        sameEquilibria: same,
      });
    }
    out[`${k}x${k}`] = row;
  }
  return out;
};

export const bench = async (): Promise<Record<string, unknown>> => {
  const out: Record<string, unknown> = {
    note: 'ms (us for the per-call fast paths); median over seeded random games with integer payoffs 0..99',
  };
  // Warm up the JIT.
  enumMixed(randomGame([5, 5], 999));
  lcp(randomGame([5, 5], 998));
  const sizes: [number, number][] = [
    [6, 7],
    [8, 7],
    [10, 5],
    [12, 3],
  ];
  for (const [k, games] of sizes) {
    const em: number[] = [];
    const lc: number[] = [];
    const counts: number[] = [];
    for (let s = 1; s <= games; s++) {
      const g = randomGame([k, k], 1000 * k + s);
      let eqs = 0;
      em.push(timeIt(() => (eqs = enumMixed(g).length)));
      counts.push(eqs);
      lc.push(timeIt(() => lcp(g)));
    }
    out[`enummixed_${k}x${k}_ms`] = round(median(em));
    out[`enummixed_${k}x${k}_max_ms`] = round(Math.max(...em));
    out[`enummixed_${k}x${k}_equilibria`] = counts;
    out[`lcp_${k}x${k}_ms`] = round(median(lc));
  }
  out.vsLrsnash = vsLrsnash([
    [12, 7],
    [14, 5],
    [16, 3],
  ]);
  const six = randomGame([3, 3, 3, 3, 3, 3], 6);
  const pureTimes = Array.from({ length: 5 }, () => timeIt(() => pureEquilibria(six)));
  out.pure_6players_3strategies_ms = round(median(pureTimes));
  out.pure_6players_3strategies_equilibria = pureEquilibria(six).length;
  // Float kernels (per call, microseconds), on preallocated workspaces as the engine calls them.
  const sixFloat = FloatGame.of(randomGame([3, 3, 3, 3, 3, 3], 6, false));
  const eqBuf = new Int32Array(sixFloat.profiles);
  const g2 = FloatGame.of(randomGame([2, 2], 7, false));
  const g4 = FloatGame.of(randomGame([4, 4], 8, false));
  const lh2 = new LemkeHowsonWorkspace(2, 2);
  const lh4 = new LemkeHowsonWorkspace(4, 4);
  const k2 = new LogitKernel([2, 2]);
  const k4 = new LogitKernel([4, 4]);
  const mix2 = new Float64Array(4);
  const mix4 = new Float64Array(8);
  const reps = 2000;
  const perCall = (f: () => unknown, n = reps): number =>
    round(
      (timeIt(() => {
        for (let i = 0; i < n; i++) f();
      }) *
        1000) /
        n,
    );
  // Warm up the kernels.
  for (let i = 0; i < 300; i++) {
    enumPure(sixFloat, eqBuf);
    lemkeHowsonFloat(g2, mix2, lh2);
    k2.qre(g2, 5, mix2);
  }
  out.enumPure_6players_us = perCall(() => enumPure(sixFloat, eqBuf));
  out.lemkeHowsonFloat_2x2_us = perCall(() => lemkeHowsonFloat(g2, mix2, lh2));
  out.lemkeHowsonFloat_4x4_us = perCall(() => lemkeHowsonFloat(g4, mix4, lh4));
  out.logitQre_2x2_lambda5_us = perCall(() => k2.qre(g2, 5, mix2));
  out.logitQre_4x4_lambda5_us = perCall(() => k4.qre(g4, 5, mix4));
  out.logitLimit_2x2_us = perCall(() => k2.limit(g2, mix2), 200);
  out.logitLimit_4x4_us = perCall(() => k4.limit(g4, mix4), 200);
  return out;
};
