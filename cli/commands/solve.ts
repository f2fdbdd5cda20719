// `solve <file.nfg | scenario file | built-in id>`: Nash equilibria of a strategic-form game.
import { resolve } from 'node:path';
import type { Game } from '../../models/games/Game';
import { formatNum, type Equilibrium, type Num } from '../../models/games/Equilibrium';
import { Rational } from '../../models/games/Rational';
import { NfgError, readNfg } from '../../models/games/nfg';
import { pureEquilibria } from '../../models/games/pureEquilibria';
import { enumMixed } from '../../models/games/enumMixed';
import { lcp } from '../../models/games/lemkeHowson';
import { logit } from '../../models/games/logit';
import { constantSumViolation, zeroSum } from '../../models/games/zeroSum';
import { SolverLimitError } from '../../models/games/SolverLimitError';
import { SOLVER_LIMITS, logitMaxSteps, logitSize } from '../../models/games/solverLimits';
import { CliError, type CliIo, type Command } from '../lib/Command';
import { lastOption, parseArgs, parseAssignments, UsageError } from '../lib/args';
import { readTextFile } from '../../node/files/readTextFile';
import { csvFraction, csvTable, rawCell, type CsvCell } from '../../models/text/csv';
import { withDistinctLabels } from '../../models/games/distinctLabels';
import { terminalText } from '../../models/text/terminalText';

/** Largest .nfg file read (bytes): well above the largest game readNfg accepts. */
const MAX_NFG_BYTES = 20_000_000;

