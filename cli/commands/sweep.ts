// Placeholder until the owning issue lands this command.
import { CliError, type Command } from '../lib/Command';

export const command: Command = {
  name: 'sweep',
  summary: 'not available yet',
  usage: 'Usage: npm run cli -- sweep (not available yet)',
  run: async () => {
    throw new CliError('the "sweep" command is not available yet');
  },
};
