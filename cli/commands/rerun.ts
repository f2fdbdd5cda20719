// `rerun <sidecar.json>`: re-run the computation a sidecar JSON records (its provenance) and write the same table
// again — byte for byte the same CSV when the scenario is unchanged. The scenario is found by its file (when the
// sidecar names one) or built-in id, and must have the recorded content hash.
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Provenance } from '../../models/engine/Provenance';
import type { Sidecar } from '../../models/engine/sidecar';
import { CliError, type Command } from '../lib/Command';
import { lastOption, parseArgs, UsageError } from '../lib/args';
import { readTextFile } from '../../node/files/readTextFile';
import { refuseInputOverwrite } from '../lib/refuseInputOverwrite';
import { resolveScenario } from '../lib/resolveScenario';
import { exportPath } from '../lib/exportFiles';
import { sidecarPath } from '../lib/engineOptions';
import type { RootSeed } from '../../models/random/seedKey';

/** The commands a sidecar can name (imported directly: the command table imports this module). */
const COMMAND_MODULES = {
  run: async () => (await import('./run')).command,
  sweep: async () => (await import('./sweep')).command,
  compare: async () => (await import('./compare')).command,
  sensitivity: async () => (await import('./sensitivity')).command,
};

const axisSchema = z.looseObject({ param: z.string().min(1), values: z.array(z.number()).min(1) });
const countSchema = z.number().int().min(1);
/** Parameter values by id ("__proto__" is refused before: zod's record drops that key, and its value with it). */
const valuesSchema = z.record(z.string(), z.number());

/** The path of a "__proto__" key in the records of parameter values, which zod would silently drop. */
const protoKeyPath = (value: unknown): string | null => {
  const at = (v: unknown, key: string): unknown =>
    typeof v === 'object' && v !== null && Object.hasOwn(v, key)
      ? (v as Record<string, unknown>)[key]
      : undefined;
  const provenance = at(value, 'provenance');
  for (const [path, record] of [
    ['provenance.overrides', at(provenance, 'overrides')],
    ['provenance.detail.variant', at(at(provenance, 'detail'), 'variant')],
  ] as const) {
    if (typeof record === 'object' && record !== null && Object.hasOwn(record, '__proto__')) return path;
  }
  return null;
};

/**
 * What rerun reads from a sidecar, checked before any of it becomes a command line: a sidecar is a file like any
 * other (sent by a colleague, edited by hand), and a missing field used to stop rerun with an internal error, a seed
 * that is an object re-ran silently with the seed "[object Object]". Other fields are kept as they are.
 */
const rerunSidecarSchema = z.looseObject({
  table: z.string(),
  provenance: z.looseObject({
    scenario: z.looseObject({ id: z.string(), hash: z.string(), file: z.string().nullable().optional() }),
    parameters: z.array(z.looseObject({ outsideRange: z.boolean().nullable().optional() })),
    overrides: valuesSchema,
    seed: z.union([z.string(), z.number()]).nullable(),
    trials: countSchema.nullable(),
    sampler: z.enum(['mc', 'lhs']).nullable(),
    rounds: countSchema.nullable(),
    stopEarly: z.looseObject({ halfWidth: z.number().positive() }).nullable(),
    workers: z.number().int().min(0).nullable(),
    detail: z.union([
      z.looseObject({ kind: z.literal('run') }),
      z.looseObject({ kind: z.literal('sweep'), x: axisSchema, y: axisSchema.nullable() }),
      z.looseObject({ kind: z.literal('compare'), variant: valuesSchema }),
      z.looseObject({
        kind: z.literal('sensitivity'),
        target: z.string().nullable(),
        params: z.array(z.string()).nullable(),
      }),
      z.looseObject({ kind: z.enum(['estimate', 'replay', 'game']) }),
    ]),
  }),
});

/** The sidecar `value` read from `file`, checked (rerunSidecarSchema); a CliError naming the first bad field. */
export const parseRerunSidecar = (value: unknown, file: string): Pick<Sidecar, 'table' | 'provenance'> => {
  const proto = protoKeyPath(value);
  if (proto !== null)
    throw new CliError(`${file}: not a Parley sidecar at ${proto}: "__proto__" is not a parameter`);
  const parsed = rerunSidecarSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new CliError(`${file}: not a Parley sidecar${where}${issue ? `: ${issue.message}` : ''}`);
  }
  // every field rerunArgs reads is checked above; the rest is carried as written
  return parsed.data as unknown as Pick<Sidecar, 'table' | 'provenance'>;
};

