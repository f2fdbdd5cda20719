// Shared test helpers for the Electron shell: temporary folders, the real fs, and fs wrappers that inject faults.
import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { FileHandleLike } from '../../node/files/atomicWrite';

export const realFs = fsp;
export type RealFs = typeof fsp;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fsp.rm(d, { recursive: true, force: true })));
});

export const makeTmpDir = async (): Promise<string> => {
  const dir = await fsp.mkdtemp(join(tmpdir(), 'parley-electron-'));
  dirs.push(dir);
  return dir;
};

export const listDir = async (dir: string): Promise<string[]> => (await fsp.readdir(dir)).sort();

export const fsError = (code: string, message = code): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: ${message}`), { code });

/** The real fs, but writes stop after `limit` bytes per file and fail with ENOSPC (a full disk). */
export const fullDiskFs = (limit: number): RealFs => {
  const open = async (path: string, flags?: string, mode?: number): Promise<FileHandleLike> => {
    const handle = await fsp.open(path, flags, mode);
    let written = 0;
    return {
      writeFile: async (data: string | Uint8Array) => {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        const room = Math.max(0, limit - written);
        await handle.writeFile(bytes.subarray(0, room));
        written += Math.min(room, bytes.byteLength);
        if (bytes.byteLength > room) throw fsError('ENOSPC', 'no space left on device, write');
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  };
  return { ...fsp, open } as unknown as RealFs;
};

/** The real fs, but the process "dies" right before rename: rename never returns (nothing after it runs). */
export const crashBeforeRenameFs = (): RealFs & { renameCalled: Promise<void> } => {
  let signal!: () => void;
  const renameCalled = new Promise<void>((ok) => (signal = ok));
  const rename = (): Promise<void> => {
    signal();
    return new Promise<void>(() => undefined);
  };
  return { ...fsp, rename, renameCalled } as unknown as RealFs & { renameCalled: Promise<void> };
};

export const uuid = (): string => randomUUID();

/** An IPC event from the app's own top frame, from another origin, from a subframe, or without a frame. */
export const trustedEvent = { senderFrame: { url: 'app://parley/index.html', parent: null } };
export const foreignEvent = { senderFrame: { url: 'https://evil.example/index.html', parent: null } };
export const subframeEvent = { senderFrame: { url: 'app://parley/index.html', parent: {} } };
export const framelessEvent = { senderFrame: null };
