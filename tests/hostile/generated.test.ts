// Generated hostile input (issue 10): the laws every file must obey, checked on inputs from tests/hostile/arbitraries.ts
// with a FIXED seed (the same inputs on every run and in CI; a failure prints its seed, path and shrunk input) and a
// bounded number of runs. Laws: checking a scenario never throws and never runs code (a global sentinel is never
// touched, Object.prototype is never polluted); every problem has a path and a message; what the CLI prints from a
// file is terminal-safe, one line per problem; readNfg returns a game or throws NfgError with file:line, and refuses
// payoffs beyond the digits limit; the one CSV writer's output round-trips and no cell can run as a formula.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { NfgError, payoffDigits, readNfg } from '../../models/games/nfg';
import { parseScenario } from '../../models/scenario/parseScenario';
import { csvTable, guardText } from '../../models/text/csv';
import { INPUT_LIMITS } from '../../models/text/inputLimits';
import { hasUnsafeTerminalText, terminalText } from '../../models/text/terminalText';
import {
  HOSTILE_STRINGS,
  SENTINEL,
  hostileFormula,
  hostileNfgText,
  hostileScenarioText,
  hostileString,
  scenarioWithFormula,
} from './arbitraries';
import { cells } from './csvCells';

/** Fixed: the same generated inputs on every run. */
const SEED = 20_251_010;
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });

