// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'solve',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- solve (not available yet)',
  run: async () => {
    throw new CliError('the "solve" command is not available yet');
  },
};
