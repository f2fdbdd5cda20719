// Parley's headless command line: `npx parley <command> [options]` or `npm run cli -- <command> [options]`
// (bin/parley.mjs runs it from the prebuilt bundle; `npx tsx cli/main.ts …` runs it from source).
import { COMMANDS } from './commands';
import { CliError, type CliIo } from './lib/Command';
import { UsageError } from './lib/args';
import { TextFileError } from '../node/files/readTextFile';

const usage = (): string => {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: parley <command> [options]      (in the repository: npx parley … or npm run cli -- …)',
    '',
    'Parley: game-theory sandbox and seeded scenario simulator, headless.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "parley <command> --help" for the options of a command.',
    'Set PARLEY_DEBUG=1 to see stack traces of internal errors.',
  ].join('\n');
};

export const main = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(`${usage()}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout('parley 0.1.0\n');
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`parley: unknown command "${name}" (run with --help for the list)\n`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`parley ${name}: ${err.message} (see --help)\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr(`parley ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof TextFileError) {
      io.stderr(`parley ${name}: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`parley ${name}: internal error: ${message}\n`);
    if (process.env.PARLEY_DEBUG) io.stderr(`${err instanceof Error ? err.stack : ''}\n`);
    return 70;
  }
};

/** Run as the process: argv, stdout/stderr, exit code (bin/parley.mjs calls this in the bundle). */
export const runCli = (): void => {
  // a closed pipe (`parley list | head -1`) ends the output quietly, as in any Unix tool
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`parley: ${String(err)}\n`);
      process.exitCode = 70;
    },
  );
};

// `tsx cli/main.ts …` (from source, e.g. to debug): run as the process too.
const isEntry =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) runCli();