/** The command line (without the command name) that recomputes a table from its provenance. */
export const rerunArgs = (
  sidecar: Pick<Sidecar, 'table' | 'provenance'>,
  scenarioArg: string,
  out: string,
): string[] => {
  const p: Provenance = sidecar.provenance;
  if (p.seed === null || p.trials === null) throw new CliError('this sidecar records no seeded computation');
  // Every value is written --name=value (a seed -5 or a value starting with "-" is a value, not an option) and the
  // scenario comes after "--" (a file named "-x.parley.json" is a file), so nothing recorded can become an option.
  const common = [
    `--seed=${String(p.seed)}`,
    `--trials=${String(p.trials)}`,
    `--sampler=${p.sampler ?? 'mc'}`,
    ...(p.rounds !== null ? [`--rounds=${String(p.rounds)}`] : []),
    ...Object.entries(p.overrides).map(([k, v]) => `--set=${k}=${String(v)}`),
    ...(p.workers !== null ? [`--workers=${String(p.workers)}`] : []),
    // the run was made with values outside their declared range on purpose: recorded, so allowed again
    ...(p.parameters.some((x) => x.outsideRange === true) ? ['--allow-outside-range'] : []),
  ];
  const scenario = ['--', scenarioArg];
  const d = p.detail;
  switch (sidecar.table) {
    case 'trials':
    case 'summary':
      if (d.kind !== 'run') break;
      return [
        'run',
        ...common,
        ...(p.stopEarly ? [`--auto-stop=${String(p.stopEarly.halfWidth)}`] : []),
        `${sidecar.table === 'trials' ? '--out' : '--summary'}=${out}`,
        ...scenario,
      ];
    case 'sweep': {
      if (d.kind !== 'sweep') break;
      const axis = (a: { param: string; values: readonly number[] }) => [
        `--param=${a.param}=${a.values.map(String).join(',')}`,
      ];
      return ['sweep', ...common, ...axis(d.x), ...(d.y ? axis(d.y) : []), `--out=${out}`, ...scenario];
    }
    case 'compare':
      if (d.kind !== 'compare') break;
      return [
        'compare',
        ...common,
        ...Object.entries(d.variant).map(([k, v]) => `--variant=${k}=${String(v)}`),
        `--out=${out}`,
        ...scenario,
      ];
    case 'sensitivity':
      if (d.kind !== 'sensitivity') break;
      return [
        'sensitivity',
        ...common,
        ...(d.target ? [`--target=${d.target}`] : []),
        ...(d.params ? [`--params=${d.params.join(',')}`] : []),
        `--out=${out}`,
        ...scenario,
      ];
  }
  throw new CliError(`the sidecar's table "${String(sidecar.table)}" does not match its provenance`);
};

export const command: Command = {
  name: 'rerun',
  summary: 'Re-run the computation recorded in an export’s sidecar JSON (same seed, settings, values).',
  usage: [
    'Usage: npm run cli -- rerun <sidecar.json> --out FILE.csv|DIR/ [--scenario FILE|id] [--workers K]',
    '',
    'Reads the provenance in a sidecar JSON (written beside every CSV export by the app and the CLI), checks that',
    'the scenario still has the recorded content hash, and runs the same command with the same seed, trials,',
    'sampler, rounds, parameter values and settings: the CSV it writes is byte for byte the recorded one.',
    '  --scenario S       the scenario (a file or built-in id) when the recorded file has moved',
    '  --workers K        worker threads (the numbers never depend on it)',
  ].join('\n'),
  run: async (argv, io) => {
    const args = parseArgs(argv, { valued: ['out', 'scenario', 'workers'], flags: [] });
    if (args.positional.length !== 1) throw new UsageError('expected exactly one sidecar JSON file');
    const out = lastOption(args, 'out');
    if (!out) throw new UsageError('give --out FILE.csv (or a folder) for the re-run table');
    const file = args.positional[0] as string;
    let sidecar: unknown;
    try {
      sidecar = JSON.parse(await readTextFile(resolve(io.cwd, file), { maxBytes: 10_000_000, shown: file }));
    } catch (err) {
      if (err instanceof SyntaxError) throw new CliError(`${file}: not JSON (${err.message})`);
      throw err;
    }
    const s = parseRerunSidecar(sidecar, file);
    const scenarioArg =
      lastOption(args, 'scenario') ?? s.provenance.scenario?.file ?? s.provenance.scenario?.id ?? '';
    const { spec } = await resolveScenario(scenarioArg, io.cwd);
    if (spec.hash !== s.provenance.scenario.hash) {
      throw new CliError(
        `${scenarioArg} has changed since ${file} was written (content hash ${spec.hash.slice(0, 12)}… ≠ recorded ${String(s.provenance.scenario.hash).slice(0, 12)}…)`,
      );
    }
    // the re-run must not replace the sidecar it reads (its scenario is checked by the command it runs)
    const outPath =
      s.table === 'summary' && /\.json$/i.test(out)
        ? resolve(io.cwd, out)
        : exportPath(out, io.cwd, spec, s.provenance.seed as RootSeed, s.table);
    refuseInputOverwrite(
      [
        ['--out', outPath],
        ['--out (its .json sidecar)', sidecarPath(outPath)],
      ],
      [resolve(io.cwd, file)],
    );
    const [name, ...rest] = rerunArgs(s, scenarioArg, out);
    const workers = lastOption(args, 'workers');
    const cmd = await COMMAND_MODULES[name as keyof typeof COMMAND_MODULES]();
    // the given --workers comes last among the options (the last one wins), before "--" and the scenario
    const end = rest.indexOf('--');
    return cmd.run(
      workers === undefined ? rest : [...rest.slice(0, end), `--workers=${workers}`, ...rest.slice(end)],
      io,
    );
  },
};
