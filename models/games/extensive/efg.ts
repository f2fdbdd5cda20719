// Gambit extensive-form (.efg) files, format `EFG 2 R` (Gambit's src/games/file.cc and GameTreeRep::WriteEfgFile):
//
//   EFG 2 R "title" { "Player 1" "Player 2" } ["comment"]
//   c "node" 1 "chance set" { "a" 1/2 "b" 0.5 } 0             chance node: set number, [label { action prob … }]
//   p "node" 1 1 "set" { "L" "R" } 1 "outcome" { 1, -2 }     decision node: player, set, [label { actions }], outcome
//   t "node" 2 "outcome" { 3 4 }                             terminal node: outcome
//
// Nodes are listed in preorder. An information set's label and actions (a chance set's also its probabilities) are
// given at its first node and may be repeated, identically, at later ones. Outcome 0 is the null outcome; outcome n
// gets its label and payoffs (commas optional) where it first appears and may later be referred to by number alone.
// Outcomes may sit on any node: a play pays the sum of the outcomes it meets. Numbers are integers, decimals
// (exponent allowed) or fractions; every number is read exactly. Strings: `\"` is a quote, `\\` a backslash.
import { INPUT_LIMITS } from '../../text/inputLimits';
import { CommonDenominators } from '../CommonDenominators';
import { gambitNumberText, GambitWriteError } from '../gambitNumber';
import { Rational } from '../Rational';
import { NfgError, tokenizeGambit, describeGambitToken, type GambitToken } from '../nfg';
import type { GameTree, TreeNode } from './GameTree';
import { TreeBuilder, exactNumber, type BuiltNumber } from './TreeBuilder';
import { TreeError } from './TreeError';

/** A malformed .efg file: message is `file:line: problem`. */
export class EfgError extends Error {
  override readonly name = 'EfgError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}

/** Hostile-input limits of readEfg, each refused with a message naming it. */
export const EFG_LIMITS = {
  /** Nodes in the tree. */
  nodes: 200_000,
  /** Players. */
  players: 64,
  /**
   * Characters in a label (title, player, node, information set, action, outcome). The game's comment is free text
   * (Gambit's catalog has comments of thousands of characters, and `solve --format efg` lists the equilibria there):
   * it is bounded only by the size of the file.
   */
  labelLength: 1_000,
  /** Digits of a number's exact numerator or denominator (so 10,000-digit fractions and 5e-99154 are refused): the
   * .nfg limit (400 let a 30-leaf tree of 196-digit payoffs keep the exact solvers busy for minutes). */
  digits: INPUT_LIMITS.payoffDigits,
  /** Digits of the common denominator of one player's payoffs, and of the chance probabilities (as for .nfg). */
  denominatorDigits: INPUT_LIMITS.payoffDenominatorDigits,
  /** Largest player, information set or outcome number. */
  number: 1_000_000_000,
} as const;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,9}))?$/;
const FRACTION = /^[+-]?(\d+)\/(\d+)$/;

/** Digits of the exact value of a number token (numerator or denominator, whichever is longer); NaN if malformed. */
const exactDigits = (text: string): number => {
  const f = FRACTION.exec(text);
  if (f)
    return Math.max((f[1] as string).replace(/^0+/, '').length, (f[2] as string).replace(/^0+/, '').length);
  const d = DECIMAL.exec(text);
  if (!d) return NaN;
  const [, , intPart = '', fracPart = '', expPart] = d;
  if (intPart === '' && fracPart === '') return NaN;
  const mantissa = (intPart + fracPart).replace(/^0+/, '');
  if (mantissa === '') return 1;
  const shift = (expPart === undefined ? 0 : Number(expPart)) - fracPart.length;
  return shift >= 0 ? mantissa.length + shift : Math.max(mantissa.length, 1 - shift);
};

/**
 * Parse the text of a Gambit .efg file into a validated GameTree (always exact: every number in a .efg file is
 * rational). Throws EfgError `file:line: expected X but found "y"` (or the problem) for malformed files, files over
 * the EFG_LIMITS, information sets or outcomes that contradict their earlier definition, and chance probabilities
 * that are negative or do not sum to exactly 1. Imperfect recall is allowed here (solvers refuse it).
 */
