import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeChannels, invokeNames, type InvokeName } from '../../electron/ipc/contract';
import { foreignEvent, framelessEvent, fullDiskFs, listDir, subframeEvent, trustedEvent } from './helpers';
import { CLASS_STARTED, makeHarness, type Harness } from './harness';
import type { ClassStartRequest } from '../../api/ParleyApi';

const CLASS_REQUEST: ClassStartRequest = {
  scenario: { text: '{"format":"parley.scenario/1"}', name: 'chicken.parley.json' },
  params: { crash: -10 },
  rounds: 2,
  matching: 'random',
  lan: false,
  maxStudents: 200,
};

/** One valid call per request channel (the harness prepares files and dialogs so each succeeds). */
const validCalls: { readonly [K in InvokeName]: (h: Harness) => Promise<unknown[]> } = {
  versions: async () => [],
  openScenario: async (h) => {
    const path = join(h.docs, 'a.parley.json');
    await fsp.writeFile(path, '{"a":1}');
    h.dialogs.nextOpen = path;
    return [];
  },
  openRecent: async (h) => {
    const path = join(h.docs, 'r.parley.json');
    await fsp.writeFile(path, '{}');
    await h.recent.add(path);
    return [path];
  },
  saveScenario: async (h) => {
    h.dialogs.nextSave = join(h.docs, 'new.parley.json');
    return [{ path: null, text: '{}', saveAs: false, suggestedName: 'new.parley.json' }];
  },
  recentFiles: async () => [],
  exportBegin: async (h) => {
    h.dialogs.nextSave = join(h.docs, 'out.csv');
    return [{ kind: 'csv', suggestedName: 'out.csv' }];
  },
  exportChunk: async (h) => {
    h.dialogs.nextSave = join(h.docs, 'chunk.csv');
    const begin = await h.exports.begin({ kind: 'csv', suggestedName: 'chunk.csv' });
    if (!begin.ok) throw new Error('begin failed');
    return [begin.id, 'a,b\n'];
  },
  exportEnd: async (h) => {
    h.dialogs.nextSave = join(h.docs, 'end.csv');
    const begin = await h.exports.begin({ kind: 'csv', suggestedName: 'end.csv' });
    if (!begin.ok) throw new Error('begin failed');
    return [begin.id, true];
  },
  autosave: async () => [{ text: '{}', path: null }],
  restorable: async () => [],
  setDirty: async () => [true],
  openExternal: async () => ['https://github.com/'],
  startClassSession: async () => [CLASS_REQUEST],
  resumableClassSession: async () => [],
  resumeClassSession: async () => ['class-0123456789ab'],
  stopClassSession: async () => [],
};

