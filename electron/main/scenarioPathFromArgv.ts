// Which scenario file, if any, a command line asks to open: `parley model.parley.json`, a double-click (the file
// association passes the path), or a second instance forwarding its argv. Handles Electron's and Chromium's extra
// arguments (switches such as --allow-file-access-from-files or --original-process-start-time=…, the app path in an
// unpackaged `electron .` run), file:// URLs (Linux desktop files), and Windows paths.
import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ArgvContext = {
  /** process.platform */
  readonly platform: string;
  /** Folder relative paths are resolved against (process.cwd(), or the second instance's workingDirectory). */
  readonly cwd: string;
};

const looksLikeScenario = (arg: string): boolean => arg.toLowerCase().endsWith('.json');

/** The absolute path of the first scenario file (*.json) named on the command line, or null. */
export const scenarioPathFromArgv = (argv: readonly string[], context: ArgvContext): string | null => {
  const path = context.platform === 'win32' ? win32 : posix;
  let switchesEnded = false;
  // argv[0] is the executable; in an unpackaged run argv[1] is the app folder (not a .json file, so skipped below).
  for (const arg of argv.slice(1)) {
    if (!switchesEnded && arg === '--') {
      switchesEnded = true;
      continue;
    }
    if (!switchesEnded && arg.startsWith('-')) continue;
    if (arg.length === 0 || arg.length > 4096 || arg.includes('\0')) continue;
    let candidate = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        candidate = fileURLToPath(arg, { windows: context.platform === 'win32' });
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      continue; // some other URL scheme: never treated as a file
    }
    if (!looksLikeScenario(candidate)) continue;
    return path.isAbsolute(candidate) ? path.normalize(candidate) : path.resolve(context.cwd, candidate);
  }
  return null;
};
