#!/usr/bin/env node
// Parley's headless command line: `npm run cli -- <command> [options]`.
const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  help                 Show this help.

Run "npm run cli -- <command> --help" for a command's options.`;

const main = (argv: readonly string[]): number => {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  process.stderr.write(`parley: unknown command "${command}" (try --help)\n`);
  return 2;
};

process.exitCode = main(process.argv.slice(2));
