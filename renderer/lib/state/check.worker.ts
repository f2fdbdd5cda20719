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
  scope.postMessage({ id, result: checkScenarioText(text, fileName) });
};
