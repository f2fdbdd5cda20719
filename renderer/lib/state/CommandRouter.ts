// The ONE place a command (menu item, keyboard shortcut, button) is turned into an action. Every MenuCommand has
// exactly one handler (the table is complete by type), so a command can never be handled twice with different
// behaviour. A failing handler becomes an error toast.
import type { MenuCommand } from '../platform/Platform';

export type CommandHandlers = { readonly [C in MenuCommand]: () => void | Promise<unknown> };

export class CommandRouter {
  readonly #handlers: CommandHandlers;
  readonly #onError: (message: string) => void;

  constructor(handlers: CommandHandlers, onError: (message: string) => void) {
    this.#handlers = handlers;
    this.#onError = onError;
  }

  run(command: MenuCommand): void {
    const fail = (e: unknown): void =>
      this.#onError(`Command "${command}" failed: ${e instanceof Error ? e.message : String(e)}`);
    try {
      const r = this.#handlers[command]();
      if (r instanceof Promise) r.catch(fail);
    } catch (e) {
      fail(e);
    }
  }
}
