// The file system for the CLI's atomic writes (node/files): the real one, plus a tracker that removes temporary
// files left by an interrupted run on normal exit and on SIGINT/SIGTERM (exit codes 130/143).
import { unlinkSync } from 'node:fs';
import type { AtomicDeps, TempFileTracker } from '../../node/files/atomicWrite';
import { nodeFileDeps } from '../../node/files/nodeFileDeps';

const live = new Set<string>();
let hooked = false;

const cleanup = (): void => {
  for (const p of live) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  live.clear();
};

const hook = (): void => {
  if (hooked) return;
  hooked = true;
  process.once('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      cleanup();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
};

const tracker: TempFileTracker = {
  add: (path) => {
    hook();
    live.add(path);
  },
  delete: (path) => {
    live.delete(path);
  },
};

export const cliFileDeps: AtomicDeps = { ...nodeFileDeps, tracker };
