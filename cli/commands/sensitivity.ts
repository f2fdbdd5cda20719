// `sensitivity <scenario>`: tornado (one at a time) and global (Spearman) sensitivity.
import { resolve } from 'node:path';
import { runMetadata, sensitivityCsv } from '../../models/engine/csvTables';
import { runIdOf } from '../../models/engine/makeJob';
import { runSensitivity, type SensitivityResult } from '../../models/engine/runSensitivity';
import { writeFileAtomic } from '../../node/files/atomicWrite';
import { cliFileDeps } from '../lib/cliFileDeps';
import { jsonFile } from '../lib/jsonFile';
import { CliError, type Command } from '../lib/Command';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import {
  APP_VERSION,
  ENGINE_USAGE,
  ENGINE_VALUED,
  parseEngineOptions,
  sidecarPath,
  withEngine,
} from '../lib/engineOptions';
import { formatSensitivity } from '../lib/formatResults';
import { resolveScenario } from '../lib/resolveScenario';

export const command: Command = {
  name: 'sensitivity',
  summary: 'Tornado and global (rank-correlation) sensitivity of outcomes.',
  usage: [
    'Usage: npm run cli -- sensitivity <scenario> [--target id] [--params a,b,...] [options]',
    '',
    'Tornado: each parameter alone at its low and high value (5th/95th percentile of its distribution, or its',
    'slider range when it has none), the others at their defaults, all on the same trial seeds.',
    'Global: Spearman rank correlation of each uncertain parameter with each outcome and metric.',
    '  --target id        the outcome or metric to report in text (default: the first outcome)',
    '  --params a,b       only these parameters',
    '  --out FILE.csv     write the table (param,label,source,low_value,high_value,kind,target,at_low,at_high,',
    '                     spearman_rho) and FILE.json',
    ...ENGINE_USAGE.map((l) => l.replace('(default 10000)', '(per tornado bar; default 2000)')),
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [...ENGINE_VALUED, 'target', 'params', 'out'], flags: [] });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one scenario');
    const { spec } = await resolveScenario(args.positional[0] as string, io.cwd);
    const opts = parseEngineOptions(args, 2000);
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
      runSensitivity(runner, spec, { ...opts.base, params }, { onProgress }),
    );
    const out = lastOption(args, 'out');
    if (out) {
      await writeFileAtomic(resolve(io.cwd, out), sensitivityCsv(result), cliFileDeps);
      await writeFileAtomic(
        resolve(io.cwd, sidecarPath(out)),
        jsonFile(
          runMetadata(
            {
              ...result,
              runId: runIdOf(spec, opts.base),
              sampler: opts.base.sampler ?? 'mc',
              overrides: opts.base.overrides,
            },
            { appVersion: APP_VERSION, timestamp: new Date().toISOString(), table: 'sensitivity' },
          ),
        ),
        cliFileDeps,
      );
    }
    if (opts.format === 'json') io.document(jsonFile(result));
    else io.out(...formatSensitivity(result, target));
    return 0;
  },
};
