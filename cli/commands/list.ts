// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'list',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- list (not available yet)',
  run: async () => {
    throw new CliError('the "list" command is not available yet');
  },
};
