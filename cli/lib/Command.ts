// The shape every CLI command module exports (as `command`), and the output a command writes through.

/** The process's raw streams (what main() is given; tests pass fakes). Commands never see these. */
export type CliStreams = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars go there only then). */
  readonly isTTY: boolean;
  readonly cwd: string;
};

/**
 * A command's only way to write (built by cli/lib/cliIo.ts around the raw streams). Everything written is made
 * terminal-safe (models/text/terminalText.ts): text from a file can never start a new line, move the cursor, clear
 * the screen, retitle the terminal or reorder what is shown.
 */
export type CliIo = {
  /** Lines on stdout: each argument is ONE line (any line break, control or bidi character inside is escaped). */
  readonly out: (...lines: string[]) => void;
  /** Lines on stderr, the same way (messages, warnings). */
  readonly err: (...lines: string[]) => void;
  /** A machine-readable document on stdout (JSON, CSV, .nfg), its own line breaks kept (terminalDocument). */
  readonly document: (text: string) => void;
  /** The one transient status line on stderr (progress), redrawn in place; null clears it. Terminals only. */
  readonly status: (line: string | null) => void;
  /** True when stderr is a terminal. */
  readonly isTTY: boolean;
  readonly cwd: string;
};

export type Command = {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** Full usage text for `<command> --help`. */
  readonly usage: string;
  /** Returns the process exit code. Throw UsageError for bad options (exit 2), CliError for bad input (exit 1). */
  run(argv: readonly string[], io: CliIo): Promise<number>;
};

/** A user-facing failure: printed as one line `parley <command>: <message>`, never with a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
