import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeChannels, MAX_CHUNK_BYTES } from '../../electron/ipc/contract';
import { ExportSessions } from '../../electron/main/ExportSessions';
import { fullDiskFs, listDir, makeTmpDir, realFs, trustedEvent, uuid } from './helpers';
import { makeHarness } from './harness';

describe('streamed export', () => {
  it('a 1,000,000-row CSV goes through the IPC contract in chunks of at most 1 MiB and is committed atomically', async () => {
    const h = await makeHarness();
    const target = join(h.docs, 'results.csv');
    h.dialogs.nextSave = target;
    const begin = (await h.invoke(invokeChannels.exportBegin, trustedEvent, {
      kind: 'csv',
      suggestedName: 'results.csv',
    })) as {
      ok: true;
      id: string;
      path: string;
    };
    expect(begin).toMatchObject({ ok: true, path: target });
    let chunks = 0;
    let largest = 0;
    let rows: string[] = ['trial,player,payoff\n'];
    let size = rows[0]?.length ?? 0;
    const flush = async () => {
      const chunk = rows.join('');
      largest = Math.max(largest, Buffer.byteLength(chunk));
      chunks += 1;
      await h.invoke(invokeChannels.exportChunk, trustedEvent, begin.id, chunk);
      rows = [];
      size = 0;
    };
    for (let i = 0; i < 1_000_000; i += 1) {
      const row = `${i},${i % 3},${(i * 0.5).toFixed(1)}\n`;
      if (size + row.length > MAX_CHUNK_BYTES) await flush();
      rows.push(row);
      size += row.length;
    }
    await flush();
    // Before the commit the target does not exist: only the hidden temporary file.
    await expect(fsp.stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    const end = await h.invoke(invokeChannels.exportEnd, trustedEvent, begin.id, true);
    expect(end).toEqual({ ok: true, path: target, name: 'results.csv' });
    expect(chunks).toBeGreaterThan(10);
    expect(largest).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    const text = await fsp.readFile(target, 'utf8');
    const lines = text.split('\n');
    expect(lines.length).toBe(1_000_002); // header + 1e6 rows + trailing empty
    expect(lines[1_000_000]).toBe('999999,0,499999.5');
    expect(await listDir(h.docs)).toEqual(['results.csv']);
  });

  it('binary chunks (PNG) are written byte for byte, in call order even when sent concurrently', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'chart.png');
    const sessions = new ExportSessions({ fs: realFs, randomId: uuid, chooseTarget: async () => target });
    const begin = await sessions.begin({ kind: 'png', suggestedName: 'chart.png' });
    if (!begin.ok) throw new Error('begin failed');
    const parts = Array.from({ length: 20 }, (_, i) => new Uint8Array(1000).fill(i));
    await Promise.all(parts.map((p) => sessions.chunk(begin.id, p)));
    await sessions.end(begin.id, true);
    const bytes = await fsp.readFile(target);
    expect(bytes.length).toBe(20_000);
    for (let i = 0; i < 20; i += 1) expect(bytes[i * 1000]).toBe(i);
  });

  it('a canceled export removes the temporary file and leaves an existing target untouched', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'results.csv');
    await fsp.writeFile(target, 'previous export');
    const sessions = new ExportSessions({ fs: realFs, randomId: uuid, chooseTarget: async () => target });
    const begin = await sessions.begin({ kind: 'csv', suggestedName: 'results.csv' });
    if (!begin.ok) throw new Error('begin failed');
    await sessions.chunk(begin.id, 'partial');
    expect(await sessions.end(begin.id, false)).toEqual({ ok: false, canceled: true, error: null });
    expect(await fsp.readFile(target, 'utf8')).toBe('previous export');
    expect(await listDir(dir)).toEqual(['results.csv']);
  });

  it('a full disk fails the chunk, end reports it, nothing is left behind and the old file survives', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'results.csv');
    await fsp.writeFile(target, 'previous export');
    const sessions = new ExportSessions({
      fs: fullDiskFs(1000),
      randomId: uuid,
      chooseTarget: async () => target,
    });
    const begin = await sessions.begin({ kind: 'csv', suggestedName: 'results.csv' });
    if (!begin.ok) throw new Error('begin failed');
    await sessions.chunk(begin.id, 'a'.repeat(800));
    await expect(sessions.chunk(begin.id, 'b'.repeat(800))).rejects.toThrow(/disk is full/);
    await expect(sessions.chunk(begin.id, 'c')).rejects.toThrow(/disk is full/);
    expect(await sessions.end(begin.id, true)).toEqual({
      ok: false,
      canceled: false,
      error: `Could not export to ${target}: the disk is full (ENOSPC).`,
    });
    expect(await fsp.readFile(target, 'utf8')).toBe('previous export');
    expect(await listDir(dir)).toEqual(['results.csv']);
  });

  it('a canceled dialog, unknown ids, too many open exports and abortAll are handled', async () => {
    const dir = await makeTmpDir();
    let next: string | null = null;
    const sessions = new ExportSessions({
      fs: realFs,
      randomId: uuid,
      chooseTarget: async () => next,
      maxOpen: 2,
    });
    expect(await sessions.begin({ kind: 'csv', suggestedName: 'a.csv' })).toEqual({
      ok: false,
      canceled: true,
      error: null,
    });
    await expect(sessions.chunk('00000000-0000-0000-0000-000000000000', 'x')).rejects.toThrow(
      /Unknown export/,
    );
    expect(await sessions.end('00000000-0000-0000-0000-000000000000', true)).toMatchObject({ ok: false });
    next = join(dir, 'a.csv');
    expect((await sessions.begin({ kind: 'csv', suggestedName: 'a.csv' })).ok).toBe(true);
    next = join(dir, 'b.csv');
    expect((await sessions.begin({ kind: 'csv', suggestedName: 'b.csv' })).ok).toBe(true);
    expect(await sessions.begin({ kind: 'csv', suggestedName: 'c.csv' })).toMatchObject({
      ok: false,
      canceled: false,
    });
    expect((await listDir(dir)).length).toBe(2);
    await sessions.abortAll();
    expect(sessions.openCount).toBe(0);
    expect(await listDir(dir)).toEqual([]);
  });
});
