// Cross-check of `parley solve FILE.efg` against the Gambit 16.7 command-line tools, on every .efg sample game in
// Gambit's source tree and on random trees (randomEfg.ts). Not part of the product: a developer's tool.
//
//   npx tsx scripts/efgCrossCheck/main.ts [--random N] [--seed S] [--out DIR] [--only SUBSTRING] [--no-samples]
//   env GAMBIT_BIN (default /work/tools/gambit-install/bin), GAMBIT_SRC (default /work/tools/gambit)
//
// Per game: `--method pure` equals gambit-enumpure's set exactly; every `lcp` profile (ours and Gambit's) verifies
// exactly (independent verifier, efgModel.ts); `enummixed` (2 players) equals gambit-enummixed's extreme equilibria
// translated to behaviour strategies; `logit` agrees with gambit-logit's end point at the information sets it
// reaches; `spe` ⊆ pure and subgame perfect; the `--format efg` output is read back by Gambit (same enumpure set) and
// by Parley (same game); readEfg → writeEfg → readEfg is the identity. Writes DIR/report.json and prints a summary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { Rational } from '../../models/games/Rational';
import { readEfg, writeEfg } from '../../models/games/extensive/efg';
import { reducedStrategicForm } from '../../models/games/extensive/reducedStrategicForm';
import {
  canonicalGambitLine,
  flatKey,
  parseEfg,
  perfectRecall,
  subgameRoots,
  unflatGambit,
  verify,
  type Profile,
  type XTree,
} from './efgModel';
import { randomEfg } from './randomEfg';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? dflt) : dflt;
};
const GAMBIT_BIN = process.env.GAMBIT_BIN ?? '/work/tools/gambit-install/bin';
const GAMBIT_SRC = process.env.GAMBIT_SRC ?? '/work/tools/gambit';
const OUT = resolve(opt('out', '/tmp/efgcheck'));
const RANDOM = Number(opt('random', '300'));
const SEED = Number(opt('seed', '1'));
const ONLY = opt('only', '');
const ROOT = resolve(import.meta.dirname, '../..');

type Run = { code: number | null; out: string; err: string; timedOut: boolean };
const run = (cmd: string, args: string[], timeoutMs: number): Run => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 << 20, cwd: ROOT });
  return {
    code: r.status,
    out: r.stdout ?? '',
    err: r.stderr ?? '',
    timedOut: r.error !== undefined && /ETIMEDOUT/.test(String(r.error)),
  };
};
const gambit = (tool: string, args: string[], file: string, timeoutMs = 30_000): Run =>
  run(join(GAMBIT_BIN, `gambit-${tool}`), ['-q', ...args, file], timeoutMs);
const neLines = (r: Run): string[] =>
  r.out
    .split('\n')
    .filter((l) => l.startsWith('NE,'))
    .map((l) => l.slice(3).trim());
const parley = (file: string, method: string, format = 'json', timeoutMs = 180_000): Run =>
  run(
    process.execPath,
    [join(ROOT, 'bin/parley.mjs'), 'solve', file, '--method', method, '--format', format],
    timeoutMs,
  );

type Eq = { method: string; behaviour: string[][][]; payoffs: string[]; regret: string };
type Doc = {
  game: { players: string[]; infosets: { label: string; actions: string[] }[][] };
  equilibria: Eq[];
};

const toProfile = (e: Eq): Profile =>
  e.behaviour.map((ss) => ss.map((row) => row.map((v) => Rational.parse(v) as Rational)));
const isExact = (e: Eq): boolean =>
  e.behaviour.every((ss) => ss.every((row) => row.every((v) => /^-?\d+(\/\d+)?$/.test(v))));

