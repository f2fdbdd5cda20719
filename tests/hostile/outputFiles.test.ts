// CLI exports on shared folders: writing through a symbolic link replaces its target (the link stays), and a replaced
// export keeps its permission bits exactly (a 0600 file is not made world-readable, a 0666 one not narrowed), and
// what is not a regular file is never replaced: `--out /dev/null` run as root used to rename a plain file over
// /dev/null (and a named pipe or a socket became a plain file the same way).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../node/files/atomicWrite';
import { nodeFileDeps } from '../../node/files/nodeFileDeps';
import { cli, repoRoot } from '../cli/cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-outfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = resolve(repoRoot, 'tests/fixtures/scenarios/minimal.parley.json');
const quick = ['--trials', '20', '--workers', '0', '--seed', '1'];

describe.runIf(process.platform !== 'win32')('CLI exports: links and permission bits', () => {
  it('--out through a symbolic link writes the linked file and keeps the link', async () => {
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'trials.csv'), 'old');
    symlinkSync(join('shared', 'trials.csv'), join(dir, 'link.csv'));
    const r = await cli(['run', scenario, ...quick, '--out', 'link.csv'], dir);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'shared', 'trials.csv'), 'utf8')).toMatch(/^run_id,/);
  });

  it.each([0o600, 0o666, 0o640])('a replaced export keeps mode %o (CSV and summary)', async (mode) => {
    for (const name of [`t${mode}.csv`, `s${mode}.json`]) {
      writeFileSync(join(dir, name), 'old');
      chmodSync(join(dir, name), mode);
    }
    const r = await cli(
      ['run', scenario, ...quick, '--out', `t${mode}.csv`, '--summary', `s${mode}.json`],
      dir,
    );
    expect(r.code).toBe(0);
    expect(statSync(join(dir, `t${mode}.csv`)).mode & 0o777).toBe(mode);
    expect(statSync(join(dir, `s${mode}.json`)).mode & 0o777).toBe(mode);
  });
});

describe.runIf(process.platform !== 'win32')(
  'outputs that are not regular files are refused, never replaced',
  () => {
    it('a named pipe as run --out, sweep --out and run --summary: one line, exit 1, the pipe stays a pipe', async () => {
      const fifo = join(dir, 'pipe.csv');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      for (const argv of [
        ['run', scenario, ...quick, '--out', 'pipe.csv'],
        ['run', scenario, ...quick, '--summary', 'pipe.csv'],
        ['sweep', scenario, ...quick, '--param', 'a=1,2', '--out', 'pipe.csv'],
      ]) {
        const r = await cli(argv, dir);
        expect(r.code, argv.join(' ')).toBe(1);
        expect(r.err.trimEnd().split('\n'), argv.join(' ')).toEqual([
          expect.stringMatching(/cannot write \S*pipe\.csv: it is not a regular file .*\(ENOTFILE\)$/),
        ]);
        expect(lstatSync(fifo).isFIFO()).toBe(true);
      }
      expect(readdirSync(dir).filter((n) => n.startsWith('.pipe'))).toEqual([]); // no temporary file left
    });

    it('writeFileAtomic refuses a socket (ENOTFILE) and a folder (EISDIR) and leaves both as they were', async () => {
      const sock = join(dir, 's.sock');
      const server = createServer();
      await new Promise<void>((ok) => server.listen(sock, ok));
      try {
        await expect(writeFileAtomic(sock, 'x', nodeFileDeps)).rejects.toMatchObject({ code: 'ENOTFILE' });
        expect(lstatSync(sock).isSocket()).toBe(true);
      } finally {
        await new Promise((ok) => server.close(ok));
      }
      mkdirSync(join(dir, 'folder.csv'));
      await expect(writeFileAtomic(join(dir, 'folder.csv'), 'x', nodeFileDeps)).rejects.toMatchObject({
        code: 'EISDIR',
      });
      expect(statSync(join(dir, 'folder.csv')).isDirectory()).toBe(true);
    });
  },
);

describe('an --out folder that is a file', () => {
  it('run --out FILE/ and --summary FILE/sub/: one line naming the argument, exit 1, the file untouched', async () => {
    writeFileSync(join(dir, 'exist.csv'), 'old');
    for (const argv of [
      ['run', scenario, ...quick, '--out', 'exist.csv/'],
      ['run', scenario, ...quick, '--summary', 'exist.csv/sub/'],
      ['sweep', scenario, ...quick, '--param', 'a=1,2', '--out', 'exist.csv/'],
    ]) {
      const r = await cli(argv, dir);
      expect(r.code, argv.join(' ')).toBe(1); // was 70, "internal error: EEXIST: file already exists, mkdir …"
      expect(r.err.trimEnd().split('\n')).toEqual([
        `parley ${argv[0]}: cannot write ${argv.at(-1)}: a part of the path is not a folder (ENOTDIR)`,
      ]);
    }
    expect(readFileSync(join(dir, 'exist.csv'), 'utf8')).toBe('old');
  });
});
