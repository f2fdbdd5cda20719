// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'schema',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- schema (not available yet)',
  run: async () => {
    throw new CliError('the "schema" command is not available yet');
  },
};
