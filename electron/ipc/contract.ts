// The ONE place that lists Parley's IPC channels and validates their payloads (zod). The main process validates every
// request against `requestSchemas` before acting; the preload only uses the channel names. Typed against
// api/ParleyApi.ts, so a drift between the contract and the renderer's view of it is a type error.
import { z } from 'zod';
import type { MenuCommand, OpenResult, ParleyApi } from '../../api/ParleyApi';
import { classSessionIdSchema, classStartRequestSchema } from '../../models/class/classStartRequest';

/** The request/response methods of window.parley (everything except `platform` and the two event subscriptions). */
export type InvokeName = Exclude<keyof ParleyApi, 'platform' | 'onMenuCommand' | 'onOpenFile'>;
export type InvokeArgs<K extends InvokeName> = Parameters<ParleyApi[K]>;
export type InvokeResult<K extends InvokeName> = Awaited<ReturnType<ParleyApi[K]>>;

/** Request channels (renderer → main, ipcRenderer.invoke / ipcMain.handle). */
export const invokeChannels = {
  versions: 'parley:versions',
  openScenario: 'parley:open-scenario',
  openRecent: 'parley:open-recent',
  saveScenario: 'parley:save-scenario',
  recentFiles: 'parley:recent-files',
  exportBegin: 'parley:export-begin',
  exportChunk: 'parley:export-chunk',
  exportEnd: 'parley:export-end',
  autosave: 'parley:autosave',
  restorable: 'parley:restorable',
  setDirty: 'parley:set-dirty',
  openExternal: 'parley:open-external',
  startClassSession: 'parley:start-class-session',
  resumableClassSession: 'parley:resumable-class-session',
  resumeClassSession: 'parley:resume-class-session',
  stopClassSession: 'parley:stop-class-session',
} as const satisfies { readonly [K in InvokeName]: `parley:${string}` };

/** Event channels (main → renderer, webContents.send / ipcRenderer.on). */
export const eventChannels = {
  menuCommand: 'parley:menu-command',
  openFile: 'parley:open-file',
} as const;

export const invokeNames = Object.keys(invokeChannels) as InvokeName[];

/** Largest chunk accepted by exportChunk (UTF-8 bytes for strings). */
export const MAX_CHUNK_BYTES = 1024 * 1024;
/** Largest scenario document accepted by save/autosave (characters); a scenario file is a few kB to a few MB. */
export const MAX_DOCUMENT_CHARS = 32 * 1024 * 1024;
const MAX_PATH_CHARS = 4096;
const MAX_NAME_CHARS = 255;

export const menuCommands = [
  'new',
  'open',
  'save',
  'save-as',
  'export-csv',
  'undo',
  'redo',
  'toggle-presentation',
  'run',
  'cancel-run',
  'show-library',
  'show-shortcuts',
  'about',
  'start-class-session',
  'resume-class-session',
] as const satisfies readonly MenuCommand[];

// Every MenuCommand is listed (a missing one is a type error here).
type MissingMenuCommand = Exclude<MenuCommand, (typeof menuCommands)[number]>;
const _allMenuCommandsListed: MissingMenuCommand extends never ? true : false = true;
void _allMenuCommandsListed;

export const exportKinds = ['csv', 'json', 'png', 'svg', 'scenario'] as const;

/** UTF-8 length of a string without allocating (surrogate pairs count 4, lone surrogates 3 like TextEncoder's U+FFFD). */
export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
};

const pathSchema = z
  .string()
  .min(1, 'path is empty')
  .max(MAX_PATH_CHARS, 'path is too long')
  .refine((p) => !p.includes('\0'), 'path contains a NUL character');
const nameSchema = z
  .string()
  .min(1, 'name is empty')
  .max(MAX_NAME_CHARS, 'name is too long')
  .refine(
    (n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..',
    'name must be a plain file name (no folders)',
  );
const documentSchema = z.string().max(MAX_DOCUMENT_CHARS, 'document is too large');
const exportIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'export id must be a UUID');
const chunkSchema = z.union([
  z.string().refine((s) => s.length <= MAX_CHUNK_BYTES && utf8Length(s) <= MAX_CHUNK_BYTES, {
    message: `chunk is larger than ${MAX_CHUNK_BYTES} bytes`,
  }),
  z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_CHUNK_BYTES, {
    message: `chunk is larger than ${MAX_CHUNK_BYTES} bytes`,
  }),
]);

/** Argument tuples of every request, validated in the main process before the handler runs. */
export const requestSchemas = {
  versions: z.tuple([]),
  openScenario: z.tuple([]),
  openRecent: z.tuple([pathSchema]),
  saveScenario: z.tuple([
    z.strictObject({
      path: pathSchema.nullable(),
      text: documentSchema,
      saveAs: z.boolean(),
      suggestedName: nameSchema,
    }),
  ]),
  recentFiles: z.tuple([]),
  exportBegin: z.tuple([z.strictObject({ kind: z.enum(exportKinds), suggestedName: nameSchema })]),
  exportChunk: z.tuple([exportIdSchema, chunkSchema]),
  exportEnd: z.tuple([exportIdSchema, z.boolean()]),
  autosave: z.tuple([z.strictObject({ text: documentSchema, path: pathSchema.nullable() }).nullable()]),
  restorable: z.tuple([]),
  setDirty: z.tuple([z.boolean()]),
  openExternal: z.tuple([z.string().min(1).max(2048)]),
  // the scenario is sent as text and compiled again in the main process (models/class/classStartRequest.ts)
  startClassSession: z.tuple([classStartRequestSchema]),
  resumableClassSession: z.tuple([]),
  resumeClassSession: z.tuple([classSessionIdSchema]),
  stopClassSession: z.tuple([]),
} as const satisfies { readonly [K in InvokeName]: z.ZodType<InvokeArgs<K>> };

/** Payloads of the event channels (checked by the preload before a listener sees them). */
export const eventSchemas = {
  menuCommand: z.enum(menuCommands),
  openFile: z.union([
    z.strictObject({ ok: z.literal(true), path: z.string(), name: z.string(), text: z.string() }),
    z.strictObject({ ok: z.literal(false), canceled: z.boolean(), error: z.string().nullable() }),
  ]),
} as const satisfies { menuCommand: z.ZodType<MenuCommand>; openFile: z.ZodType<OpenResult> };

/** A one-line description of a zod failure: "saveScenario[0].text: document is too large". */
export const describeIssues = (name: string, error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${name}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`,
    )
    .join('; ');
