// The names a formula may use, built ONCE per scenario (by models/scenario's declareSymbols) and shared by every
// formula of that scenario: lookups by name and by slot are O(1), and "did you mean" for an unknown name is bounded
// work (SuggestionIndex), so checking a whole scenario is linear in its size.
import { SuggestionIndex } from './didYouMean';

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
  /** "Did you mean" indexes (plain names, "actor.strategy" names), built on the first unknown name. */
  #suggestions: { plain: SuggestionIndex; dotted: SuggestionIndex } | null = null;

  constructor(entries: Iterable<readonly [string, FormulaSymbol]> = []) {
    for (const [name, symbol] of entries) this.set(name, symbol);
  }

  /** Adds (or replaces) a name. */
  set(name: string, symbol: FormulaSymbol): void {
    this.#byName.set(name, symbol);
    this.#bySlot.set(symbol.slot, symbol);
  }

  /**
   * The closest known name to an unknown one, of the same form (a plain name, or "actor.strategy"), in bounded work
   * (SuggestionIndex: at most MAX_COMPARISONS edit distances per query, MAX_QUERIES queries per table); undefined
   * when none is close. The index is built on the first query (names declared later are not suggested).
   */
  suggest(name: string): string | undefined {
    if (!this.#suggestions) {
      const names = [...this.#byName.keys()];
      this.#suggestions = {
        plain: new SuggestionIndex(names.filter((n) => !n.includes('.'))),
        dotted: new SuggestionIndex(names.filter((n) => n.includes('.'))),
      };
    }
    return (name.includes('.') ? this.#suggestions.dotted : this.#suggestions.plain).suggest(name);
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
