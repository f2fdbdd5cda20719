// The CLI's one output boundary: main() wraps the process's streams in a CliIo, and commands write only through
// it, so every command — including new ones — gets terminal-safe output by default (models/text/terminalText.ts):
// each line is escaped whole (a title holding "\nforged.parley.json: OK" stays on its line, visibly escaped; an
// ESC sequence cannot retitle or clear the terminal), documents keep only their own line structure, and the status
// line's cursor control is written here, never by a command.
import { terminalDocument, terminalText } from '../../models/text/terminalText';
import type { CliIo, CliStreams } from './Command';

/** Erase the current terminal line (CSI 2K) after a carriage return. */
const CLEAR_LINE = '\r\u001b[2K';

export const createCliIo = (streams: CliStreams): CliIo => {
  let statusShown = false;
  const clearStatus = (): void => {
    if (statusShown) streams.stderr(CLEAR_LINE);
    statusShown = false;
  };
  const lines =
    (write: (text: string) => void) =>
    (...ls: string[]) => {
      if (ls.length === 0) return;
      clearStatus();
      write(ls.map((l) => `${terminalText(l)}\n`).join(''));
    };
  return {
    out: lines(streams.stdout),
    err: lines(streams.stderr),
    document: (text) => {
      clearStatus();
      streams.stdout(terminalDocument(text));
    },
    status: (line) => {
      if (!streams.isTTY) return;
      if (line === null) return clearStatus();
      streams.stderr(`${CLEAR_LINE}${terminalText(line)}`);
      statusShown = true;
    },
    isTTY: streams.isTTY,
    cwd: streams.cwd,
  };
};
