// User formula text → FormulaIR, with every check done once at load time: length and nesting limits (before
// parsing), a whitelist of syntax and functions, identifiers resolved with "did you mean", constant folding that
// rejects overflow (1e308^1e308), and division by a parameter whose range includes 0.
// Uses mathjs ONLY to parse (see lockedMath.ts); the result is plain JSON.
import type { MathNode } from 'mathjs';
import {
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_NODES,
  type FormulaNode,
  type FormulaRoot,
} from './FormulaIR';
import { suggestion } from './didYouMean';
import { instantiateFormula } from './instantiateFormula';
import { parseToMathNode } from './lockedMath';

export type SymbolKind = 'parameter' | 'builtin' | 'derived' | 'state' | 'event' | 'choice';

export type FormulaSymbol = {
  readonly slot: number;
  readonly kind: SymbolKind;
  /** Known range of the value (parameters: [min, max]); used for the division check. */
  readonly min?: number;
  readonly max?: number;
};

export type FormulaContext = {
  /** Every identifier in the scenario (strategy indicators as "actor.strategy"). */
  readonly symbols: ReadonlyMap<string, FormulaSymbol>;
  /** Kinds usable in this formula (default: all), and why the others are not. */
  readonly allowed?: ReadonlySet<SymbolKind>;
  readonly notAllowedReason?: string;
  /** For messages: what this formula is, e.g. "DPRK.provoke". */
  readonly label?: string;
};

export type CompiledFormula =
  | { readonly ok: true; readonly ir: FormulaRoot; readonly warnings: string[]; readonly uses: string[] }
  | { readonly ok: false; readonly errors: string[] };

/** Functions a formula may call, with their arities [min, max]. */
export const FORMULA_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  min: [1, 64],
  max: [1, 64],
  abs: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  sqrt: [1, 1],
  clamp: [3, 3],
  if: [3, 3],
};

/** Names with a fixed meaning in formulas (cannot be used as ids). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(FORMULA_FUNCTIONS),
  'pi',
  'e',
  'true',
  'false',
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
  'round',
  'month',
]);

const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

const OPERATORS: Readonly<Record<string, FormulaNode['op'] | 'pos'>> = {
  add: 'add',
  subtract: 'sub',
  multiply: 'mul',
  divide: 'div',
  pow: 'pow',
  mod: 'mod',
  unaryMinus: 'neg',
  unaryPlus: 'pos',
  smaller: 'lt',
  smallerEq: 'le',
  larger: 'gt',
  largerEq: 'ge',
  equal: 'eq',
  unequal: 'ne',
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
};

const NODE_NAMES: Readonly<Record<string, string>> = {
  AssignmentNode: 'assignments ("=") are not allowed — use "==" to compare',
  FunctionAssignmentNode: 'defining functions is not allowed',
  BlockNode: 'only one expression is allowed (no ";" or line breaks between expressions)',
  ArrayNode: 'matrices and lists ([...]) are not allowed',
  ObjectNode: 'objects ({...}) are not allowed',
  RangeNode: 'ranges (a:b) are not allowed',
  IndexNode: 'indexing is not allowed',
};

const nestingDepth = (text: string): number => {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 41 || c === 93 || c === 125) depth--;
  }
  return max;
};

const fmt = (v: number): string => String(v);

/** Look-alike characters pasted from documents, and the ASCII to type instead. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2212': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u00d7': '*',
  '\u22c5': '*',
  '\u00b7': '*',
  '\u00f7': '/',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u00a0': ' ',
};

/** For a syntax error: name the first non-ASCII character (Cyrillic "а", "−" for "-", …). */
const unicodeHint = (text: string): string => {
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c <= 127) continue;
    const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const ascii = LOOKALIKES[ch];
    return ascii
      ? ` — the formula contains ${JSON.stringify(ch)} (${code}): type ${JSON.stringify(ascii)} instead`
      : ` — the formula contains ${JSON.stringify(ch)} (${code}), which is not a plain ASCII character`;
  }
  return '';
};

type Interval = readonly [number, number] | null;

