// `npm run bench -- cli`: whole-process start-up of the CLI as users run it — `node bin/parley.mjs …`, which is what
// `npx parley …` and `npm run cli -- …` execute after their own launcher — medians of wall-clock times over
// interleaved runs (every command once per round, so load changes hit all alike), with node's own start-up
// (`node -e 0`) as the floor and the old way (tsx compiling the sources at every start) for contrast.
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

const timeRun = (args: readonly string[]): number => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
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
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const args of Object.values(cases)) timeRun(args); // warm the file cache
  for (let r = 0; r < runs; r++) for (const [k, args] of Object.entries(cases)) times[k]!.push(timeRun(args));
  const ms = (x: number): number => Math.round(x);
  const medians = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, ms(median(xs))]));
  const floor = medians.nodeFloor as number;
  const tsx = Array.from({ length: 3 }, () =>
    timeRun(['--import', 'tsx', resolve(root, 'cli', 'main.ts'), '--help']),
  );
  return {
    command: 'node bin/parley.mjs … (what npx parley and npm run cli run)',
    runs,
    medianMs: medians,
    minMs: Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, ms(Math.min(...xs))])),
    overNodeFloorMs: Object.fromEntries(
      Object.entries(medians)
        .filter(([k]) => k !== 'nodeFloor')
        .map(([k, v]) => [k, v - floor]),
    ),
    targetsMs: { solve2x2Nfg: 150, help: 100 },
    helpFromSourceWithTsxMs: ms(median(tsx)),
  };
};
