// `schema`: print the JSON Schema of the scenario format (generated from the zod definition).
import { scenarioJsonSchema } from '../../models/scenario/scenarioSchema';
import type { Command } from '../lib/Command';
import { parseArgs, UsageError } from '../lib/args';

export const schemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

export const command: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of the scenario format.',
  usage: [
    'Usage: npm run cli -- schema',
    '',
    'Prints the JSON Schema (draft 2020-12) of the "parley.scenario/2" format on stdout.',
    'The same file ships as models/library/parley.scenario.schema.json; point "$schema" at it in your editor.',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [], flags: [] });
    if (args.positional.length) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    io.document(schemaText());
    return 0;
  },
};
