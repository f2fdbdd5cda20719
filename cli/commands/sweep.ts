// `sweep <scenario> --param k=from:to:step [--param k2=...]`: outcome probabilities over a grid, common random numbers.
import { sweepCsv } from '../../models/engine/csvTables';
import { gridValues, runSweep, type SweepAxis, type SweepResult } from '../../models/engine/runSweep';
import { cliContext, tableOutPath, writeExport } from '../lib/exportFiles';
import { jsonFile } from '../lib/jsonFile';
import type { Command } from '../lib/Command';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import {
  ENGINE_FLAGS,
  ENGINE_USAGE,
  ENGINE_VALUED,
  parseEngineOptions,
  withEngine,
} from '../lib/engineOptions';
import { formatSweep } from '../lib/formatResults';
import { checkRanges } from '../lib/checkRanges';
import { resolveScenario } from '../lib/resolveScenario';

const parseAxis = (text: string): SweepAxis => {
  const list = /^([A-Za-z_][A-Za-z0-9_.]*)=(-?[0-9.eE+-]+(?:,-?[0-9.eE+-]+)+)$/.exec(text);
  if (list) {
    const values = (list[2] as string).split(',').map(Number);
    if (!values.every(Number.isFinite))
      throw new UsageError(`--param ${list[1]}: every value must be a number`);
    return { param: list[1] as string, values };
  }
  const m = /^([A-Za-z_][A-Za-z0-9_.]*)=([^:]+):([^:]+):([^:]+)$/.exec(text);
  if (!m) throw new UsageError(`--param expects name=from:to:step or name=v1,v2,…, got "${text}"`);
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
    '       (a grid can also be listed: --param name=v1,v2,v3)',
    '',
    'Every grid point runs the same trial seeds, so differences between points come from the swept values only.',
    ...ENGINE_USAGE.map((l) => l.replace('(default 10000)', '(per grid point; default 2000)')),
    '  --out FILE.csv     write the sweep table (<param>[,<param2>],outcome,p,low,high,n) and its sidecar',
    '                     FILE.json (provenance); --out DIR/ names it <scenario>-sweep-<seed>.csv in DIR',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: [...ENGINE_VALUED, 'param', 'out'], flags: [...ENGINE_FLAGS] });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one scenario');
    const axes = (args.options.get('param') ?? []).map(parseAxis);
    if (axes.length < 1 || axes.length > 2) throw new UsageError('give one or two --param name=from:to:step');
    const { spec, source } = await resolveScenario(args.positional[0] as string, io.cwd);
    const opts = parseEngineOptions(args, 2000);
    const allow = opts.base.allowOutsideRange;
    checkRanges(io, 'sweep', spec, opts.base.overrides ?? {}, (id, v) => `--set ${id}=${v}`, allow);
    for (const a of axes) {
      // the grid's values outside the range, all at once (each is reported when allowed)
      const outside = a.values.filter((v) => {
        const p = spec.params.find((q) => q.id === a.param);
        return p !== undefined && !(v >= p.min && v <= p.max);
      });
      if (outside.length && !allow) {
        const p = spec.params.find((q) => q.id === a.param) as (typeof spec.params)[number];
        throw new UsageError(
          `--param ${a.param}: the grid values ${outside.slice(0, 5).join(', ')}${outside.length > 5 ? ', …' : ''} are outside the range of "${a.param}" (${p.min} to ${p.max}); add --allow-outside-range to run them anyway`,
        );
      }
      for (const v of outside) checkRanges(io, 'sweep', spec, { [a.param]: v }, () => '', true);
    }
    const context = cliContext(opts, source);
    const out = lastOption(args, 'out');
    const outPath = tableOutPath(out, io.cwd, spec, opts.base.seed, 'sweep', source);
    const result: SweepResult = await withEngine(io, 'sweep', opts, (runner, onProgress) =>
      runSweep(
        runner,
        spec,
        { ...opts.base, context, x: axes[0] as SweepAxis, y: axes[1] ?? null },
        { onProgress },
      ),
    );
    if (outPath) await writeExport(outPath, sweepCsv(result), result.provenance, 'sweep', result.runId);
    if (opts.format === 'json') io.document(jsonFile(result));
    else io.out(...formatSweep(result));
    return 0;
  },
};
