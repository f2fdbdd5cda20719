import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import { fakeModelService, memoryPlatform } from './fakes';

const setup = async (files: Record<string, string> = {}) => {
  const mem = memoryPlatform(files);
  const models = fakeModelService();
  const timers: (() => void)[] = [];
  const app = new AppState({
    platform: mem.platform,
    models,
    schedule: (fn) => timers.push(fn),
    cancel: () => undefined,
  });
  await app.start();
  const runTimers = async () => {
    while (timers.length) timers.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { app, mem, models, runTimers };
};

describe('AppState', () => {
  it('starts on the default built-in, compiled, with default parameter values', async () => {
    const { app } = await setup();
    expect(app.loading).toBe(false);
    expect(app.doc.name).toBe('korea-2025.parley.json');
    expect(app.doc.dirty).toBe(false);
    expect(app.model).not.toBeNull();
    expect(app.paramValues).toEqual({ russiaSupport: 0.8 });
    expect(app.builtins.map((b) => b.id)).toContain('chicken');
  });

  it('setParam changes paramValues (clamped) and the game, not the document', async () => {
    const { app } = await setup();
    app.setParam('russiaSupport', 0.2);
    flushSync();
    expect(app.paramValues.russiaSupport).toBe(0.2);
    expect(app.game?.payoffs[0]?.[0]).toBe(0.2);
    app.setParam('russiaSupport', 7);
    expect(app.paramValues.russiaSupport).toBe(1);
    expect(app.doc.dirty).toBe(false);
    app.resetParams();
    expect(app.paramValues.russiaSupport).toBe(0.8);
  });

  // Issue 10: the check runs off the main thread; an edit stops the running check and a newer edit wins.
  it('an edit cancels the running check and its late answer is dropped', async () => {
    const { app, models, runTimers } = await setup();
    const real = models.check.bind(models);
    const held: { text: string; release: () => void }[] = [];
    let cancels = 0;
    models.cancelCheck = () => void (cancels += 1);
    models.check = (text, name) =>
      new Promise((ok) => held.push({ text, release: () => void real(text, name).then(ok) }));
    const scenario = (value: number) => JSON.stringify({ title: 't', params: [{ id: 'p', value }] });
    app.doc.setText(scenario(0.1));
    await runTimers();
    expect(held.map((h) => h.text)).toContain(scenario(0.1));
    const before = cancels;
    const stale = held.splice(0);
    app.doc.setText(scenario(0.2));
    expect(cancels).toBe(before + 1);
    for (const h of stale) h.release(); // the stale answers arrive after the edit
    await new Promise((r) => setTimeout(r, 0));
    expect(app.paramValues).not.toHaveProperty('p');
    await runTimers();
    expect(held.map((h) => h.text)).toContain(scenario(0.2));
    for (const h of held) h.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(app.paramValues).toEqual({ p: 0.2 });
  });

  // Issue 10 (class 4): the override map is keyed by user text; a parameter named like an Object.prototype member
  // without an override must keep its default, not read the prototype's function.
  it('parameters named constructor, toString and valueOf keep their defaults and take overrides', async () => {
    const { app, runTimers } = await setup();
    app.doc.setText(
      JSON.stringify({
        title: 'proto',
        params: [
          { id: 'constructor', value: 0.25 },
          { id: 'toString', value: 0.5 },
          { id: 'valueOf', value: 0.75 },
        ],
      }),
    );
    await runTimers();
    flushSync();
    expect(app.paramValues).toEqual({ constructor: 0.25, toString: 0.5, valueOf: 0.75 });
    app.setParam('constructor', 0.1);
    flushSync();
    expect(app.paramValues.constructor).toBe(0.1);
    expect(app.paramValues.toString).toBe(0.5);
  });

  it('validates edits (debounced), keeps the last valid model while the text is invalid', async () => {
    const { app, runTimers } = await setup();
    const before = app.model;
    app.doc.update((d) => ({ ...(d as object), bad: 'must be a number' }));
    expect(app.doc.checking).toBe(true);
    await runTimers();
    expect(app.doc.issues).toEqual([{ path: 'params[0].value', message: 'must be a number' }]);
    expect(app.model).toBe(before);
    app.doc.undo();
    await runTimers();
    expect(app.doc.issues).toEqual([]);
  });

  it('reports a JSON syntax error as an issue without calling the model layer', async () => {
    const { app, models, runTimers } = await setup();
    const n = models.checks;
    app.doc.setText('{ nope');
    await runTimers();
    expect(models.checks).toBe(n);
    expect(app.doc.issues[0]?.message).toMatch(/Not valid JSON/);
  });

  it('asks before replacing a dirty document; cancel keeps it, discard replaces it', async () => {
    const { app } = await setup();
    app.doc.setField(['title'], 'changed');
    const p1 = app.openBuiltin('chicken');
    await Promise.resolve();
    expect(app.prompt?.message).toMatch(/unsaved changes/);
    app.prompt?.resolve('cancel');
    await p1;
    expect(app.doc.title).toBe('changed');
    const p2 = app.openBuiltin('chicken');
    await Promise.resolve();
    app.prompt?.resolve('discard');
    await p2;
    expect(app.doc.title).toBe('chicken');
    expect(app.doc.dirty).toBe(false);
  });

  it('opening another scenario closes a classic shown in the Tree view (it shows the new scenario, not Kuhn poker)', async () => {
    const { app } = await setup();
    await app.openBuiltinGame('kuhn-poker');
    expect(app.shownTree?.source.builtinId).toBe('kuhn-poker');
    // cancelled: the document stays, and so does the classic
    app.doc.setField(['title'], 'changed');
    const p1 = app.openBuiltin('chicken');
    await Promise.resolve();
    app.prompt?.resolve('cancel');
    await p1;
    expect(app.shownTree?.source.builtinId).toBe('kuhn-poker');
    const p2 = app.openBuiltin('chicken');
    await Promise.resolve();
    app.prompt?.resolve('discard');
    await p2;
    expect(app.trees.tree).toBeNull();
    expect(app.shownTree?.source.builtinId ?? null).toBeNull();
  });

  it('save: a built-in asks for a file (save as), then saves in place; a failed save keeps it dirty', async () => {
    const { app, mem } = await setup();
    app.doc.setField(['title'], 'T2');
    expect(await app.save()).toBe(true);
    expect(mem.saved[0]?.saveAs).toBe(true);
    expect(app.doc.dirty).toBe(false);
    expect(app.doc.path).toBe('/tmp/korea-2025.parley.json');
    app.doc.setField(['title'], 'T3');
    mem.failSaves();
    expect(await app.save()).toBe(false);
    expect(mem.saved[1]?.saveAs).toBe(false);
    expect(app.doc.dirty).toBe(true);
    expect(app.toasts.at(-1)?.kind).toBe('error');
  });

  it('save writes an older parley.scenario/1 document in the current format, and leaves it clean', async () => {
    const { app, mem } = await setup({
      'old.json': '{\n  "format": "parley.scenario/1",\n  "title": "Old"\n}\n',
    });
    await app.openRecent('old.json');
    expect(app.doc.text).toContain('"parley.scenario/1"');
    app.doc.setField(['title'], 'T2');
    expect(await app.save()).toBe(true);
    expect(JSON.parse(mem.saved[0]?.text ?? '{}')).toMatchObject({
      format: 'parley.scenario/2',
      title: 'T2',
    });
    expect(app.doc.text).toBe(mem.saved[0]?.text);
    expect(app.doc.dirty).toBe(false);
  });

  it('opens files (and reports failures in place, keeping the document)', async () => {
    const { app, mem, runTimers } = await setup({ 'x.json': '{"title":"X","params":[]}' });
    await app.openRecent('x.json');
    await runTimers();
    expect(app.doc.title).toBe('X');
    mem.setNextOpen({ ok: false, canceled: false, error: 'permission denied' });
    await app.open();
    expect(app.doc.title).toBe('X');
    expect(app.toasts.at(-1)?.message).toBe('permission denied');
  });

  it('autosaves dirty edits and reports the dirty flag to the platform', async () => {
    const { app, mem, runTimers } = await setup();
    app.doc.setField(['title'], 'dirty');
    await runTimers();
    expect(mem.autosaves.at(-1)).toEqual({ text: app.doc.text, path: null });
    expect(mem.dirtyFlags.at(-1)).toBe(true);
  });

  it('offers a restore and restores as a dirty document', async () => {
    const mem = memoryPlatform();
    mem.platform.restorable = async () => ({ text: '{"title":"R","params":[]}', path: null, savedAt: 'now' });
    const app = new AppState({
      platform: mem.platform,
      models: fakeModelService(),
      schedule: () => 0,
      cancel: () => 0,
    });
    await app.start();
    expect(app.restoreOffer).not.toBeNull();
    app.restore();
    expect(app.doc.title).toBe('R');
    expect(app.doc.dirty).toBe(true);
  });

  it('builds the game of the chosen round, clamped to the scenario', async () => {
    const { app, models } = await setup();
    app.doc.setField(['rounds'], 24);
    await app.validateNow();
    const rounds: (number | undefined)[] = [];
    const reduce = models.reduce;
    models.reduce = (m, at) => {
      rounds.push(at.round);
      return reduce(m, at);
    };
    app.gameRound = 5;
    expect(app.game).not.toBeNull();
    expect(rounds.at(-1)).toBe(5);
    app.gameRound = 99;
    expect(app.game).not.toBeNull();
    expect(rounds.at(-1)).toBe(24);
  });
});
