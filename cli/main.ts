// Parley's headless command line: `npx parley <command> [options]` or `npm run cli -- <command> [options]`
// (bin/parley.mjs runs it from the prebuilt bundle; `npx tsx cli/main.ts …` runs it from source).
import { COMMANDS } from './commands';
import type { CliStreams } from './lib/Command';
import { APP_VERSION } from './lib/appVersion';
import { createCliIo } from './lib/cliIo';
import { terminalText } from '../models/text/terminalText';
import { FS_REASONS } from '../node/files/fsReasons';

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

/**
 * Run one CLI invocation. `streams` are the process's (or a test's) raw outputs; commands write only through the
 * terminal-safe CliIo built from them (cli/lib/cliIo.ts), and every error is printed here as ONE escaped line.
 */
export const main = async (argv: readonly string[], streams: CliStreams): Promise<number> => {
  const io = createCliIo(streams);
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(...usage().split('\n'));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`parley ${APP_VERSION}`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.err(`parley: unknown command "${name}" (run with --help for the list)`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(...command.usage.split('\n'));
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    io.status(null);
    // (loaded only now: the error classes' modules are not part of the CLI's start-up)
    const { commandErrorLine } = await import('./lib/commandErrorLine');
    const { line, exitCode, internal } = commandErrorLine(err);
    io.err(`parley ${name}: ${line}`);
    if (internal && process.env.PARLEY_DEBUG)
      io.err(...String(err instanceof Error ? err.stack : '').split('\n'));
    return exitCode;
  }
};

/**
 * Exit status when the reader of stdout or stderr went away (`parley … | head`): 128 + SIGPIPE (13), what a program
 * killed by SIGPIPE reports and what shells expect (`yes | head` → 141). Node ignores SIGPIPE, so a write fails with
 * EPIPE instead: the CLI then ends at once, quietly (no message: nobody is reading), and its exit handlers remove
 * any temporary file of an unfinished export.
 */
export const EXIT_BROKEN_PIPE = 141;

/**
 * Ends the process quietly on EPIPE from `stream`; any other write error (stdout redirected to a full disk: ENOSPC,
 * EIO) ends it with status 1 and one line through `report` (stderr), never a stack trace.
 */
export const exitOnBrokenPipe = (
  stream: { on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown },
  exit: (code: number) => void = (code) => process.exit(code),
  report: ((line: string) => void) | null = null,
): void => {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') return exit(EXIT_BROKEN_PIPE);
    const code = err.code ?? 'error';
    const reason = Object.hasOwn(FS_REASONS, code) ? `${FS_REASONS[code]} (${code})` : code;
    report?.(`parley: cannot write the output: ${reason}\n`);
    exit(1);
  });
};

/** Run as the process: argv, stdout/stderr, exit code (bin/parley.mjs calls this in the bundle). */
export const runCli = (): void => {
  exitOnBrokenPipe(process.stdout, undefined, (line) => {
    try {
      process.stderr.write(line);
    } catch {
      // stderr is gone too: the exit status says it
    }
  });
  exitOnBrokenPipe(process.stderr);
  const streams: CliStreams = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), streams).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`parley: ${terminalText(String(err))}\n`);
      process.exitCode = 70;
    },
  );
};

// `tsx cli/main.ts …` (from source, e.g. to debug): run as the process too.
const isEntry =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) runCli();
