import { describe, expect, it } from 'vitest';
import { scenarioPathFromArgv } from '../../electron/main/scenarioPathFromArgv';

const linux = { platform: 'linux', cwd: '/home/ana/work' };
const mac = { platform: 'darwin', cwd: '/Users/ana' };
const win = { platform: 'win32', cwd: 'C:\\Users\\ana' };

describe('scenarioPathFromArgv', () => {
  it('packaged app: the file after the executable', () => {
    expect(scenarioPathFromArgv(['/opt/Parley/parley', '/home/ana/m.parley.json'], linux)).toBe(
      '/home/ana/m.parley.json',
    );
    expect(scenarioPathFromArgv(['/opt/Parley/parley', 'm.parley.json'], linux)).toBe(
      '/home/ana/work/m.parley.json',
    );
    expect(scenarioPathFromArgv(['/opt/Parley/parley', './sub/../m.JSON'], linux)).toBe(
      '/home/ana/work/m.JSON',
    );
  });

  it('unpackaged `electron .` run: skips the app folder', () => {
    expect(scenarioPathFromArgv(['/x/electron', '.', 'model.parley.json'], linux)).toBe(
      '/home/ana/work/model.parley.json',
    );
    expect(scenarioPathFromArgv(['/x/electron', '/repo', '--inspect=0', 'm.parley.json'], linux)).toBe(
      '/home/ana/work/m.parley.json',
    );
  });

  it("skips Electron's and Chromium's switches (second-instance argv)", () => {
    const argv = [
      '/opt/Parley/parley',
      '--allow-file-access-from-files',
      '--original-process-start-time=13370000000000000',
      '--enable-features=UseOzonePlatform',
      '/tmp/shared.parley.json',
    ];
    expect(scenarioPathFromArgv(argv, { platform: 'linux', cwd: '/somewhere/else' })).toBe(
      '/tmp/shared.parley.json',
    );
  });

  it('a second instance resolves relative paths against its own working directory', () => {
    expect(scenarioPathFromArgv(['parley', 'a.parley.json'], { platform: 'linux', cwd: '/second/cwd' })).toBe(
      '/second/cwd/a.parley.json',
    );
  });

  it('accepts file:// URLs (Linux desktop files with %U)', () => {
    expect(scenarioPathFromArgv(['parley', 'file:///home/ana/My%20Model.parley.json'], linux)).toBe(
      '/home/ana/My Model.parley.json',
    );
  });

  it('Windows paths (double-click passes a quoted absolute path)', () => {
    expect(
      scenarioPathFromArgv(['C:\\Program Files\\Parley\\Parley.exe', 'D:\\models\\m.parley.json'], win),
    ).toBe('D:\\models\\m.parley.json');
    expect(scenarioPathFromArgv(['Parley.exe', 'models\\m.parley.json'], win)).toBe(
      'C:\\Users\\ana\\models\\m.parley.json',
    );
  });

  it('macOS: Finder passes -psn_… and the file arrives by open-file; argv has no file', () => {
    expect(
      scenarioPathFromArgv(['/Applications/Parley.app/Contents/MacOS/Parley', '-psn_0_12345'], mac),
    ).toBeNull();
  });

  it('treats everything after -- as a file, even a leading dash', () => {
    expect(scenarioPathFromArgv(['parley', '--', '-odd.parley.json'], linux)).toBe(
      '/home/ana/work/-odd.parley.json',
    );
  });

  it('ignores non-JSON arguments, other URL schemes and garbage', () => {
    expect(scenarioPathFromArgv(['parley'], linux)).toBeNull();
    expect(
      scenarioPathFromArgv(['parley', 'notes.txt', 'https://evil.example/x.json', 'a\0b.json', ''], linux),
    ).toBeNull();
    expect(scenarioPathFromArgv(['parley', '--file=x.json'], linux)).toBeNull();
  });
});
