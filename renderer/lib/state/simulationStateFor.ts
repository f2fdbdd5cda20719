// One SimulationState / WhatIfState per AppState, created on first use and kept while views are switched (so a run
// keeps going, and its results stay, when the user looks at another view).
import type { AppState } from './AppState.svelte';
import type { SimulationPort } from './SimulationPort';
import { SimulationState, type SimulationSource } from './SimulationState.svelte';
import { WhatIfState } from './WhatIfState.svelte';
import { lazyWorkerPort } from './lazyWorkerPort';
import { reportExport } from './reportExport';

type Pair = {
  simulation: SimulationState;
  whatIf: WhatIfState;
  port: SimulationPort;
  unsubscribe: () => void;
};
const byApp = new WeakMap<object, Pair>();

/** Tests install a fake port before the views mount. */
export const installSimulationPort = (app: AppState, port: SimulationPort): void => {
  byApp.set(app, make(app, port));
};

const make = (app: AppState, port: SimulationPort): Pair => {
  byApp.get(app)?.unsubscribe();
  const source: SimulationSource = () => ({ spec: app.spec, paramValues: app.paramValues });
  const simulation = new SimulationState(port, source);
  const whatIf = new WhatIfState(port, source);
  // menu commands and shortcuts of the simulation area
  const unsubscribe = app.onCommand((command) => {
    if (command === 'run') {
      app.activeView = 'simulate';
      void simulation.run();
    } else if (command === 'cancel-run') {
      simulation.cancel();
      whatIf.sweep.cancel();
      whatIf.compare.cancel();
      whatIf.sensitivity.cancel();
    } else if (command === 'export-csv') {
      if (!simulation.result) app.notify('Run the simulation first: the CSV holds its trials.');
      else void simulation.exportRun('trials', app.platform).then((r) => reportExport(app, r));
    }
  });
  return { port, simulation, whatIf, unsubscribe };
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
