// `sensitivity <scenario>`: tornado (one at a time) and global (Spearman) sensitivity.
import { runSensitivity, type SensitivityResult } from '../../models/engine/runSensitivity';
import { sensitivityCsv } from '../../models/engine/whatIfTables';
import { jsonFile } from '../lib/jsonFile';
import { CliError, type Command } from '../lib/Command';
import { cliContext, tableOutPath, writeExport } from '../lib/exportFiles';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import {
  ENGINE_FLAGS,
  ENGINE_USAGE,
  ENGINE_VALUED,
  parseEngineOptions,
  withEngine,
} from '../lib/engineOptions';
import { formatSensitivity } from '../lib/formatResults';
import { checkRanges } from '../lib/checkRanges';
import { resolveScenario } from '../lib/resolveScenario';

export const command: Command = {
  name: 'sensitivity',
  summary: 'Tornado and global (rank-correlation) sensitivity of outcomes.',
  usage: [
    'Usage: npm run cli -- sensitivity <scenario> [--target id] [--params a,b,...] [options]',
    '',
    'Tornado: each parameter alone fixed at its low and high value (5th/95th percentile of its distribution, or its',
    'slider range when it has none), the others keeping their uncertainty, all on the same trial seeds; the base is',
    'the plain run (the same numbers as `run` with the same seed and trials).',
    'Global: Spearman rank correlation of each uncertain parameter with each outcome and metric.',
    '  --target id        the outcome or metric to report in text (default: the first outcome)',
    '  --params a,b       only these parameters',
    ...ENGINE_USAGE.map((l) => l.replace('(default 10000)', '(per tornado bar; default 2000)')),
    '  --out FILE.csv     write the sensitivity table (every outcome and metric) and its sidecar FILE.json;',
    '                     --out DIR/ names it <scenario>-sensitivity-<seed>.csv in DIR',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, {
      valued: [...ENGINE_VALUED, 'target', 'params', 'out'],
      flags: [...ENGINE_FLAGS],
    });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one scenario');
    const { spec, source } = await resolveScenario(args.positional[0] as string, io.cwd);
    const opts = parseEngineOptions(args, 2000);
    checkRanges(
      io,
      'sensitivity',
      spec,
      opts.base.overrides ?? {},
      (id, v) => `--set ${id}=${v}`,
      opts.base.allowOutsideRange,
    );
    const context = cliContext(opts, source);
    const out = lastOption(args, 'out');
    const outPath = tableOutPath(out, io.cwd, spec, opts.base.seed, 'sensitivity', source);
    const target = lastOption(args, 'target') ?? spec.outcomes[0]?.id ?? spec.metrics[0]?.id;
    if (!target) throw new CliError('the scenario has no outcomes or metrics');
    if (!spec.outcomes.some((o) => o.id === target) && !spec.metrics.some((m) => m.id === target)) {
      throw new UsageError(
        `--target "${target}" is not an outcome or metric (${[...spec.outcomes, ...spec.metrics].map((x) => x.id).join(', ')})`,
      );
    }
    const paramsText = lastOption(args, 'params');
    const params =
      paramsText === undefined
        ? undefined
        : paramsText
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    const result: SensitivityResult = await withEngine(io, 'sensitivity', opts, (runner, onProgress) =>
      runSensitivity(runner, spec, { ...opts.base, context, params, target }, { onProgress }),
    );
    if (outPath) await writeExport(outPath, sensitivityCsv(result), result.provenance, 'sensitivity');
    if (opts.format === 'json') io.document(jsonFile(result));
    else io.out(...formatSensitivity(result, target));
    return 0;
  },
};
