// Minimal, strict argument parsing shared by every CLI command.

export type ParsedArgs = {
  /** Positional arguments, in order. */
  readonly positional: string[];
  /** --name value / --name=value; repeated options keep every value in order. */
  readonly options: Map<string, string[]>;
  /** Flags given without a value (--help, --exact). */
  readonly flags: Set<string>;
};

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parse argv. `valued` lists options that take a value; any other --option is a flag.
 * Unknown options are rejected with a UsageError naming them.
 */
export const parseArgs = (
  argv: readonly string[],
  spec: { readonly valued: readonly string[]; readonly flags: readonly string[] },
): ParsedArgs => {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg === '-h') flags.add('help');
      else positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.valued.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else if (spec.flags.includes(name) || name === 'help') {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      flags.add(name);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, options, flags };
};

/** The last value of an option, or undefined. */
export const lastOption = (args: ParsedArgs, name: string): string | undefined =>
  args.options.get(name)?.at(-1);

/** Parse repeated `--set name=value` options into a record of numbers. */
export const parseAssignments = (values: readonly string[], option = 'set'): Record<string, number> => {
  // A null-prototype record: "__proto__" would otherwise be swallowed by the object literal's setter.
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const v of values) {
    const m = /^([A-Za-z_][A-Za-z0-9_.]*)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--${option} expects name=value, got "${v}"`);
    if (['__proto__', 'constructor', 'prototype'].includes(m[1] as string)) {
      throw new UsageError(`--${option} ${m[1]}: not a parameter name`);
    }
    const n = Number(m[2]);
    if (!Number.isFinite(n)) throw new UsageError(`--${option} ${m[1]}: "${m[2]}" is not a finite number`);
    out[m[1] as string] = n;
  }
  return out;
};