const intervalOf = (n: FormulaNode, ranges: ReadonlyMap<number, readonly [number, number]>): Interval => {
  switch (n.op) {
    case 'num':
      return [n.v, n.v];
    case 'slot':
      return ranges.get(n.i) ?? null;
    case 'neg': {
      const a = intervalOf(n.a, ranges);
      return a && [-a[1], -a[0]];
    }
    case 'add':
    case 'sub':
    case 'mul': {
      const a = intervalOf(n.a, ranges);
      const b = intervalOf(n.b, ranges);
      if (!a || !b) return null;
      if (n.op === 'add') return [a[0] + b[0], a[1] + b[1]];
      if (n.op === 'sub') return [a[0] - b[1], a[1] - b[0]];
      const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
      return [Math.min(...p), Math.max(...p)];
    }
    default:
      return null;
  }
};

/** Compile one formula against a context. Never throws. */
export const compileFormula = (text: unknown, ctx: FormulaContext): CompiledFormula => {
  if (typeof text === 'number') text = String(text);
  if (typeof text !== 'string') return { ok: false, errors: ['a formula must be a string (or a number)'] };
  if (text.length > MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      errors: [`formula is too long (${text.length} characters; the limit is ${MAX_FORMULA_LENGTH})`],
    };
  }
  if (text.trim() === '') return { ok: false, errors: ['formula is empty'] };
  const depth = nestingDepth(text);
  if (depth > MAX_FORMULA_DEPTH) {
    return {
      ok: false,
      errors: [
        `formula is nested too deeply (${depth} levels of brackets; the limit is ${MAX_FORMULA_DEPTH})`,
      ],
    };
  }
  let tree: MathNode;
  try {
    tree = parseToMathNode(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [`syntax error: ${msg.slice(0, 200)}${unicodeHint(text)}`] };
  }

  const errors: string[] = [];
  const warnings: string[] = [];
  const uses = new Set<string>();
  const ranges = new Map<number, readonly [number, number]>();
  const slotKinds = new Map<number, SymbolKind>();
  for (const s of ctx.symbols.values()) {
    slotKinds.set(s.slot, s.kind);
    if (s.min !== undefined && s.max !== undefined) ranges.set(s.slot, [s.min, s.max]);
  }
  const what = ctx.label ? `formula for ${ctx.label}` : 'formula';
  const ZERO: FormulaNode = { op: 'num', v: 0 };

  const resolve = (name: string): FormulaNode => {
    const c = CONSTANTS.get(name);
    if (c !== undefined) return { op: 'num', v: c };
    const sym = ctx.symbols.get(name);
    if (!sym) {
      const names = [...ctx.symbols.keys()].filter((n) => n.includes('.') === name.includes('.'));
      const hint = suggestion(name, names);
      const guess = hint
        ? ctx.symbols.get(hint.slice(hint.indexOf('"') + 1, hint.lastIndexOf('"')))
        : undefined;
      const noun = name.includes('.')
        ? 'strategy'
        : guess?.kind === 'parameter'
          ? 'parameter'
          : guess?.kind === 'state'
            ? 'state variable'
            : 'name';
      errors.push(`unknown ${noun} "${name}"${hint}`);
      return ZERO;
    }
    if (ctx.allowed && !ctx.allowed.has(sym.kind)) {
      errors.push(`"${name}" cannot be used here${ctx.notAllowedReason ? `: ${ctx.notAllowedReason}` : ''}`);
      return ZERO;
    }
    uses.add(name);
    return { op: 'slot', i: sym.slot };
  };

  const fold = (n: FormulaNode, src: MathNode): FormulaNode => {
    const kids =
      'args' in n ? n.args : 'c' in n ? [n.c, n.a, n.b] : 'b' in n ? [n.a, n.b] : 'a' in n ? [n.a] : null;
    if (!kids || !kids.every((k) => k.op === 'num')) return n;
    const v = instantiateFormula(n, 0, 'closure')(new Float64Array(0));
    if (!Number.isFinite(v)) {
      errors.push(`"${src.toString()}" is ${fmt(v)}: the numbers are out of range`);
      return ZERO;
    }
    return { op: 'num', v };
  };

  const walk = (node: MathNode, d: number): FormulaNode => {
    if (d > MAX_FORMULA_DEPTH) throw new DepthError();
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ParenthesisNode':
        return walk(n.content as MathNode, d + 1);
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) errors.push(`number "${node.toString()}" is out of range`);
          return { op: 'num', v: Number.isFinite(v) ? v : 0 };
        }
        if (typeof v === 'boolean') return { op: 'num', v: v ? 1 : 0 };
        errors.push(
          `only numbers are allowed, not ${typeof v === 'string' ? `the text "${v.slice(0, 40)}"` : String(v)}`,
        );
        return ZERO;
      }
      case 'SymbolNode':
        return resolve(n.name as string);
      case 'AccessorNode': {
        const obj = n.object as MathNode & Record<string, unknown>;
        const idx = n.index as MathNode & Record<string, unknown>;
        const dims = (idx.dimensions ?? []) as (MathNode & Record<string, unknown>)[];
        const prop = dims[0];
        if (
          obj.type === 'SymbolNode' &&
          idx.dotNotation === true &&
          dims.length === 1 &&
          prop?.type === 'ConstantNode' &&
          typeof prop.value === 'string'
        ) {
          return resolve(`${obj.name as string}.${prop.value}`);
        }
        errors.push(`"${node.toString()}" is not allowed (strategy indicators are written actor.strategy)`);
        return ZERO;
      }
      case 'OperatorNode': {
        const fn = n.fn as string;
        const op = Object.prototype.hasOwnProperty.call(OPERATORS, fn) ? OPERATORS[fn] : undefined;
        const args = (n.args as MathNode[]).map((a) => walk(a, d + 1));
        if (!op) {
          errors.push(`operator "${n.op as string}" is not allowed`);
          return ZERO;
        }
        if (op === 'pos') return args[0] ?? ZERO;
        if (op === 'neg' || op === 'not') return fold({ op, a: args[0] ?? ZERO }, node);
        if (args.length < 2) {
          errors.push(`operator "${n.op as string}" needs two operands`);
          return ZERO;
        }
        if (op === 'div') checkDivision(n.args as MathNode[], args[1] as FormulaNode);
        let acc = args[0] as FormulaNode;
        for (let i = 1; i < args.length; i++) acc = { op, a: acc, b: args[i] as FormulaNode } as FormulaNode;
        return fold(acc, node);
      }
      case 'FunctionNode': {
        const f = n.fn as MathNode & Record<string, unknown>;
        const name = f.type === 'SymbolNode' ? (f.name as string) : node.toString();
        const arity = f.type === 'SymbolNode' ? FORMULA_FUNCTIONS[name] : undefined;
        if (!arity || !Object.prototype.hasOwnProperty.call(FORMULA_FUNCTIONS, name)) {
          errors.push(
            `function "${name}" is not allowed${suggestion(name, Object.keys(FORMULA_FUNCTIONS))} (allowed: ${Object.keys(
              FORMULA_FUNCTIONS,
            ).join(', ')})`,
          );
          return ZERO;
        }
        const rawArgs = n.args as MathNode[];
        if (rawArgs.length < arity[0] || rawArgs.length > arity[1]) {
          const want = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} to ${arity[1]}`;
          errors.push(`${name}() takes ${want} argument${want === '1' ? '' : 's'}, got ${rawArgs.length}`);
          return ZERO;
        }
        const args = rawArgs.map((a) => walk(a, d + 1));
        const [a, b, c] = args as [FormulaNode, FormulaNode, FormulaNode];
        switch (name) {
          case 'min':
          case 'max':
            return fold({ op: name, args }, node);
          case 'abs':
          case 'exp':
          case 'sqrt':
            return fold({ op: name, a }, node);
          case 'log':
            return fold(
              args.length === 2
                ? { op: 'div', a: { op: 'log', a }, b: { op: 'log', a: b } }
                : { op: 'log', a },
              node,
            );
          case 'clamp':
            return fold({ op: 'min', args: [{ op: 'max', args: [a, b] }, c] }, node);
          default:
            return fold({ op: 'if', c: a, a: b, b: c }, node);
        }
      }
      case 'ConditionalNode':
        return fold(
          {
            op: 'if',
            c: walk(n.condition as MathNode, d + 1),
            a: walk(n.trueExpr as MathNode, d + 1),
            b: walk(n.falseExpr as MathNode, d + 1),
          },
          node,
        );
      case 'RelationalNode': {
        const conds = n.conditionals as string[];
        const params = (n.params as MathNode[]).map((p) => walk(p, d + 1));
        let acc: FormulaNode | null = null;
        conds.forEach((fn, i) => {
          const op = OPERATORS[fn];
          const cmp = { op, a: params[i], b: params[i + 1] } as FormulaNode;
          acc = acc ? { op: 'and', a: acc, b: cmp } : cmp;
        });
        return fold(acc ?? ZERO, node);
      }
      default:
        errors.push(NODE_NAMES[node.type] ?? `"${node.toString().slice(0, 40)}" is not allowed in a formula`);
        return ZERO;
    }
  };

  const checkDivision = (raw: MathNode[], denom: FormulaNode): void => {
    let r = raw[1];
    while (r?.type === 'ParenthesisNode') r = (r as MathNode & { content: MathNode }).content;
    if (denom.op === 'slot') {
      const range = ranges.get(denom.i);
      if (slotKinds.get(denom.i) === 'parameter' && range && range[0] <= 0 && range[1] >= 0) {
        errors.push(
          `${what} divides by a parameter that can be 0 ("${r?.toString() ?? '?'}" ranges from ${fmt(range[0])} to ${fmt(range[1])})`,
        );
      }
      return;
    }
    if (denom.op === 'num') {
      if (denom.v === 0) errors.push(`${what} divides by 0`);
      return;
    }
    const iv = intervalOf(denom, ranges);
    if (iv && iv[0] <= 0 && iv[1] >= 0) {
      warnings.push(`${what} may divide by 0: "${r?.toString() ?? '?'}" can be 0 for some parameter values`);
    }
  };

  let ir: FormulaNode;
  try {
    ir = walk(tree, 0);
  } catch (err) {
    if (err instanceof DepthError || err instanceof RangeError) {
      return {
        ok: false,
        errors: [`formula is nested too deeply (the limit is ${MAX_FORMULA_DEPTH} levels)`],
      };
    }
    return {
      ok: false,
      errors: [`cannot read formula: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
  if (errors.length) return { ok: false, errors: [...new Set(errors)] };
  // Expansions (clamp → min(max(…)), log(x, b) → log x / log b) can deepen the tree past what instantiation
  // accepts: refuse here, with a message, rather than fail later.
  const stats = irStats(ir);
  if (stats.depth > MAX_FORMULA_DEPTH + 8 || stats.nodes > MAX_FORMULA_NODES) {
    return { ok: false, errors: [`formula is nested too deeply (the limit is ${MAX_FORMULA_DEPTH} levels)`] };
  }
  return { ok: true, ir: { ...ir, src: text }, warnings, uses: [...uses] };
};

class DepthError extends Error {}

/** Depth (levels of nodes, the root is 1) and node count of a formula tree; stops counting past the limits. */
export const irStats = (root: FormulaNode): { depth: number; nodes: number } => {
  let nodes = 0;
  let deepest = 0;
  const stack: [FormulaNode, number][] = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop() as [FormulaNode, number];
    nodes++;
    if (d > deepest) deepest = d;
    if (nodes > MAX_FORMULA_NODES + 1 || deepest > MAX_FORMULA_DEPTH + 9) break;
    if ('args' in n) for (const a of n.args) stack.push([a, d + 1]);
    else {
      if ('c' in n) stack.push([n.c, d + 1]);
      if ('a' in n) stack.push([n.a, d + 1]);
      if ('b' in n) stack.push([n.b, d + 1]);
    }
  }
  return { depth: deepest, nodes };
};
