// Gambit strategic-form (.nfg) files: reader (payoff-list and outcome-list bodies) and writer.
import { INPUT_LIMITS } from '../text/inputLimits';
import type { Game } from './Game';
import { CommonDenominators } from './CommonDenominators';
import { gambitNumberText, GambitWriteError } from './gambitNumber';
import { Rational } from './Rational';
import { makeGame, profileCount } from './makeGame';

/** A malformed .nfg file: message is `file:line: problem`. */
export class NfgError extends Error {
  override readonly name = 'NfgError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}

/** Largest game a .nfg file may declare (pure-strategy profiles), checked before anything is allocated. */
export const MAX_NFG_PROFILES = INPUT_LIMITS.nfgProfiles;
/** Largest number of players a .nfg file may declare. */
export const MAX_NFG_PLAYERS = INPUT_LIMITS.nfgPlayers;

type Token = { kind: '{' | '}' | 'string' | 'word' | 'eof'; text: string; line: number };

const tokenize = (text: string, file: string): Token[] => {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      i++;
    } else if (ch === ',' || /\s/.test(ch)) {
      // Any whitespace, including a byte-order mark and Unicode spaces (a word never starts with one).
      i++;
    } else if (ch === '{' || ch === '}') {
      out.push({ kind: ch, text: ch, line });
      i++;
    } else if (ch === '"') {
      const startLine = line;
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new NfgError(file, startLine, 'unterminated string (missing closing ")');
        const c = text[i] as string;
        if (c === '\\' && i + 1 < text.length) {
          s += text[i + 1];
          if (text[i + 1] === '\n') line++;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          if (c === '\n') line++;
          s += c;
          i++;
        }
      }
      out.push({ kind: 'string', text: s, line: startLine });
    } else {
      let j = i;
      while (j < text.length && !/[\s,{}"]/.test(text[j] as string)) j++;
      out.push({ kind: 'word', text: text.slice(i, j), line });
      i = j;
    }
  }
  out.push({ kind: 'eof', text: 'end of file', line });
  return out;
};

const DECIMAL_WORD = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION_WORD = /^[+-]?(\d+)\/(\d+)$/;

/**
 * Decimal digits of the numerator and of the denominator of a payoff word once written as a fraction, computed from
 * the text alone (no bigint is made): "5e-99154" → [1, 99155]; "1.25" → [3, 3]; "2/3" → [1, 1]. Null if not a number.
 */
export const payoffDigits = (word: string): readonly [number, number] | null => {
  const f = FRACTION_WORD.exec(word);
  if (f)
    return [
      (f[1] as string).replace(/^0+(?=\d)/, '').length,
      (f[2] as string).replace(/^0+(?=\d)/, '').length,
    ];
  const d = DECIMAL_WORD.exec(word);
  if (!d || `${d[1] ?? ''}${d[2] ?? ''}` === '') return null;
  const mantissa = `${d[1] ?? ''}${d[2] ?? ''}`.replace(/^0+/, '');
  if (mantissa === '') return [1, 1];
  const exponentText = d[3] ?? '0';
  // An exponent too long to be a number is beyond any limit.
  const exponent =
    exponentText.replace(/^[+-]?0*/, '').length > 9 ? Number.POSITIVE_INFINITY : Number(exponentText);
  const shift = exponent - (d[2] ?? '').length;
  return shift >= 0 ? [mantissa.length + shift, 1] : [mantissa.length, 1 - shift];
};

const clip = (s: string): string => (s.length > 40 ? `"${s.slice(0, 37)}…"` : `"${s}"`);

/** Control characters shown as \u escapes so that an error message stays one readable line. */
const escapeControls = (s: string): string => {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 32 || c === 127 ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
};

const show = (t: Token): string => (t.kind === 'eof' ? 'end of file' : clip(escapeControls(t.text)));