export const readEfg = (text: string, file = 'game.efg'): GameTree => {
  let toks: GambitToken[];
  try {
    toks = tokenizeGambit(text, file);
  } catch (err) {
    if (err instanceof NfgError) throw new EfgError(file, err.line, err.problem);
    throw err;
  }
  let pos = 0;
  const peek = (): GambitToken => toks[pos] as GambitToken;
  const next = (): GambitToken => toks[pos++] as GambitToken;
  const failAt = (t: GambitToken, problem: string): never => {
    throw new EfgError(file, t.line, problem);
  };
  const fail = (t: GambitToken, expected: string): never =>
    failAt(t, `expected ${expected} but found ${describeGambitToken(t)}`);
  const string = (what: string, limited = true): string => {
    const t = next();
    if (t.kind !== 'string') fail(t, what);
    if (limited && t.text.length > EFG_LIMITS.labelLength) {
      failAt(
        t,
        `${what.replace(/^an? /, 'the ')} is longer than the limit of ${EFG_LIMITS.labelLength} characters`,
      );
    }
    return t.text;
  };
  const integer = (what: string, min: number): { value: number; tok: GambitToken } => {
    const t = next();
    if (t.kind !== 'word' || !/^\+?\d+$/.test(t.text)) fail(t, what);
    const digits = t.text.replace(/^\+?0*/, '');
    if (digits.length > 10 || Number(digits) > EFG_LIMITS.number) {
      failAt(
        t,
        `${what.replace(/^an? /, 'the ')} ${describeGambitToken(t)} is more than the limit of ${EFG_LIMITS.number}`,
      );
    }
    const value = Number(digits || '0');
    if (value < min) fail(t, what);
    return { value, tok: t };
  };
  const number = (what: string): BuiltNumber => {
    const t = next();
    if (t.kind !== 'word') fail(t, what);
    // a text too long to hold two parts within the limit (a sign, a slash, a point, an exponent) is beyond it
    const digits = t.text.length > 2 * EFG_LIMITS.digits + 16 ? Infinity : exactDigits(t.text);
    if (Number.isNaN(digits)) fail(t, what);
    if (digits > EFG_LIMITS.digits) {
      failAt(
        t,
        `${what.replace(/^an? /, 'the ')} ${describeGambitToken(t)} has more than ${EFG_LIMITS.digits} digits (the limit)`,
      );
    }
    const r = Rational.parse(t.text);
    if (!r) return fail(t, what);
    return exactNumber(r);
  };
  const expect = (kind: GambitToken['kind'], what: string): GambitToken => {
    const t = next();
    if (t.kind !== kind) fail(t, what);
    return t;
  };

  const magic = next();
  if (magic.kind !== 'word' || magic.text !== 'EFG') fail(magic, '"EFG" (a Gambit extensive-form file)');
  const version = next();
  if (version.kind !== 'word' || version.text !== '2') fail(version, 'version 2');
  const precision = next();
  if (precision.kind !== 'word' || (precision.text !== 'R' && precision.text !== 'D'))
    fail(precision, '"R" or "D"');
  const title = string('a quoted title');
  expect('{', '"{" opening the player list');
  const players: string[] = [];
  while (peek().kind === 'string') {
    const t = peek();
    players.push(string('a quoted player name'));
    if (players.length > EFG_LIMITS.players)
      failAt(t, `the game has more than ${EFG_LIMITS.players} players (the limit)`);
  }
  const closePlayers = next();
  if (closePlayers.kind !== '}') fail(closePlayers, 'a quoted player name or "}"');
  if (players.length === 0) failAt(closePlayers, 'the game has no players');
  const comment = peek().kind === 'string' ? string('a quoted comment', false) : '';

  const b = new TreeBuilder(title, comment, players);
  // Groups 0..n-1: each player's payoffs; group n: the chance probabilities (exact solvers scale by their product).
  const denominators = new CommonDenominators(players.length + 1, EFG_LIMITS.denominatorDigits);
  const counted = (group: number, what: string, whose: string): BuiltNumber => {
    const t = peek();
    const v = number(what);
    if (v.exact && !denominators.add(group, v.exact))
      failAt(
        t,
        `with ${describeGambitToken(t)}, the common denominator of ${whose} has more than ${EFG_LIMITS.denominatorDigits} digits (the limit; exact solvers would take minutes)`,
      );
    return v;
  };
  // Outcome after a node's move data: a number, then optionally its label and payoffs.
  const outcome = (): number => {
    const { value: id, tok } = integer('an outcome number', 0);
    const withOutcome = (problem: string): never => failAt(tok, problem);
    if (peek().kind === 'string') {
      if (id === 0) failAt(tok, 'the null outcome 0 cannot have a label or payoffs');
      const label = string('a quoted outcome label');
      expect('{', '"{" opening the payoffs');
      const pay: BuiltNumber[] = [];
      while (peek().kind === 'word') {
        const p = Math.min(pay.length, players.length - 1);
        pay.push(
          counted(p, 'a payoff (integer, decimal or fraction)', `${JSON.stringify(players[p])}'s payoffs`),
        );
      }
      const close = next();
      if (close.kind !== '}') fail(close, 'a payoff or "}"');
      if (pay.length !== players.length) {
        failAt(close, `outcome ${id} has ${pay.length} payoffs but the game has ${players.length} players`);
      }
      return b.outcome(id, label, pay, withOutcome);
    }
    return id === 0 ? -1 : b.outcome(id, null, null, withOutcome);
  };
  type Frame = { node: number; next: number; count: number };
  const stack: Frame[] = [];
  let parent = -1;
  let action = -1;
  for (;;) {
    const kind = next();
    if (kind.kind !== 'word' || !['c', 'p', 't'].includes(kind.text)) {
      fail(kind, stack.length || parent < 0 ? 'a node ("c", "p" or "t")' : 'end of file');
    }
    if (b.nodeCount >= EFG_LIMITS.nodes)
      failAt(kind, `the tree has more than ${EFG_LIMITS.nodes} nodes (the limit)`);
    const label = string('a quoted node label');
    if (kind.text === 't') {
      b.terminal(label, parent, action, outcome());
    } else {
      const isChance = kind.text === 'c';
      const player = isChance ? 0 : integer(`a player number 1..${players.length}`, 1);
      if (!isChance && (player as { value: number }).value > players.length) {
        failAt(
          (player as { tok: GambitToken }).tok,
          `player ${(player as { value: number }).value} does not exist (the game has ${players.length} players)`,
        );
      }
      const setTok = peek();
      const { value: setNumber } = integer('an information set number', 1);
      const onSet = (problem: string): never => failAt(setTok, problem);
      let draft: number;
      if (peek().kind === 'string') {
        const setLabel = string('a quoted information set label');
        expect('{', '"{" opening the actions');
        const actions: string[] = [];
        const probs: BuiltNumber[] = [];
        while (peek().kind === 'string') {
          actions.push(string('a quoted action label'));
          if (isChance) {
            const pt = peek();
            const pr = counted(players.length, 'an action probability', 'the chance probabilities');
            if ((pr.exact as Rational).sign() < 0)
              failAt(pt, `the probability ${describeGambitToken(pt)} is negative`);
            probs.push(pr);
          }
        }
        const close = next();
        if (close.kind !== '}')
          fail(close, actions.length ? 'a quoted action label or "}"' : 'a quoted action label');
        if (actions.length === 0) fail(close, 'a quoted action label');
        if (isChance) {
          const sum = probs.reduce((a, v) => a.add(v.exact as Rational), Rational.ZERO);
          if (!sum.equals(Rational.ONE)) failAt(close, `the chance probabilities sum to ${sum}, not 1`);
          draft = b.chanceInfoset(setNumber, setLabel, actions, probs, onSet);
        } else {
          draft = b.infoset((player as { value: number }).value - 1, setNumber, setLabel, actions, onSet);
        }
      } else {
        draft = isChance
          ? b.chanceInfoset(setNumber, null, null, null, onSet)
          : b.infoset((player as { value: number }).value - 1, setNumber, null, null, onSet);
      }
      const out = outcome();
      const n = b.move(
        label,
        isChance ? -1 : (player as { value: number }).value - 1,
        draft,
        parent,
        action,
        out,
      );
      stack.push({ node: n, next: 0, count: b.actionCount(n) });
    }
    while (
      stack.length &&
      (stack[stack.length - 1] as Frame).next === (stack[stack.length - 1] as Frame).count
    )
      stack.pop();
    const top = stack[stack.length - 1];
    if (!top) break;
    parent = top.node;
    action = top.next++;
  }
  const end = next();
  if (end.kind !== 'eof') fail(end, 'end of file');
  try {
    return b.finish();
  } catch (err) {
    if (err instanceof TreeError) throw new EfgError(file, end.line, err.message);
    throw err;
  }
};

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A number as written: the exact value ("3/2", "-1") when known, else the float's shortest decimal (exact);
 * GambitWriteError for one the reader would refuse (gambitNumberText). */
