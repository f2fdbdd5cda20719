// The open scenario and everything that follows from it: the document (text, undo, issues), its compiled model,
// the parameter values the sliders set, the one-round game at those values, file actions (new, open, save, export,
// restore) with the "unsaved changes" prompt, debounced validation and autosave.
// `epoch` increments each time the document is REPLACED (new, open, built-in, restore): results of an earlier
// epoch belong to another scenario and are cleared (ResultsState).
import type { GameTree } from '../../../models/games/extensive/GameTree';
import type { Game } from '../../../models/games/Game';
import type { PlayedEquilibrium } from '../../../models/engine/playedEquilibrium';
import type { ModelSpec, RuntimeModel } from '../../../models/scenario/RuntimeModel';
import { withCurrentFormat } from '../../../models/scenario/migrate';
import { SCENARIO_FORMAT } from '../../../models/scenario/scenarioFormat';
import type { FileRef, OpenResult, Platform } from '../platform/Platform';
import { treeStrategicForm, type TreePlans } from '../util/treeStrategicForm';
import { DocumentState } from './DocumentState.svelte';
import type { BuiltinInfo, ModelService } from './ModelService';

export type PromptChoice = 'save' | 'discard' | 'cancel';
export type Prompt = {
  readonly title: string;
  readonly message: string;
  readonly resolve: (choice: PromptChoice) => void;
};

export type Notifier = {
  notify(message: string, kind?: 'info' | 'success' | 'error'): void;
  error(message: string): void;
};

export const DEFAULT_SCENARIO = 'korea-2025';
const VALIDATE_MS = 120;
const AUTOSAVE_MS = 3000;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export type DocumentsOptions = {
  readonly platform: Platform;
  readonly models: ModelService;
  readonly notifier: Notifier;
  readonly schedule: (fn: () => void, ms: number) => unknown;
  readonly cancel: (handle: unknown) => void;
  readonly now?: () => number;
};

export class DocumentsState {
  readonly doc: DocumentState;
  spec = $state.raw<ModelSpec | null>(null);
  model = $state.raw<RuntimeModel | null>(null);
  /** Increments every time a new model is installed. */
  modelVersion = $state(0);
  /** Increments every time the document is replaced by another one (new, open, built-in, restore). */
  epoch = $state(0);
  builtins = $state.raw<readonly BuiltinInfo[]>([]);
  recent = $state.raw<readonly FileRef[]>([]);
  /** Parameter values the user moved (by id); the rest follow the model's defaults. */
  /** Replaced, never mutated: keys are user text (a parameter may be named "constructor"), and a deep $state proxy
   * does not track a key that Object.prototype already has. */
  overrides = $state.raw<Readonly<Record<string, number>>>({});
  /** The round whose game the Game view shows (1-based; calendar effects such as drill months depend on it). */
  gameRound = $state(1);
  prompt = $state.raw<Prompt | null>(null);
  /** Loading the model layer (first start); the shell is painted meanwhile. */
  loading = $state(true);
  startupError = $state<string | null>(null);
  restoreOffer = $state.raw<{ text: string; path: string | null; savedAt: string } | null>(null);

  paramValues: Record<string, number> = $derived.by(() => {
    const out: Record<string, number> = {};
    for (const p of this.spec?.params ?? []) {
      // Own keys only: a parameter named "constructor" without an override must not read Object.prototype's.
      const o = Object.hasOwn(this.overrides, p.id) ? this.overrides[p.id] : undefined;
      out[p.id] = o === undefined ? p.value : clamp(o, p.min, p.max);
    }
    return out;
  });

