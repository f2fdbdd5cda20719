import { describe, expect, it } from 'vitest';
import { parseArgs, parseAssignments, UsageError } from '../../cli/lib/args';

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

  it('parses name=value assignments into numbers', () => {
    expect(parseAssignments(['russiaSupport=0.2', 'x=-1e3'])).toEqual({ russiaSupport: 0.2, x: -1000 });
    expect(() => parseAssignments(['x=abc'])).toThrow(/not a finite number/);
    expect(() => parseAssignments(['x=Infinity'])).toThrow(/not a finite number/);
    expect(() => parseAssignments(['novalue'])).toThrow(/expects name=value/);
  });

  it('refuses prototype keys instead of swallowing them', () => {
    expect(() => parseAssignments(['__proto__=1'])).toThrow(/not a parameter name/);
    expect(() => parseAssignments(['constructor=1'])).toThrow(/not a parameter name/);
    expect(Object.getPrototypeOf(parseAssignments(['a=1']))).toBeNull();
  });
});
