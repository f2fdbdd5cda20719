// How a failed command is reported: ONE escaped line (printed by cli/main.ts through CliIo) and the exit status.
// Its own module, imported only once a command has failed, so that starting the CLI (`--help`, `list`, `solve`)
// does not load the error classes' modules (the file readers, the Gambit writers).
import { GambitWriteError } from '../../models/games/gambitNumber';
import { TextFileError } from '../../node/files/readTextFile';
import { UsageError } from './args';
import { CliError } from './Command';

/**
 * The line (without the "parley <command>: " prefix) and exit status for an error thrown by a command: usage errors
 * exit 2 and point to --help; CliError carries its own status; unreadable files and unwritable Gambit numbers exit 1;
 * anything else is an internal error, exit 70 (its stack only with PARLEY_DEBUG, printed by the caller).
 */
export const commandErrorLine = (err: unknown): { line: string; exitCode: number; internal: boolean } => {
  if (err instanceof UsageError) return { line: `${err.message} (see --help)`, exitCode: 2, internal: false };
  if (err instanceof CliError) return { line: err.message, exitCode: err.exitCode, internal: false };
  if (err instanceof GambitWriteError || err instanceof TextFileError)
    return { line: err.message, exitCode: 1, internal: false };
  const message = err instanceof Error ? err.message : String(err);
  return { line: `internal error: ${message}`, exitCode: 70, internal: true };
};
