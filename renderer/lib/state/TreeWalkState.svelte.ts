// Presentation mode's walk through a game tree, one key per step: first the tree alone (payoffs at the leaves),
// then backward induction settling one information set per step (deepest first: the mover's choice under the
// subgame-perfect equilibrium and what the node is then worth), then the equilibrium path from the root.
import type { InductionStep } from '../util/backwardInductionSteps';

export class TreeWalkState {
  /** 0: the tree alone; 1..steps.length: that many sets settled; steps.length + 1: the path. */
  step = $state(0);
  steps = $state.raw<readonly InductionStep[]>([]);
  /** Is there an equilibrium to walk (false while the tree is being solved, or when it could not be)? */
  ready = $state(true);

  /**
   * Start a walk over these steps (at the tree alone). Not `ready`: only the tree alone is shown, so a key pressed
   * while the tree is being solved cannot announce "the equilibrium path" before there is one.
   */
  reset(steps: readonly InductionStep[], ready = true): void {
    this.steps = steps;
    this.ready = ready;
    this.step = 0;
  }

  get last(): number {
    return this.ready ? this.steps.length + 1 : 0;
  }

  next(): void {
    this.step = Math.min(this.last, this.step + 1);
  }

  prev(): void {
    this.step = Math.max(0, this.step - 1);
  }

  first(): void {
    this.step = 0;
  }

  /** The set settled at the current step, or null (the tree alone, or the path). */
  get current(): InductionStep | null {
    return this.step >= 1 && this.step <= this.steps.length ? (this.steps[this.step - 1] ?? null) : null;
  }

  /** Has backward induction settled this information set yet? */
  settled(player: number, infoset: number): boolean {
    const k = this.steps.findIndex((s) => s.player === player && s.infoset === infoset);
    return k >= 0 && k < this.step;
  }

  /** Is the equilibrium path shown? */
  get showsPath(): boolean {
    return this.ready && this.step === this.last;
  }
}