const numberText = (exact: Rational | null | undefined, value: number, what: string): string =>
  gambitNumberText(exact, value, what, 'efg');

const ASCII_FOR: Record<string, string> = {
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00d7': 'x',
  '\u2026': '...',
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
};

/**
 * A label Gambit 16.7 accepts (games/game.h IsValidLabel): printable ASCII and single spaces, no space at either
 * end. Accents are dropped (é → e), common punctuation is transliterated (– → -, × → x), anything else becomes `?`.
 */
export const gambitLabel = (s: string): string => {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0x20 && c <= 0x7e) out += ch;
    else if (c < 0x20 || c === 0x7f || c === 0xa0) out += ' ';
    else if (ASCII_FOR[ch] !== undefined) out += ASCII_FOR[ch];
    else {
      // é → e: the decomposition's base letter when it is ASCII (combining accents dropped).
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
};

export type WriteEfgOptions = {
  /**
   * Rewrite player, information set, action, outcome and node labels into labels Gambit 16.7 accepts (gambitLabel;
   * as Gambit requires (games/game.h), non-empty node labels made unique in the game and non-empty information-set
   * labels unique per player (chance counting as one) with a `_2`, `_3` … suffix, and a player called "Chance",
   * Gambit's reserved name, renamed `Chance_2`). Default false: labels are written as they are, so that
   * readEfg(writeEfg(t)) is t.
   */
  readonly gambitLabels?: boolean;
};