/** Parse the text of a Gambit .nfg file into a Game (exact when every payoff is rational). */
export const readNfg = (text: string, file = 'game.nfg'): Game => {
  const toks = tokenize(text, file);
  let pos = 0;
  const peek = (): Token => toks[pos] as Token;
  const next = (): Token => toks[pos++] as Token;
  const fail = (t: Token, expected: string): never => {
    throw new NfgError(file, t.line, `expected ${expected} but found ${show(t)}`);
  };
  const expect = (kind: Token['kind'], what: string): Token => {
    const t = next();
    if (t.kind !== kind) fail(t, what);
    return t;
  };
  const number = (what: string): { value: Rational; tok: Token } => {
    const t = next();
    if (t.kind !== 'word') fail(t, what);
    // Declared limit (models/text/inputLimits.ts), checked on the text before any bigint is made.
    const digits = payoffDigits(t.text);
    if (digits && Math.max(...digits) > INPUT_LIMITS.payoffDigits) {
      const [num, den] = digits;
      const where = num > INPUT_LIMITS.payoffDigits ? [num, 'numerator'] : [den, 'denominator'];
      const count = Number.isFinite(where[0])
        ? `${where[0] as number} digits`
        : 'an unbounded number of digits';
      throw new NfgError(
        file,
        t.line,
        `${what} ${show(t)} needs ${count} in its ${where[1] as string} as an exact fraction; the limit is ${INPUT_LIMITS.payoffDigits}`,
      );
    }
    const value = Rational.parse(t.text);
    if (!value) {
      const problem = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t.text)
        ? `${what} ${show(t)} is out of range`
        : `expected ${what} but found ${show(t)}`;
      throw new NfgError(file, t.line, problem);
    }
    const f = value.toNumber();
    if (!Number.isFinite(f)) {
      throw new NfgError(file, t.line, `${what} ${show(t)} is out of range (beyond ±1.8e308)`);
    }
    return { value, tok: t };
  };
  const integer = (what: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const t = next();
    if (t.kind !== 'word' || !/^\d+$/.test(t.text) || Number(t.text) < min) fail(t, what);
    const v = Number(t.text);
    if (v > max) throw new NfgError(file, t.line, `${what}: ${show(t)} is more than the limit of ${max}`);
    return v;
  };

  const magic = next();
  if (magic.kind !== 'word' || magic.text !== 'NFG') fail(magic, '"NFG" (a Gambit strategic-form file)');
  const version = next();
  if (version.kind !== 'word' || (version.text !== '1' && version.text !== '2')) fail(version, 'version 1');
  const precision = next();
  if (precision.kind !== 'word' || (precision.text !== 'R' && precision.text !== 'D'))
    fail(precision, '"R" or "D"');
  const title = expect('string', 'a quoted title').text;

  expect('{', '"{" opening the player list');
  const players: string[] = [];
  while (peek().kind === 'string') players.push(next().text);
  const closePlayers = next();
  if (closePlayers.kind !== '}') fail(closePlayers, 'a quoted player name or "}"');
  if (players.length === 0) throw new NfgError(file, closePlayers.line, 'the game has no players');
  if (players.length > MAX_NFG_PLAYERS) {
    throw new NfgError(
      file,
      closePlayers.line,
      `the game has ${players.length} players; the limit is ${MAX_NFG_PLAYERS}`,
    );
  }
  // Profiles declared so far: refused as soon as the product passes the limit (before any allocation).
  let declared = 1;
  const tooBig = (line: number, counts: readonly number[]): never => {
    throw new NfgError(
      file,
      line,
      `the game is too large: ${counts.join('×')}${counts.length < players.length ? '×…' : ''} strategies is more than ${MAX_NFG_PROFILES} profiles`,
    );
  };

  expect('{', '"{" opening the strategy list');
  const strategies: string[][] = [];
  if (peek().kind === '{') {
    for (let p = 0; p < players.length; p++) {
      expect('{', `"{" opening the strategies of player ${p + 1}`);
      const names: string[] = [];
      while (peek().kind === 'string') {
        const t = next();
        names.push(t.text);
        if (declared * names.length > MAX_NFG_PROFILES)
          tooBig(t.line, [...strategies.map((s) => s.length), names.length]);
      }
      const close = next();
      if (close.kind !== '}') fail(close, 'a quoted strategy name or "}"');
      if (names.length === 0) throw new NfgError(file, close.line, `player ${p + 1} has no strategies`);
      declared *= names.length;
      strategies.push(names);
    }
  } else {
    const counts: number[] = [];
    for (let p = 0; p < players.length; p++) {
      const line = peek().line;
      const c = integer(`the number of strategies of player ${p + 1} (a positive integer)`, 1);
      counts.push(c);
      if (declared * c > MAX_NFG_PROFILES) tooBig(line, counts);
      declared *= c;
    }
    for (const c of counts) strategies.push(Array.from({ length: c }, (_, k) => String(k + 1)));
  }
  expect('}', '"}" closing the strategy list');
  if (peek().kind === 'string') next(); // optional comment

  const count = profileCount({ strategies });
  const n = players.length;
  const payoffs: Rational[][] = [];
  // Declared limit (models/text/inputLimits.ts): each player's common denominator, checked payoff by payoff.
  const denominators = new CommonDenominators(n, INPUT_LIMITS.payoffDenominatorDigits);
  const payoffOf = (p: number, what: string): Rational => {
    const t = peek();
    const { value } = number(what);
    if (!denominators.add(p, value)) {
      throw new NfgError(
        file,
        t.line,
        `with ${show(t)}, the common denominator of ${JSON.stringify(players[p])}'s payoffs has more than ${INPUT_LIMITS.payoffDenominatorDigits} digits (the limit; exact solvers would take minutes)`,
      );
    }
    return value;
  };
  if (peek().kind === '{') {
    // Outcome-list body.
    next();
    const outcomes: Rational[][] = [];
    while (peek().kind === '{') {
      next();
      if (peek().kind === 'string') next(); // outcome label
      const row: Rational[] = [];
      while (peek().kind === 'word') row.push(payoffOf(Math.min(row.length, n - 1), 'a payoff'));
      const close = next();
      if (close.kind !== '}') fail(close, 'a payoff or "}"');
      if (row.length !== n) {
        throw new NfgError(
          file,
          close.line,
          `outcome ${outcomes.length + 1} has ${row.length} payoffs but the game has ${n} players`,
        );
      }
      outcomes.push(row);
    }
    expect('}', '"{" opening an outcome or "}" closing the outcome list');
    for (let k = 0; k < count; k++) {
      const t = peek();
      if (t.kind === 'eof') {
        throw new NfgError(
          file,
          t.line,
          `expected ${count} outcome indices (one per profile) but found ${k}`,
        );
      }
      const idx = integer(`an outcome index 0..${outcomes.length}`, 0);
      if (idx > outcomes.length) {
        throw new NfgError(file, t.line, `outcome index ${idx} is out of range 0..${outcomes.length}`);
      }
      payoffs.push(
        idx === 0 ? new Array<Rational>(n).fill(Rational.ZERO) : (outcomes[idx - 1] as Rational[]),
      );
    }
  } else {
    for (let k = 0; k < count; k++) {
      const row: Rational[] = [];
      for (let p = 0; p < n; p++) {
        const t = peek();
        if (t.kind === 'eof') {
          throw new NfgError(
            file,
            t.line,
            `expected ${count * n} payoffs (${count} profiles × ${n} players) but found ${k * n + p}`,
          );
        }
        row.push(payoffOf(p, 'a payoff (integer, decimal or fraction)'));
      }
      payoffs.push(row);
    }
  }
  const end = next();
  if (end.kind !== 'eof') fail(end, 'end of file');
  return makeGame({ title, players, strategies, payoffs });
};

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const payoffText = (game: Game, k: number, p: number): string =>
  gambitNumberText(
    game.exact?.[k]?.[p],
    game.payoffs[k]?.[p] as number,
    `the payoff of ${JSON.stringify(game.players[p])} at profile ${k + 1}`,
    'nfg',
  );

