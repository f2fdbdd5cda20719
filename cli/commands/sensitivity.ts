// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'sensitivity',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- sensitivity (not available yet)',
  run: async () => {
    throw new CliError('the "sensitivity" command is not available yet');
  },
};