/** Zero the rows of information sets the player's own pure strategy excludes (Gambit's enumpure convention). */
const canonicalPure = (tr: XTree, b: Profile): Profile => {
  const out = b.map((ss) => ss.map((row) => row.slice()));
  const idx = new Map<number, [number, number]>();
  tr.sets.forEach((ss, p) => ss.forEach((s, k) => s.nodes.forEach((n) => idx.set(n, [p, k]))));
  const ownReached = tr.sets.map((ss) => ss.map(() => false));
  const walk = (h: number, ok: boolean[]): void => {
    const n = tr.nodes[h];
    if (!n || n.kind === 't') return;
    if (n.kind === 'p') {
      const [p, k] = idx.get(h) as [number, number];
      if (ok[p]) (ownReached[p] as boolean[])[k] = true;
      n.children.forEach((c, a) => {
        const o = ok.slice();
        o[p] = (ok[p] as boolean) && ((b[p]?.[k]?.[a] as Rational).isZero() ? false : true);
        walk(c, o);
      });
    } else n.children.forEach((c) => walk(c, ok));
  };
  walk(
    0,
    tr.sets.map(() => true),
  );
  out.forEach((ss, p) =>
    ss.forEach((row, k) => {
      if (!ownReached[p]?.[k]) for (let a = 0; a < row.length; a++) row[a] = Rational.ZERO;
    }),
  );
  return out;
};

type Finding = { game: string; check: string; verdict: 'mismatch' | 'error' | 'note'; detail: string };
const findings: Finding[] = [];
const counts: Record<string, { ok: number; bad: number; skipped: number }> = {};
const tally = (check: string, r: 'ok' | 'bad' | 'skipped'): void => {
  const c = (counts[check] ??= { ok: 0, bad: 0, skipped: 0 });
  c[r]++;
};
const find = (game: string, check: string, verdict: Finding['verdict'], detail: string): void => {
  findings.push({ game, check, verdict, detail: detail.slice(0, 2000) });
  if (verdict !== 'note') tally(check, 'bad');
  console.log(`  ${verdict.toUpperCase()} ${check}: ${detail.slice(0, 300).replace(/\n/g, ' | ')}`);
};

const zeroRegret = (v: ReturnType<typeof verify>): boolean =>
  v.applicable && v.problems.length === 0 && v.regret.every((r) => r.isZero());
const describe = (v: ReturnType<typeof verify>): string =>
  `regret [${v.regret.join(', ')}]${v.problems.length ? ` problems: ${v.problems.join('; ')}` : ''}${v.applicable ? '' : ' (verifier not applicable)'}`;

