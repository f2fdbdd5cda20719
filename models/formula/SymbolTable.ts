// The names a formula may use, built ONCE per scenario (by models/scenario's declareSymbols) and shared by every
// formula of that scenario: lookups by name and by slot are O(1), so checking a whole scenario is linear in its size.

export type SymbolKind = 'parameter' | 'builtin' | 'derived' | 'state' | 'event' | 'choice';

export type FormulaSymbol = {
  readonly slot: number;
  readonly kind: SymbolKind;
  /** Known range of the value (parameters: [min, max]); used for the division check. */
  readonly min?: number;
  readonly max?: number;
};

/** Identifier → symbol, and slot → symbol. Strategy indicators are named "actor.strategy". */
export class SymbolTable {
  readonly #byName = new Map<string, FormulaSymbol>();
  readonly #bySlot = new Map<number, FormulaSymbol>();

  constructor(entries: Iterable<readonly [string, FormulaSymbol]> = []) {
    for (const [name, symbol] of entries) this.set(name, symbol);
  }

  /** Adds (or replaces) a name. */
  set(name: string, symbol: FormulaSymbol): void {
    this.#byName.set(name, symbol);
    this.#bySlot.set(symbol.slot, symbol);
  }

  get(name: string): FormulaSymbol | undefined {
    return this.#byName.get(name);
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The symbol living in a slot, if any. */
  atSlot(slot: number): FormulaSymbol | undefined {
    return this.#bySlot.get(slot);
  }

  /** The known range [min, max] of a slot's value, or undefined. */
  rangeOf(slot: number): readonly [number, number] | undefined {
    const s = this.#bySlot.get(slot);
    return s?.min !== undefined && s.max !== undefined ? [s.min, s.max] : undefined;
  }

  names(): IterableIterator<string> {
    return this.#byName.keys();
  }
}
