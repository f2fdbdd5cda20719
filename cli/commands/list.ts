// `list`: the built-in scenarios.
import { listBuiltins } from '../../models/scenario/builtinFiles';
import type { Command } from '../lib/Command';
import { parseArgs, UsageError } from '../lib/args';

export const command: Command = {
  name: 'list',
  summary: 'List the built-in scenarios.',
  usage: [
    'Usage: npm run cli -- list [--json]',
    '',
    'Lists the built-in scenarios (id, title, summary). Use an id with show, solve, run, sweep, ...',
    '  --json   print the list as JSON',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [], flags: ['json'] });
    if (args.positional.length) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const list = listBuiltins();
    if (args.flags.has('json')) {
      io.document(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...list.map((b) => b.id.length));
    for (const b of list) {
      io.out(`${b.id.padEnd(width)}  ${b.title}${b.tags.length ? `  [${b.tags.join(', ')}]` : ''}`);
      if (b.summary) io.out(`${' '.repeat(width)}  ${b.summary}`);
    }
    return 0;
  },
};
