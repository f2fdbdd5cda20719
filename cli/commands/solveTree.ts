// `solve FILE.efg` or `solve <built-in game id>`: equilibria of a Gambit extensive-form game (dispatched from solve.ts
// by file extension, or for a built-in classic game, models/scenario/builtinGames.ts).
import { resolve } from 'node:path';
import { formatNum, type Num } from '../../models/games/Equilibrium';
import { Rational } from '../../models/games/Rational';
import { SolverLimitError } from '../../models/games/SolverLimitError';
import { SOLVER_LIMITS } from '../../models/games/solverLimits';
import type { GameTree } from '../../models/games/extensive/GameTree';
import { EfgError, readEfg, writeEfg } from '../../models/games/extensive/efg';
import { TreeError } from '../../models/games/extensive/TreeError';
import { agentLogit } from '../../models/games/extensive/agentLogit';
import { sequenceFormLcp } from '../../models/games/extensive/sequenceFormLcp';
import { subgamePerfect } from '../../models/games/extensive/subgamePerfect';
import { treeEnumMixed, treePureEquilibria } from '../../models/games/extensive/treeNash';
import type { TreeEquilibrium } from '../../models/games/extensive/verifyBehaviour';
import { csvHeader, csvLine, csvText } from '../../models/engine/csv';
import { CliError, type CliIo } from '../lib/Command';
import { lastOption, onePositional, parseArgs, UsageError } from '../lib/args';
import { readTextFile } from '../../node/files/readTextFile';
import { builtinGameTree } from '../../models/scenario/builtinGames';
import { builtinGameArg } from '../lib/builtinGameArg';
import type { ModelSpec } from '../../models/scenario/RuntimeModel';

/** Largest .efg file read (bytes). */
const MAX_EFG_BYTES = 20_000_000;

export const TREE_METHODS = ['spe', 'pure', 'lcp', 'enummixed', 'logit', 'all'] as const;
type TreeMethod = Exclude<(typeof TREE_METHODS)[number], 'all'>;
const TREE_FORMATS = ['text', 'json', 'csv', 'efg'] as const;
type TreeFormat = (typeof TREE_FORMATS)[number];

export const TREE_USAGE = `Usage: npm run cli -- solve <file.efg | built-in game id | tree scenario> [--method M] [--format F]

Equilibria of a Gambit extensive-form game (.efg), as behaviour strategies. The built-in classic games
(entry-deterrence, centipede, ultimatum, beer-quiche, kuhn-poker; see \`list\`) are solved like files, and so is
the round of a scenario whose rounds are game trees (\`tree\`, e.g. korea-2025-sequential; --set name=value and
--allow-outside-range as for its other commands): the tree that \`show <scenario> --format efg\` writes.

Options:
  --method M   spe (default) | pure (alias: enumpure) | lcp | enummixed | logit | all
                 spe        every pure subgame-perfect equilibrium (backward induction, every tie-break;
                            subgames without a pure equilibrium: their extreme equilibria or logit limit)
                 pure       every pure-strategy Nash equilibrium (as gambit-enumpure)
                 lcp        sequence-form Lemke from several starting points, exact (2 players)
                 enummixed  every extreme equilibrium of the reduced strategic form (2 players)
                 logit      limit of the agent logit QRE branch
                 all        every method that applies to the game
  --format F   text (default) | json | csv | efg (the game, with the equilibria in its comment)

Information sets are listed per player in ascending order of their number in the file. Probabilities are exact
fractions when the payoffs are exact. A row of zeros (— in text) marks an information set the player's own strategy
never reaches, where the equilibrium does not say what it would do.`;

const methodsFor = (tree: GameTree, method: TreeMethod | 'all'): TreeMethod[] => {
  if (method !== 'all') return [method];
  return tree.players.length === 2 ? ['spe', 'pure', 'enummixed', 'lcp', 'logit'] : ['spe', 'pure', 'logit'];
};

const solveWith = (tree: GameTree, method: TreeMethod): TreeEquilibrium[] => {
  switch (method) {
    case 'spe':
      return subgamePerfect(tree);
    case 'pure':
      return treePureEquilibria(tree);
    case 'lcp':
      return sequenceFormLcp(tree, { maxWork: SOLVER_LIMITS.lcpWork });
    case 'enummixed':
      return treeEnumMixed(tree, { maxEnumWork: SOLVER_LIMITS.enummixedWork });
    case 'logit':
      return agentLogit(tree);
  }
};

const setLabel = (tree: GameTree, p: number, k: number): string => {
  const s = tree.infosets[p]?.[k];
  return s?.label ? s.label : `#${s?.number ?? k + 1}`;
};

