// `rerun <sidecar.json>`: re-run the computation a sidecar JSON records (its provenance) and write the same table
// again — byte for byte the same CSV when the scenario is unchanged. The scenario is found by its file (when the
// sidecar names one) or built-in id, and must have the recorded content hash.
import { resolve } from 'node:path';
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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The command line (without the command name) that recomputes a table from its provenance. */
export const rerunArgs = (
  sidecar: Pick<Sidecar, 'table' | 'provenance'>,
  scenarioArg: string,
  out: string,
): string[] => {
  const p: Provenance = sidecar.provenance;
  if (p.seed === null || p.trials === null) throw new CliError('this sidecar records no seeded computation');
  const common = [
    scenarioArg,
    '--seed',
    String(p.seed),
    '--trials',
    String(p.trials),
    '--sampler',
    p.sampler ?? 'mc',
    ...(p.rounds !== null ? ['--rounds', String(p.rounds)] : []),
    ...Object.entries(p.overrides).flatMap(([k, v]) => ['--set', `${k}=${String(v)}`]),
    ...(p.workers !== null ? ['--workers', String(p.workers)] : []),
    // the run was made with values outside their declared range on purpose: recorded, so allowed again
    ...(p.parameters.some((x) => x.outsideRange === true) ? ['--allow-outside-range'] : []),
  ];
  const d = p.detail;
  switch (sidecar.table) {
    case 'trials':
    case 'summary':
      if (d.kind !== 'run') break;
      return [
        'run',
        ...common,
        ...(p.stopEarly ? ['--auto-stop', String(p.stopEarly.halfWidth)] : []),
        sidecar.table === 'trials' ? '--out' : '--summary',
        out,
      ];
    case 'sweep': {
      if (d.kind !== 'sweep') break;
      const axis = (a: { param: string; values: readonly number[] }) => [
        '--param',
        `${a.param}=${a.values.map(String).join(',')}`,
      ];
      return ['sweep', ...common, ...axis(d.x), ...(d.y ? axis(d.y) : []), '--out', out];
    }
    case 'compare':
      if (d.kind !== 'compare') break;
      return [
        'compare',
        ...common,
        ...Object.entries(d.variant).flatMap(([k, v]) => ['--variant', `${k}=${String(v)}`]),
        '--out',
        out,
      ];
    case 'sensitivity':
      if (d.kind !== 'sensitivity') break;
      return [
        'sensitivity',
        ...common,
        ...(d.target ? ['--target', d.target] : []),
        ...(d.params ? ['--params', d.params.join(',')] : []),
        '--out',
        out,
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
    if (!isRecord(sidecar) || !isRecord(sidecar.provenance) || typeof sidecar.table !== 'string') {
      throw new CliError(`${file}: not a Parley sidecar (no "table" and "provenance")`);
    }
    const s = sidecar as unknown as Sidecar;
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
    return cmd.run(workers === undefined ? rest : [...rest, '--workers', workers], io);
  },
};
