// Runs CLI commands in-process and captures their output.
import { resolve } from 'node:path';
import { main } from '../../cli/main';

export const cli = async (
  argv: string[],
  cwd = process.cwd(),
): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTTY: false,
    cwd,
  });
  return { code, out, err };
};

export const repoRoot = resolve(import.meta.dirname, '../..');

/** The CLI as users start it (`npx parley`, `npm run cli`): `node bin/parley.mjs`, which runs the prebuilt bundle. */
export const parleyBin = resolve(repoRoot, 'bin', 'parley.mjs');

/** The same, with stdout/stderr names and the repository root as the default working directory. */
export const runCli = async (
  argv: string[],
  cwd = repoRoot,
): Promise<{ code: number; stdout: string; stderr: string }> => {
  const r = await cli(argv, cwd);
  return { code: r.code, stdout: r.out, stderr: r.err };
};
