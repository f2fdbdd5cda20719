// The document's run settings — ONE seed per document, shared by Simulate, What-if (sweep, compare, sensitivity)
// and the live estimate: trials, seed, sampler, stop-early rule, workers. Fields keep what the user typed and are
// validated into numbers. Random seeds are picked HERE (the UI), never in models/.
import type { Sampler } from '../../../models/engine/ParamSampler';
import { parseRootSeed, type RootSeed } from '../../../models/random/seedKey';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { RunSettings } from './SimulationPort';

export const MAX_TRIALS = 10_000_000;

/** A fresh random root seed (uint32) from the platform's CSPRNG. */
export const randomSeed = (): number => {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] ?? 1;
};

/** Worker count default: one per logical core (the UI thread mostly waits meanwhile), 1 to 8. */
export const defaultWorkers = (): number => {
  const n = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 2) : 2;
  return Math.max(1, Math.min(8, n));
};

/** Only the parameters the user moved away from the scenario's value are overridden (others keep their uncertainty). */
export const overridesFor = (
  spec: ModelSpec,
  paramValues: Readonly<Record<string, number>>,
): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const p of spec.params) {
    const v = paramValues[p.id];
    if (v !== undefined && Number.isFinite(v) && v !== p.value) out[p.id] = v;
  }
  return out;
};

/** A whole number from min to max, or the problem with the text. */
export const parseIntIn = (text: string, min: number, max: number, what: string): number | string => {
  const t = text.trim().replace(/[_,\s]/g, '');
  if (!/^\d+$/.test(t)) return `${what} must be a whole number from ${min} to ${max.toLocaleString('en')}.`;
  const n = Number(t);
  if (n < min || n > max) return `${what} must be from ${min} to ${max.toLocaleString('en')}.`;
  return n;
};

export class RunSettingsState {
  trialsText = $state('10000');
  seedText = $state('');
  sampler = $state<Sampler>('mc');
  /** Stop-early rule: the 95% interval half-width every probability must reach (null = run every trial). */
  autoStop = $state<number | null>(null);
  workers = $state(defaultWorkers());

  constructor(seed: number = randomSeed()) {
    this.seedText = String(seed);
  }

  get trialsError(): string | null {
    const v = parseIntIn(this.trialsText, 1, MAX_TRIALS, 'Trials');
    return typeof v === 'string' ? v : null;
  }
  /** The seed field follows the CLI's `--seed` rule (`parseRootSeed`): "007" is a text seed, as on the CLI. */
  get seedError(): string | null {
    const v = parseRootSeed(this.seedText);
    return typeof v === 'object' ? v.error : null;
  }
  get trials(): number {
    const v = parseIntIn(this.trialsText, 1, MAX_TRIALS, 'Trials');
    return typeof v === 'number' ? v : 0;
  }
  get seed(): RootSeed {
    const v = parseRootSeed(this.seedText);
    return typeof v === 'object' ? 0 : v;
  }
  get valid(): boolean {
    return this.trialsError === null && this.seedError === null;
  }

  newSeed(): void {
    this.seedText = String(randomSeed());
  }

  /** The settings a computation would use now (null when a field is invalid). `trials` overrides the field. */
  forRun(
    spec: ModelSpec,
    paramValues: Readonly<Record<string, number>>,
    options: { readonly trials?: number; readonly autoStop?: boolean } = {},
  ): RunSettings | null {
    if (!this.valid) return null;
    return {
      trials: options.trials ?? this.trials,
      seed: this.seed,
      sampler: this.sampler,
      workers: this.workers,
      overrides: overridesFor(spec, paramValues),
      autoStop: options.autoStop ? this.autoStop : null,
    };
  }
}
