// `solve <file.nfg | scenario file | built-in id>`: Nash equilibria of a strategic-form game.
import { INPUT_LIMITS } from '../../models/text/inputLimits';
import { resolve } from 'node:path';
import type { Game } from '../../models/games/Game';
import { formatNum, toFloat, type Equilibrium, type Num } from '../../models/games/Equilibrium';
import { Rational } from '../../models/games/Rational';
import { NfgError, readNfg, writeNfg } from '../../models/games/nfg';
import { pureEquilibria } from '../../models/games/pureEquilibria';
import { enumMixed } from '../../models/games/enumMixed';
import { constantSumViolation, zeroSum } from '../../models/games/zeroSum';
import { SolverLimitError } from '../../models/games/SolverLimitError';
import { SOLVER_LIMITS, logitMaxSteps, logitSize } from '../../models/games/solverLimits';
import { CliError, type CliIo, type Command } from '../lib/Command';
import { lastOption, onePositional, parseArgs, parseAssignments, UsageError } from '../lib/args';
import { readTextFile } from '../../node/files/readTextFile';
import { csvFraction, csvTable, rawCell, type CsvCell } from '../../models/text/csv';
import { withDistinctLabels } from '../../models/games/distinctLabels';
import { terminalText } from '../../models/text/terminalText';

/** Largest .nfg file read (bytes; models/text/inputLimits.ts): well above the largest game readNfg accepts. */
const MAX_NFG_BYTES = INPUT_LIMITS.nfgFileBytes;

