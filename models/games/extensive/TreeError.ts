// An invalid game tree: the message names where (a node path, an information set) and what is wrong.

export class TreeError extends Error {
  override readonly name = 'TreeError';
  constructor(
    message: string,
    /** Every problem found (the message is the first one, plus a count of the others). */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}
