// What the page sends the check worker (check.worker.ts): the scenario text whole, or as a delta against the text
// of the worker's previous request (WorkerChecker keeps track of what its worker holds).
import { applyTextDelta, type TextDelta } from '../util/textDelta';

/** The text whole, or as a delta against the text of this worker's previous request (textDelta.ts). */
export type CheckRequest = { readonly id: number; readonly fileName: string } & (
  { readonly text: string } | { readonly delta: TextDelta }
);

/** The text a request stands for, given the previous request's text (null: none). */
export const requestText = (last: string | null, req: CheckRequest): string => {
  if ('text' in req) return req.text;
  if (last === null) throw new Error('a check delta arrived without its base text');
  return applyTextDelta(last, req.delta);
};