/** Malformed payloads per channel: wrong types, missing or extra fields, oversize values. */
const malformedCalls: { readonly [K in InvokeName]: unknown[][] } = {
  versions: [['extra']],
  openScenario: [[{ path: '/etc/passwd' }]],
  openRecent: [[], [42], [''], ['a\0b'], ['x'.repeat(5000)]],
  saveScenario: [
    [],
    [{ path: null, text: '{}', saveAs: false }],
    [{ path: 3, text: '{}', saveAs: false, suggestedName: 'a.json' }],
    [{ path: null, text: '{}', saveAs: false, suggestedName: '../../evil.json' }],
    [{ path: null, text: '{}', saveAs: false, suggestedName: 'a.json', extra: true }],
    [{ path: null, text: 'x'.repeat(32 * 1024 * 1024 + 1), saveAs: false, suggestedName: 'a.json' }],
  ],
  recentFiles: [[1]],
  exportBegin: [
    [{ kind: 'exe', suggestedName: 'a.exe' }],
    [{ kind: 'csv' }],
    [{ kind: 'csv', suggestedName: 'a/b.csv' }],
  ],
  exportChunk: [
    ['not-a-uuid', 'a'],
    ['00000000-0000-0000-0000-000000000000', 42],
    ['00000000-0000-0000-0000-000000000000', 'x'.repeat(1024 * 1024 + 1)],
    ['00000000-0000-0000-0000-000000000000', 'é'.repeat(600 * 1024)], // 1.2 MB of UTF-8 in 0.6 M chars
    ['00000000-0000-0000-0000-000000000000', new Uint8Array(1024 * 1024 + 1)],
  ],
  exportEnd: [['00000000-0000-0000-0000-000000000000'], ['00000000-0000-0000-0000-000000000000', 'yes']],
  autosave: [[], [{ text: 1, path: null }], [{ text: '', path: null, when: 'now' }], [undefined]],
  restorable: [[true]],
  setDirty: [[], ['true'], [1]],
  openExternal: [[], [42], ['']],
  startClassSession: [
    [],
    [{ ...CLASS_REQUEST, extra: 1 }],
    [{ ...CLASS_REQUEST, scenario: { text: '', name: 'a.json' } }],
    [{ ...CLASS_REQUEST, scenario: { text: 'x'.repeat(5_000_001), name: 'a.json' } }],
    [{ ...CLASS_REQUEST, scenario: { text: '{}', name: 'a.json', path: '/etc/passwd' } }],
    [{ ...CLASS_REQUEST, params: { crash: Number.NaN } }],
    [{ ...CLASS_REQUEST, params: { 'a.b': 1 } }],
    [{ ...CLASS_REQUEST, rounds: 0 }],
    [{ ...CLASS_REQUEST, rounds: 1.5 }],
    [{ ...CLASS_REQUEST, matching: 'pairs' }],
    [{ ...CLASS_REQUEST, lan: 'yes' }],
    [{ ...CLASS_REQUEST, maxStudents: 0 }],
    [{ ...CLASS_REQUEST, maxStudents: 1_000_000 }],
    [CLASS_REQUEST, 'extra'],
  ],
  resumableClassSession: [['x']],
  resumeClassSession: [[], [''], ['../../etc/passwd'], [42], ['x'.repeat(65)]],
  stopClassSession: [[true]],
};

describe('IPC handlers: every channel', () => {
  it('registers exactly one handler per contract channel', async () => {
    const h = await makeHarness();
    expect([...h.listeners.keys()].sort()).toEqual(Object.values(invokeChannels).sort());
  });

  describe.each(invokeNames)('%s', (name) => {
    it('accepts a valid payload from the app window', async () => {
      const h = await makeHarness();
      const args = await validCalls[name](h);
      await h.invoke(invokeChannels[name], trustedEvent, ...args); // rejects (fails the test) if refused
    });

    it('refuses other origins, subframes and frameless senders before acting', async () => {
      const h = await makeHarness();
      const args = await validCalls[name](h);
      for (const event of [foreignEvent, subframeEvent, framelessEvent]) {
        await expect(h.invoke(invokeChannels[name], event, ...args)).rejects.toThrow(/not the Parley window/);
      }
      expect(h.dialogs.chooseOpen).not.toHaveBeenCalled();
      expect(h.shellOpen).not.toHaveBeenCalled();
      for (const fn of Object.values(h.classHost)) expect(fn).not.toHaveBeenCalled();
    });

    it('refuses malformed payloads with a message naming the problem', async () => {
      const h = await makeHarness();
      for (const args of malformedCalls[name]) {
        await expect(
          h.invoke(invokeChannels[name], trustedEvent, ...args),
          JSON.stringify(args)?.slice(0, 80),
        ).rejects.toThrow(new RegExp(`^Refused ${name}: `));
      }
      expect(h.dialogs.chooseOpen).not.toHaveBeenCalled();
      expect(h.dialogs.chooseSave).not.toHaveBeenCalled();
      for (const fn of Object.values(h.classHost)) expect(fn).not.toHaveBeenCalled();
    });
  });
});

