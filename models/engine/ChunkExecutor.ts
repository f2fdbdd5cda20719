// Executes chunks of an EngineJob: the code every runner runs (in process, in a Node worker, in a Web Worker).
// Never imports mathjs: the job carries a ModelSpec that instantiateModel turns into plain functions.
import { instantiateModel } from '../scenario/instantiateModel';
import type { RuntimeModel } from '../scenario/RuntimeModel';
import { seedKey, seedText, type SeedKey } from '../random/seedKey';
import {
  addPairedDifference,
  addTrial,
  compactAggregate,
  newAggregate,
  newPairedDifferences,
  type AggregateShape,
  type AggregateState,
  type PairedDifferences,
} from './Aggregate';
import { csvHeader, csvText } from '../text/csv';
import { CsvPieceBuilder, utf8Bytes } from '../text/CsvPieceBuilder';
import { ParamSampler } from './ParamSampler';
import type { RangedParams } from './outsideRange';
import type { ChunkResult, EngineJob, Overrides } from './Runner';
import { TrialSimulator, type TrialRecord } from './TrialSimulator';

/**
 * Resolve overrides to (parameter index, value) pairs; unknown ids, non-finite values and — unless
 * `allowOutsideRange` — values outside the parameter's declared range are errors (the range in the message).
 */
export const resolveOverrides = (
  model: RangedParams,
  o: Overrides,
  allowOutsideRange = false,
): [number, number][] =>
  Object.entries(o).map(([id, v]) => {
    const j = model.params.findIndex((p) => p.id === id);
    if (j < 0) {
      const known = model.params.map((p) => p.id).join(', ');
      throw new Error(`unknown parameter "${id}" (parameters: ${known || 'none'})`);
    }
    if (!Number.isFinite(v)) throw new Error(`parameter "${id}": ${String(v)} is not a finite number`);
    const p = model.params[j] as RangedParams['params'][number];
    if (!allowOutsideRange && !(v >= p.min && v <= p.max)) {
      throw new Error(
        `parameter "${id}": ${v} is outside its range ${p.min} to ${p.max} (values outside the declared range must be allowed explicitly)`,
      );
    }
    return [j, v];
  });

export const shapeOf = (model: RuntimeModel | EngineJob['spec'], job: EngineJob): AggregateShape => ({
  rounds: job.rounds,
  outcomes: model.outcomes.length,
  metrics: model.metrics.length,
  profiles: model.actors.reduce((p, a) => p * a.strategies.length, 1),
  events: model.events.length,
  detail: job.detail,
  exactTrial: job.exactTrial,
  exactBands: job.exactBands,
});

/** Size of one piece of per-trial CSV (bytes of UTF-8): 256 KiB. */
export const CSV_PIECE_BYTES = 1 << 18;

export class ChunkExecutor {
  readonly model: RuntimeModel;
  readonly key: SeedKey;
  private readonly sampler: ParamSampler;
  private readonly sim: TrialSimulator;
  private readonly overrides: [number, number][][];
  private readonly shape: AggregateShape;
  private readonly uniforms: Float64Array;
  private readonly base: Float64Array;
  private readonly values: Float64Array;

  constructor(
    readonly job: EngineJob,
    model?: RuntimeModel,
  ) {
    this.model = model ?? instantiateModel(job.spec);
    this.key = seedKey(job.seed);
    this.sampler = new ParamSampler(
      this.model.params,
      this.model.correlations,
      this.key,
      job.trials,
      job.sampler,
    );
    this.sim = new TrialSimulator(this.model, { rounds: job.rounds });
    this.overrides = job.variants.map((v) => resolveOverrides(this.model, v, job.allowOutsideRange));
    this.shape = shapeOf(this.model, job);
    const P = this.model.params.length;
    this.uniforms = new Float64Array(P);
    this.base = new Float64Array(P);
    this.values = new Float64Array(P);
  }

  /** Parameter values of trial k for variant v (drawn, then overridden). */
  paramValues(trial: number, variant: number, out: Float64Array = this.values): Float64Array {
    this.sampler.values(trial, this.uniforms, this.base);
    out.set(this.base);
    for (const [j, v] of this.overrides[variant] ?? []) out[j] = v;
    return out;
  }

