// How a checked spec reaches the engine's workers without the page walking it. The structured clone of a 5 MB
// spec's object graph blocked the page for ~300 ms per engine worker, and even copying its JSON text took ~35 ms
// per worker per run. So the check worker sends the spec's JSON text (the page parses it once) and a Blob of it
// made off the main thread; the model service records both here beside the parsed spec, and the engine pool posts
// the Blob (a handle: nothing is copied) in place of the spec. The engine worker reads and parses it back
// (`decodeSpecJobMessage`). Keyed weakly: a replaced spec and its wire forms are collected together.
import type { EngineJob } from '../../../models/engine/Runner';
import type { WorkerRequest } from '../../../models/engine/workerProtocol';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';

const wires = new WeakMap<ModelSpec, Blob | string>();

/**
 * Record that `text` is `JSON.stringify(spec)` and `blob` (if any) holds that text (made by the check worker).
 * Only one is kept: the Blob where there is one (the text's megabytes are not held twice).
 */
export const rememberSpecWire = (spec: ModelSpec, text: string, blob: Blob | null): void => {
  wires.set(spec, blob ?? text);
};

/** A chunk request whose job's spec travels as its JSON text, in a Blob or as a string. */
export type SpecWireChunk = {
  readonly type: 'chunk-spec-wire';
  readonly task: number;
  readonly chunk: number;
  readonly job: Omit<EngineJob, 'spec'>;
  readonly spec: Blob | string;
};

/** What the page posts to an engine worker: a 'chunk' whose spec has a recorded wire form goes in that form. */
export const specJobMessage = (msg: WorkerRequest): WorkerRequest | SpecWireChunk => {
  if (msg.type !== 'chunk') return msg;
  const wire = wires.get(msg.job.spec);
  if (!wire) return msg;
  const { spec: _spec, ...job } = msg.job;
  return { type: 'chunk-spec-wire', task: msg.task, chunk: msg.chunk, job, spec: wire };
};

/** The worker side: the engine's own request again (the spec read and parsed from its wire form). */
export const decodeSpecJobMessage = async (msg: WorkerRequest | SpecWireChunk): Promise<WorkerRequest> => {
  if (msg.type !== 'chunk-spec-wire') return msg;
  const text = typeof msg.spec === 'string' ? msg.spec : await msg.spec.text();
  return {
    type: 'chunk',
    task: msg.task,
    chunk: msg.chunk,
    job: { ...msg.job, spec: JSON.parse(text) as ModelSpec },
  };
};