/** Gambit's method names (gambit-enumpure, -enummixed, -lcp, -lp, -logit), plus "all". */
const METHODS = ['enumpure', 'enummixed', 'lcp', 'lp', 'logit', 'all'] as const;
type Method = (typeof METHODS)[number];
type Solver = Exclude<Method, 'all'>;
/** Earlier names, still accepted. */
const ALIASES: Readonly<Record<string, Solver>> = { pure: 'enumpure', zerosum: 'lp' };
const FORMATS = ['text', 'json', 'csv', 'nfg'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: npm run cli -- solve <file.nfg | scenario file | built-in id> [options]

Compute the Nash equilibria of a strategic-form game: a Gambit .nfg file, or a scenario's one-round game.

Options:
  --method M   enumpure | enummixed | lcp | lp | logit | all (Gambit's names)
               (default: enummixed for 2-player games, enumpure and logit otherwise)
                 enumpure   every pure-strategy equilibrium (N players; alias: pure)
                 enummixed  every extreme equilibrium, exact (2 players)
                 lcp        Lemke-Howson from every label, exact (2 players)
                 lp         value and optimal strategies by linear programming (2-player zero-sum games;
                            alias: zerosum)
                 logit      limit of the principal logit QRE branch (N players)
                 all        every method that applies to the game; each distinct equilibrium is listed once,
                            with the methods that found it
  --format F   text (default) | json | csv | nfg (the game itself as a Gambit .nfg file, no solving)
  --set k=v    a scenario parameter value (repeatable; scenarios only; within the parameter's min..max)
  --allow-outside-range  accept --set values outside a parameter's declared min..max

Probabilities and payoffs are exact fractions (2/3) when the payoffs are exact, decimals otherwise.
Gambit extensive-form files (.efg) and the built-in classic games (entry-deterrence, centipede, ultimatum,
beer-quiche, kuhn-poker; see \`list\`), and scenarios whose rounds are game trees (korea-2025-sequential): see
\`solve game.efg --help\` (methods spe, pure, lcp, enummixed, logit).`;

const loadGame = async (
  arg: string,
  io: CliIo,
  sets: Record<string, number>,
  allowOutsideRange: boolean,
): Promise<Game> => {
  if (arg.toLowerCase().endsWith('.nfg')) {
    if (Object.keys(sets).length) throw new UsageError('--set applies to scenarios, not to .nfg files');
    const text = await readTextFile(resolve(io.cwd, arg), { maxBytes: MAX_NFG_BYTES, shown: `"${arg}"` });
    try {
      return readNfg(text, arg);
    } catch (err) {
      if (err instanceof NfgError) throw new CliError(err.message);
      if (err instanceof RangeError) throw new CliError(`${arg}: ${err.message}`);
      throw err;
    }
  }
  // Loaded only here, so that solving a .nfg file never loads the scenario layer (zod, mathjs).
  const { loadScenarioGame } = await import('../lib/loadScenarioGame');
  return loadScenarioGame(arg, io.cwd, sets, { io, name: 'solve', allow: allowOutsideRange });
};

const methodsFor = (game: Game, method: Method | undefined): Solver[] => {
  const two = game.players.length === 2;
  if (method === undefined) return two ? ['enummixed'] : ['enumpure', 'logit'];
  if (method !== 'all') return [method];
  if (!two) return ['enumpure', 'logit'];
  const out: Solver[] = ['enumpure', 'enummixed', 'lcp', 'logit'];
  if (constantSumViolation(game) === null) out.push('lp');
  return out;
};

/** The shared solver work budgets (models/games/solverLimits.ts), under the name the tests use. */
export const SOLVE_LIMITS = SOLVER_LIMITS;

const ALTERNATIVES: Record<Solver, string> = {
  enumpure: '',
  enummixed: ' (try --method lcp or --method logit for one equilibrium)',
  lcp: ' (try --method logit for one equilibrium)',
  logit: ' (try --method enumpure)',
  lp: ' (try --method lcp or --method logit)',
};

/** Run one method; `name` is how the user spelled it (an alias is echoed back in errors). */
const runMethod = async (
  game: Game,
  method: Solver,
  arg: string,
  name: string = method,
): Promise<Equilibrium[]> => {
  const twoOnly = method === 'enummixed' || method === 'lcp' || method === 'lp';
  if (twoOnly && game.players.length !== 2) {
    throw new CliError(`--method ${name} needs a 2-player game; "${arg}" has ${game.players.length} players`);
  }
  const size = game.strategies.map((s) => s.length).join('×');
  try {
    return await solveWith(game, method, arg, size, name);
  } catch (err) {
    if (err instanceof SolverLimitError) {
      throw new CliError(`${arg}: --method ${name}: ${err.message}${ALTERNATIVES[method]}`);
    }
    throw err;
  }
};

// lcp and logit are loaded only when asked for: the default method on a 2-player game is enummixed, and every
// module loaded is compiled at start-up (`parley solve` on a 2×2 .nfg file is a start-up-bound command).
const solveWith = async (
  game: Game,
  method: Solver,
  arg: string,
  size: string,
  name: string,
): Promise<Equilibrium[]> => {
  switch (method) {
    case 'enumpure':
      return pureEquilibria(game);
    case 'enummixed':
      return enumMixed(game, { maxWork: SOLVE_LIMITS.enummixedWork });
    case 'lcp':
      return (await import('../../models/games/lemkeHowson')).lcp(game, { maxWork: SOLVE_LIMITS.lcpWork });
    case 'logit': {
      if (logitSize(game) > SOLVE_LIMITS.logitSize) {
        throw new SolverLimitError(
          'logit',
          `the ${size} game is too large to trace the logit branch quickly (${game.payoffs.length} profiles)`,
        );
      }
      const { logit, LogitLimitError } = await import('../../models/games/logit');
      try {
        return logit(game, { maxSteps: logitMaxSteps(game) });
      } catch (err) {
        if (err instanceof LogitLimitError)
          throw new CliError(`${arg}: --method ${err.message}${ALTERNATIVES.logit}`);
        throw err;
      }
    }
    case 'lp': {
      const v = constantSumViolation(game);
      if (v) throw new CliError(`--method ${name}: "${arg}" is not zero-sum: ${v}`);
      if (game.payoffs.length > SOLVE_LIMITS.zerosumCells) {
        throw new SolverLimitError(
          name,
          `the ${size} game is too large for the exact LP (more than ${SOLVE_LIMITS.zerosumCells} cells)`,
        );
      }
      return [zeroSum(game).equilibrium];
    }
  }
};

/** An equilibrium as the CLI reports it: the first method that found it, and every method that did. */
export type FoundEquilibrium = {
  readonly equilibrium: Equilibrium;
  /** The methods (Gambit's names) that found this equilibrium, in the order they ran. */
  readonly methods: readonly string[];
};

/** The same mixed profile: exactly (both exact) or within 1e-9 per probability. */
const sameProfile = (a: Equilibrium, b: Equilibrium): boolean =>
  a.profile.every((row, p) =>
    row.every((v, k) => {
      const w = b.profile[p]?.[k] as Num;
      return v instanceof Rational && w instanceof Rational
        ? v.equals(w)
        : Math.abs(toFloat(v) - toFloat(w)) <= 1e-9;
    }),
  );

/**
 * Each distinct equilibrium once (in the order first found), with the list of methods that found it; the reported
 * numbers are the first finder's.
 */
export const mergeByProfile = (
  runs: readonly { readonly method: string; readonly equilibria: readonly Equilibrium[] }[],
): FoundEquilibrium[] => {
  const out: { equilibrium: Equilibrium; methods: string[] }[] = [];
  for (const run of runs) {
    for (const e of run.equilibria) {
      const same = out.find((f) => sameProfile(f.equilibrium, e));
      if (!same) out.push({ equilibrium: e, methods: [run.method] });
      else if (!same.methods.includes(run.method)) same.methods.push(run.method);
    }
  }
  return out;
};

/**
 * The JSON document of issue 3 §5 (exact fractions as strings, floats as decimals): per equilibrium `method` (the
 * first method that found it) and `methods` (every method that did).
 */
export const solveJson = (game: Game, found: readonly FoundEquilibrium[]): string =>
  JSON.stringify({
    game: { title: game.title, players: game.players, strategies: game.strategies },
    equilibria: found.map(({ equilibrium: e, methods }) => ({
      method: methods[0],
      methods,
      profile: e.profile.map((row) => row.map(formatNum)),
      payoffs: e.payoffs.map(formatNum),
      regret: formatNum(e.regret),
    })),
  });

/**
 * One row per distinct equilibrium: `method` (the first method that found it), then per player and strategy its
 * probability, per player the payoff, and the regret — each as a decimal number column (for computation) followed by
 * its ` exact` column holding the exact fraction as `p / q` (a form spreadsheets keep as text; `9/11` would become a
 * date), empty when the value is a float — and last `methods` (every method that found it, `;`-separated). Written
 * with the one CSV writer (models/text/csv.ts): RFC 4180, CRLF, text cells guarded.
 */
export const solveCsv = (game: Game, found: readonly FoundEquilibrium[]): string => {
  const pair = (name: string): string[] => [name, `${name} exact`];
  const head = [
    'method',
    ...game.players.flatMap((p, i) => (game.strategies[i] ?? []).flatMap((s) => pair(`${p}:${s}`))),
    ...game.players.flatMap((p) => pair(`payoff:${p}`)),
    ...pair('regret'),
    'methods',
  ];
  const cells = (x: Num): CsvCell[] =>
    x instanceof Rational ? [x.toNumber(), rawCell(csvFraction(x.num, x.den))] : [x, null];
  const rows = found.map(({ equilibrium: e, methods }): CsvCell[] => [
    methods[0] ?? '',
    ...e.profile.flatMap((row) => row.flatMap(cells)),
    ...e.payoffs.flatMap(cells),
    ...cells(e.regret),
    methods.join(';'),
  ]);
  return csvTable(head, rows);
};

/** Short display: exact fractions as is (≈ decimal when the denominator is huge), floats to 6 significant digits. */
const short = (x: Num): string => {
  if (x instanceof Rational) {
    return x.den > 1_000_000n ? `≈${Number(x.toNumber().toPrecision(6))}` : x.toString();
  }
  const r = Number(x.toPrecision(6));
  return Object.is(r, -0) ? '0' : String(r);
};

const isZeroNum = (x: Num): boolean => (x instanceof Rational ? x.isZero() : Math.abs(x) < 5e-7);
const isOneNum = (x: Num): boolean =>
  x instanceof Rational ? x.equals(Rational.ONE) : Math.abs(x - 1) < 5e-7;

export const solveText = (
  game: Game,
  found: readonly FoundEquilibrium[],
  methods: readonly string[],
): string[] => {
  const lines: string[] = [];
  lines.push(game.title || '(untitled game)');
  lines.push(
    `Players: ${game.players.map((p, i) => `${p} {${(game.strategies[i] ?? []).join(', ')}}`).join('; ')}`,
  );
  lines.push(`Methods: ${methods.join(', ')}`);
  lines.push('');
  if (found.length === 0) {
    lines.push('No equilibria found by these methods.');
    return lines;
  }
  lines.push(`${found.length} equilibri${found.length === 1 ? 'um' : 'a'}:`);
  const head = ['#', 'methods', ...game.players, 'payoffs', 'regret'].map(terminalText);
  const rows = found.map(({ equilibrium: e, methods: by }, k) =>
    [
      String(k + 1),
      by.join(', '),
      ...e.profile.map((row, p) => {
        const names = game.strategies[p] ?? [];
        const pure = row.findIndex(isOneNum);
        if (pure >= 0) return names[pure] ?? '?';
        return row.flatMap((v, s) => (isZeroNum(v) ? [] : [`${names[s]} ${short(v)}`])).join(', ');
      }),
      e.payoffs.map(short).join(', '),
      short(e.regret),
    ].map(terminalText),
  );
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  lines.push(line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  return lines;
};

export const command: Command = {
  name: 'solve',
  summary: 'Solve a game (.nfg, scenario file or built-in id) for its equilibria.',
  usage: USAGE,
  run: async (argv, io) => {
    // Extensive-form games (.efg files and the built-in classic games) have their own methods and output:
    // cli/commands/solveTree.ts.
    // (the built-in games' table is loaded only for an argument that could name one: not for a .nfg file)
    for (const a of argv) {
      if (a.startsWith('-')) continue;
      const lower = a.toLowerCase();
      if (
        lower.endsWith('.efg') ||
        (!lower.endsWith('.nfg') && (await import('../lib/builtinGameArg')).builtinGameArg(a))
      )
        return (await import('./solveTree')).solveTree(argv, io);
    }
    const args = parseArgs(argv, { valued: ['method', 'format', 'set'], flags: ['allow-outside-range'] });
    const arg = onePositional(args, 'game to solve', 'game');
    if (!arg.toLowerCase().endsWith('.nfg')) {
      // A scenario whose rounds are game trees is solved as the tree its round is played on, never as the
      // simultaneous game of its actors' strategies (a different game: who sees what is lost).
      const { resolveScenario } = await import('../lib/resolveScenario');
      const { spec } = await resolveScenario(arg, io.cwd);
      if (spec.tree) return (await import('./solveTree')).solveTree(argv, io, spec);
    }
    const methodOpt = lastOption(args, 'method');
    const method =
      methodOpt === undefined
        ? undefined
        : Object.hasOwn(ALIASES, methodOpt)
          ? ALIASES[methodOpt]
          : methodOpt;
    if (method !== undefined && !(METHODS as readonly string[]).includes(method)) {
      throw new UsageError(
        `unknown --method "${methodOpt}" (expected ${METHODS.join(', ')}, or the aliases ${Object.keys(ALIASES).join(', ')})`,
      );
    }
    const format = (lastOption(args, 'format') ?? 'text') as Format;
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown --format "${format}" (expected ${FORMATS.join(', ')})`);
    }
    const setValues = args.options.get('set') ?? [];
    // A plain record would swallow "__proto__" without a word.
    if (setValues.some((v) => v.startsWith('__proto__=')))
      throw new CliError('--set __proto__: unknown parameter "__proto__"');
    const sets = parseAssignments(setValues);
    // Empty or repeated labels (an .nfg may have them) fall back to indices so rows and columns stay distinct.
    const game = withDistinctLabels(await loadGame(arg, io, sets, args.flags.has('allow-outside-range')));
    if (format === 'nfg') {
      // the one-round game as Gambit's strategic-form file (what the methods would solve), for Gambit's own tools
      io.document(writeNfg(game));
      return 0;
    }
    const methods = methodsFor(game, method as Method | undefined);
    const runs: { method: Solver; equilibria: Equilibrium[] }[] = [];
    for (const m of methods)
      runs.push({
        method: m,
        equilibria: await runMethod(game, m, arg, methods.length === 1 ? (methodOpt ?? m) : m),
      });
    const found = mergeByProfile(runs);
    if (format === 'json') io.document(`${solveJson(game, found)}\n`);
    else if (format === 'csv') io.document(solveCsv(game, found));
    else io.out(...solveText(game, found, methods));
    return 0;
  },
};