  /** Run a single trial of variant v (replays). */
  runTrial(trial: number, variant = 0): TrialRecord {
    return this.sim.run(this.key, trial, this.paramValues(trial, variant));
  }

  get simulator(): TrialSimulator {
    return this.sim;
  }

  /** Run a chunk to its end, dropping any CSV pieces (tests and callers that need only the aggregates). */
  run(chunk: number): ChunkResult {
    const pieces = this.runPieces(chunk);
    for (;;) {
      const next = pieces.next();
      if (next.done) return next.value;
    }
  }

  /**
   * Run a chunk, yielding its per-trial CSV rows (job.csv) as UTF-8 pieces of about CSV_PIECE_BYTES, in trial
   * order, and returning the chunk's result. A caller that waits before resuming (a worker waiting for the main
   * thread to write the piece) bounds the memory of an export of any size: at most one piece is held here.
   */
  *runPieces(chunk: number): Generator<Uint8Array, ChunkResult, undefined> {
    const job = this.job;
    const start = chunk * job.chunkSize;
    const end = Math.min(job.trials, start + job.chunkSize);
    if (!(start < end)) throw new Error(`chunk ${chunk} is outside the run`);
    const V = job.variants.length;
    const O = this.shape.outcomes;
    const M = this.shape.metrics;
    const P = this.model.params.length;
    const aggregates: AggregateState[] = Array.from({ length: V }, () =>
      newAggregate(this.shape, end - start),
    );
    const pairs: PairedDifferences[] | null = job.pairedDifferences
      ? Array.from({ length: V - 1 }, () => newPairedDifferences(O, M))
      : null;
    const width = P + O + M;
    const vectors = job.vectors ? new Float64Array((end - start) * width) : null;
    const baseSummary = new Float64Array(O + M);
    const summary = new Float64Array(O + M);
    const out = job.csv ? new CsvPieceBuilder(CSV_PIECE_BYTES) : null;
    // The seed's canonical text: a numeric seed (-5, or the text "-5", which is the same seed) is a plain number,
    // which the writer never guards; any other text seed is guarded. Text cells are encoded once per chunk.
    const rowStart = utf8Bytes(`${csvText(job.runId)},${csvText(this.model.id)},`);
    const seedCell = utf8Bytes(`,${csvText(seedText(job.seed))}`);
    const strategyCells = this.model.actors.map((a) =>
      a.strategies.map((s) => utf8Bytes(`,${csvText(s.id)}`)),
    );
    // Tree rounds: the outcome of each chance move (file order) after the actors' choices: the path taken.
    const chanceCells = chanceMovesOf(this.model).map((m) =>
      m.outcomes.map((o) => utf8Bytes(`,${csvText(o.id)}`)),
    );
    const C = chanceCells.length;
    const paramCells = out ? new CsvPieceBuilder(64 * (P + 1)) : null;
    const ZERO = utf8Bytes(',0');
    const ONE = utf8Bytes(',1');
    const sim = this.sim;
    for (let t = start; t < end; t++) {
      this.sampler.values(t, this.uniforms, this.base);
      for (let v = 0; v < V; v++) {
        const ov = this.overrides[v] as [number, number][];
        // Without overrides the drawn values are used as they are (no copy).
        let vals = this.base;
        if (ov.length > 0) {
          vals = this.values;
          vals.set(this.base);
          for (let o = 0; o < ov.length; o++) {
            const pair = ov[o] as [number, number];
            vals[pair[0]] = pair[1];
          }
        }
        const rec = sim.run(this.key, t, vals);
        addTrial(aggregates[v] as AggregateState, this.shape, rec);
        if (pairs || (vectors && v === 0)) {
          const target = v === 0 ? baseSummary : summary;
          const R = rec.rounds;
          for (let k = 0; k < O; k++) {
            let hit = 0;
            for (let r = 0; r < R && !hit; r++) hit = rec.outcomes[r * O + k] as number;
            target[k] = hit;
          }
          for (let k = 0; k < M; k++) target[O + k] = rec.metrics[(R - 1) * M + k] as number;
          if (v > 0 && pairs) addPairedDifference(pairs[v - 1] as PairedDifferences, baseSummary, summary, O);
          if (v === 0 && vectors) {
            const off = (t - start) * width;
            vectors.set(vals, off);
            vectors.set(baseSummary, off + P);
          }
        }
        if (v === 0 && out && paramCells) {
          paramCells.clear();
          for (let j = 0; j < P; j++) paramCells.commaNumber(vals[j] as number);
          const params = paramCells.view();
          const trialCell = `${t + 1},`;
          const n = this.model.actors.length;
          for (let r = 0; r < rec.rounds; r++) {
            out.bytes(rowStart);
            out.ascii(trialCell);
            out.ascii(String(r + 1));
            out.bytes(seedCell);
            out.bytes(params);
            for (let i = 0; i < n; i++)
              out.bytes(strategyCells[i]![rec.choices[r * n + i] as number] as Uint8Array);
            for (let c = 0; c < C; c++)
              out.bytes(chanceCells[c]![rec.chance[r * C + c] as number] as Uint8Array);
            for (let k = 0; k < O; k++) out.bytes(rec.outcomes[r * O + k] ? ONE : ZERO);
            for (let k = 0; k < M; k++) out.commaNumber(rec.metrics[r * M + k] as number);
            out.endRow();
          }
          if (out.size >= CSV_PIECE_BYTES) yield out.take() as Uint8Array;
        }
      }
    }
    const last = out?.take();
    if (last) yield last;
    return {
      chunk,
      start,
      end,
      aggregates: aggregates.map(compactAggregate),
      pairedDifferences: pairs,
      vectors,
    };
  }
}

