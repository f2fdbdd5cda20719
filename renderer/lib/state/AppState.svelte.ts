/**
 * AppState — the composition root (created in App.svelte, passed down as the prop `app`). It holds the narrow state
 * classes and the one command router, and forwards their most used members so components can say `app.spec`:
 * - `app.documents: DocumentsState` — the document (`doc`), its compiled `spec`/`model`, parameter values
 *   (`paramValues`, `setParam`, `resetParams`), the one-round `game`, file actions, validation, autosave.
 * - `app.results: ResultsState` — run settings (one seed per document), simulation, what-if; staleness rule.
 * - `app.preferences: PreferencesState` — theme, active view, left-panel tab, presentation mode, shortcuts overlay.
 * - `app.notifications: NotificationsState` — toasts (`app.notify`, `app.error`).
 * - `app.trees: GameTreeState` — the game tree of the Tree view (a built-in classic or a dropped `.efg` file).
 * - `app.command(name)` — the ONE command router (menus, shortcuts, buttons): every MenuCommand has one handler.
 * - `app.platform: Platform` (files, exports; never window.parley), `app.models: ModelService` (the model layer).
 */
import type { ModelSpec, RuntimeModel } from '../../../models/scenario/RuntimeModel';
import type { PlayedEquilibrium } from '../../../models/engine/playedEquilibrium';
import type { TreePlans } from '../util/treeStrategicForm';
import type { Game } from '../../../models/games/Game';
import type { FileRef, MenuCommand, OpenResult, Platform } from '../platform/Platform';
import { CommandRouter } from './CommandRouter';
import type { DocumentState } from './DocumentState.svelte';
import { DocumentsState, type Prompt } from './DocumentsState.svelte';
import { GameTreeState, type TreeSource } from './GameTreeState.svelte';
import type { GameTree } from '../../../models/games/extensive/GameTree';
import { lazyWorkerPort } from '../simulation/lazyWorkerPort';
import type { BuiltinInfo, ModelService } from './ModelService';
import { NotificationsState, type Toast, type ToastKind } from './NotificationsState.svelte';
import { PreferencesState, type Theme, type View } from './PreferencesState.svelte';
import { reportExport } from './reportExport';
import { ResultsState } from './ResultsState.svelte';
import type { SimulationPort } from './SimulationPort';

export { DEFAULT_SCENARIO, blankScenario } from './DocumentsState.svelte';
export type { Prompt, PromptChoice } from './DocumentsState.svelte';
export type { Theme, View } from './PreferencesState.svelte';
export type { Toast, ToastKind } from './NotificationsState.svelte';

export type AppOptions = {
  readonly platform: Platform;
  readonly models: ModelService;
  /** Timers (tests inject immediate ones). */
  readonly schedule?: (fn: () => void, ms: number) => unknown;
  readonly cancel?: (handle: unknown) => void;
  readonly now?: () => number;
  /** The engine (tests pass a fake; the app loads the Web Worker pool on first use). */
  readonly simulationPort?: SimulationPort;
};

/** What the class-session commands drive (ClassHostState). */
export type ClassCommandTarget = {
  openStart(): Promise<unknown> | void;
  openResume(): Promise<unknown> | void;
};

export class AppState {
  readonly platform: Platform;
  readonly models: ModelService;
  readonly documents: DocumentsState;
  readonly preferences = new PreferencesState();
  readonly notifications: NotificationsState;
  readonly trees = new GameTreeState();
  results = $state.raw<ResultsState>(null as unknown as ResultsState);
  readonly #router: CommandRouter;
  /** Class play's host state (attached by classHostStateFor) takes the two class-session commands. */
  #classHost: ClassCommandTarget | null = null;

  constructor(options: AppOptions) {
    this.platform = options.platform;
    this.models = options.models;
    const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
    const cancel = options.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.notifications = new NotificationsState(schedule);
    this.documents = new DocumentsState({
      platform: options.platform,
      models: options.models,
      notifier: this.notifications,
      schedule,
      cancel,
      now: options.now,
    });
    this.documents.onReplace(() => this.results.clear());
    // Another scenario opened: the Tree view shows its round, not a classic or .efg opened there earlier (the Tree
    // tab kept showing Kuhn poker after "Open" on korea-2025-sequential).
    this.documents.onReplace(() => this.trees.close());
    this.useSimulationPort(options.simulationPort ?? lazyWorkerPort());
    this.#router = new CommandRouter(this.#handlers(), (m) => this.error(m));
  }

