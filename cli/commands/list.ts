// `list`: the built-in scenarios, then the built-in classic game trees in their own section.
import { listBuiltins } from '../../models/scenario/builtinFiles';
import { builtinGames } from '../../models/scenario/builtinGames';
import type { Command } from '../lib/Command';
import { parseArgs, UsageError } from '../lib/args';

export const command: Command = {
  name: 'list',
  summary: 'List the built-in scenarios and classic game trees.',
  usage: [
    'Usage: npm run cli -- list [--json]',
    '',
    'Lists the built-in scenarios (id, title, summary). Use an id with show, solve, run, sweep, ...',
    'Then the classic game trees for teaching (entry deterrence, centipede, ultimatum, beer-quiche, Kuhn poker):',
    'use their ids with solve and show (`show <id> --format efg` writes the Gambit file).',
    '  --json   print the scenarios as JSON (an array, as before; the game trees are not in it)',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [], flags: ['json'] });
    if (args.positional.length) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const list = listBuiltins();
    if (args.flags.has('json')) {
      io.document(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...list.map((b) => b.id.length), ...builtinGames.map((g) => g.id.length));
    for (const b of list) {
      io.out(`${b.id.padEnd(width)}  ${b.title}${b.tags.length ? `  [${b.tags.join(', ')}]` : ''}`);
      if (b.summary) io.out(`${' '.repeat(width)}  ${b.summary}`);
    }
    io.out('', 'Classic game trees (solve <id>, show <id> [--format efg]):');
    for (const g of builtinGames) {
      io.out(`${g.id.padEnd(width)}  ${g.title}`);
      io.out(`${' '.repeat(width)}  ${g.summary}`);
    }
    return 0;
  },
};
