// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'show',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- show (not available yet)',
  run: async () => {
    throw new CliError('the "show" command is not available yet');
  },
};
