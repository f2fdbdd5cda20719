// Which items of a long list the UI renders: the first `pageSize` that match a filter, more on request ("Show
// more"), plus any item asked for by name (a problem's field the editor jumps to). A scenario may hold up to 10,000
// names: rendering every row of such a list blocked the page for hundreds of ms on each change, so a list renders
// at most `shown` rows whatever the file (the e2e long-task test counts them).

/** Rows rendered at first, and added by each "Show more". */
export const LIST_PAGE = 25;

export class ListWindowState {
  /** Case-insensitive text an item's id or label must contain ('' = every item). */
  filter = $state('');
  /** How many matching items are rendered. */
  shown = $state(LIST_PAGE);
  /** Items rendered whatever the filter and page (revealed by name). */
  #pinned = $state.raw<readonly string[]>([]);
  readonly pageSize: number;

  constructor(pageSize: number = LIST_PAGE) {
    this.pageSize = pageSize;
    this.shown = pageSize;
  }

  setFilter(text: string): void {
    this.filter = text;
    this.shown = this.pageSize;
  }

  showMore(): void {
    this.shown += this.pageSize;
  }

  /** Render `key` from now on (the editor jumps to a problem in it). */
  reveal(key: string): void {
    if (!this.#pinned.includes(key)) this.#pinned = [...this.#pinned, key];
  }

  /**
   * The window over `keys` (in their order): `visible` to render, `matching` the number that pass the filter,
   * `hidden` the matching ones not rendered. `labelOf` gives the text searched besides the key.
   */
  view(
    keys: readonly string[],
    labelOf: (key: string) => string = () => '',
  ): { visible: string[]; matching: number; hidden: number } {
    const q = this.filter.trim().toLowerCase();
    const visible: string[] = [];
    let matching = 0;
    for (const k of keys) {
      const match = q === '' || k.toLowerCase().includes(q) || labelOf(k).toLowerCase().includes(q);
      if (match) matching += 1;
      if ((match && matching <= this.shown) || this.#pinned.includes(k)) visible.push(k);
    }
    const shownMatching = Math.min(matching, this.shown);
    return { visible, matching, hidden: matching - shownMatching };
  }
}
