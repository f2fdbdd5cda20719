// The shape every CLI command module exports (as `command`).

export type CliIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars go there only then). */
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