  #gameResult = $derived.by((): { game: Game | null; error: string | null } => {
    const model = this.model;
    if (!model) return { game: null, error: null };
    try {
      const round = Math.min(Math.max(1, Math.round(this.gameRound)), model.rounds.count);
      return { game: this.#models.reduce(model, { params: this.paramValues, round }), error: null };
    } catch (e) {
      return { game: null, error: e instanceof Error ? e.message : String(e) };
    }
  });
  game = $derived(this.#gameResult.game);
  /** What the simulation plays in that game (null: no game, or the engine finds no equilibrium there). */
  played = $derived.by((): PlayedEquilibrium | null => {
    const model = this.model;
    const game = this.game;
    // a sequential tree round is not played as this simultaneous game: playedTree says what is
    if (!model || !game || model.tree?.shape === 'perfect') return null;
    try {
      return this.#models.played(model, game);
    } catch {
      return null;
    }
  });
  gameError = $derived(this.#gameResult.error);
  /** A tree scenario's round (the Game view's round) as a game tree at the current values; null without a tree. */
  #roundTreeResult = $derived.by((): { tree: GameTree | null; error: string | null } => {
    const model = this.model;
    if (!model?.tree || !this.#models.roundTree) return { tree: null, error: null };
    try {
      const round = Math.min(Math.max(1, Math.round(this.gameRound)), model.rounds.count);
      return { tree: this.#models.roundTree(model, { params: this.paramValues, round }), error: null };
    } catch (e) {
      return { tree: null, error: e instanceof Error ? e.message : String(e) };
    }
  });
  roundTree = $derived(this.#roundTreeResult.tree);
  roundTreeError = $derived(this.#roundTreeResult.error);
  /**
   * A sequential tree scenario's round for the Game view: the reduced strategic form (plans) and what the engine
   * plays at each information set (models/engine/playedTree), at the current values and the Game view's round;
   * null for other rounds.
   */
  #treePlansResult = $derived.by((): { plans: TreePlans | null; error: string | null } => {
    const model = this.model;
    const tree = this.roundTree;
    if (model?.tree?.shape !== 'perfect' || !this.#models.playedTree) return { plans: null, error: null };
    if (!tree) return { plans: null, error: this.roundTreeError };
    try {
      const round = Math.min(Math.max(1, Math.round(this.gameRound)), model.rounds.count);
      const played = this.#models.playedTree(model, { params: this.paramValues, round });
      return { plans: played ? treeStrategicForm(model, tree, played) : null, error: null };
    } catch (e) {
      return { plans: null, error: e instanceof Error ? e.message : String(e) };
    }
  });
  treePlans = $derived(this.#treePlansResult.plans);
  treePlansError = $derived(this.#treePlansResult.error);

  readonly #platform: Platform;
  readonly #models: ModelService;
  readonly #notifier: Notifier;
  readonly #schedule: (fn: () => void, ms: number) => unknown;
  readonly #cancel: (handle: unknown) => void;
  #replaceListeners: (() => void)[] = [];
  #validateTimer: unknown = null;
  #autosaveTimer: unknown = null;
  #checkSeq = 0;

  constructor(o: DocumentsOptions) {
    this.#platform = o.platform;
    this.#models = o.models;
    this.#notifier = o.notifier;
    this.#schedule = o.schedule;
    this.#cancel = o.cancel;
    this.doc = new DocumentState(o.now);
    this.doc.onChange = () => this.#onDocChange();
  }

  /** Start-up: built-ins, recent files, the restore offer, then the default scenario. */
  async start(): Promise<void> {
    try {
      const [builtins, recent, restorable] = await Promise.all([
        this.#models.builtins(),
        this.#platform.recentFiles().catch(() => []),
        this.#platform.restorable().catch(() => null),
      ]);
      this.builtins = builtins;
      this.recent = recent;
      this.restoreOffer = restorable;
      const first = builtins.find((b) => b.id === DEFAULT_SCENARIO) ?? builtins[0];
      if (first) await this.#loadBuiltin(first.id);
      else this.doc.load(stringify({ format: SCENARIO_FORMAT, title: 'Untitled' }), untitled());
    } catch (e) {
      this.startupError = `Parley could not load its scenario library: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.loading = false;
    }
  }

  /** Called each time the document is replaced (results of the old one are cleared). */
  onReplace(listener: () => void): void {
    this.#replaceListeners.push(listener);
  }

  // ---- parameters ----------------------------------------------------------------------------------------------

  setParam(id: string, value: number): void {
    if (!Number.isFinite(value)) return;
    this.overrides = { ...this.overrides, [id]: value };
  }

  resetParams(): void {
    this.overrides = {};
  }

  // ---- files ---------------------------------------------------------------------------------------------------

  /** Ask before replacing or closing a dirty document; true = go ahead. */
  async confirmDiscard(action: string): Promise<boolean> {
    if (!this.doc.dirty) return true;
    const choice = await new Promise<PromptChoice>((resolve) => {
      this.prompt = {
        title: 'Unsaved changes',
        message: `“${this.doc.title}” has unsaved changes. Save them before you ${action}?`,
        resolve: (c) => {
          this.prompt = null;
          resolve(c);
        },
      };
    });
    if (choice === 'cancel') return false;
    if (choice === 'save') return this.save();
    return true;
  }

  async newDocument(): Promise<void> {
    if (!(await this.confirmDiscard('start a new scenario'))) return;
    this.doc.load(stringify(blankScenario()), untitled());
    this.#afterReplace();
  }

  async openBuiltin(id: string): Promise<void> {
    if (!(await this.confirmDiscard('open another scenario'))) return;
    await this.#loadBuiltin(id);
  }

  async open(): Promise<void> {
    if (!(await this.confirmDiscard('open another file'))) return;
    this.#loadResult(await this.#platform.openScenario());
  }

  async openRecent(path: string): Promise<void> {
    if (!(await this.confirmDiscard('open another file'))) return;
    this.#loadResult(await this.#platform.openRecent(path));
  }

  async openDropped(file: File): Promise<void> {
    if (!(await this.confirmDiscard('open the dropped file'))) return;
    this.#loadResult(await this.#platform.readDroppedFile(file));
  }

  /** A file pushed by the shell (command line, double-click, second instance). */
  async openPushed(result: OpenResult): Promise<void> {
    if (!result.ok) return this.#loadResult(result);
    if (!(await this.confirmDiscard('open another file'))) return;
    this.#loadResult(result);
  }

  restore(): void {
    const offer = this.restoreOffer;
    if (!offer) return;
    this.restoreOffer = null;
    const name = offer.path ? baseName(offer.path) : 'restored.parley.json';
    this.doc.load(offer.text, { path: offer.path, name, saved: false });
    this.#afterReplace();
    this.#notifier.notify('Restored your unsaved work.', 'success');
  }

  async dismissRestore(): Promise<void> {
    this.restoreOffer = null;
    await this.#platform.autosave(null).catch(() => undefined);
  }

  save(): Promise<boolean> {
    return this.#save(false);
  }

  saveAs(): Promise<boolean> {
    return this.#save(true);
  }

  async exportScenario(): Promise<void> {
    const r = await this.#platform.exportFile('scenario', this.doc.name, [this.doc.text]);
    if (r.ok) this.#notifier.notify(`Exported ${r.name}.`, 'success');
    else if (!r.canceled) this.#notifier.error(r.error ?? 'Export failed.');
  }

  async refreshRecent(): Promise<void> {
    this.recent = await this.#platform.recentFiles().catch(() => this.recent);
  }

  /** Validate now (tests and the Source view's "check" call it; edits call it debounced). */
  async validateNow(): Promise<void> {
    if (this.#validateTimer !== null) this.#cancel(this.#validateTimer);
    this.#validateTimer = null;
    const seq = ++this.#checkSeq;
    const text = this.doc.text;
    if (this.doc.jsonError !== null) {
      this.doc.issues = [{ path: '', message: this.doc.jsonError }];
      this.doc.checking = false;
      return;
    }
    let result;
    try {
      result = await this.#models.check(text, this.doc.name);
    } catch (e) {
      result = { ok: false as const, issues: [{ path: '', message: `Unexpected error: ${String(e)}` }] };
    }
    if (seq !== this.#checkSeq) return; // a newer edit superseded this check
    this.doc.checking = false;
    if (result.ok) {
      this.doc.issues = [];
      this.doc.warnings = result.warnings;
      this.spec = result.spec;
      this.model = result.model;
      if (this.modelVersion === 0) globalThis.performance?.mark?.('parley:model-ready');
      this.modelVersion += 1;
      // drop overrides of parameters that no longer exist
      const ids = result.spec.params.map((p) => p.id);
      if (Object.keys(this.overrides).some((k) => !ids.includes(k)))
        this.overrides = Object.fromEntries(Object.entries(this.overrides).filter(([k]) => ids.includes(k)));
    } else {
      this.doc.issues = result.issues;
    }
  }

  async #save(saveAs: boolean): Promise<boolean> {
    // An older file (parley.scenario/1) is saved in the current format: its tag is the whole difference (an
    // undoable edit of the document, so what is saved is what is shown).
    const text = withCurrentFormat(this.doc.text);
    if (text !== this.doc.text) this.doc.setText(text, null);
    const r = await this.#platform.saveScenario({
      path: this.doc.path,
      text,
      saveAs: saveAs || this.doc.path === null,
      suggestedName: this.doc.name,
    });
    if (r.ok) {
      this.doc.markSaved({ path: r.path, name: r.name }, text);
      void this.#platform.autosave(null).catch(() => undefined);
      void this.refreshRecent();
      this.#notifier.notify(`Saved ${r.name}.`, 'success');
      return true;
    }
    if (!r.canceled) this.#notifier.error(`Not saved: ${r.error ?? 'unknown error'}. Your changes are kept.`);
    return false;
  }

  #loadResult(r: OpenResult): void {
    if (!r.ok) {
      if (!r.canceled) this.#notifier.error(r.error ?? 'Could not open the file.');
      return;
    }
    this.doc.load(r.text, { path: r.path || null, name: r.name });
    this.#afterReplace();
    void this.refreshRecent();
  }

  async #loadBuiltin(id: string): Promise<void> {
    const text = await this.#models.builtinText(id);
    // a built-in is a template: saving it asks for a new file
    this.doc.load(text, { path: null, name: `${id}.parley.json` });
    this.#afterReplace();
    await this.validateNow();
  }

  #afterReplace(): void {
    this.epoch += 1;
    for (const l of this.#replaceListeners) l();
    this.overrides = {};
    this.gameRound = 1;
    this.spec = null;
    this.model = null;
    void this.#platform.setDirty(this.doc.dirty).catch(() => undefined);
  }

  #onDocChange(): void {
    // the text changed: a running check is stale (its answer is dropped and its work stopped)
    this.#checkSeq += 1;
    this.#models.cancelCheck?.();
    if (this.#validateTimer !== null) this.#cancel(this.#validateTimer);
    this.#validateTimer = this.#schedule(() => void this.validateNow(), VALIDATE_MS);
    void this.#platform.setDirty(this.doc.dirty).catch(() => undefined);
    if (this.#autosaveTimer !== null) this.#cancel(this.#autosaveTimer);
    this.#autosaveTimer = this.#schedule(() => {
      this.#autosaveTimer = null;
      const entry = this.doc.dirty ? { text: this.doc.text, path: this.doc.path } : null;
      void this.#platform.autosave(entry).catch(() => undefined);
    }, AUTOSAVE_MS);
  }
}

const stringify = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const untitled = () => ({ path: null, name: 'untitled.parley.json' });
const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** File → New: a valid 2×2 game to fill in (two actors, two strategies each, payoffs 0). */
export const blankScenario = (): Record<string, unknown> => {
  const actor = (id: string, name: string, other: string) => ({
    id,
    name,
    strategies: [
      { id: 'a', label: 'Option A' },
      { id: 'b', label: 'Option B' },
    ],
    payoffs: { a: `0 * ${other}.a`, b: `0 * ${other}.b` },
  });
  return {
    format: SCENARIO_FORMAT,
    title: 'Untitled scenario',
    description: '',
    parameters: {},
    actors: [actor('row', 'Row player', 'col'), actor('col', 'Column player', 'row')],
  };
};
