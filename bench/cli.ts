// `npm run bench -- cli`: whole-process start-up of the CLI as users run it — `node bin/parley.mjs …`, which is what
// `npx parley …` and `npm run cli -- …` execute after their own launcher — medians of wall-clock times over
// interleaved runs (every command once per round, so load changes hit all alike), with node's own start-up
// (`node -e 0`) as the floor — also without NODE_EXTRA_CA_CERTS when it is set — and the old way (tsx compiling the sources at every start) for contrast.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = resolve(root, 'bin', 'parley.mjs');

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const timeRun = (args: readonly string[], env: NodeJS.ProcessEnv = process.env): number => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
};

export const bench = async (): Promise<Record<string, unknown>> => {
  // the bundle must be current before timing (a stale one would be rebuilt by the first run)
  (
    createRequire(import.meta.url)('../scripts/cliBundle.cjs') as { ensureCliBundle: () => string }
  ).ensureCliBundle();
  const cases: Record<string, string[]> = {
    nodeFloor: ['-e', '0'],
    help: [bin, '--help'],
    solve2x2Nfg: [bin, 'solve', 'tests/fixtures/nfg/bos.nfg'],
    list: [bin, 'list'],
    showKorea: [bin, 'show', 'korea-2025'],
  };
  const runs = 21;
  // NODE_EXTRA_CA_CERTS, when set (it is on this machine), makes every node process read and parse a certificate
  // bundle before any code runs (≈40 ms here, node's own floor included): the same commands are also timed, in the
  // same rounds, without it — what a default Node installation pays.
  const caEnv = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const plainEnv = { ...process.env };
  delete plainEnv.NODE_EXTRA_CA_CERTS;
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const plainTimes: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const args of Object.values(cases)) timeRun(args); // warm the file cache
  for (let r = 0; r < runs; r++)
    for (const [k, args] of Object.entries(cases)) {
      times[k]!.push(timeRun(args));
      if (caEnv) plainTimes[k]!.push(timeRun(args, plainEnv));
    }
  const ms = (x: number): number => Math.round(x);
  const medians = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, ms(median(xs))]));
  const overFloor = (m: Record<string, number>): Record<string, number> =>
    Object.fromEntries(
      Object.entries(m)
        .filter(([k]) => k !== 'nodeFloor')
        .map(([k, v]) => [k, v - (m.nodeFloor as number)]),
    );
  const tsx = Array.from({ length: 3 }, () =>
    timeRun(['--import', 'tsx', resolve(root, 'cli', 'main.ts'), '--help']),
  );
  return {
    command: 'node bin/parley.mjs … (what npx parley and npm run cli run)',
    runs,
    medianMs: medians,
    minMs: Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, ms(Math.min(...xs))])),
    overNodeFloorMs: overFloor(medians),
    ...(caEnv
      ? {
          withoutNodeExtraCaCerts: (() => {
            const m = Object.fromEntries(Object.entries(plainTimes).map(([k, xs]) => [k, ms(median(xs))]));
            return {
              note: 'the same commands, in the same rounds, with NODE_EXTRA_CA_CERTS unset (a default Node installation)',
              medianMs: m,
              overNodeFloorMs: overFloor(m),
            };
          })(),
        }
      : {}),
    targetsMs: { solve2x2Nfg: 150, help: 100 },
    helpFromSourceWithTsxMs: ms(median(tsx)),
  };
};
