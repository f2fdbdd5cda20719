import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness';

// korea-2025: russiaSupport has the range 0 to 1, drillScale 0 to 1.
const quick = ['--trials', '50', '--seed', '3', '--workers', '0'];

describe("the range rule on the command line: values outside a parameter's declared min..max", () => {
  it('are refused with the range in the message, by run, compare, sweep, sensitivity, show and solve', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['run', 'korea-2025', '--set', 'russiaSupport=2', ...quick],
        /--set russiaSupport=2: 2 is outside the range of "russiaSupport" \(0 to 1\); add --allow-outside-range to run it anyway/,
      ],
      [
        ['compare', 'korea-2025', '--variant', 'russiaSupport=-0.5', ...quick],
        /--variant russiaSupport=-0.5: -0.5 is outside the range of "russiaSupport" \(0 to 1\)/,
      ],
      [
        ['sweep', 'korea-2025', '--param', 'drillScale=0:2:0.5', ...quick],
        /--param drillScale: the grid values 1.5, 2 are outside the range of "drillScale" \(0 to 1\)/,
      ],
      [
        ['sensitivity', 'korea-2025', '--set', 'drillScale=3', ...quick],
        /--set drillScale=3: 3 is outside the range of "drillScale" \(0 to 1\)/,
      ],
      [
        ['show', 'korea-2025', '--set', 'russiaSupport=2'],
        /--set russiaSupport=2: 2 is outside the range of "russiaSupport" \(0 to 1\)/,
      ],
      [
        ['solve', 'korea-2025', '--set', 'russiaSupport=2'],
        /--set russiaSupport=2: 2 is outside the range of "russiaSupport" \(0 to 1\)/,
      ],
    ];
    for (const [argv, re] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err, argv.join(' ')).toMatch(re);
    }
  });

  it('are accepted with --allow-outside-range, announced on stderr and recorded in the results', async () => {
    const run = await cli([
      'run',
      'korea-2025',
      '--set',
      'russiaSupport=1.5',
      '--allow-outside-range',
      ...quick,
      '--format',
      'json',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toMatch(
      /russiaSupport = 1.5 is outside its declared range 0 to 1 \(--allow-outside-range; recorded in the results\)/,
    );
    expect((JSON.parse(run.out) as { outsideRange: unknown }).outsideRange).toEqual([
      { id: 'russiaSupport', value: 1.5, min: 0, max: 1 },
    ]);
    const sweep = await cli([
      'sweep',
      'korea-2025',
      '--param',
      'drillScale=0:2:1',
      '--allow-outside-range',
      ...quick,
      '--format',
      'json',
    ]);
    expect(sweep.code, sweep.err).toBe(0);
    expect((JSON.parse(sweep.out) as { outsideRange: unknown }).outsideRange).toEqual([
      { id: 'drillScale', value: 2, min: 0, max: 1 },
    ]);
    const inside = await cli([
      'run',
      'korea-2025',
      '--set',
      'russiaSupport=0.5',
      ...quick,
      '--format',
      'json',
    ]);
    expect((JSON.parse(inside.out) as { outsideRange: unknown }).outsideRange).toEqual([]);
    const show = await cli(['show', 'korea-2025', '--set', 'russiaSupport=1.5', '--allow-outside-range']);
    expect(show.code, show.err).toBe(0);
    expect(show.err).toMatch(/outside its declared range/);
  });
});
