// `show <scenario> [--set k=v ...]`: the one-round game at those values as a readable table.
import type { Game } from '../../models/games/Game';
import { terminalText } from '../../models/text/terminalText';
import { writeEfg } from '../../models/games/extensive/efg';
import { writeNfg } from '../../models/games/nfg';
import { treeFromGame } from '../../models/games/extensive/treeFromGame';
import type { GameTree } from '../../models/games/extensive/GameTree';
import { roundTree } from '../../models/scenario/roundTree';
import { instantiateModel } from '../../models/scenario/instantiateModel';
import { reduceToGame } from '../../models/scenario/reduceToGame';
import { CliError, type Command } from '../lib/Command';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import { checkAssignments, parseSets } from '../lib/loadScenarioGame';
import { OUTSIDE_RANGE_USAGE } from '../lib/checkRanges';
import { resolveScenario } from '../lib/resolveScenario';
import { builtinGameArg } from '../lib/builtinGameArg';
import type { BuiltinGame } from '../../models/scenario/builtinGames';
import { builtinGameTree } from '../../models/scenario/builtinGames';
import { reducedStrategicForm } from '../../models/games/extensive/reducedStrategicForm';

const fmt = (v: number): string => {
  const r = Math.round(v * 1e4) / 1e4;
  return Object.is(r, -0) ? '0' : String(r);
};

/** Plain-text rendering: a matrix for 2 players, a profile list otherwise. */
export const formatGame = (game: Game): string[] => {
  const lines: string[] = [];
  const [s0 = [], s1 = []] = game.strategies;
  if (game.players.length === 2) {
    const cell = (i: number, j: number): string => {
      const p = game.payoffs[i + s0.length * j] ?? [];
      return `${fmt(p[0] ?? NaN)}, ${fmt(p[1] ?? NaN)}`;
    };
    const head = [`${game.players[0]} \\ ${game.players[1]}`, ...s1].map(terminalText);
    const rows = s0.map((label, i) => [terminalText(label), ...s1.map((_, j) => cell(i, j))]);
    const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
    const line = (cells: string[]): string =>
      cells
        .map((c, k) => c.padEnd(widths[k] ?? 0))
        .join(' | ')
        .trimEnd();
    lines.push(line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line));
    lines.push('', `Cells: payoff of ${game.players[0]}, payoff of ${game.players[1]}.`);
  } else {
    lines.push(`Profiles (${game.players.join(', ')}) → payoffs:`);
    game.payoffs.forEach((p, idx) => {
      let rest = idx;
      const labels = game.strategies.map((s) => {
        const k = rest % s.length;
        rest = Math.floor(rest / s.length);
        return s[k];
      });
      lines.push(`  ${labels.join(', ')}  →  ${p.map(fmt).join(', ')}`);
    });
  }
  return lines;
};

/** `show <built-in game id>`: the game's .efg text (`efg`), its reduced strategic form (`nfg`), JSON, or readable text. */
const showBuiltinGame = (game: BuiltinGame, format: string): { document: string } | { lines: string[] } => {
  if (format === 'efg') return { document: game.efg };
  const tree = builtinGameTree(game.id);
  if (format === 'nfg') return { document: writeNfg(reducedStrategicForm(tree).game) };
  if (format === 'json') {
    const { id, title, summary, notes, efg } = game;
    return { document: `${JSON.stringify({ id, title, summary, notes, efg }, null, 2)}\n` };
  }
  const lines = [`${game.title} — a built-in game tree (${game.id})`, game.summary, ''];
  tree.players.forEach((p, i) => {
    const sets = (tree.infosets[i] ?? []).map(
      (s) => `${s.label || `#${s.number}`} {${s.actions.join(', ')}}`,
    );
    lines.push(`${p}: ${sets.join('; ')}`);
  });
  lines.push(
    '',
    ...game.notes.split('\n'),
    '',
    `Solve it: solve ${game.id} [--method spe|pure|lcp|enummixed|logit|all]`,
  );
  return { lines };
};

