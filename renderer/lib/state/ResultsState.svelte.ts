// Every computed result of the open document, in one place: the simulation (run + replay) and the what-if tools
// (live estimate, sweeps, compare, sensitivity), over ONE SimulationPort and ONE RunSettingsState (one seed per
// document). Kept while the user switches views (a run goes on, its results stay); cleared when the document is
// replaced; marked stale by the rule in staleness.ts when the scenario or its values change.
import type { SimulationPort } from './SimulationPort';
import { RunSettingsState } from './RunSettingsState.svelte';
import { SimulationState, type SimulationSource } from './SimulationState.svelte';
import { WhatIfState, type LiveOptions } from './WhatIfState.svelte';

export class ResultsState {
  readonly settings: RunSettingsState;
  readonly simulation: SimulationState;
  readonly whatIf: WhatIfState;
  readonly port: SimulationPort;

  constructor(
    port: SimulationPort,
    source: SimulationSource,
    settings: RunSettingsState = new RunSettingsState(),
    live: LiveOptions = {},
  ) {
    this.port = port;
    this.settings = settings;
    this.simulation = new SimulationState(port, source, settings);
    this.whatIf = new WhatIfState(port, source, settings, live);
  }

  /** Cancel and forget everything (the document was replaced by another). */
  clear(): void {
    this.simulation.clear();
    this.whatIf.clear();
  }

  /** Cancel every computation in flight (the menu's Cancel). */
  cancelAll(): void {
    this.simulation.cancel();
    this.whatIf.sweep.cancel();
    this.whatIf.compare.cancel();
    this.whatIf.sensitivity.cancel();
  }

  dispose(): void {
    this.simulation.dispose();
    this.whatIf.dispose();
  }
}
