// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'run',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- run (not available yet)',
  run: async () => {
    throw new CliError('the "run" command is not available yet');
  },
};
