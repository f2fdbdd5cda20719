// Checks scenario text off the main thread (parse, validate, compile: models/scenario with mathjs). The formulas
// are compiled with the closure back end: the web page's CSP has no unsafe-eval, so nothing here probes eval.
import { checkScenarioText, type CheckWire } from './checkScenarioText';
import { requestText, type CheckRequest } from './checkRequest';

export type { CheckRequest } from './checkRequest';
export type CheckResponse = { readonly id: number; readonly result: CheckWire };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<CheckRequest>) => void) | null;
  postMessage: (m: CheckResponse) => void;
};

let last: string | null = null;
scope.onmessage = (e) => {
  const { id, fileName } = e.data;
  const text = requestText(last, e.data);
  last = text;
  const result = checkScenarioText(text, fileName);
  // the spec's text in a Blob, made here off the page's thread: the page hands this handle to the engine's workers
  const specBlob =
    result.ok && result.specText !== null && typeof Blob !== 'undefined'
      ? new Blob([result.specText], { type: 'application/json' })
      : null;
  scope.postMessage({ id, result: result.ok ? { ...result, specBlob } : result });
};
