// `validate <file>...`: every problem of a scenario file, one per line `file: path: message`; exit 1 if any.
import { relative, resolve } from 'node:path';
import { parseScenario } from '../../models/scenario/parseScenario';
import type { Command } from '../lib/Command';
import { parseArgs, UsageError } from '../lib/args';
import { readTextFile } from '../../node/files/readTextFile';
import { MAX_SCENARIO_BYTES } from '../lib/resolveScenario';
import { builtinText, isBuiltin } from '../../models/scenario/builtins';
import { builtinGameTree } from '../../models/scenario/builtinGames';
import { builtinGameArg } from '../lib/builtinGameArg';

export const command: Command = {
  name: 'validate',
  summary: 'Validate a scenario file and print every problem.',
  usage: [
    'Usage: npm run cli -- validate <file.parley.json | built-in id> [more...] [--quiet]',
    '',
    'Checks the file against the scenario format, resolves every formula and reference, and prints every',
    'problem as `file: path: message` (warnings as `file: path: warning: message`). Exit 1 if a file is invalid.',
    '  --quiet   do not print warnings or the OK line',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [], flags: ['quiet'] });
    if (!args.positional.length) throw new UsageError('missing file to validate');
    const quiet = args.flags.has('quiet');
    let bad = 0;
    for (const arg of args.positional) {
      const game = builtinGameArg(arg);
      if (game) {
        // a built-in game tree (models/library/games/): parsed and checked as a Gambit .efg file
        const tree = builtinGameTree(game.id);
        const sets = tree.infosets.reduce((n, s) => n + s.length, 0);
        if (!quiet) {
          io.out(
            `${arg}: OK — built-in game tree "${tree.title}": ${tree.players.length} players, ${sets} information sets, ${tree.nodes.length} nodes`,
          );
        }
        continue;
      }
      // a built-in id, as everywhere (a path-looking argument is always a file)
      const builtin = !/[\\/]|\.json$/i.test(arg) && isBuiltin(arg);
      const path = builtin ? `${arg}.parley.json` : resolve(io.cwd, arg);
      const shown = builtin ? arg : relative(io.cwd, path) || arg;
      const text = builtin
        ? builtinText(arg)
        : await readTextFile(path, { maxBytes: MAX_SCENARIO_BYTES, shown: arg });
      const r = parseScenario(text, path);
      if (!r.ok) {
        bad++;
        for (const i of r.issues) io.out(`${shown}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
        continue;
      }
      if (!quiet) {
        for (const w of r.warnings) io.out(`${shown}: ${w.path ? `${w.path}: ` : ''}warning: ${w.message}`);
        const migrated = r.migratedFrom ? ` (upgraded from ${r.migratedFrom})` : '';
        io.out(
          `${shown}: OK — "${r.scenario.title}": ${r.spec.actors.length} actors, ${r.spec.params.length} parameters, ${r.spec.rounds.count} ${r.spec.rounds.label}(s)${migrated}`,
        );
      }
    }
    return bad ? 1 : 0;
  },
};
