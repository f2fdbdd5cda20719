// `compare <scenario> --variant k=v ...`: baseline vs variant on the same seeds, with paired differences.
import { resolve } from 'node:path';
import { compareCsv, runMetadata } from '../../models/engine/csvTables';
import { runCompare, type CompareResult } from '../../models/engine/runCompare';
import { writeFileAtomic } from '../../node/files/atomicWrite';
import { cliFileDeps } from '../lib/cliFileDeps';
import { jsonFile } from '../lib/jsonFile';
import type { Command } from '../lib/Command';
import { lastOption, parseArgs, parseAssignments, UsageError } from '../lib/args';
import {
  APP_VERSION,
  ENGINE_USAGE,
  ENGINE_VALUED,
  parseEngineOptions,
  sidecarPath,
  withEngine,
} from '../lib/engineOptions';
import { formatCompare } from '../lib/formatResults';
import { resolveScenario } from '../lib/resolveScenario';

export const command: Command = {
  name: 'compare',
  summary: 'Compare a baseline with a variant on the same seeds.',
  usage: [
    'Usage: npm run cli -- compare <scenario> --variant name=value [--variant name=value ...] [options]',
    '',
    'Runs the baseline (the scenario, with any --set) and the variant (baseline + --variant values) on the same',
    'trial seeds and reports each probability, the paired difference and its 95% interval.',
    ...ENGINE_USAGE,
    '  --out FILE.csv     write the comparison table (kind,id,label,baseline,variant,difference,low,high,n) and',
    '                     FILE.json',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [...ENGINE_VALUED, 'variant', 'out'], flags: [] });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one scenario');
    const variant = parseAssignments(args.options.get('variant') ?? [], 'variant');
    if (Object.keys(variant).length === 0) throw new UsageError('give at least one --variant name=value');
    const { spec } = await resolveScenario(args.positional[0] as string, io.cwd);
    const opts = parseEngineOptions(args);
    const result: CompareResult = await withEngine(io, 'compare', opts, (runner, onProgress) =>
      runCompare(runner, spec, { ...opts.base, variant }, { onProgress }),
    );
    const out = lastOption(args, 'out');
    if (out) {
      await writeFileAtomic(resolve(io.cwd, out), compareCsv(result), cliFileDeps);
      await writeFileAtomic(
        resolve(io.cwd, sidecarPath(out)),
        jsonFile(
          runMetadata(result.baseline, {
            appVersion: APP_VERSION,
            timestamp: new Date().toISOString(),
            table: 'compare',
          }),
        ),
        cliFileDeps,
      );
    }
    if (opts.format === 'json') io.document(jsonFile(result));
    else io.out(...formatCompare(result));
    return 0;
  },
};
