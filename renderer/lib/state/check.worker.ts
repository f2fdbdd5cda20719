// Checks scenario text off the main thread (parse, validate, compile: models/scenario with mathjs). The formulas
// are compiled with the closure back end: the web page's CSP has no unsafe-eval, so nothing here probes eval.
import { checkScenarioText, type CheckWire } from './checkScenarioText';

export type CheckRequest = { readonly id: number; readonly text: string; readonly fileName: string };
export type CheckResponse = { readonly id: number; readonly result: CheckWire };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<CheckRequest>) => void) | null;
  postMessage: (m: CheckResponse) => void;
};

scope.onmessage = (e) => {
  const { id, text, fileName } = e.data;
  const result = checkScenarioText(text, fileName);
  // the spec's text in a Blob, made here off the page's thread: the page hands this handle to the engine's workers
  const specBlob =
    result.ok && result.specText !== null && typeof Blob !== 'undefined'
      ? new Blob([result.specText], { type: 'application/json' })
      : null;
  scope.postMessage({ id, result: result.ok ? { ...result, specBlob } : result });
};
