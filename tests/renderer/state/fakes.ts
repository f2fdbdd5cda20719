// Test doubles for the state classes: a fake model layer and an in-memory platform.
import type { Game } from '../../../models/games/Game';
import type { ModelSpec, RuntimeModel } from '../../../models/scenario/RuntimeModel';
import type { OpenResult, Platform, SaveRequest } from '../../../renderer/lib/platform/Platform';
import type { CheckResult, ModelService } from '../../../renderer/lib/state/ModelService';

export const fakeSpec = (params: { id: string; value: number; min?: number; max?: number }[]): ModelSpec =>
  ({
    id: 'fake',
    title: 'Fake',
    hash: '0',
    envSize: params.length,
    slotNames: params.map((p) => p.id),
    params: params.map((p, slot) => ({
      id: p.id,
      label: p.id,
      unit: '',
      description: '',
      slot,
      value: p.value,
      min: p.min ?? 0,
      max: p.max ?? 1,
      step: 0.01,
      distribution: null,
    })),
    correlations: [],
    builtins: { roundSlot: 0, monthSlot: 0, startMonth: 1 },
    derived: [],
    state: [],
    actors: [],
    selection: 'first',
    events: [],
    rounds: { count: 1, label: 'round' },
    outcomes: [],
    metrics: [],
  }) as ModelSpec;

/** Scenarios are JSON with `title` and `params: [{id, value}]`; `"bad": "<message>"` at a path makes it invalid. */
export const fakeModelService = (): ModelService & { checks: number } => {
  const service = {
    checks: 0,
    builtins: async () => [
      {
        id: 'korea-2025',
        title: 'Korea 2025',
        description: 'default',
        notes: '# Notes\n\nSome **bold** text.',
        sources: [
          { title: 'KCNA statement', publisher: 'KCNA', date: '2025-07-28', url: 'https://example.org/k' },
        ],
      },
      { id: 'chicken', title: 'Chicken', description: 'brinkmanship', notes: 'Swerve!' },
    ],
    builtinText: async (id: string) =>
      `${JSON.stringify({ title: id, params: [{ id: 'russiaSupport', value: 0.8 }] }, null, 2)}\n`,
    check: async (text: string): Promise<CheckResult> => {
      service.checks += 1;
      const json = JSON.parse(text) as {
        title?: string;
        params?: { id: string; value: number }[];
        bad?: string;
        rounds?: number;
      };
      if (json.bad) return { ok: false, issues: [{ path: 'params[0].value', message: json.bad }] };
      const spec = { ...fakeSpec(json.params ?? []), rounds: { count: json.rounds ?? 1, label: 'month' } };
      const model = { ...spec, spec } as unknown as RuntimeModel;
      return { ok: true, spec, model, warnings: [] };
    },
    reduce: (_model: RuntimeModel, at: { params: Readonly<Record<string, number>> }): Game => ({
      title: 'g',
      players: ['A', 'B'],
      strategies: [['x'], ['y']],
      payoffs: [[at.params.russiaSupport ?? 0, 0]],
      exact: null,
    }),
    played: (_model: RuntimeModel, game: Game) => ({
      rule: 'first' as const,
      kind: 'pure' as const,
      pureEquilibria: 1,
      alternatives: [
        { probability: 1, profile: game.strategies.map((s) => s.map((_, k) => (k === 0 ? 1 : 0))) },
      ],
    }),
  };
  return service;
};

export const memoryPlatform = (files: Record<string, string> = {}) => {
  const saved: SaveRequest[] = [];
  const autosaves: ({ text: string; path: string | null } | null)[] = [];
  const dirtyFlags: boolean[] = [];
  const external: string[] = [];
  let nextOpen: OpenResult = { ok: false, canceled: true, error: null };
  let saveResult: 'ok' | 'fail' = 'ok';
  const platform: Platform = {
    kind: 'browser',
    versions: async () => ({ app: 'test' }),
    openScenario: async () => nextOpen,
    openRecent: async (path) =>
      files[path] !== undefined
        ? { ok: true, path, name: path, text: files[path] }
        : { ok: false, canceled: false, error: `no ${path}` },
    readDroppedFile: async (file) => ({ ok: true, path: '', name: file.name, text: await file.text() }),
    saveScenario: async (req) => {
      saved.push(req);
      if (saveResult === 'fail') return { ok: false, canceled: false, error: 'disk full' };
      const path = req.path && !req.saveAs ? req.path : `/tmp/${req.suggestedName}`;
      return { ok: true, path, name: path.split('/').pop() ?? path };
    },
    recentFiles: async () => Object.keys(files).map((p) => ({ path: p, name: p })),
    exportFile: async (_kind, name) => ({ ok: true, path: name, name }),
    autosave: async (e) => {
      autosaves.push(e);
    },
    restorable: async () => null,
    setDirty: async (d) => {
      dirtyFlags.push(d);
    },
    openExternal: async (url) => {
      external.push(url);
      return url.startsWith('https://');
    },
    onMenuCommand: () => () => undefined,
    onOpenFile: () => () => undefined,
  };
  return {
    platform,
    saved,
    autosaves,
    dirtyFlags,
    external,
    setNextOpen: (r: OpenResult) => {
      nextOpen = r;
    },
    failSaves: () => {
      saveResult = 'fail';
    },
  };
};