export const command: Command = {
  name: 'show',
  summary: "Show a scenario's one-round game at given parameter values.",
  usage: [
    'Usage: npm run cli -- show <scenario> [--set name=value ...] [--round N] [--json | --format F] [--allow-outside-range]',
    '',
    '<scenario> is a built-in id (see `list`) or a .parley.json file. A built-in game tree (entry-deterrence,',
    'centipede, ultimatum, beer-quiche, kuhn-poker) shows its players, information sets and teaching notes;',
    'with --format efg its Gambit .efg file, with --format nfg its reduced strategic form.',
    '  --set name=value   override a parameter (repeatable)',
    '  --round N          the round whose game to show (sets round/month; default 1)',
    '  --json             print the game as JSON (same as --format json)',
    '  --format F         text (default) | json | nfg (a Gambit strategic-form file) | efg (a Gambit',
    "                     extensive-form file: a tree scenario's round tree, else simultaneous moves)",
    OUTSIDE_RANGE_USAGE,
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, {
      valued: ['set', 'round', 'format'],
      flags: ['json', 'allow-outside-range'],
    });
    const format = lastOption(args, 'format') ?? (args.flags.has('json') ? 'json' : 'text');
    if (!['text', 'json', 'nfg', 'efg'].includes(format))
      throw new UsageError(`unknown --format "${format}" (expected text, json, nfg, efg)`);
    const [arg, extra] = args.positional;
    if (!arg) throw new UsageError('missing scenario');
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    const builtinGame = builtinGameArg(arg);
    if (builtinGame) {
      if (args.options.has('set') || args.options.has('round')) {
        throw new UsageError(
          `--${args.options.has('set') ? 'set' : 'round'} applies to scenarios, not to built-in games`,
        );
      }
      const shown = showBuiltinGame(builtinGame, format);
      if ('document' in shown) io.document(shown.document);
      else io.out(...shown.lines);
      return 0;
    }
    const sets = parseSets(args.options.get('set') ?? []);
    const roundText = lastOption(args, 'round');
    // digits only ("1e9", "0x10" and " 2" are refused), checked against the scenario's rounds once it is read
    if (roundText !== undefined && !/^[0-9]{1,9}$/.test(roundText))
      throw new UsageError('--round must be a whole number ≥ 1');
    const round = roundText === undefined ? 1 : Number(roundText);
    if (round < 1) throw new UsageError('--round must be a whole number ≥ 1');
    const { spec } = await resolveScenario(arg, io.cwd);
    if (round > spec.rounds.count)
      throw new UsageError(
        `--round must be a whole number from 1 to ${spec.rounds.count} (the scenario's ${spec.rounds.label}s)`,
      );
    checkAssignments(spec, sets, { io, name: 'show', allow: args.flags.has('allow-outside-range') });
    let game: Game;
    try {
      game = reduceToGame(instantiateModel(spec), { params: sets, round });
    } catch (err) {
      throw new CliError(err instanceof Error ? err.message : String(err));
    }
    if (format === 'nfg') {
      io.document(writeNfg(game));
      return 0;
    }
    if (format === 'efg') {
      // The round's game tree (a tree scenario's moves in order, with chance; else simultaneous moves, where
      // information sets hide earlier moves).
      let tree: GameTree;
      try {
        tree = spec.tree ? roundTree(instantiateModel(spec), { params: sets, round }) : treeFromGame(game);
      } catch (err) {
        throw new CliError(err instanceof Error ? err.message : String(err));
      }
      io.document(writeEfg(tree, { gambitLabels: true }));
      return 0;
    }
    if (format === 'json') {
      io.document(
        `${JSON.stringify({ title: game.title, players: game.players, strategies: game.strategies, payoffs: game.payoffs }, null, 2)}\n`,
      );
      return 0;
    }
    const values = spec.params.map((p) => `${p.id}=${fmt(sets[p.id] ?? p.value)}`);
    io.out(`${spec.title} — one ${spec.rounds.label} (round ${round})`);
    if (values.length) io.out(`Parameters: ${values.join(', ')}`);
    io.out('', ...formatGame(game));
    if (spec.tree) {
      // The table above is the payoff of each action profile (expected over chance); the round is played as a tree.
      const order = spec.tree.moves
        .map((m) => (m.kind === 'chance' ? `chance "${m.id}"` : (spec.actors[m.actor]?.name ?? '?')))
        .join(', then ');
      io.out(
        '',
        `This round is a game tree: ${terminalText(order)}. The payoffs above are per action profile, expected over chance;`,
        `\`solve ${terminalText(arg)}\` solves the tree (who observes what included) and \`show ${terminalText(arg)} --format efg\` writes it.`,
      );
    }
    return 0;
  },
};