describe('IPC handlers: behaviour', () => {
  it('versions returns the versions it was given', async () => {
    const h = await makeHarness();
    await expect(h.invoke(invokeChannels.versions, trustedEvent)).resolves.toMatchObject({
      electron: '45.5.0',
    });
  });

  it('openScenario reads the chosen file and adds it to the recent lists (app and OS)', async () => {
    const h = await makeHarness();
    const path = join(h.docs, 'a.parley.json');
    await fsp.writeFile(path, '{"a":1}');
    h.dialogs.nextOpen = path;
    await expect(h.invoke(invokeChannels.openScenario, trustedEvent)).resolves.toEqual({
      ok: true,
      path,
      name: 'a.parley.json',
      text: '{"a":1}',
    });
    await expect(h.invoke(invokeChannels.recentFiles, trustedEvent)).resolves.toEqual([
      { path, name: 'a.parley.json' },
    ]);
    expect(h.addRecentDocument).toHaveBeenCalledWith(path);
  });

  it('openScenario refuses what is not a readable UTF-8 scenario file, with one line and nothing remembered', async () => {
    const h = await makeHarness();
    const bad = join(h.docs, 'bad.parley.json');
    await fsp.writeFile(bad, Buffer.from([0x7b, 0x0a, 0xff, 0x7d]));
    const cases: [string, string][] = [
      [
        bad,
        `Could not open ${bad}: line 2: the file is not valid UTF-8 text (invalid byte 0xff at offset 2); save it as UTF-8.`,
      ],
      [h.docs, `Could not open ${h.docs}: it is not a file.`],
      [
        join(h.docs, 'gone.json'),
        `Could not open ${join(h.docs, 'gone.json')}: the file or folder does not exist (ENOENT).`,
      ],
    ];
    for (const [path, error] of cases) {
      h.dialogs.nextOpen = path;
      await expect(h.invoke(invokeChannels.openScenario, trustedEvent)).resolves.toEqual({
        ok: false,
        canceled: false,
        error,
      });
    }
    await expect(h.invoke(invokeChannels.recentFiles, trustedEvent)).resolves.toEqual([]);
  });

  it('openScenario reports a canceled dialog', async () => {
    const h = await makeHarness();
    await expect(h.invoke(invokeChannels.openScenario, trustedEvent)).resolves.toEqual({
      ok: false,
      canceled: true,
      error: null,
    });
  });

  it('openRecent refuses paths that are not in the recent list (no arbitrary reads)', async () => {
    const h = await makeHarness();
    const result = await h.invoke(invokeChannels.openRecent, trustedEvent, '/etc/passwd');
    expect(result).toMatchObject({
      ok: false,
      canceled: false,
      error: expect.stringMatching(/not in the recent files/),
    });
  });

  it('saveScenario to a path the user never chose shows Save As instead of writing there', async () => {
    const h = await makeHarness();
    const sneaky = join(h.dir, 'sneaky.parley.json');
    h.dialogs.nextSave = null;
    const result = await h.invoke(invokeChannels.saveScenario, trustedEvent, {
      path: sneaky,
      text: 'x',
      saveAs: false,
      suggestedName: 'a.parley.json',
    });
    expect(result).toEqual({ ok: false, canceled: true, error: null });
    expect(h.dialogs.chooseSave).toHaveBeenCalledOnce();
    await expect(fsp.stat(sneaky)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('saveScenario saves a chosen path again without a dialog, atomically', async () => {
    const h = await makeHarness();
    const target = join(h.docs, 'm.parley.json');
    h.dialogs.nextSave = join(h.docs, 'm'); // the user typed a bare name: the extension is added
    const first = await h.invoke(invokeChannels.saveScenario, trustedEvent, {
      path: null,
      text: 'v1',
      saveAs: false,
      suggestedName: 'm.parley.json',
    });
    expect(first).toEqual({ ok: true, path: target, name: 'm.parley.json' });
    const second = await h.invoke(invokeChannels.saveScenario, trustedEvent, {
      path: target,
      text: 'v2',
      saveAs: false,
      suggestedName: 'm.parley.json',
    });
    expect(second).toEqual({ ok: true, path: target, name: 'm.parley.json' });
    expect(h.dialogs.chooseSave).toHaveBeenCalledOnce();
    expect(await fsp.readFile(target, 'utf8')).toBe('v2');
    expect(await listDir(h.docs)).toEqual(['m.parley.json']);
  });

  it('a save that hits a full disk is reported, keeps the old file, removes the temp file, and stays dirty', async () => {
    const h = await makeHarness({ fs: fullDiskFs(10) });
    const target = join(h.docs, 'm.parley.json');
    await fsp.writeFile(target, 'the old version');
    await h.recent.add(target);
    await h.invoke(invokeChannels.setDirty, trustedEvent, true);
    const result = await h.invoke(invokeChannels.saveScenario, trustedEvent, {
      path: target,
      text: 'a much longer new version of the scenario',
      saveAs: false,
      suggestedName: 'm.parley.json',
    });
    expect(result).toEqual({
      ok: false,
      canceled: false,
      error: `Could not save ${target}: the disk is full (ENOSPC).`,
    });
    expect(await fsp.readFile(target, 'utf8')).toBe('the old version');
    expect(await listDir(h.docs)).toEqual(['m.parley.json']);
    expect(h.closeGuard.dirty).toBe(true);
  });

  it('a successful save clears the dirty flag', async () => {
    const h = await makeHarness();
    await h.invoke(invokeChannels.setDirty, trustedEvent, true);
    h.dialogs.nextSave = join(h.docs, 'ok.parley.json');
    await h.invoke(invokeChannels.saveScenario, trustedEvent, {
      path: null,
      text: '{}',
      saveAs: true,
      suggestedName: 'ok.parley.json',
    });
    expect(h.closeGuard.dirty).toBe(false);
  });

  it('openExternal opens allow-listed https: URLs only', async () => {
    const h = await makeHarness();
    await expect(h.invoke(invokeChannels.openExternal, trustedEvent, 'https://evil.example/')).resolves.toBe(
      false,
    );
    await expect(h.invoke(invokeChannels.openExternal, trustedEvent, 'file:///etc/passwd')).resolves.toBe(
      false,
    );
    expect(h.shellOpen).not.toHaveBeenCalled();
    await expect(h.invoke(invokeChannels.openExternal, trustedEvent, 'https://github.com/')).resolves.toBe(
      true,
    );
    expect(h.shellOpen).toHaveBeenCalledWith('https://github.com/');
  });

  it('autosave and restorable round-trip through the store', async () => {
    const h = await makeHarness();
    await h.invoke(invokeChannels.autosave, trustedEvent, { text: 'unsaved', path: null });
    await h.autosave.flush();
    expect(JSON.parse(await fsp.readFile(join(h.userData, 'autosave.json'), 'utf8'))).toMatchObject({
      text: 'unsaved',
      path: null,
    });
    await expect(h.invoke(invokeChannels.restorable, trustedEvent)).resolves.toBeNull(); // nothing from a crash
    await h.invoke(invokeChannels.autosave, trustedEvent, null);
    await expect(fsp.stat(join(h.userData, 'autosave.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the class channels pass the validated request to the class host and return its answer', async () => {
    const h = await makeHarness();
    await expect(h.invoke(invokeChannels.startClassSession, trustedEvent, CLASS_REQUEST)).resolves.toEqual(
      CLASS_STARTED,
    );
    expect(h.classHost.start).toHaveBeenCalledWith(CLASS_REQUEST);
    await expect(
      h.invoke(invokeChannels.resumeClassSession, trustedEvent, 'class-0123456789ab'),
    ).resolves.toEqual(CLASS_STARTED);
    expect(h.classHost.resume).toHaveBeenCalledWith('class-0123456789ab');
    await expect(h.invoke(invokeChannels.resumableClassSession, trustedEvent)).resolves.toBeNull();
    await h.invoke(invokeChannels.stopClassSession, trustedEvent);
    expect(h.classHost.stop).toHaveBeenCalledOnce();
  });
});
