// The class session host of the desktop app, loaded on first use: the class server, the scenario compiler (mathjs)
// and the QR code library stay out of the main process's start-up until File → Start class session…. Stopping a
// host that was never loaded loads nothing.
import type { ClassHostPort } from './ipcHandlers';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const lazyClassHost = (load: () => Promise<ClassHostPort>): ClassHostPort => {
  let host: Promise<ClassHostPort> | null = null;
  const get = (): Promise<ClassHostPort> =>
    (host ??= load().catch((err: unknown) => {
      host = null; // a later attempt may succeed
      throw err;
    }));
  const failure = (err: unknown) =>
    ({ ok: false, canceled: false, error: `Class play could not start: ${message(err)}` }) as const;
  return {
    start: async (request) => {
      try {
        return await (await get()).start(request);
      } catch (err) {
        return failure(err);
      }
    },
    resumable: async () => {
      try {
        return await (await get()).resumable();
      } catch {
        return null;
      }
    },
    resume: async (sessionId) => {
      try {
        return await (await get()).resume(sessionId);
      } catch (err) {
        return failure(err);
      }
    },
    stop: async () => {
      if (host === null) return;
      await (await host.catch(() => null))?.stop();
    },
  };
};