/** An action's label, or its number ("#2") when the file leaves it empty (Gambit allows that). */
const actionLabel = (tree: GameTree, p: number, k: number, a: number): string => {
  const label = tree.infosets[p]?.[k]?.actions[a];
  return label ? label : `#${a + 1}`;
};

/** The JSON document (issue 15 §4): exact fractions as strings, floats as decimals. */
export const solveTreeJson = (tree: GameTree, eqs: readonly TreeEquilibrium[]): string =>
  JSON.stringify({
    game: {
      title: tree.title,
      players: tree.players,
      infosets: tree.infosets.map((sets) => sets.map((s) => ({ label: s.label, actions: s.actions }))),
    },
    equilibria: eqs.map((e) => ({
      method: e.method,
      behaviour: e.behaviour.map((sets) => sets.map((row) => row.map(formatNum))),
      payoffs: e.payoffs.map(formatNum),
      regret: formatNum(e.regret),
    })),
  });

/** CSV: one row per equilibrium; one column per (player, information set, action), then payoffs and regret. */
export const solveTreeCsv = (tree: GameTree, eqs: readonly TreeEquilibrium[]): string => {
  const head = [
    'method',
    ...tree.infosets.flatMap((sets, p) =>
      sets.flatMap((s, k) =>
        s.actions.map((_, a) => `${tree.players[p]}:${setLabel(tree, p, k)}:${actionLabel(tree, p, k, a)}`),
      ),
    ),
    ...tree.players.map((p) => `payoff:${p}`),
    'regret',
  ];
  const rows = eqs.map((e) =>
    csvLine([
      csvText(e.method),
      ...e.behaviour.flatMap((sets) => sets.flatMap((row) => row.map(formatNum))),
      ...e.payoffs.map(formatNum),
      formatNum(e.regret),
    ]),
  );
  return csvHeader(head) + rows.join('');
};

const short = (x: Num): string => {
  if (x instanceof Rational)
    return x.den > 1_000_000n ? `≈${Number(x.toNumber().toPrecision(6))}` : x.toString();
  const r = Number(x.toPrecision(6));
  return Object.is(r, -0) ? '0' : String(r);
};
const isZero = (x: Num): boolean => (x instanceof Rational ? x.isZero() : Math.abs(x) < 5e-7);
const isOne = (x: Num): boolean => (x instanceof Rational ? x.equals(Rational.ONE) : Math.abs(x - 1) < 5e-7);

/** Control characters shown as \u escapes (labels come from untrusted files). */
const printable = (s: string): string => {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 32 || c === 127 ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
};

