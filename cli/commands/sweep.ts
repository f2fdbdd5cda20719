// `sweep <scenario> --param k=from:to:step [--param k2=...]`: outcome probabilities over a grid, common random numbers.
import { resolve } from 'node:path';
import { runMetadata, sweepCsv } from '../../models/engine/csvTables';
import { gridValues, runSweep, type SweepAxis, type SweepResult } from '../../models/engine/runSweep';
import { writeFileAtomic } from '../../node/files/atomicWrite';
import { cliFileDeps } from '../lib/cliFileDeps';
import { jsonFile } from '../lib/jsonFile';
import type { Command } from '../lib/Command';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import {
  APP_VERSION,
  ENGINE_USAGE,
  ENGINE_VALUED,
  parseEngineOptions,
  withEngine,
  sidecarPath,
} from '../lib/engineOptions';
import { formatSweep } from '../lib/formatResults';
import { resolveScenario } from '../lib/resolveScenario';

const parseAxis = (text: string): SweepAxis => {
  const m = /^([A-Za-z_][A-Za-z0-9_.]*)=([^:]+):([^:]+):([^:]+)$/.exec(text);
  if (!m) throw new UsageError(`--param expects name=from:to:step, got "${text}"`);
  try {
    return { param: m[1] as string, values: gridValues(Number(m[2]), Number(m[3]), Number(m[4])) };
  } catch (err) {
    throw new UsageError(`--param ${m[1]}: ${(err as Error).message}`);
  }
};

export const command: Command = {
  name: 'sweep',
  summary: 'Sweep one or two parameters over a grid (common random numbers).',
  usage: [
    'Usage: npm run cli -- sweep <scenario> --param name=from:to:step [--param name2=from:to:step] [options]',
    '',
    'Every grid point runs the same trial seeds, so differences between points come from the swept values only.',
    ...ENGINE_USAGE.map((l) => l.replace('(default 10000)', '(per grid point; default 2000)')),
    '  --out FILE.csv     write the sweep table (<param>[,<param2>],outcome,p,low,high,n) and FILE.json',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [...ENGINE_VALUED, 'param', 'out'], flags: [] });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one scenario');
    const axes = (args.options.get('param') ?? []).map(parseAxis);
    if (axes.length < 1 || axes.length > 2) throw new UsageError('give one or two --param name=from:to:step');
    const { spec } = await resolveScenario(args.positional[0] as string, io.cwd);
    const opts = parseEngineOptions(args, 2000);
    const result: SweepResult = await withEngine(io, 'sweep', opts, (runner, onProgress) =>
      runSweep(runner, spec, { ...opts.base, x: axes[0] as SweepAxis, y: axes[1] ?? null }, { onProgress }),
    );
    const out = lastOption(args, 'out');
    if (out) {
      await writeFileAtomic(resolve(io.cwd, out), sweepCsv(result), cliFileDeps);
      await writeFileAtomic(
        resolve(io.cwd, sidecarPath(out)),
        jsonFile(
          runMetadata(
            { ...result, overrides: opts.base.overrides },
            { appVersion: APP_VERSION, timestamp: new Date().toISOString(), table: 'sweep' },
          ),
        ),
        cliFileDeps,
      );
    }
    if (opts.format === 'json') io.document(jsonFile(result));
    else io.out(...formatSweep(result));
    return 0;
  },
};
