// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'validate',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- validate (not available yet)',
  run: async () => {
    throw new CliError('the "validate" command is not available yet');
  },
};