/**
 * Gambit .nfg text (payoff-list body, named strategies); readable by Gambit and by readNfg. Throws GambitWriteError
 * for a game readNfg would refuse (a payoff of more than INPUT_LIMITS.payoffDigits digits, a common denominator or a
 * size beyond its limits): Parley never writes a file it cannot read back.
 */
export const writeNfg = (game: Game): string => {
  const text = nfgText(game);
  try {
    readNfg(text);
  } catch (err) {
    if (err instanceof NfgError)
      throw new GambitWriteError(`cannot write the game as a .nfg file Parley can read back: ${err.message}`);
    throw err;
  }
  return text;
};

const nfgText = (game: Game): string => {
  const lines = [
    `NFG 1 R ${quote(game.title)} { ${game.players.map(quote).join(' ')} }`,
    '',
    `{ ${game.strategies.map((s) => `{ ${s.map(quote).join(' ')} }`).join('\n')}`,
    '}',
    '""',
    '',
  ];
  const body: string[] = [];
  for (let k = 0; k < game.payoffs.length; k++) {
    body.push(game.players.map((_, p) => payoffText(game, k, p)).join(' '));
  }
  lines.push(body.join(' '));
  return `${lines.join('\n')}\n`;
};

// The tokenizer is shared with the extensive-form reader (models/games/extensive/efg.ts): one lexer for Gambit files.
export { tokenize as tokenizeGambit, show as describeGambitToken };
export type { Token as GambitToken };
