// `compare <scenario> --variant k=v ...`: baseline vs variant on the same seeds, with paired differences.
import { runCompare, type CompareResult } from '../../models/engine/runCompare';
import { compareCsv } from '../../models/engine/whatIfTables';
import { jsonFile } from '../lib/jsonFile';
import type { Command } from '../lib/Command';
import { lastOption, parseArgs, parseAssignments, UsageError } from '../lib/args';
import { cliContext, tableOutPath, writeExport } from '../lib/exportFiles';
import {
  ENGINE_FLAGS,
  ENGINE_USAGE,
  ENGINE_VALUED,
  parseEngineOptions,
  withEngine,
} from '../lib/engineOptions';
import { formatCompare } from '../lib/formatResults';
import { checkRanges } from '../lib/checkRanges';
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
    '  --out FILE.csv     write the comparison table and its sidecar FILE.json (provenance);',
    '                     --out DIR/ names it <scenario>-compare-<seed>.csv in DIR',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [...ENGINE_VALUED, 'variant', 'out'], flags: [...ENGINE_FLAGS] });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one scenario');
    const variant = parseAssignments(args.options.get('variant') ?? [], 'variant');
    if (Object.keys(variant).length === 0) throw new UsageError('give at least one --variant name=value');
    const { spec, source } = await resolveScenario(args.positional[0] as string, io.cwd);
    const opts = parseEngineOptions(args);
    const allow = opts.base.allowOutsideRange;
    checkRanges(io, 'compare', spec, opts.base.overrides ?? {}, (id, v) => `--set ${id}=${v}`, allow);
    checkRanges(io, 'compare', spec, variant, (id, v) => `--variant ${id}=${v}`, allow);
    const context = cliContext(opts, source);
    const out = lastOption(args, 'out');
    const outPath = tableOutPath(out, io.cwd, spec, opts.base.seed, 'compare', source);
    const result: CompareResult = await withEngine(io, 'compare', opts, (runner, onProgress) =>
      runCompare(runner, spec, { ...opts.base, context, variant }, { onProgress }),
    );
    if (outPath)
      await writeExport(outPath, compareCsv(result), result.provenance, 'compare', result.baseline.runId);
    if (opts.format === 'json') io.document(jsonFile(result));
    else io.out(...formatCompare(result));
    return 0;
  },
};
