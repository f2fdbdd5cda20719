// One SimulationState / WhatIfState per AppState, created on first use and kept while views are switched (so a run
// keeps going, and its results stay, when the user looks at another view).
import type { AppState } from './AppState.svelte';
import type { SimulationPort } from './SimulationPort';
import { SimulationState, type SimulationSource } from './SimulationState.svelte';
import { WhatIfState } from './WhatIfState.svelte';
import { lazyWorkerPort } from './lazyWorkerPort';

type Pair = { simulation: SimulationState; whatIf: WhatIfState; port: SimulationPort };
const byApp = new WeakMap<object, Pair>();

/** Tests install a fake port before the views mount. */
export const installSimulationPort = (app: AppState, port: SimulationPort): void => {
  byApp.set(app, make(app, port));
};

const make = (app: AppState, port: SimulationPort): Pair => {
  const source: SimulationSource = () => ({ spec: app.spec, paramValues: app.paramValues });
  return { port, simulation: new SimulationState(port, source), whatIf: new WhatIfState(port, source) };
};

const pairFor = (app: AppState): Pair => {
  let p = byApp.get(app);
  if (!p) {
    p = make(app, lazyWorkerPort());
    byApp.set(app, p);
  }
  return p;
};

export const simulationStateFor = (app: AppState): SimulationState => pairFor(app).simulation;
export const whatIfStateFor = (app: AppState): WhatIfState => pairFor(app).whatIf;
export const simulationPortFor = (app: AppState): SimulationPort => pairFor(app).port;
