// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'compare',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- compare (not available yet)',
  run: async () => {
    throw new CliError('the "compare" command is not available yet');
  },
};