export const solveTreeText = (
  tree: GameTree,
  eqs: readonly TreeEquilibrium[],
  methods: readonly string[],
): string => {
  const lines: string[] = [printable(tree.title || '(untitled game)')];
  tree.players.forEach((p, i) => {
    const sets = (tree.infosets[i] ?? []).map(
      (s, k) =>
        `${printable(setLabel(tree, i, k))} {${s.actions.map((_, a) => printable(actionLabel(tree, i, k, a))).join(', ')}}`,
    );
    lines.push(`${printable(p)}: ${sets.length ? sets.join('; ') : '(no moves)'}`);
  });
  lines.push(`Methods: ${methods.join(', ')}`, '');
  if (eqs.length === 0) {
    lines.push('No equilibria found by these methods.');
    return lines.join('\n');
  }
  lines.push(`${eqs.length} equilibri${eqs.length === 1 ? 'um' : 'a'}:`);
  const head = ['#', 'method', ...tree.players.map(printable), 'payoffs', 'regret'];
  const rows = eqs.map((e, n) => [
    String(n + 1),
    e.method,
    ...e.behaviour.map((sets, p) =>
      sets
        .map((row, k) => {
          const act = (a: number): string => printable(actionLabel(tree, p, k, a));
          const at = printable(setLabel(tree, p, k));
          if (row.every(isZero)) return `${at}: —`;
          const pure = row.findIndex(isOne);
          if (pure >= 0) return `${at}: ${act(pure)}`;
          return `${at}: ${row.flatMap((v, a) => (isZero(v) ? [] : [`${act(a)} ${short(v)}`])).join(', ')}`;
        })
        .join('; '),
    ),
    e.payoffs.map(short).join(', '),
    short(e.regret),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  lines.push(line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  return lines.join('\n');
};

/** The game as .efg with the equilibria listed in its comment (Gambit reads it back). */
export const solveTreeEfg = (tree: GameTree, eqs: readonly TreeEquilibrium[]): string => {
  const notes = eqs.map(
    (e, n) =>
      `equilibrium ${n + 1} (${e.method}): behaviour ${JSON.stringify(e.behaviour.map((sets) => sets.map((row) => row.map(formatNum))))}, payoffs ${JSON.stringify(e.payoffs.map(formatNum))}`,
  );
  const comment = [tree.comment, ...notes].filter((s) => s !== '').join('\n');
  return writeEfg({ ...tree, comment }, { gambitLabels: true });
};

/** A tree scenario's first round as a GameTree at its parameters' values and `--set` (checked as `show` checks them). */
const scenarioRoundTree = async (
  spec: ModelSpec,
  setValues: readonly string[],
  io: CliIo,
  allow: boolean,
): Promise<GameTree> => {
  // Loaded only here, so that solving a .efg file never loads the scenario layer (zod, mathjs).
  const { checkAssignments, parseSets } = await import('../lib/loadScenarioGame');
  const { instantiateModel } = await import('../../models/scenario/instantiateModel');
  const { roundTree } = await import('../../models/scenario/roundTree');
  const sets = parseSets(setValues);
  checkAssignments(spec, sets, { io, name: 'solve', allow });
  try {
    return roundTree(instantiateModel(spec), { params: sets });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
};

/**
 * Run `solve` on a .efg file, a built-in classic game, or (`scenario` given: solve.ts resolved the argument to a
 * scenario with a `tree`) that scenario's first round as a game tree at its parameters' values and `--set`.
 */
export const solveTree = async (
  argv: readonly string[],
  io: CliIo,
  scenario?: ModelSpec,
): Promise<number> => {
  const args = parseArgs(argv, {
    valued: ['method', 'format', 'set'],
    flags: scenario ? ['allow-outside-range'] : [],
  });
  if (args.flags.has('help')) {
    io.out(...TREE_USAGE.split('\n'));
    return 0;
  }
  const arg = onePositional(args, 'game to solve', 'game');
  const builtin = scenario ? undefined : builtinGameArg(arg);
  if (!scenario && args.options.has('set')) {
    throw new UsageError(`--set applies to scenarios, not to ${builtin ? 'built-in games' : '.efg files'}`);
  }
  const methodOpt = lastOption(args, 'method') ?? 'spe';
  // Gambit's tool is gambit-enumpure; `solve FILE.nfg` takes enumpure too.
  const method = methodOpt === 'enumpure' ? 'pure' : methodOpt;
  if (!(TREE_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(
      `unknown --method "${methodOpt}" for ${scenario ? 'a tree scenario' : 'a .efg file'} (expected ${TREE_METHODS.join(', ')})`,
    );
  }
  const format = (lastOption(args, 'format') ?? 'text') as TreeFormat;
  if (!(TREE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format "${format}" (expected ${TREE_FORMATS.join(', ')})`);
  }
  let tree: GameTree;
  if (scenario)
    tree = await scenarioRoundTree(
      scenario,
      args.options.get('set') ?? [],
      io,
      args.flags.has('allow-outside-range'),
    );
  else if (builtin) tree = builtinGameTree(builtin.id);
  else {
    const text = await readTextFile(resolve(io.cwd, arg), { maxBytes: MAX_EFG_BYTES, shown: `"${arg}"` });
    try {
      tree = readEfg(text, arg);
    } catch (err) {
      if (err instanceof EfgError) throw new CliError(err.message);
      throw err;
    }
  }
  const methods = methodsFor(tree, method as TreeMethod | 'all');
  const eqs: TreeEquilibrium[] = [];
  const used: string[] = [];
  for (const m of methods) {
    if ((m === 'lcp' || m === 'enummixed') && tree.players.length !== 2) {
      throw new CliError(`--method ${m} needs a 2-player game; "${arg}" has ${tree.players.length} players`);
    }
    try {
      eqs.push(...solveWith(tree, m));
      used.push(m);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (err instanceof SolverLimitError && method === 'all') {
        io.err(`parley solve: ${arg}: --method ${m} skipped: ${msg}`);
        continue;
      }
      if (err instanceof SolverLimitError || err instanceof TreeError || err instanceof RangeError) {
        throw new CliError(`${arg}: --method ${m}: ${msg}`);
      }
      if (m === 'logit' && msg.startsWith('logit: could not')) throw new CliError(`${arg}: --method ${msg}`);
      throw err;
    }
  }
  const out =
    format === 'json'
      ? solveTreeJson(tree, eqs)
      : format === 'csv'
        ? solveTreeCsv(tree, eqs)
        : format === 'efg'
          ? solveTreeEfg(tree, eqs)
          : null;
  // Text holds labels from the file: one escaped line each (a label's line break cannot forge a line).
  if (out === null) io.out(...solveTreeText(tree, eqs, used).split('\n'));
  else io.document(format === 'json' ? `${out}\n` : out);
  return 0;
};
