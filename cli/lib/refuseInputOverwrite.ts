// An export must never replace a file the command reads: `run copy.parley.json --out copy.parley.json` (or an --out
// whose .json sidecar is the scenario) is refused before any work, instead of overwriting the scenario with CSV.
import { resolve } from 'node:path';
import { isSameFile } from '../../node/files/fileIdentity';
import { UsageError } from './args';

/**
 * Throws a UsageError when an output is an input: the same path, or the same file reached through a symbolic or
 * hard link (compared by device and inode). `outputs` are [shown option, absolute path] pairs (a sidecar included);
 * `inputs` are paths, `builtin:` sources are skipped. Outputs that do not exist yet cannot be inputs.
 */
export const refuseInputOverwrite = (
  outputs: readonly (readonly [option: string, path: string])[],
  inputs: readonly string[],
): void => {
  const files = inputs.filter((p) => !p.startsWith('builtin:'));
  for (const [option, path] of outputs) {
    const input = files.find((f) => isSameFile(f, path));
    if (input !== undefined)
      throw new UsageError(
        `${option} would overwrite ${path}, which is an input of this command (${resolve(input)}); choose another file`,
      );
  }
};
