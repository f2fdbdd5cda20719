// One ClassHostState per AppState, created on first use; it follows the class-play menu commands.
import { classPlayRefusal } from '../../../models/class/classPlayRefusal';
import type { AppState } from '../state/AppState.svelte';
import { ClassHostState } from './ClassHostState.svelte';

const byApp = new WeakMap<object, ClassHostState>();

export const classHostStateFor = (app: AppState): ClassHostState => {
  let state = byApp.get(app);
  if (state) return state;
  state = new ClassHostState(
    app.platform.classSessions,
    () => ({
      text: app.doc.text,
      name: app.doc.name,
      params: app.paramValues,
      defaults: Object.fromEntries((app.spec?.params ?? []).map((p) => [p.id, p.value])),
      rounds: app.doc.issues.length > 0 ? null : (app.spec?.rounds.count ?? null),
      refusal: app.spec ? classPlayRefusal(app.spec) : null,
    }),
    (message) => app.notify(message),
  );
  app.attachClassHost(state);
  byApp.set(app, state);
  return state;
};