const checkGame = (file: string, name: string): void => {
  const text = readFileSync(file, 'utf8');
  let tr: XTree;
  try {
    tr = parseEfg(text);
  } catch (err) {
    find(name, 'parse', 'note', `independent parser: ${String(err)}`);
    return;
  }
  const pr = perfectRecall(tr);
  const two = tr.players === 2;
  console.log(`${name}: ${tr.players} players, ${tr.nodes.length} nodes${pr ? '' : ', IMPERFECT RECALL'}`);
  // Parley, all methods at once; per method when that fails.
  const all = parley(file, 'all');
  const byMethod = new Map<string, Eq[] | string>();
  const methods = two ? ['spe', 'pure', 'enummixed', 'lcp', 'logit'] : ['spe', 'pure', 'logit'];
  const parse = (r: Run): Doc | string => {
    if (r.timedOut) return 'timed out';
    if (r.code !== 0) return `exit ${r.code}: ${r.err.trim()}`;
    try {
      return JSON.parse(r.out) as Doc;
    } catch {
      return `bad JSON: ${r.out.slice(0, 200)}`;
    }
  };
  const allDoc = parse(all);
  if (typeof allDoc !== 'string') {
    for (const m of methods)
      byMethod.set(
        m,
        allDoc.equilibria.filter((e) => e.method === m),
      );
    for (const line of all.err.split('\n').filter((l) => / skipped: /.test(l))) {
      const m = / --method (\w+) skipped: (.*)$/.exec(line);
      if (m) byMethod.set(m[1] as string, `skipped: ${m[2]}`);
    }
  } else {
    for (const m of methods) {
      const d = parse(parley(file, m));
      byMethod.set(m, typeof d === 'string' ? d : d.equilibria);
    }
  }
  for (const [m, v] of byMethod) {
    if (typeof v !== 'string') continue;
    if (/\n\s+at |TypeError|ReferenceError|Maximum call stack/.test(v)) find(name, m, 'error', `crash: ${v}`);
    else if (!pr && /perfect recall/.test(v)) tally(m, 'skipped');
    else find(name, m, 'note', `Parley refused: ${v}`);
  }
  const ok = (m: string): Eq[] | null => {
    const v = byMethod.get(m);
    return Array.isArray(v) ? v : null;
  };

  // pure vs gambit-enumpure
  const ge = gambit('enumpure', [], file);
  const pure = ok('pure');
  if (ge.code !== 0 || ge.timedOut)
    find(name, 'pure', 'note', `gambit-enumpure failed: ${ge.err.trim() || 'timeout'}`);
  else if (pure) {
    const theirs = new Set(neLines(ge).map(canonicalGambitLine));
    const mine = pure.map((e) => flatKey(tr, toProfile(e)));
    const mineSet = new Set(mine);
    const missing = [...theirs].filter((x) => !mineSet.has(x));
    const extra = [...mineSet].filter((x) => !theirs.has(x));
    if (mineSet.size !== mine.length) find(name, 'pure', 'mismatch', `duplicates in Parley's list`);
    if (missing.length || extra.length)
      find(
        name,
        'pure',
        'mismatch',
        `Gambit only: ${missing.join(' ; ')} | Parley only: ${extra.join(' ; ')}`,
      );
    else tally('pure', 'ok');
    if (pr)
      for (const e of pure) {
        const v = verify(tr, toProfile(e));
        if (!zeroRegret(v))
          find(name, 'pure-verify', 'mismatch', `${flatKey(tr, toProfile(e))}: ${describe(v)}`);
      }
    if (pr)
      for (const line of neLines(ge)) {
        const v = verify(tr, unflatGambit(tr, line));
        if (!zeroRegret(v)) find(name, 'gambit-enumpure-verify', 'note', `Gambit's ${line}: ${describe(v)}`);
      }
  }

  // spe ⊆ pure, subgame perfect
  const spe = ok('spe');
  if (spe && pr) {
    const roots = subgameRoots(tr);
    const pureSet = new Set((pure ?? []).map((e) => flatKey(tr, toProfile(e))));
    let bad = false;
    for (const e of spe) {
      const b = toProfile(e);
      if (!isExact(e)) {
        bad = true;
        find(name, 'spe', 'mismatch', `inexact SPE ${JSON.stringify(e.behaviour)}`);
        continue;
      }
      const isPure = b.every((ss) =>
        ss.every((row) => row.every((v) => v.isZero() || v.equals(Rational.ONE))),
      );
      if (isPure && pure && !pureSet.has(flatKey(tr, canonicalPure(tr, b)))) {
        bad = true;
        find(name, 'spe', 'mismatch', `pure SPE not in pure set: ${flatKey(tr, b)}`);
      }
      for (const r of roots) {
        const v = verify(tr, b, r);
        if (!zeroRegret(v)) {
          bad = true;
          find(
            name,
            'spe',
            'mismatch',
            `not an equilibrium in the subgame at node ${r}: ${flatKey(tr, b)}: ${describe(v)}`,
          );
          break;
        }
      }
    }
    if (!bad) tally('spe', 'ok');
  }

  // lcp: every profile verifies (ours and Gambit's)
  if (two) {
    const gl = gambit('lcp', [], file);
    const lcp = ok('lcp');
    if (lcp && pr) {
      let bad = lcp.length === 0;
      if (bad) find(name, 'lcp', 'mismatch', 'no equilibrium');
      for (const e of lcp) {
        const v = verify(tr, toProfile(e));
        if (!isExact(e) || !zeroRegret(v)) {
          bad = true;
          find(name, 'lcp', 'mismatch', `${JSON.stringify(e.behaviour)}: ${describe(v)}`);
        }
      }
      if (!bad) tally('lcp', 'ok');
    }
    if (gl.code === 0 && pr)
      for (const line of neLines(gl)) {
        const v = verify(tr, unflatGambit(tr, line));
        if (!zeroRegret(v)) find(name, 'gambit-lcp-verify', 'note', `Gambit's lcp ${line}: ${describe(v)}`);
      }

    // enummixed vs gambit-enummixed (translated to behaviour via the reduced form's strategy list)
    const em = ok('enummixed');
    if (em && pr) {
      const gm = gambit('enummixed', [], file, 60_000);
      if (gm.code !== 0 || gm.timedOut)
        find(name, 'enummixed', 'note', `gambit-enummixed failed: ${gm.err.trim() || 'timeout'}`);
      else {
        let strategies: (readonly { readonly choice: Int32Array }[])[];
        try {
          strategies = [...reducedStrategicForm(readEfg(text, name)).strategies];
        } catch (err) {
          find(name, 'enummixed', 'note', `reduced form: ${String(err)}`);
          strategies = [];
        }
        if (strategies.length) {
          const theirs = new Set<string>();
          let lenBad = false;
          for (const line of neLines(gm)) {
            const vals = line.split(',').map((s) => Rational.parse(s.trim()) as Rational);
            const n0 = strategies[0]?.length ?? 0;
            if (vals.length !== n0 + (strategies[1]?.length ?? 0)) lenBad = true;
            const b: Profile = tr.sets.map((ss, p) =>
              ss.map((s, k) => {
                const mix = p === 0 ? vals.slice(0, n0) : vals.slice(n0);
                const strat = strategies[p] ?? [];
                let den = Rational.ZERO;
                const row = Array.from({ length: s.actions }, () => Rational.ZERO);
                strat.forEach((st, j) => {
                  const c = st.choice[k] as number;
                  if (c < 0) return;
                  den = den.add(mix[j] as Rational);
                  row[c] = (row[c] as Rational).add(mix[j] as Rational);
                });
                return den.isZero() ? row : row.map((v) => v.div(den));
              }),
            );
            const v = verify(tr, b);
            if (!zeroRegret(v))
              find(name, 'enummixed', 'note', `Gambit's ${line} as behaviour fails: ${describe(v)}`);
            theirs.add(flatKey(tr, b));
          }
          const mine = new Set(em.map((e) => flatKey(tr, toProfile(e))));
          for (const e of em) {
            const v = verify(tr, toProfile(e));
            if (!zeroRegret(v))
              find(name, 'enummixed', 'mismatch', `Parley's ${JSON.stringify(e.behaviour)}: ${describe(v)}`);
          }
          const missing = [...theirs].filter((x) => !mine.has(x));
          const extra = [...mine].filter((x) => !theirs.has(x));
          if (lenBad) find(name, 'enummixed', 'note', "Gambit reduced-form size differs from Parley's");
          if (missing.length || extra.length)
            find(
              name,
              'enummixed',
              'mismatch',
              `Gambit only: ${missing.join(' ; ')} | Parley only: ${extra.join(' ; ')}`,
            );
          else tally('enummixed', 'ok');
        }
      }
    }
  }

  // logit vs gambit-logit's end point, at information sets Gambit's profile reaches
  const lg = ok('logit');
  if (lg) {
    const gl = gambit('logit', ['-e', '-d', '10'], file, 60_000);
    const line = neLines(gl).at(-1);
    if (gl.code !== 0 || !line)
      find(
        name,
        'logit',
        'note',
        `gambit-logit failed: ${gl.err.trim() || (gl.timedOut ? 'timeout' : 'no output')}`,
      );
    else if (lg.length !== 1) find(name, 'logit', 'mismatch', `${lg.length} logit answers`);
    else {
      const theirs = line.split(',').map(Number);
      const b = unflatGambit(
        tr,
        line
          .split(',')
          .map((s) => Rational.from(Number(s)).toString())
          .join(','),
      );
      const mineFlat = flatKey(tr, toProfile(lg[0] as Eq))
        .split(',')
        .map((s) => (Rational.parse(s) as Rational).toNumber());
      // reach under Gambit's profile (floats)
      const reachSet = tr.sets.map((ss) => ss.map(() => 0));
      const idx = new Map<number, [number, number]>();
      tr.sets.forEach((ss, p) => ss.forEach((s, k) => s.nodes.forEach((n) => idx.set(n, [p, k]))));
      const walk = (h: number, w: number): void => {
        const n = tr.nodes[h];
        if (!n || n.kind === 't') return;
        let row: number[];
        if (n.kind === 'c') row = (tr.chance.get(n.set)?.probs ?? []).map((x) => x.toNumber());
        else {
          const [p, k] = idx.get(h) as [number, number];
          (reachSet[p] as number[])[k] = ((reachSet[p] as number[])[k] as number) + w;
          row = (b[p]?.[k] ?? []).map((x) => x.toNumber());
        }
        n.children.forEach((c, a) => walk(c, w * (row[a] as number)));
      };
      walk(0, 1);
      const reachedFlat = tr.gambitOrder.flatMap((ks, p) =>
        ks.flatMap((k) =>
          (tr.sets[p]?.[k]?.nodes ?? []).length
            ? Array.from(
                { length: tr.sets[p]?.[k]?.actions ?? 0 },
                () => ((reachSet[p] as number[])[k] as number) > 1e-6,
              )
            : [],
        ),
      );
      let diff = 0;
      mineFlat.forEach((v, i) => {
        if (reachedFlat[i]) diff = Math.max(diff, Math.abs(v - (theirs[i] as number)));
      });
      if (diff > 1e-3) {
        const vMine = pr ? describe(verify(tr, toProfile(lg[0] as Eq))) : 'n/a';
        find(
          name,
          'logit',
          'mismatch',
          `max diff ${diff.toPrecision(3)} at reached sets; Gambit ${line} ; Parley ${mineFlat.join(',')} ; Parley's: ${vMine}`,
        );
      } else tally('logit', 'ok');
    }
  }

  // .efg written by Parley: Gambit reads it back (same enumpure set), Parley reads it back (same game)
  const w = parley(file, 'pure', 'efg');
  if (w.code === 0) {
    const wf = join(OUT, 'written', `${basename(name).replace(/[^\w.-]/g, '_')}.${findings.length}.efg`);
    writeFileSync(wf, w.out);
    const ge2 = gambit('enumpure', [], wf);
    if (ge2.code !== 0)
      find(name, 'efg-write', 'mismatch', `Gambit cannot read Parley's .efg: ${ge2.err.trim()}`);
    else if (ge.code === 0) {
      const a = neLines(ge).map(canonicalGambitLine).sort().join(' ; ');
      const b2 = neLines(ge2).map(canonicalGambitLine).sort().join(' ; ');
      if (a !== b2)
        find(name, 'efg-write', 'mismatch', `gambit-enumpure on original: ${a} | on Parley's: ${b2}`);
      else tally('efg-write', 'ok');
    }
    const back = parley(wf, 'pure');
    if (back.code !== 0)
      find(name, 'efg-write', 'mismatch', `Parley cannot read its own .efg: ${back.err.trim()}`);
    else if (pure) {
      const d = JSON.parse(back.out) as Doc;
      const k1 = pure
        .map((e) => JSON.stringify(e.behaviour))
        .sort()
        .join();
      const k2 = d.equilibria
        .map((e) => JSON.stringify(e.behaviour))
        .sort()
        .join();
      if (k1 !== k2) find(name, 'efg-write', 'mismatch', `pure set changed after Parley's write`);
    }
  } else if (!/perfect recall/.test(w.err))
    find(name, 'efg-write', 'note', `--format efg failed: ${w.err.trim()}`);

  // readEfg → writeEfg → readEfg identity (in process)
  try {
    const t1 = readEfg(text, name);
    const s1 = writeEfg(t1);
    const t2 = readEfg(s1, name);
    if (JSON.stringify(t1) !== JSON.stringify(t2) || writeEfg(t2) !== s1)
      find(name, 'roundtrip', 'mismatch', 'read→write→read is not the identity');
    else tally('roundtrip', 'ok');
  } catch (err) {
    find(name, 'roundtrip', 'note', String(err));
  }
};

const collect = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.efg')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
};

mkdirSync(join(OUT, 'random'), { recursive: true });
mkdirSync(join(OUT, 'written'), { recursive: true });
const files: [string, string][] = [];
if (!argv.includes('--no-samples'))
  for (const f of collect(GAMBIT_SRC)) files.push([f, relative(GAMBIT_SRC, f)]);
for (let k = 0; k < RANDOM; k++) {
  const seed = SEED + k;
  const f = join(OUT, 'random', `r${seed}.efg`);
  writeFileSync(f, randomEfg(seed, { imperfectRecall: k % 10 === 9 }));
  files.push([f, `random/r${seed}.efg`]);
}
for (const [f, name] of files) {
  if (ONLY && !name.includes(ONLY)) continue;
  try {
    checkGame(f, name);
  } catch (err) {
    find(name, 'script', 'error', String(err instanceof Error ? err.stack : err));
  }
}
writeFileSync(join(OUT, 'report.json'), JSON.stringify({ counts, findings }, null, 1));
console.log(JSON.stringify(counts, null, 1));
console.log(`${findings.length} findings; report: ${join(OUT, 'report.json')}`);
