// Whether two paths name the same file: the (device, inode) pair, following symbolic links, so a path reached through
// a link, a hard link, `./x` or a different spelling is recognised. One rule for the CLI's "an output is an input"
// refusal and the app's "an export onto an open scenario" refusal.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The "device:inode" of an existing file, following symbolic links; null when there is none (or it cannot be
 * read). */
export const fileIdentity = (path: string): string | null => {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
};

/** True when `a` and `b` are the same path once resolved, or the same existing file (by device and inode). */
export const isSameFile = (a: string, b: string): boolean => {
  if (resolve(a) === resolve(b)) return true;
  const id = fileIdentity(a);
  return id !== null && id === fileIdentity(b);
};
