// A solver stopped because the game needs more work than the caller allowed (a size/budget guard, not a bug).

export class SolverLimitError extends Error {
  override readonly name = 'SolverLimitError';
  constructor(
    /** The solver, e.g. "enummixed". */
    readonly method: string,
    message: string,
  ) {
    super(message);
  }
}