/**
 * Gambit .efg text of a tree (`EFG 2 R`, Gambit's layout: every node repeats its information set's label and
 * actions and its outcome's label and payoffs). readEfg(writeEfg(t)) is t again (same structure, labels, numbers,
 * information-set and outcome numbers); with `gambitLabels`, Gambit 16.7 reads it whatever the labels were.
 */
export const writeEfg = (tree: GameTree, opts: WriteEfgOptions = {}): string => {
  const text = efgText(tree, opts);
  // Parley never writes a file it cannot read back (a size or digit limit of readEfg).
  try {
    readEfg(text);
  } catch (err) {
    if (err instanceof EfgError)
      throw new GambitWriteError(`cannot write the game as a .efg file Parley can read back: ${err.message}`);
    throw err;
  }
  return text;
};

const efgText = (tree: GameTree, opts: WriteEfgOptions): string => {
  const fix = opts.gambitLabels ? gambitLabel : (s: string): string => s;
  /** A labeller that makes non-empty labels unique within one scope (Gambit's rule), suffixing `_2`, `_3` …. */
  const uniqueIn = (): ((s: string) => string) => {
    const used = new Set<string>();
    return (s: string): string => {
      const base = fix(s);
      if (!opts.gambitLabels || base === '') return base;
      let label = base;
      for (let n = 2; used.has(label); n++) label = `${base}_${n}`;
      used.add(label);
      return label;
    };
  };
  const nodeLabel = uniqueIn();
  const q = (s: string): string => quote(fix(s));
  // Information-set labels: unique per player (chance sets as one more player), fixed once per set.
  const setLabels = tree.infosets.map((sets) => {
    const label = uniqueIn();
    return sets.map((s) => label(s.label));
  });
  const chanceLabel = uniqueIn();
  const chanceLabels = tree.chance.map((s) => chanceLabel(s.label));
  const playerLabel = uniqueIn();
  if (opts.gambitLabels) playerLabel('Chance'); // Gambit's reserved name for the chance player
  const players = tree.players.map((p) => (opts.gambitLabels ? playerLabel(p) : p));
  const lines = [`EFG 2 R ${quote(tree.title)} { ${players.map(quote).join(' ')} }`, quote(tree.comment), ''];
  const outcomeText = (node: TreeNode): string => {
    if (node.outcome < 0) return '0';
    const o = tree.outcomes[node.outcome];
    if (!o) return '0';
    return `${o.number} ${q(o.label)} { ${o.payoffs
      .map((v, p) =>
        numberText(
          o.exact?.[p],
          v,
          `the payoff of ${JSON.stringify(tree.players[p])} in outcome ${o.number}`,
        ),
      )
      .join(', ')} }`;
  };
  for (const node of tree.nodes) {
    if (node.kind === 'terminal') {
      lines.push(`t ${quote(nodeLabel(node.label))} ${outcomeText(node)}`);
    } else if (node.kind === 'chance') {
      const s = tree.chance[node.infoset];
      if (!s) continue;
      const acts = s.actions
        .map(
          (a, k) =>
            `${q(a)} ${numberText(s.exactProbs?.[k], s.probs[k] as number, `the probability of chance action ${JSON.stringify(a)}`)}`,
        )
        .join(' ');
      lines.push(
        `c ${quote(nodeLabel(node.label))} ${s.number} ${quote(chanceLabels[node.infoset] ?? '')} { ${acts} } ${outcomeText(node)}`,
      );
    } else {
      const s = tree.infosets[node.player]?.[node.infoset];
      if (!s) continue;
      lines.push(
        `p ${quote(nodeLabel(node.label))} ${node.player + 1} ${s.number} ${quote(setLabels[node.player]?.[node.infoset] ?? '')} { ${s.actions.map(q).join(' ')} } ${outcomeText(node)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
};