let touched = 0;
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();
beforeAll(() => {
  Object.defineProperty(globalThis, SENTINEL, {
    configurable: true,
    get: () => {
      touched++;
      return undefined;
    },
    set: () => {
      touched++;
    },
  });
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>)[SENTINEL];
});
afterEach(() => {
  expect(touched, 'the sentinel global was read, written or called').toBe(0);
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(protoKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Nothing a terminal obeys: no C0 control but LF, no DEL or C1, bidi control or line separator. */
const terminalSafe = (s: string): boolean =>
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(s);

/** The law of checking: ok, or problems each with a string path and a non-empty one-line-able message. */
const checkScenario = (text: string): void => {
  const before = touched;
  let r: ReturnType<typeof parseScenario>;
  try {
    r = parseScenario(text, 'gen.parley.json');
  } catch (err) {
    throw new Error(`parseScenario threw: ${String(err)}`, { cause: err });
  }
  expect(touched, 'code ran: the sentinel was touched').toBe(before);
  if (r.ok) {
    expect(Array.isArray(r.warnings)).toBe(true);
    for (const w of r.warnings) expect(typeof w.message).toBe('string');
    return;
  }
  expect(r.issues.length).toBeGreaterThan(0);
  expect(r.issues.length).toBeLessThanOrEqual(INPUT_LIMITS.issues + 1);
  for (const i of r.issues) {
    expect(typeof i.path).toBe('string');
    expect(typeof i.message).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.message, `${i.path}: ${i.message}`).not.toMatch(/internal error|\s+at\s+\S+\s+\(/);
    const line = terminalText(`${i.path}: ${i.message}`);
    expect(terminalSafe(line), line).toBe(true);
    expect(line).not.toContain('\n');
    expect(hasUnsafeTerminalText(line)).toBe(false);
  }
};

describe('generated scenario files', () => {
  it('(control) the sentinel notices code that runs', () => {
    new Function(`globalThis.${SENTINEL} = 1; return globalThis.${SENTINEL}`)();
    expect(touched).toBe(2);
    touched = 0;
  });

  it('parseScenario never throws, never runs code, and reports problems with a path and a message', () => {
    fc.assert(fc.property(hostileScenarioText(), checkScenario), params(300));
  });

  it('hostile formulas in every formula slot: checked, never executed', () => {
    fc.assert(
      fc.property(hostileFormula(), (f) => checkScenario(scenarioWithFormula(f))),
      params(300),
    );
  });

  it('the CLI prints what validate finds terminal-safe, with exit status 0 or 1 and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-generated-'));
    try {
      await fc.assert(
        fc.asyncProperty(hostileScenarioText(), async (text) => {
          const file = join(dir, 'gen.parley.json');
          writeFileSync(file, text);
          let out = '';
          let err = '';
          const code = await main(['validate', file], {
            stdout: (s) => void (out += s),
            stderr: (s) => void (err += s),
            isTTY: false,
            cwd: dir,
          });
          expect([0, 1]).toContain(code);
          const all = out + err;
          expect(terminalSafe(all), JSON.stringify(all.slice(0, 300))).toBe(true);
          expect(all).not.toMatch(/internal error|\s+at\s+\S+\s+\(/);
          expect(touched).toBe(0);
        }),
        params(40),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('generated .nfg files', () => {
  it('readNfg returns a game or throws NfgError with file:line, and never accepts a payoff beyond the digits limit', () => {
    fc.assert(
      fc.property(hostileNfgText(), (text) => {
        let game: ReturnType<typeof readNfg>;
        try {
          game = readNfg(text, 'gen.nfg');
        } catch (err) {
          expect(err, String(err)).toBeInstanceOf(NfgError);
          const msg = (err as Error).message;
          expect(msg).toMatch(/^gen\.nfg:\d+: \S/);
          expect(msg).not.toContain('\n');
          expect(terminalSafe(terminalText(msg))).toBe(true);
          // A payoff word beyond the limit, if it is what stopped the reader, is named with the limit.
          if (/digits/.test(msg))
            expect(msg).toMatch(new RegExp(`the limit is ${INPUT_LIMITS.payoffDigits}$`));
          return;
        }
        expect(game.players.length).toBeGreaterThan(0);
        for (const row of game.payoffs) for (const x of row) expect(Number.isFinite(x)).toBe(true);
        // Accepted exact payoffs stay within the declared digits (what keeps the exact solvers bounded).
        for (const row of game.exact ?? [])
          for (const q of row) {
            expect(q.num.toString().replace('-', '').length).toBeLessThanOrEqual(INPUT_LIMITS.payoffDigits);
            expect(q.den.toString().length).toBeLessThanOrEqual(INPUT_LIMITS.payoffDigits);
          }
      }),
      params(400),
    );
  });

  it('every payoff word beyond the digits limit is refused with the limit and its line', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: INPUT_LIMITS.payoffDigits + 1, max: 5_000 }).map((n) => '9'.repeat(n)),
          fc.integer({ min: INPUT_LIMITS.payoffDigits + 1, max: 5_000 }).map((n) => `1/${'3'.repeat(n)}`),
          fc.integer({ min: INPUT_LIMITS.payoffDigits, max: 200_000 }).map((n) => `5e-${n}`),
          fc.integer({ min: INPUT_LIMITS.payoffDigits, max: 200_000 }).map((n) => `-1.5e${n}`),
        ),
        fc.nat(3),
        (word, blank) => {
          expect(Math.max(...(payoffDigits(word) ?? [0]))).toBeGreaterThan(INPUT_LIMITS.payoffDigits);
          const text = `NFG 1 R "t" { "A" "B" } { 1 1 }\n${'\n'.repeat(blank)}${word} 1\n`;
          expect(() => readNfg(text, 'gen.nfg')).toThrow(
            new RegExp(`^gen\\.nfg:${2 + blank}: .*the limit is ${INPUT_LIMITS.payoffDigits}$`),
          );
        },
      ),
      params(100),
    );
  });

  it('the CLI solves or refuses a generated .nfg with terminal-safe output and a CSV whose cells are inert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-generated-nfg-'));
    try {
      await fc.assert(
        fc.asyncProperty(hostileNfgText(), async (text) => {
          writeFileSync(join(dir, 'gen.nfg'), text);
          let out = '';
          let err = '';
          const code = await main(['solve', 'gen.nfg', '--format', 'csv'], {
            stdout: (s) => void (out += s),
            stderr: (s) => void (err += s),
            isTTY: false,
            cwd: dir,
          });
          expect(err).not.toMatch(/internal error|\s+at\s+\S+\s+\(/);
          expect(terminalSafe(err), JSON.stringify(err.slice(0, 300))).toBe(true);
          if (code !== 0) {
            expect(err.trimEnd().split('\n')).toHaveLength(1);
            return;
          }
          // stdout is a document: its CRLF line ends and TABs stay; everything else unsafe is escaped.
          expect(terminalSafe(out.replace(/\r\n/g, '\n').replace(/\t/g, ' ')), JSON.stringify(out)).toBe(
            true,
          );
          expectInert(cells(out));
        }),
        params(40),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** No cell starts (after blanks, controls or invisible characters) with = + - @ (or full-width/small forms) or TAB/CR. */
const expectInert = (table: string[][]): void => {
  for (const row of table)
    for (const c of row) {
      if (/^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(c)) continue;
      expect(c, JSON.stringify(c)).not.toMatch(
        // eslint-disable-next-line no-control-regex -- the characters a spreadsheet skips before a formula
        /^[\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/u,
      );
      expect(c).not.toMatch(/^[\t\r]/);
    }
};

describe('generated labels through the one CSV writer', () => {
  it('round-trip (a guarded cell is the label behind one quote) and no cell can run as a formula', () => {
    const label = fc.oneof(hostileString(), fc.constantFrom(...HOSTILE_STRINGS));
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.oneof(label, fc.double(), fc.constant(null)), { maxLength: 6 }), {
          maxLength: 4,
        }),
        (header, rows) => {
          const width = header.length;
          const body = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
          const table = cells(csvTable(header, body));
          expect(table).toHaveLength(1 + body.length);
          expect(table[0]).toEqual(header.map(guardText));
          body.forEach((r, k) =>
            r.forEach((v, i) => {
              const c = table[k + 1]?.[i];
              if (typeof v === 'string') {
                expect(c).toBe(guardText(v));
                expect(c === v || c === `'${v}`).toBe(true);
              } else if (
                typeof v === 'number' &&
                Number.isFinite(v) &&
                Math.abs(v) >= 2.2250738585072014e-308
              )
                expect(Number(c)).toBe(v === 0 ? 0 : v);
            }),
          );
          expectInert(table);
        },
      ),
      params(400),
    );
  });
});
