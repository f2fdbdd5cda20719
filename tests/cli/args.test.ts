import { describe, expect, it } from 'vitest';
import { onePositional, parseArgs, parseAssignments, UsageError } from '../../cli/lib/args';

describe('cli args', () => {
  it('parses valued options (repeatable), flags and positionals', () => {
    const a = parseArgs(['run', 'x', '--set', 'a=1', '--set=b=2', '--json', '--', '--not-an-option'], {
      valued: ['set'],
      flags: ['json'],
    });
    expect(a.positional).toEqual(['run', 'x', '--not-an-option']);
    expect(a.options.get('set')).toEqual(['a=1', 'b=2']);
    expect(a.flags.has('json')).toBe(true);
  });

  it('rejects unknown options, missing values and values on flags', () => {
    expect(() => parseArgs(['--nope'], { valued: [], flags: [] })).toThrow(UsageError);
    expect(() => parseArgs(['--set'], { valued: ['set'], flags: [] })).toThrow(/needs a value/);
    expect(() => parseArgs(['--json=1'], { valued: [], flags: ['json'] })).toThrow(/takes no value/);
  });

  it('refuses an empty value (`--out "$FILE"` with FILE unset used to run and write nothing, exit 0)', () => {
    for (const argv of [['--out', ''], ['--out='], ['--out', 'a.csv', '--out', '']]) {
      expect(() => parseArgs(argv, { valued: ['out'], flags: [] })).toThrow(
        new UsageError('option --out needs a value (an empty one was given)'),
      );
    }
  });

  it('names the option in a one-line message (node:util parseArgs underneath, strict)', () => {
    const message = (argv: string[]): string => {
      try {
        parseArgs(argv, { valued: ['seed', 'set'], flags: ['json'] });
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(['--nope'])).toBe('unknown option --nope');
    expect(message(['-x'])).toBe('unknown option -x');
    expect(message(['--seed'])).toBe('option --seed needs a value');
    expect(message(['--json=yes'])).toBe('option --json takes no value');
    expect(message(['--seed', '-5'])).toBe(
      'option --seed needs a value (write --seed=-1 for a value starting with "-")',
    );
    for (const m of [message(['--nope']), message(['--seed', '-5'])]) expect(m).not.toMatch(/\n/);
  });

  it('keeps every value of a repeated option, in order, and reads -h as --help', () => {
    const a = parseArgs(['--seed=1', '--seed', '2', '--seed=-3', '-h', 'file.json'], {
      valued: ['seed'],
      flags: [],
    });
    expect(a.options.get('seed')).toEqual(['1', '2', '-3']);
    expect(a.flags.has('help')).toBe(true);
    expect(a.positional).toEqual(['file.json']);
  });

  it('parses name=value assignments into numbers', () => {
    expect(parseAssignments(['russiaSupport=0.2', 'x=-1e3'])).toEqual({ russiaSupport: 0.2, x: -1000 });
    expect(() => parseAssignments(['x=abc'])).toThrow(/not a finite number/);
    expect(() => parseAssignments(['x=Infinity'])).toThrow(/not a finite number/);
    expect(() => parseAssignments(['novalue'])).toThrow(/expects name=value/);
  });

  // "constructor" is a valid parameter id (issue 10, class 4): the null-prototype record keeps it as an ordinary key.
  it('refuses __proto__ (never an id) and keeps constructor and toString as ordinary keys', () => {
    expect(() => parseAssignments(['__proto__=1'])).toThrow(/not a parameter name/);
    const r = parseAssignments(['constructor=1', 'toString=2']);
    expect(Object.getPrototypeOf(r)).toBeNull();
    expect(Object.entries(r)).toEqual([
      ['constructor', 1],
      ['toString', 2],
    ]);
  });

  it('onePositional returns the one argument, and names what is missing or how many came', () => {
    const parse = (argv: string[]) => parseArgs(argv, { valued: [], flags: [] });
    expect(onePositional(parse(['g.nfg']), 'game to solve', 'game')).toBe('g.nfg');
    expect(() => onePositional(parse([]), 'game to solve', 'game')).toThrow(
      new UsageError('missing the game to solve'),
    );
    expect(() => onePositional(parse(['a', 'b']), 'game to solve', 'game')).toThrow(
      new UsageError('expected one game, got 2'),
    );
  });
});
