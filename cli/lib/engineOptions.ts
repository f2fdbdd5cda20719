// Options shared by run, sweep, compare and sensitivity.
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createInProcessRunner } from '../../models/engine/InProcessRunner';
import type { Runner } from '../../models/engine/Runner';
import type { BaseOptions } from '../../models/engine/makeJob';
import { parseRootSeed, type RootSeed } from '../../models/random/seedKey';
import { lastOption, parseAssignments, UsageError, type ParsedArgs } from './args';
import { CliError, type CliIo } from './Command';
import { createNodeRunner } from './NodeWorkerRunner';
import { OUTSIDE_RANGE_USAGE } from './checkRanges';
import { createProgress } from './progressBar';

export const ENGINE_VALUED = ['trials', 'seed', 'workers', 'sampler', 'set', 'rounds', 'format'] as const;
export const ENGINE_FLAGS = ['allow-outside-range'] as const;

export const ENGINE_USAGE = [
  '  --trials N         number of trials (default 10000)',
  '  --seed S           root seed (a number or text); a random one is picked and printed when absent',
  '  --workers K        worker threads (default: all cores; 0 = run in this thread)',
  '  --sampler mc|lhs   plain Monte Carlo (default) or Latin hypercube',
  '  --set name=value   override a parameter (repeatable)',
  "  --rounds R         rounds per trial (default: the scenario's)",
  '  --format text|json results on stdout as readable text (default) or JSON',
  OUTSIDE_RANGE_USAGE,
];

const positiveInt = (name: string, v: string | undefined, dflt: number, min = 1): number => {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${v}"`);
  return Number(v);
};

export type EngineCliOptions = {
  readonly base: BaseOptions & { readonly allowOutsideRange: boolean };
  readonly workers: number;
  readonly format: 'text' | 'json';
  readonly seedWasRandom: boolean;
};

export const parseEngineOptions = (args: ParsedArgs, defaultTrials = 10000): EngineCliOptions => {
  const trials = positiveInt('trials', lastOption(args, 'trials'), defaultTrials);
  const workers = positiveInt('workers', lastOption(args, 'workers'), Math.max(1, availableParallelism()), 0);
  const sampler = lastOption(args, 'sampler') ?? 'mc';
  if (sampler !== 'mc' && sampler !== 'lhs')
    throw new UsageError(`--sampler must be mc or lhs, got "${sampler}"`);
  const format = lastOption(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, got "${format}"`);
  const roundsText = lastOption(args, 'rounds');
  const rounds = roundsText === undefined ? undefined : positiveInt('rounds', roundsText, 1);
  const seedArg = lastOption(args, 'seed');
  const parsedSeed = seedArg === undefined ? randomInt(0, 2 ** 32) : parseRootSeed(seedArg);
  if (typeof parsedSeed === 'object') throw new UsageError(`--seed: ${parsedSeed.error}`);
  const seed: RootSeed = parsedSeed;
  return {
    base: {
      seed,
      trials,
      sampler,
      rounds,
      overrides: parseAssignments(args.options.get('set') ?? []),
      allowOutsideRange: args.flags.has('allow-outside-range'),
    },
    workers,
    format,
    seedWasRandom: seedArg === undefined,
  };
};

export const makeRunner = (workers: number): Runner =>
  workers === 0 ? createInProcessRunner() : createNodeRunner({ workers });

/** Engine errors (bad options, bad parameter ids, NaN in a formula) are user errors: one line, exit 1. */
export const engineErrorMessage = (err: unknown): string =>
  err instanceof Error ? err.message : String(err);

/** Tell the user which seed was picked when none was given (so the run can be reproduced). */
export const announceSeed = (io: CliIo, name: string, opts: EngineCliOptions): void => {
  if (opts.seedWasRandom) io.err(`parley ${name}: no --seed given; using seed ${String(opts.base.seed)}`);
};

/**
 * Run one engine task for a command: announce a random seed, give the task a fresh runner and a progress callback,
 * turn engine errors into one-line CliErrors, and always clear the progress bar and close the runner.
 */
export const withEngine = async <T>(
  io: CliIo,
  name: string,
  opts: EngineCliOptions,
  task: (runner: Runner, onProgress: (done: number, total: number) => void) => Promise<T>,
): Promise<T> => {
  announceSeed(io, name, opts);
  const runner = makeRunner(opts.workers);
  const progress = createProgress(io, name);
  try {
    return await task(runner, progress.update);
  } catch (err) {
    throw new CliError(engineErrorMessage(err));
  } finally {
    progress.done();
    await runner.close();
  }
};

/** `out.csv` → `out.json`; any other name → `<name>.json`. */
export const sidecarPath = (path: string): string =>
  /\.csv$/i.test(path) ? path.replace(/\.csv$/i, '.json') : `${path}.json`;