type TreeColumns = {
  readonly moves: readonly (
    | { readonly kind: 'actor' }
    | { readonly kind: 'chance'; readonly id: string; readonly outcomes: readonly { readonly id: string }[] }
  )[];
  readonly chance: readonly number[];
};

type ChanceColumn = {
  readonly kind: 'chance';
  readonly id: string;
  readonly outcomes: readonly { readonly id: string }[];
};

/** A tree round's chance moves in file order (none without a tree): the order of the trial record's `chance`. */
export const chanceMovesOf = <C extends ChanceColumn>(model: {
  readonly tree?:
    | { readonly moves: readonly ({ readonly kind: 'actor' } | C)[]; readonly chance: readonly number[] }
    | undefined;
}): C[] =>
  (model.tree?.chance ?? []).flatMap((k) => {
    const m = model.tree?.moves[k];
    return m && m.kind === 'chance' ? [m] : [];
  });

/**
 * Column names of the per-trial CSV: run_id,scenario,trial,round,seed,<parameters>,<actors' choices>,<chance
 * moves' outcomes (tree rounds)>,<outcomes>,<metrics>. A name that repeats an earlier column gets a suffix naming
 * its kind (e.g. `russiaSupport.metric`).
 */
export const trialCsvColumns = (model: {
  readonly params: readonly { readonly id: string }[];
  readonly actors: readonly { readonly id: string }[];
  readonly tree?: TreeColumns | undefined;
  readonly outcomes: readonly { readonly id: string }[];
  readonly metrics: readonly { readonly id: string }[];
}): string[] => {
  const names = ['run_id', 'scenario', 'trial', 'round', 'seed'];
  const seen = new Set(names);
  const add = (id: string, kind: string): void => {
    let name = seen.has(id) ? `${id}.${kind}` : id;
    for (let k = 2; seen.has(name); k++) name = `${id}.${kind}${k}`;
    seen.add(name);
    names.push(name);
  };
  for (const p of model.params) add(p.id, 'param');
  for (const a of model.actors) add(a.id, 'choice');
  for (const m of chanceMovesOf(model)) add(m.id, 'chance');
  for (const o of model.outcomes) add(o.id, 'outcome');
  for (const m of model.metrics) add(m.id, 'metric');
  return names;
};

/** The per-trial CSV header line for a model (matches ChunkExecutor's rows). */
export const trialCsvHeader = (model: Parameters<typeof trialCsvColumns>[0]): string =>
  csvHeader(trialCsvColumns(model));
