// Runs CLI commands in-process and captures their output.
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
