// electron-builder.yml is validated against electron-builder's own JSON schema (app-builder-lib/scheme.json), parsed
// with the YAML parser electron-builder itself uses (js-yaml), and checked for the security and packaging decisions.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const { load } = builderRequire('js-yaml') as { load(text: string): unknown };
type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};
const Ajv = builderRequire('ajv') as new (options: object) => { compile(schema: object): Validate };

const schema = JSON.parse(readFileSync(builderRequire.resolve('./scheme.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string; mimeType?: string }[];
  linux: { target: string[]; icon: string; mimeTypes: string[] };
  win: { target: string[] };
  mac: { target: string[] };
};

const errorsOf = (data: unknown): string[] =>
  validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's JSON schema", () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('the schema check can fail (unknown keys and wrong types are rejected)', () => {
    expect(errorsOf({ ...config, appID: 'typo' })).not.toEqual([]);
    expect(errorsOf({ ...config, asar: 'yes' })).not.toEqual([]);
    expect(errorsOf({ ...config, electronFuses: { runAsNode: 'off' } })).not.toEqual([]);
  });

  it('identifies the app', () => {
    expect(config['appId']).toBe('org.parley.app');
    expect(config['productName']).toBe('Parley');
    expect(config['asar']).toBe(true);
  });

  it('targets AppImage + deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('associates .parley.json files with Parley', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({
        ext: 'parley.json',
        name: 'Parley scenario',
        mimeType: 'application/x-parley+json',
      }),
    ]);
    expect(config.linux.mimeTypes).toContain('application/x-parley+json');
  });

  it('packs only the built out/ folder, package.json and zod (no sources, no other node_modules)', () => {
    const includes = config.files.filter((f) => !f.startsWith('!'));
    expect(includes.sort()).toEqual(['node_modules/zod/**/*', 'out/**/*', 'package.json']);
    expect(config.files).toContain('!node_modules/**/*');
    expect(config.files).toContain('!out/**/*.map');
  });

  it('the main process imports no package except electron and zod (all others would be missing when packaged)', () => {
    const sources = ['electron/main', 'electron/ipc'].flatMap((dir) =>
      readdirSync(resolve(root, dir))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(resolve(root, dir, f), 'utf8')),
    );
    expect(sources.length).toBeGreaterThan(10);
    const packages = new Set(
      sources
        .flatMap((code) => [...code.matchAll(/from '([^'.][^']*)'/g)].map((m) => m[1] ?? ''))
        .filter((name) => !name.startsWith('node:')),
    );
    expect([...packages].sort()).toEqual(['electron', 'zod']);
  });

  it('ships a 512×512 PNG icon rendered from the favicon', () => {
    const png = readFileSync(resolve(root, config.linux.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512); // IHDR width
    expect(png.readUInt32BE(20)).toBe(512); // IHDR height
  });
});
