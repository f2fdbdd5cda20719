// The save path is final (extension included) before anything is written, and a file the dialog never asked about
// is replaced only after the user confirms.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeChannels } from '../../electron/ipc/contract';
import { ExportSessions } from '../../electron/main/ExportSessions';
import { listDir, realFs, trustedEvent, uuid } from './helpers';
import { makeHarness } from './harness';

const saveAs = { path: null, text: 'new scenario', saveAs: true, suggestedName: 'm.parley.json' };

describe('FileService: the final path is decided before the overwrite confirmation', () => {
  it('a bare name whose .csv file exists asks before replacing it, and a refusal writes nothing', async () => {
    const h = await makeHarness();
    const existing = join(h.docs, 'results.csv');
    await fsp.writeFile(existing, 'precious');
    h.dialogs.nextSave = join(h.docs, 'results'); // the dialog confirmed "results", which does not exist
    h.dialogs.nextConfirm = false;
    await expect(h.files.chooseExportTarget('csv', 'results.csv')).resolves.toBeNull();
    expect(h.dialogs.confirmOverwrite).toHaveBeenCalledExactlyOnceWith(existing);
    expect(await fsp.readFile(existing, 'utf8')).toBe('precious');
    h.dialogs.nextConfirm = true;
    await expect(h.files.chooseExportTarget('csv', 'results.csv')).resolves.toBe(existing);
  });

  it('Save As of a scenario to a bare name: an existing NAME.parley.json is kept unless the user confirms', async () => {
    const h = await makeHarness();
    const existing = join(h.docs, 'm.parley.json');
    await fsp.writeFile(existing, 'old scenario');
    h.dialogs.nextSave = join(h.docs, 'm');
    h.dialogs.nextConfirm = false;
    const refused = await h.invoke(invokeChannels.saveScenario, trustedEvent, saveAs);
    expect(refused).toEqual({ ok: false, canceled: true, error: null });
    expect(await fsp.readFile(existing, 'utf8')).toBe('old scenario');
    expect(await listDir(h.docs)).toEqual(['m.parley.json']);
    h.dialogs.nextConfirm = true;
    const saved = await h.invoke(invokeChannels.saveScenario, trustedEvent, saveAs);
    expect(saved).toEqual({ ok: true, path: existing, name: 'm.parley.json' });
    expect(await fsp.readFile(existing, 'utf8')).toBe('new scenario');
  });

  it('a link (even a dangling one) at the final name counts as existing', async () => {
    const h = await makeHarness();
    await fsp.symlink(join(h.dir, 'nowhere.csv'), join(h.docs, 'out.csv'));
    h.dialogs.nextSave = join(h.docs, 'out');
    await expect(h.files.chooseExportTarget('csv', 'out.csv')).resolves.toBeNull();
    expect(h.dialogs.confirmOverwrite).toHaveBeenCalledOnce();
  });

  it('no extra question when the dialog already returned the full name, or the final name is new', async () => {
    const h = await makeHarness();
    await fsp.writeFile(join(h.docs, 'a.csv'), 'x');
    h.dialogs.nextSave = join(h.docs, 'a.csv'); // the dialog itself confirmed this name
    await expect(h.files.chooseExportTarget('csv', 'a.csv')).resolves.toBe(join(h.docs, 'a.csv'));
    h.dialogs.nextSave = join(h.docs, 'b');
    await expect(h.files.chooseExportTarget('csv', 'b.csv')).resolves.toBe(join(h.docs, 'b.csv'));
    expect(h.dialogs.confirmOverwrite).not.toHaveBeenCalled();
  });
});

