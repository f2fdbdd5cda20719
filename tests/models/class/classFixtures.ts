// Shared helpers for the class-play tests: a session on a built-in scenario, events with a fake clock.
import { ClassSession } from '../../../models/class/ClassSession';
import type { ClassConfig, Matching, SessionEvent } from '../../../models/class/sessionEvents';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import type { RuntimeModel } from '../../../models/scenario/RuntimeModel';

const models = new Map<string, RuntimeModel>();
export const builtinModel = (id: string): RuntimeModel => {
  let m = models.get(id);
  if (!m) {
    m = instantiateModel(loadBuiltin(id).spec);
    models.set(id, m);
  }
  return m;
};

export const configFor = (
  model: RuntimeModel,
  opts: Partial<Pick<ClassConfig, 'rounds' | 'matching' | 'maxStudents' | 'seed' | 'params'>> & {
    matching?: Matching;
  } = {},
): ClassConfig => ({
  sessionId: 'test-session',
  scenario: { id: model.id, title: model.title, hash: model.hash },
  params: opts.params ?? {},
  seed: opts.seed ?? 'class-seed',
  rounds: opts.rounds ?? 5,
  matching: opts.matching ?? 'random',
  maxStudents: opts.maxStudents ?? 200,
  createdAt: 1_700_000_000_000,
});

export const newSession = (id: string, opts: Parameters<typeof configFor>[1] = {}): ClassSession => {
  const model = builtinModel(id);
  return new ClassSession(configFor(model, opts), model);
};

let clock = 1_700_000_000_000;
export const at = (): number => (clock += 1000);

export const join = (s: ClassSession, name: string): SessionEvent => {
  const e: SessionEvent = {
    e: 'join',
    student: s.students.length,
    name: s.uniqueName(name),
    auth: `auth-${name}`,
    at: at(),
  };
  s.apply(e);
  return e;
};
