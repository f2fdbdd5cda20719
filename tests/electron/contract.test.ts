import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eventChannels,
  eventSchemas,
  invokeChannels,
  MAX_CHUNK_BYTES,
  menuCommands,
  requestSchemas,
  utf8Length,
} from '../../electron/ipc/contract';

describe('IPC contract', () => {
  it('channel names are unique and namespaced', () => {
    const all = [...Object.values(invokeChannels), ...Object.values(eventChannels)];
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).toMatch(/^parley:[a-z-]+$/);
    expect(Object.keys(requestSchemas).sort()).toEqual(Object.keys(invokeChannels).sort());
  });

  it('utf8Length equals TextEncoder byte length for any string (property)', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(utf8Length(s)).toBe(encoder.encode(s).length);
      }),
      { numRuns: 300 },
    );
    expect(utf8Length('\ud800')).toBe(3); // lone surrogate → U+FFFD
  });

  it('chunks up to exactly 1 MiB are accepted, one byte more is refused (strings and bytes)', () => {
    const id = '00000000-0000-0000-0000-000000000000';
    expect(requestSchemas.exportChunk.safeParse([id, 'a'.repeat(MAX_CHUNK_BYTES)]).success).toBe(true);
    expect(requestSchemas.exportChunk.safeParse([id, 'a'.repeat(MAX_CHUNK_BYTES + 1)]).success).toBe(false);
    expect(requestSchemas.exportChunk.safeParse([id, new Uint8Array(MAX_CHUNK_BYTES)]).success).toBe(true);
    expect(requestSchemas.exportChunk.safeParse([id, new Uint8Array(MAX_CHUNK_BYTES + 1)]).success).toBe(
      false,
    );
    expect(requestSchemas.exportChunk.safeParse([id, '€'.repeat(MAX_CHUNK_BYTES / 3)]).success).toBe(true);
    expect(requestSchemas.exportChunk.safeParse([id, '€'.repeat(MAX_CHUNK_BYTES / 3 + 1)]).success).toBe(
      false,
    );
  });

  it('suggested names are plain file names', () => {
    const ok = (suggestedName: string) =>
      requestSchemas.exportBegin.safeParse([{ kind: 'csv', suggestedName }]).success;
    expect(ok('results.csv')).toBe(true);
    for (const bad of ['', '.', '..', 'a/b.csv', 'a\\b.csv', '/etc/passwd', 'a\0.csv', 'x'.repeat(300)]) {
      expect(ok(bad), bad).toBe(false);
    }
  });

  it('event payloads: every MenuCommand and both OpenResult shapes', () => {
    for (const c of menuCommands) expect(eventSchemas.menuCommand.safeParse(c).success).toBe(true);
    expect(eventSchemas.menuCommand.safeParse('quit').success).toBe(false);
    expect(eventSchemas.openFile.safeParse({ ok: false, canceled: false, error: 'x' }).success).toBe(true);
    expect(eventSchemas.openFile.safeParse({ ok: true, path: 'p', name: 'n' }).success).toBe(false);
  });
});