describe.runIf(process.platform !== 'win32')('saving and exporting through a symbolic link', () => {
  it("Save writes the link's target atomically and keeps the link (and its folder holds no temporary file)", async () => {
    const h = await makeHarness();
    await fsp.mkdir(join(h.dir, 'real'));
    const real = join(h.dir, 'real', 'm.parley.json');
    await fsp.writeFile(real, 'old scenario');
    const link = join(h.docs, 'm.parley.json');
    await fsp.symlink(real, link);
    h.files.grant(link); // opened from the command line, say
    const saved = await h.invoke(invokeChannels.saveScenario, trustedEvent, {
      path: link,
      text: 'new scenario',
      saveAs: false,
      suggestedName: 'm.parley.json',
    });
    expect(saved).toEqual({ ok: true, path: link, name: 'm.parley.json' });
    expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fsp.readlink(link)).toBe(real);
    expect(await fsp.readFile(real, 'utf8')).toBe('new scenario');
    expect(await listDir(h.docs)).toEqual(['m.parley.json']);
    expect(await listDir(join(h.dir, 'real'))).toEqual(['m.parley.json']);
  });

  it("an export to a bare name whose .csv is a link asks first, then writes the link's target", async () => {
    const h = await makeHarness();
    const real = join(h.dir, 'elsewhere.csv');
    await fsp.writeFile(real, 'previous export');
    await fsp.symlink(real, join(h.docs, 'results.csv'));
    h.dialogs.nextSave = join(h.docs, 'results');
    h.dialogs.nextConfirm = true;
    const target = await h.files.chooseExportTarget('csv', 'results.csv');
    expect(h.dialogs.confirmOverwrite).toHaveBeenCalledExactlyOnceWith(join(h.docs, 'results.csv'));
    const sessions = new ExportSessions({ fs: realFs, randomId: uuid, chooseTarget: async () => target });
    const begin = await sessions.begin({ kind: 'csv', suggestedName: 'results.csv' });
    if (!begin.ok) throw new Error('begin failed');
    await sessions.chunk(begin.id, 'a,b\r\n1,2\r\n');
    expect((await sessions.end(begin.id, true)).ok).toBe(true);
    expect((await fsp.lstat(join(h.docs, 'results.csv'))).isSymbolicLink()).toBe(true);
    expect(await fsp.readFile(real, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(await listDir(h.docs)).toEqual(['results.csv']);
  });
});

describe.runIf(process.platform !== 'win32')(
  'an export never replaces a scenario file the user opened or saved',
  () => {
    const scenarioText = '{"format":"parley.scenario/2"}';

    it.each([
      ['the same path', (docs: string) => join(docs, 'm.parley.json')],
      ['another spelling', (docs: string) => join(docs, 'sub', '..', 'm.parley.json')],
      ['a symbolic link', (docs: string) => join(docs, 'link.json')],
      ['a hard link', (docs: string) => join(docs, 'hard.json')],
    ])(
      'refused through %s, with a message naming both paths; the scenario is untouched',
      async (_how, pick) => {
        const h = await makeHarness();
        const scenario = join(h.docs, 'm.parley.json');
        await fsp.writeFile(scenario, scenarioText);
        await fsp.mkdir(join(h.docs, 'sub'));
        await fsp.symlink(scenario, join(h.docs, 'link.json'));
        await fsp.link(scenario, join(h.docs, 'hard.json'));
        expect((await h.files.openPath(scenario)).ok).toBe(true);
        const sessions = new ExportSessions({
          fs: realFs,
          randomId: uuid,
          chooseTarget: (kind, name) => h.files.chooseExportTarget(kind, name),
        });
        h.dialogs.nextSave = pick(h.docs);
        h.dialogs.nextConfirm = true;
        const begin = await sessions.begin({ kind: 'json', suggestedName: 'results.json' });
        expect(begin).toEqual({
          ok: false,
          canceled: false,
          error: expect.stringMatching(
            /^Cannot export to .*: it is the scenario file .*m\.parley\.json, which this export would replace; choose another file\.$/,
          ),
        });
        expect(await fsp.readFile(scenario, 'utf8')).toBe(scenarioText);
        expect(sessions.openCount).toBe(0);
      },
    );

    it('a scenario from the recent list counts too; any other file exports as before', async () => {
      const h = await makeHarness();
      const old = join(h.docs, 'old.parley.json');
      await fsp.writeFile(old, scenarioText);
      await h.recent.add(old);
      h.dialogs.nextSave = old;
      await expect(h.files.chooseExportTarget('json', 'x.json')).rejects.toThrow(/it is the scenario file/);
      h.dialogs.nextSave = join(h.docs, 'results.csv');
      await expect(h.files.chooseExportTarget('csv', 'x.csv')).resolves.toBe(join(h.docs, 'results.csv'));
      expect(await fsp.readFile(old, 'utf8')).toBe(scenarioText);
    });
  },
);
