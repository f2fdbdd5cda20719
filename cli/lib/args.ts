// Strict argument parsing shared by every CLI command, on node:util parseArgs (strict mode, repeatable valued
// options), with the CLI's one-line error style: a UsageError naming the option (main prints it and exits 2).
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';

export type ParsedArgs = {
  /** Positional arguments, in order (everything after "--" included). */
  readonly positional: string[];
  /** --name value / --name=value; repeated options keep every value in order. */
  readonly options: Map<string, string[]>;
  /** Flags given without a value (--help, --exact). */
  readonly flags: Set<string>;
};

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** node:util's error for a bad argument, in our words (its own messages span several lines). */
const usageErrorFrom = (error: unknown): UsageError => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return new UsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/does not take an argument/.test(message)) return new UsageError(`option ${option} takes no value`);
    if (/ambiguous/.test(message)) {
      return new UsageError(
        `option ${option} needs a value (write ${option}=-1 for a value starting with "-")`,
      );
    }
    return new UsageError(`option ${option} needs a value`);
  }
  return new UsageError(message.split('\n')[0] ?? message);
};

/**
 * Parse argv. `valued` lists options that take a value (each may be repeated); `flags` the options that take none;
 * `--help`/`-h` is always a flag. Unknown options, missing values and values on flags are UsageErrors naming them.
 */
export const parseArgs = (
  argv: readonly string[],
  spec: { readonly valued: readonly string[]; readonly flags: readonly string[] },
): ParsedArgs => {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const name of spec.valued) options[name] = { type: 'string', multiple: true };
  for (const name of spec.flags) options[name] = { type: 'boolean' };
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (Array.isArray(value)) {
      // `--out "$FILE"` with FILE unset must not silently mean "no --out" (the results went nowhere, exit 0)
      if (value.some((v) => String(v) === ''))
        throw new UsageError(`option --${name} needs a value (an empty one was given)`);
      values.set(name, value.map(String));
    } else if (value === true) flags.add(name);
  }
  return { positional: parsed.positionals, options: values, flags };
};

/** The last value of an option, or undefined. */
export const lastOption = (args: ParsedArgs, name: string): string | undefined =>
  args.options.get(name)?.at(-1);

/** Parse repeated `--set name=value` options into a record of numbers. */
/**
 * The one positional argument a command takes; UsageError "missing the <missing>" without one, "expected one
 * <noun>, got N" with more.
 */
export const onePositional = (args: ParsedArgs, missing: string, noun: string): string => {
  if (args.positional.length !== 1) {
    throw new UsageError(
      args.positional.length === 0
        ? `missing the ${missing}`
        : `expected one ${noun}, got ${args.positional.length}`,
    );
  }
  return args.positional[0] as string;
};

export const parseAssignments = (values: readonly string[], option = 'set'): Record<string, number> => {
  // A null-prototype record: "__proto__" would otherwise be swallowed by the object literal's setter.
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const v of values) {
    const m = /^([A-Za-z_][A-Za-z0-9_.]*)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--${option} expects name=value, got "${v}"`);
    // "__proto__" can never be a parameter id (ids start with a letter); any other name, "constructor" included, is
    // an ordinary key of this null-prototype record.
    if (m[1] === '__proto__') throw new UsageError(`--${option} ${m[1]}: not a parameter name`);
    const n = Number(m[2]);
    if (!Number.isFinite(n)) throw new UsageError(`--${option} ${m[1]}: "${m[2]}" is not a finite number`);
    out[m[1] as string] = n;
  }
  return out;
};
