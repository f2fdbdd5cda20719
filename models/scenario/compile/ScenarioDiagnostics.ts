// Every problem a scenario compilation finds, each with the JSON path of the field it is about. Compilation goes
// on after a problem, so the user sees them all at once.
import { formatPath } from '../parseJson';

export type ScenarioIssue = { readonly path: string; readonly message: string };

/** A JSON path as a list of keys and indices, e.g. ['actors', 0, 'payoffs', 'engage']. */
export type JsonPath = readonly (string | number)[];

export class ScenarioDiagnostics {
  readonly issues: ScenarioIssue[] = [];
  readonly warnings: ScenarioIssue[] = [];

  /** An error: the scenario does not compile. */
  issue(path: JsonPath, message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }

  /** A warning: the scenario compiles, but something looks unintended. */
  warn(path: JsonPath, message: string): void {
    this.warnings.push({ path: formatPath(path), message });
  }
}