const METHODS = ['pure', 'enummixed', 'lcp', 'logit', 'zerosum', 'all'] as const;
type Method = (typeof METHODS)[number];
const FORMATS = ['text', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: npm run cli -- solve <file.nfg | scenario file | built-in id> [options]

Compute the Nash equilibria of a strategic-form game: a Gambit .nfg file, or a scenario's one-round game.

Options:
  --method M   pure | enummixed | lcp | logit | zerosum | all
               (default: enummixed for 2-player games, pure and logit otherwise)
                 pure       every pure-strategy equilibrium (N players)
                 enummixed  every extreme equilibrium, exact (2 players)
                 lcp        Lemke-Howson from every label, exact (2 players)
                 logit      limit of the principal logit QRE branch (N players)
                 zerosum    value and optimal strategies by LP (2-player zero-sum games)
                 all        every method that applies to the game
  --format F   text (default) | json | csv
  --set k=v    a scenario parameter value (repeatable; scenarios only)

Probabilities and payoffs are exact fractions (2/3) when the payoffs are exact, decimals otherwise.`;

type LoadScenarioGame = (arg: string, cwd: string, sets: Record<string, number>) => Promise<Game>;

/** Resolved lazily so that .nfg solving does not depend on the scenario layer. */
const SCENARIO_LOADER = '../lib/loadScenarioGame';

const loadGame = async (arg: string, io: CliIo, sets: Record<string, number>): Promise<Game> => {
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
  let loader: LoadScenarioGame | undefined;
  try {
    const mod = (await import(/* @vite-ignore */ SCENARIO_LOADER)) as { loadScenarioGame?: LoadScenarioGame };
    loader = mod.loadScenarioGame;
  } catch {
    loader = undefined;
  }
  if (!loader) throw new CliError(`"${arg}" is not a .nfg file, and this build cannot load scenarios`);
  return loader(arg, io.cwd, sets);
};

const methodsFor = (game: Game, method: Method | undefined): Exclude<Method, 'all'>[] => {
  const two = game.players.length === 2;
  if (method === undefined) return two ? ['enummixed'] : ['pure', 'logit'];
  if (method !== 'all') return [method];
  if (!two) return ['pure', 'logit'];
  const out: Exclude<Method, 'all'>[] = ['pure', 'enummixed', 'lcp', 'logit'];
  if (constantSumViolation(game) === null) out.push('zerosum');
  return out;
};

/** The shared solver work budgets (models/games/solverLimits.ts), under the name the tests use. */
export const SOLVE_LIMITS = SOLVER_LIMITS;

const ALTERNATIVES: Record<Exclude<Method, 'all'>, string> = {
  pure: '',
  enummixed: ' (try --method lcp or --method logit for one equilibrium)',
  lcp: ' (try --method logit for one equilibrium)',
  logit: ' (try --method pure)',
  zerosum: ' (try --method lcp or --method logit)',
};

const runMethod = (game: Game, method: Exclude<Method, 'all'>, arg: string): Equilibrium[] => {
  const twoOnly = method === 'enummixed' || method === 'lcp' || method === 'zerosum';
  if (twoOnly && game.players.length !== 2) {
    throw new CliError(
      `--method ${method} needs a 2-player game; "${arg}" has ${game.players.length} players`,
    );
  }
  const size = game.strategies.map((s) => s.length).join('×');
  try {
    return solveWith(game, method, arg, size);
  } catch (err) {
    if (err instanceof SolverLimitError) {
      throw new CliError(`${arg}: --method ${method}: ${err.message}${ALTERNATIVES[method]}`);
    }
    if (method === 'logit' && err instanceof Error && err.message.startsWith('logit: could not')) {
      throw new CliError(`${arg}: --method ${err.message}${ALTERNATIVES[method]}`);
    }
    throw err;
  }
};

const solveWith = (game: Game, method: Exclude<Method, 'all'>, arg: string, size: string): Equilibrium[] => {
  switch (method) {
    case 'pure':
      return pureEquilibria(game);
    case 'enummixed':
      return enumMixed(game, { maxWork: SOLVE_LIMITS.enummixedWork });
    case 'lcp':
      return lcp(game, { maxWork: SOLVE_LIMITS.lcpWork });
    case 'logit':
      if (logitSize(game) > SOLVE_LIMITS.logitSize) {
        throw new SolverLimitError(
          'logit',
          `the ${size} game is too large to trace the logit branch quickly (${game.payoffs.length} profiles)`,
        );
      }
      return logit(game, {
        maxSteps: logitMaxSteps(game),
      });
    case 'zerosum': {
      const v = constantSumViolation(game);
      if (v) throw new CliError(`--method zerosum: "${arg}" is not zero-sum: ${v}`);
      if (game.payoffs.length > SOLVE_LIMITS.zerosumCells) {
        throw new SolverLimitError(
          'zerosum',
          `the ${size} game is too large for the exact LP (more than ${SOLVE_LIMITS.zerosumCells} cells)`,
        );
      }
      return [zeroSum(game).equilibrium];
    }
  }
};

/** The JSON document of issue 3 §5 (exact fractions as strings, floats as decimals). */
export const solveJson = (game: Game, eqs: readonly Equilibrium[]): string =>
  JSON.stringify({
    game: { title: game.title, players: game.players, strategies: game.strategies },
    equilibria: eqs.map((e) => ({
      method: e.method,
      profile: e.profile.map((row) => row.map(formatNum)),
      payoffs: e.payoffs.map(formatNum),
      regret: formatNum(e.regret),
    })),
  });

/**
 * One row per equilibrium: `method`, then per player and strategy its probability, per player the payoff, and the
 * regret — each as a decimal number column (for computation) followed by its ` exact` column holding the exact
 * fraction as `p / q` (a form spreadsheets keep as text; `9/11` would become a date), empty when the value is a
 * float. Written with the one CSV writer (models/text/csv.ts): RFC 4180, CRLF, text cells guarded.
 */
export const solveCsv = (game: Game, eqs: readonly Equilibrium[]): string => {
  const pair = (name: string): string[] => [name, `${name} exact`];
  const head = [
    'method',
    ...game.players.flatMap((p, i) => (game.strategies[i] ?? []).flatMap((s) => pair(`${p}:${s}`))),
    ...game.players.flatMap((p) => pair(`payoff:${p}`)),
    ...pair('regret'),
  ];
  const cells = (x: Num): CsvCell[] =>
    x instanceof Rational ? [x.toNumber(), rawCell(csvFraction(x.num, x.den))] : [x, null];
  const rows = eqs.map((e): CsvCell[] => [
    e.method,
    ...e.profile.flatMap((row) => row.flatMap(cells)),
    ...e.payoffs.flatMap(cells),
    ...cells(e.regret),
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

export const solveText = (game: Game, eqs: readonly Equilibrium[], methods: readonly string[]): string[] => {
  const lines: string[] = [];
  lines.push(game.title || '(untitled game)');
  lines.push(
    `Players: ${game.players.map((p, i) => `${p} {${(game.strategies[i] ?? []).join(', ')}}`).join('; ')}`,
  );
  lines.push(`Methods: ${methods.join(', ')}`);
  lines.push('');
  if (eqs.length === 0) {
    lines.push('No equilibria found by these methods.');
    return lines;
  }
  lines.push(`${eqs.length} equilibri${eqs.length === 1 ? 'um' : 'a'}:`);
  const head = ['#', 'method', ...game.players, 'payoffs', 'regret'].map(terminalText);
  const rows = eqs.map((e, k) =>
    [
      String(k + 1),
      e.method,
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
    const args = parseArgs(argv, { valued: ['method', 'format', 'set'], flags: [] });
    if (args.positional.length !== 1) {
      throw new UsageError(
        args.positional.length === 0
          ? 'missing the game to solve'
          : `expected one game, got ${args.positional.length}`,
      );
    }
    const arg = args.positional[0] as string;
    const methodOpt = lastOption(args, 'method');
    if (methodOpt !== undefined && !(METHODS as readonly string[]).includes(methodOpt)) {
      throw new UsageError(`unknown --method "${methodOpt}" (expected ${METHODS.join(', ')})`);
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
    const game = withDistinctLabels(await loadGame(arg, io, sets));
    const methods = methodsFor(game, methodOpt as Method | undefined);
    const eqs = methods.flatMap((m) => runMethod(game, m, arg));
    if (format === 'json') io.document(`${solveJson(game, eqs)}\n`);
    else if (format === 'csv') io.document(solveCsv(game, eqs));
    else io.out(...solveText(game, eqs, methods));
    return 0;
  },
};