  /** Put a (fake) engine behind the results; the previous results are dropped. */
  useSimulationPort(port: SimulationPort): void {
    const old = this.results as ResultsState | null;
    old?.dispose();
    const source = () => ({
      spec: this.documents.spec,
      paramValues: this.documents.paramValues,
      epoch: this.documents.epoch,
    });
    this.results = new ResultsState(port, source, old?.settings);
  }

  /** Route the start/resume class-session commands to class play's host state. */
  attachClassHost(host: ClassCommandTarget): void {
    this.#classHost = host;
  }

  start(): Promise<void> {
    return this.documents.start();
  }

  /** Run a command (menu item, shortcut, button): the one router. */
  command(command: MenuCommand): void {
    this.#router.run(command);
  }

  #handlers() {
    const d = this.documents;
    const p = this.preferences;
    return {
      new: () => d.newDocument(),
      open: () => d.open(),
      save: () => d.save(),
      'save-as': () => d.saveAs(),
      undo: () => d.doc.undo(),
      redo: () => d.doc.redo(),
      'toggle-presentation': () => p.togglePresentation(),
      'show-library': () => {
        p.presentation = false;
        p.sidebar = 'library';
      },
      'show-shortcuts': () => {
        p.showShortcuts = !p.showShortcuts;
      },
      about: async () => {
        const v = await this.platform.versions();
        this.notify(
          `Parley ${v.app ?? ''} — ${Object.entries(v)
            .filter(([k]) => k !== 'app')
            .map(([k, val]) => `${k} ${val}`)
            .join(', ')}`,
        );
      },
      run: () => {
        p.activeView = 'simulate';
        return this.results.simulation.run();
      },
      'cancel-run': () => this.results.cancelAll(),
      'start-class-session': () => this.#classCommand('start'),
      'resume-class-session': () => this.#classCommand('resume'),
      'export-csv': async () => {
        const sim = this.results.simulation;
        if (!sim.result) {
          this.notify('Run a simulation first: the CSV export is the per-trial data of the last run.');
          return;
        }
        reportExport(this, await sim.exportRun('trials', this.platform));
      },
    } satisfies Record<MenuCommand, () => unknown>;
  }

  #classCommand(which: 'start' | 'resume'): Promise<unknown> | void {
    const host = this.#classHost;
    if (!host) {
      this.notify('Class play is not available in this window.');
      return;
    }
    return which === 'start' ? host.openStart() : host.openResume();
  }

  // ---- forwarded members (the most used ones; the narrow classes hold the state) ----------------------------------

  get doc(): DocumentState {
    return this.documents.doc;
  }
  /** What the simulation plays in the Game view's game (DocumentsState.played). */
  get played(): PlayedEquilibrium | null {
    return this.documents.played;
  }
  /** A sequential tree scenario's plans and what the engine plays in them (DocumentsState.treePlans). */
  get treePlans(): TreePlans | null {
    return this.documents.treePlans;
  }
  get treePlansError(): string | null {
    return this.documents.treePlansError;
  }
  get spec(): ModelSpec | null {
    return this.documents.spec;
  }
  get model(): RuntimeModel | null {
    return this.documents.model;
  }
  get modelVersion(): number {
    return this.documents.modelVersion;
  }
  get paramValues(): Record<string, number> {
    return this.documents.paramValues;
  }
  get overrides(): Readonly<Record<string, number>> {
    return this.documents.overrides;
  }
  get game(): Game | null {
    return this.documents.game;
  }
  get gameError(): string | null {
    return this.documents.gameError;
  }
  get gameRound(): number {
    return this.documents.gameRound;
  }
  set gameRound(v: number) {
    this.documents.gameRound = v;
  }
  get builtins(): readonly BuiltinInfo[] {
    return this.documents.builtins;
  }
  get recent(): readonly FileRef[] {
    return this.documents.recent;
  }
  get prompt(): Prompt | null {
    return this.documents.prompt;
  }
  get loading(): boolean {
    return this.documents.loading;
  }
  get startupError(): string | null {
    return this.documents.startupError;
  }
  get restoreOffer(): { text: string; path: string | null; savedAt: string } | null {
    return this.documents.restoreOffer;
  }
  get theme(): Theme {
    return this.preferences.theme;
  }
  get activeView(): View {
    return this.preferences.activeView;
  }
  set activeView(v: View) {
    this.preferences.activeView = v;
  }
  get sidebar(): 'parameters' | 'library' {
    return this.preferences.sidebar;
  }
  set sidebar(v: 'parameters' | 'library') {
    this.preferences.sidebar = v;
  }
  get showShortcuts(): boolean {
    return this.preferences.showShortcuts;
  }
  set showShortcuts(v: boolean) {
    this.preferences.showShortcuts = v;
  }
  get presentation(): boolean {
    return this.preferences.presentation;
  }
  set presentation(v: boolean) {
    this.preferences.presentation = v;
  }
  get toasts(): readonly Toast[] {
    return this.notifications.toasts;
  }

  setParam(id: string, value: number): void {
    this.documents.setParam(id, value);
  }
  resetParams(): void {
    this.documents.resetParams();
  }
  setTheme(theme: Theme): void {
    this.preferences.setTheme(theme);
  }
  togglePresentation(on?: boolean): void {
    this.preferences.togglePresentation(on);
  }
  notify(message: string, kind?: ToastKind): void {
    this.notifications.notify(message, kind);
  }
  error(message: string): void {
    this.notifications.error(message);
  }
  dismiss(id: number): void {
    this.notifications.dismiss(id);
  }
  confirmDiscard(action: string): Promise<boolean> {
    return this.documents.confirmDiscard(action);
  }
  newDocument(): Promise<void> {
    return this.documents.newDocument();
  }
  openBuiltin(id: string): Promise<void> {
    return this.documents.openBuiltin(id);
  }
  open(): Promise<void> {
    return this.documents.open();
  }
  openRecent(path: string): Promise<void> {
    return this.documents.openRecent(path);
  }
  /**
   * The tree the Tree view and its presentation show: the classic or `.efg` file opened there, else the open
   * scenario's round as a tree (a tree scenario at the current values and the Game view's round), else null.
   */
  get shownTree(): { readonly tree: GameTree; readonly source: TreeSource } | null {
    const t = this.trees;
    if (t.tree && t.source) return { tree: t.tree, source: t.source };
    const d = this.documents;
    if (!d.roundTree || !d.model) return null;
    const round = d.model.rounds.count > 1 ? `, ${d.model.rounds.label ?? 'round'} ${d.gameRound}` : '';
    return {
      tree: d.roundTree,
      source: {
        title: this.documents.doc.title,
        notes: '',
        origin: `this scenario's round as a tree at the current values${round}`,
        builtinId: null,
      },
    };
  }

  /** The Game view's "Show on the Tree tab": the open scenario's round in the Tree view (a classic opened there closes). */
  showScenarioTree(): void {
    this.trees.close();
    this.preferences.activeView = 'tree';
  }

  /** Open a built-in classic game tree in the Tree view. */
  async openBuiltinGame(id: string): Promise<void> {
    if (!(await this.trees.openBuiltin(id))) return;
    this.preferences.activeView = 'tree';
  }

  /** A file dropped on the window: a Gambit `.efg` tree opens in the Tree view, anything else as a scenario. */
  async openDropped(file: File): Promise<void> {
    if (!/\.efg$/i.test(file.name)) return this.documents.openDropped(file);
    const read = await this.platform.readDroppedFile(file);
    if (!read.ok) {
      if (read.error) this.error(read.error);
      return;
    }
    this.trees.openEfg(read.text, read.name);
    this.preferences.presentation = false;
    this.preferences.activeView = 'tree';
  }
  openPushed(result: OpenResult): Promise<void> {
    return this.documents.openPushed(result);
  }
  restore(): void {
    this.documents.restore();
  }
  dismissRestore(): Promise<void> {
    return this.documents.dismissRestore();
  }
  save(): Promise<boolean> {
    return this.documents.save();
  }
  saveAs(): Promise<boolean> {
    return this.documents.saveAs();
  }
  exportScenario(): Promise<void> {
    return this.documents.exportScenario();
  }
  refreshRecent(): Promise<void> {
    return this.documents.refreshRecent();
  }
  validateNow(): Promise<void> {
    return this.documents.validateNow();
  }
}
