// The real file system for node/files: what the CLI and the desktop app pass where tests pass a fault-injecting one.
import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import type { AtomicDeps } from './atomicWrite';

export const nodeFileDeps: AtomicDeps = { fs: fsp, randomId: randomUUID };
