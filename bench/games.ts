// Game-solver benchmarks (issue 3 §6): enummixed and lcp on seeded random integer games, pure on a 6-player
// 3-strategy game, and the float fast paths the engine calls per simulated round. Medians over a few runs.
// `vsLrsnash` (issue 14): every extreme equilibrium of random 12×12, 14×14 and 16×16 games (integer payoffs 0–99),
// enummixed against lrslib's lrsnash on the same games, interleaved, with the answers compared.
import type { Game } from '../models/games/Game';
import { makeGame } from '../models/games/makeGame';
import { enumMixed } from '../models/games/enumMixed';
import { lcp, lemkeHowsonFast } from '../models/games/lemkeHowson';
import { flatPayoffs, pureEquilibria, pureEquilibriumIndices } from '../models/games/pureEquilibria';
import { logitQre } from '../models/games/logit';
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
  // Float fast paths (per call, microseconds).
  const sixFloat = randomGame([3, 3, 3, 3, 3, 3], 6, false);
  const flat = flatPayoffs(sixFloat);
  const counts6 = sixFloat.strategies.map((s) => s.length);
  const reps = 2000;
  // Warm up the fast paths.
  for (let i = 0; i < 300; i++) {
    pureEquilibriumIndices(counts6, flat);
    lemkeHowsonFast(randomGame([2, 2], 7, false), 0);
    logitQre(randomGame([2, 2], 7, false), 5);
  }
  out.pureEquilibriumIndices_6players_us = round(
    (timeIt(() => {
      for (let i = 0; i < reps; i++) pureEquilibriumIndices(counts6, flat);
    }) *
      1000) /
      reps,
  );
  const g2 = randomGame([2, 2], 7, false);
  const g4 = randomGame([4, 4], 8, false);
  out.lemkeHowsonFast_2x2_us = round(
    (timeIt(() => {
      for (let i = 0; i < reps; i++) lemkeHowsonFast(g2, 0);
    }) *
      1000) /
      reps,
  );
  out.lemkeHowsonFast_4x4_us = round(
    (timeIt(() => {
      for (let i = 0; i < reps; i++) lemkeHowsonFast(g4, 0);
    }) *
      1000) /
      reps,
  );
  out.logitQre_2x2_lambda5_us = round(
    (timeIt(() => {
      for (let i = 0; i < reps; i++) logitQre(g2, 5);
    }) *
      1000) /
      reps,
  );
  out.logitQre_4x4_lambda5_us = round(
    (timeIt(() => {
      for (let i = 0; i < reps; i++) logitQre(g4, 5);
    }) *
      1000) /
      reps,
  );
  return out;
};
