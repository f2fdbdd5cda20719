// Plays one round of a tree scenario (RuntimeModel.tree) inside a trial: the float kernel of the engine's
// extensive-form rounds. Hand-written and allocation-free on preallocated buffers because it runs once per round of
// every trial (the exact solvers of models/games/extensive use bigint rationals and build objects; they are the
// reference this kernel is tested against, see tests/models/engine/treeRound.test.ts).
//
// Per round:
//  1. the chance probabilities are evaluated and checked (each in [0, 1], summing to 1 within CHANCE_TOLERANCE; an
//     outcome without a formula takes the rest); a violation throws ChanceProbabilityError naming the chance move;
//  2. the payoff table of every chance outcome combination is built by the trial's own game builder (the chance
//     indicator slots set per combination), so payoffs are the actors' compiled formulas — never strings;
//  3. `simultaneous` shape: the round's game becomes the expectation over chance, and the engine's strategic-form
//     code plays it; `perfect` shape: backward induction over the tree in play order (RuntimeModel.ts), each actor
//     by its behaviour at every node:
//       nash   the best action for the continuation values; ties (within 1e-9 relative) broken by the largest sum
//              of all actors' continuation payoffs (the `payoff-dominant` idea applied where the mover is
//              indifferent, so the play is the payoff-dominant subgame-perfect one among the tie-breaks), then by
//              the first action in the actor's strategy order (scenario rule `first`: first only). Deterministic: an
//              indifferent mover needs no random draw, and the same numbers give the same path on every host.
//       logit  the logit response at its λ to the continuation values: p(a) ∝ exp(λ·v(a)). In a tree of perfect
//              information this backward recursion IS the agent quantal response equilibrium (McKelvey–Palfrey
//              1998, AQRE: each information set is a singleton), the one agentQre traces.
//       fixed / mixed  the actor's given probabilities at every node.
//     The number of pure subgame-perfect profiles (product of the tie counts of the nash movers' nodes) is
//     recorded as the round's pure-equilibrium count;
//     `imperfect` shape: subgame decomposition over the same play-order buffers (TreeSegments.ts): the segments
//     between proper-subgame levels, last first, each played through its strategic form by StrategicFormPlay (the
//     simultaneous round's machinery: selection rule, mixed fallback, logit QRE, fixed/mixed), every node's
//     behaviour the marginal of its mover's strategy at the node's information set;
//  4. the path is drawn: actors with the trial's round-stream uniforms (one per actor after the selection uniform,
//     as in a simultaneous round, so variants stay aligned; the imperfect shape's segments all select with that one
//     selection uniform), chance moves with one uniform each from the trial's chance stream (PURPOSE.chance), always
//     consumed.
// Why one file over 400 lines: the kernel is one hot loop over preallocated buffers (chance check, payoff tables,
// backward induction, logit and fixed play) whose steps share those buffers; split into modules they would pass the
// buffers around on every call of every round, as TrialSimulator.ts explains for the trial loop.
import type { RuntimeModel } from '../scenario/RuntimeModel';
import { exp } from '../math/exp';
import { RandomStream } from '../random/RandomStream';
import { PURPOSE, type SeedKey } from '../random/seedKey';
import type { FloatGame } from '../games/kernels/FloatGame';
import { EQ_MIXED, EQ_NONE, EQ_PURE } from './EquilibriumSelector';
import { TreeSegments } from './TreeSegments';

/** Tolerance of the sum-to-one check of chance probabilities (the compiler uses the same). */
const CHANCE_TOLERANCE = 1e-9;

const M_CHANCE = -1;
const K_NASH = 0;
const K_LOGIT = 1;
const K_FIXED = 2;

/** A chance move's probabilities are not a distribution in some trial and round. `trial` is 1-based. */
export class ChanceProbabilityError extends Error {
  override readonly name = 'ChanceProbabilityError';
  constructor(
    message: string,
    readonly trial: number,
    readonly round: number,
  ) {
    super(message);
  }
}

export class TreeRoundPlayer {
  /** true: backward induction (shape `perfect`); false: the expected strategic-form game (shape `simultaneous`). */
  readonly perfect: boolean;
  /** true: the tree is solved in play order and its path drawn by play() (shapes `perfect` and `imperfect`). */
  readonly ordered: boolean;
  /** Number of chance moves (file order) and their outcome counts. */
  readonly chanceCount: number;
  /** The last round's kind of play (EQ_NONE / EQ_PURE / EQ_MIXED) and pure subgame-perfect profile count. */
  eqType = EQ_NONE;
  pureCount = 0;

  private readonly model: RuntimeModel;
  private readonly n: number;
  private readonly game: FloatGame;
  // chance moves, file order
  private readonly chanceOff: Int32Array;
  private readonly chanceSize: Int32Array;
  private readonly chanceSlots: Int32Array;
  private readonly chanceProb: Float64Array;
  private readonly chanceStride: Int32Array;
  private readonly combos: number;
  /** One payoff table per chance combination, back to back (combo × profiles × actors). */
  private readonly tables: Float64Array;
  private readonly tableLength: number;
  /** childIndex[d][c]: where the values of child c of depth d + 1 start (val[d + 1], or `tables` for leaves). */
  private readonly childIndex: Int32Array[];
  private readonly comboProb: Float64Array;
  private readonly chanceStream = new RandomStream();
  private readonly uChance: Float64Array;
  /** Realised outcome per chance move of the last round. */
  readonly chanceDrawn: Int32Array;
  // the tree in play order: per depth, the mover (actor index or M_CHANCE), its chance index, its branching
  private readonly depth: number;
  private readonly mover: Int32Array;
  private readonly moverChance: Int32Array;
  private readonly branch: Int32Array;
  private readonly nodes: Int32Array;
  private readonly val: Float64Array[];
  private readonly beh: Float64Array[];
  private readonly leafProfile: Int32Array;
  private readonly leafCombo: Int32Array;
  private readonly kind: Uint8Array;
  private readonly lambda: Float64Array;
  private readonly fixed: Float64Array[];
  private readonly firstOnly: boolean;
  private readonly hasNash: boolean;
  private readonly allPure: boolean;
  /** Shape `imperfect`: the segments between proper subgames (TreeSegments.ts); null otherwise. */
  private readonly segments: TreeSegments | null;

  constructor(model: RuntimeModel, game: FloatGame) {
    const tree = model.tree;
    if (!tree) throw new Error('TreeRoundPlayer: the model has no tree round');
    this.model = model;
    this.n = model.actors.length;
    this.game = game;
    this.perfect = tree.shape === 'perfect';
    this.ordered = tree.shape !== 'simultaneous';
    const chanceMoves = tree.chance.map((k) => {
      const m = tree.moves[k];
      if (!m || m.kind !== 'chance') throw new Error('TreeRoundPlayer: bad chance index');
      return m;
    });
    this.chanceCount = chanceMoves.length;
    this.chanceOff = new Int32Array(this.chanceCount + 1);
    this.chanceSize = Int32Array.from(chanceMoves, (m) => m.outcomes.length);
    this.chanceStride = new Int32Array(this.chanceCount);
    let combos = 1;
    chanceMoves.forEach((m, c) => {
      this.chanceOff[c + 1] = (this.chanceOff[c] as number) + m.outcomes.length;
      this.chanceStride[c] = combos;
      combos *= m.outcomes.length;
    });
    this.combos = combos;
    this.chanceSlots = Int32Array.from(chanceMoves.flatMap((m) => m.outcomes.map((o) => o.slot)));
    this.chanceProb = new Float64Array(this.chanceSlots.length);
    this.tableLength = game.payoffs.length;
    this.tables = new Float64Array(combos * this.tableLength);
    this.comboProb = new Float64Array(combos);
    this.uChance = new Float64Array(this.chanceCount);
    this.chanceDrawn = new Int32Array(this.chanceCount);

    const chanceIndex = new Map(tree.chance.map((k, c) => [k, c]));
    const order = this.ordered ? tree.playOrder : [];
    this.depth = order.length;
    this.mover = Int32Array.from(order, (k) => {
      const m = tree.moves[k];
      return m?.kind === 'actor' ? m.actor : M_CHANCE;
    });
    this.moverChance = Int32Array.from(order, (k) => chanceIndex.get(k) ?? -1);
    this.branch = Int32Array.from(order, (_, d) => {
      const a = this.mover[d] as number;
      return a === M_CHANCE
        ? (this.chanceSize[this.moverChance[d] as number] as number)
        : (game.counts[a] as number);
    });
    this.nodes = new Int32Array(this.depth + 1);
    this.nodes[0] = 1;
    for (let d = 0; d < this.depth; d++)
      this.nodes[d + 1] = (this.nodes[d] as number) * (this.branch[d] as number);
    this.val = Array.from(this.nodes, (c, d) => new Float64Array(d === this.depth ? 0 : c * this.n));
    this.beh = Array.from(this.branch, (b, d) => new Float64Array((this.nodes[d] as number) * b));
    const leaves = this.nodes[this.depth] as number;
    this.leafProfile = new Int32Array(this.ordered ? leaves : 0);
    this.leafCombo = new Int32Array(this.ordered ? leaves : 0);
    this.childIndex = Array.from(this.nodes.subarray(1), (c) => new Int32Array(c));
    if (this.ordered)
      for (let leaf = 0; leaf < leaves; leaf++) {
        let rest = leaf;
        let profile = 0;
        let combo = 0;
        for (let d = this.depth - 1; d >= 0; d--) {
          const b = this.branch[d] as number;
          const a = rest % b;
          rest = (rest - a) / b;
          const who = this.mover[d] as number;
          if (who === M_CHANCE) combo += a * (this.chanceStride[this.moverChance[d] as number] as number);
          else profile += a * (game.strides[who] as number);
        }
        this.leafProfile[leaf] = profile;
        this.leafCombo[leaf] = combo;
      }
    // children of the last mover are leaves, read in place from the tables; the others from val[d + 1]
    this.childIndex.forEach((idx, d) => {
      for (let c = 0; c < idx.length; c++)
        idx[c] =
          d === this.depth - 1
            ? (this.leafCombo[c] as number) * this.tableLength + (this.leafProfile[c] as number) * this.n
            : c * this.n;
    });
    this.kind = new Uint8Array(this.n);
    this.lambda = new Float64Array(this.n);
    this.fixed = model.actors.map((a, i) => {
      const c = game.counts[i] as number;
      const p = new Float64Array(c);
      const b = a.behaviour;
      if (b.model === 'logit') {
        this.kind[i] = K_LOGIT;
        this.lambda[i] = b.lambda;
      } else if (b.model === 'fixed') {
        this.kind[i] = K_FIXED;
        p[b.strategy] = 1;
      } else if (b.model === 'mixed') {
        this.kind[i] = K_FIXED;
        const sum = b.probabilities.reduce((s, x) => s + x, 0);
        b.probabilities.forEach((x, k) => (p[k] = x / sum));
      } else this.kind[i] = K_NASH;
      return p;
    });
    this.firstOnly = model.selection === 'first';
    this.hasNash = this.kind.some((k) => k === K_NASH);
    this.allPure = model.actors.every((a) => a.behaviour.model === 'nash' || a.behaviour.model === 'fixed');
    this.segments =
      tree.shape === 'imperfect' && this.depth > 0
        ? new TreeSegments(
            model,
            {
              n: this.n,
              depth: this.depth,
              mover: this.mover,
              moverChance: this.moverChance,
              branch: this.branch,
              nodes: this.nodes,
              val: this.val,
              beh: this.beh,
              tables: this.tables,
              leafIndex: this.childIndex[this.depth - 1] as Int32Array,
              chanceProb: this.chanceProb,
              chanceOff: this.chanceOff,
            },
            tree.subgameLevels ?? [0],
          )
        : null;
  }

  /** A new trial: the trial's chance stream. */
  startTrial(key: SeedKey, trial: number): void {
    this.chanceStream.reseed(key, trial, PURPOSE.chance);
  }

  /**
   * Steps 1–2 (and 3 for the simultaneous shape): chance probabilities, one payoff table per chance combination
   * built by `build` (which fills game.payoffs from env), then for the simultaneous shape the expected game left in
   * game.payoffs. `trial` 0-based, `round` 1-based (for messages).
   */
  begin(env: Float64Array, build: () => void, trial: number, round: number): void {
    this.evalChance(env, trial, round);
    const C = this.chanceCount;
    const slots = this.chanceSlots;
    const pay = this.game.payoffs;
    for (let combo = 0; combo < this.combos; combo++) {
      let p = 1;
      for (let c = 0; c < C; c++) {
        const o = ((combo / (this.chanceStride[c] as number)) | 0) % (this.chanceSize[c] as number);
        const off = this.chanceOff[c] as number;
        for (let k = 0; k < (this.chanceSize[c] as number); k++)
          env[slots[off + k] as number] = k === o ? 1 : 0;
        p *= this.chanceProb[off + o] as number;
      }
      this.comboProb[combo] = p;
      build();
      this.tables.set(pay, combo * this.tableLength);
    }
    if (!this.ordered) {
      const L = pay.length;
      for (let k = 0; k < L; k++) {
        let v = 0;
        for (let combo = 0; combo < this.combos; combo++)
          v += (this.comboProb[combo] as number) * (this.tables[combo * L + k] as number);
        pay[k] = v;
      }
    }
  }

  private evalChance(env: Float64Array, trial: number, round: number): void {
    const tree = this.model.tree!;
    const prob = this.chanceProb;
    for (let c = 0; c < this.chanceCount; c++) {
      const m = tree.moves[tree.chance[c] as number]!;
      if (m.kind !== 'chance') continue;
      const off = this.chanceOff[c] as number;
      const outs = m.outcomes;
      let sum = 0;
      let rest = -1;
      let bad = false;
      for (let k = 0; k < outs.length; k++) {
        const f = outs[k]!.probability;
        if (f === null) {
          rest = k;
          continue;
        }
        const v = f(env);
        if (!(v >= -CHANCE_TOLERANCE && v <= 1 + CHANCE_TOLERANCE)) bad = true;
        prob[off + k] = v < 0 ? 0 : v > 1 ? 1 : v;
        sum += v;
      }
      if (rest >= 0) {
        const v = 1 - sum;
        if (v < -CHANCE_TOLERANCE) bad = true;
        prob[off + rest] = v < 0 ? 0 : v > 1 ? 1 : v;
      } else if (Math.abs(sum - 1) > CHANCE_TOLERANCE) bad = true;
      if (bad) this.chanceFail(c, env, trial, round);
    }
  }

  private chanceFail(c: number, env: Float64Array, trial: number, round: number): never {
    const tree = this.model.tree!;
    const k = tree.chance[c] as number;
    const m = tree.moves[k]!;
    if (m.kind !== 'chance') throw new Error('unreachable');
    const parts = m.outcomes.map(
      (o) => `${o.id} = ${o.probability ? String(o.probability(env)) : 'the rest'}`,
    );
    throw new ChanceProbabilityError(
      `chance move "${m.id}" (tree.moves.${k}): its probabilities (${parts.join(', ')}) are not each between 0 and 1 summing to 1 (trial ${trial + 1}, round ${round})`,
      trial + 1,
      round,
    );
  }

  /**
   * Backward induction over the tree (perfect shape) or its segments (imperfect shape, with the round's selection
   * uniform uSelect), then the path: choices[choiceAt + i] per actor, and in `mix` (FloatGame offsets) each actor's
   * behaviour at the node the path reached (for replays and traces). Returns 0, or a PLAY_FAILED_* code
   * (StrategicFormPlay) when a segment's equilibrium or logit QRE could not be computed (nothing drawn then).
   */
  play(uActors: Float64Array, choices: Int32Array, choiceAt: number, mix: Float64Array, uSelect = 0): number {
    if (this.segments) {
      const status = this.segments.solve(uSelect);
      if (status < 0) return status;
      this.eqType = this.segments.eqType;
      this.pureCount = this.segments.pureCount;
    } else this.solve();
    let node = 0;
    for (let d = 0; d < this.depth; d++) {
      const b = this.branch[d] as number;
      const who = this.mover[d] as number;
      const u =
        who === M_CHANCE ? (this.uChance[this.moverChance[d] as number] as number) : (uActors[who] as number);
      const beh = this.beh[d] as Float64Array;
      const off = node * b;
      let a = 0;
      let acc = beh[off] as number;
      while (a < b - 1 && u >= acc) {
        a++;
        acc += beh[off + a] as number;
      }
      while (a > 0 && (beh[off + a] as number) === 0) a--;
      if (who === M_CHANCE) this.chanceDrawn[this.moverChance[d] as number] = a;
      else {
        choices[choiceAt + who] = a;
        const mo = this.game.offsets[who] as number;
        for (let k = 0; k < b; k++) mix[mo + k] = beh[off + k] as number;
      }
      node = node * b + a;
    }
    return 0;
  }

  /** Draw the chance uniforms of a round (always all of them, both shapes). */
  drawUniforms(): void {
    for (let c = 0; c < this.chanceCount; c++) this.uChance[c] = this.chanceStream.nextUniform();
  }

  /** Simultaneous shape: the chance outcomes drawn from their probabilities (independent of the choices). */
  drawChance(): void {
    for (let c = 0; c < this.chanceCount; c++) {
      const off = this.chanceOff[c] as number;
      const size = this.chanceSize[c] as number;
      const u = this.uChance[c] as number;
      let o = 0;
      let acc = this.chanceProb[off] as number;
      while (o < size - 1 && u >= acc) {
        o++;
        acc += this.chanceProb[off + o] as number;
      }
      while (o > 0 && (this.chanceProb[off + o] as number) === 0) o--;
      this.chanceDrawn[c] = o;
    }
  }

  /** Set the chance indicator slots to the drawn outcomes and record them at out[at + c]. */
  setDrawn(env: Float64Array, out: Int32Array, at: number): void {
    for (let c = 0; c < this.chanceCount; c++) {
      const off = this.chanceOff[c] as number;
      const o = this.chanceDrawn[c] as number;
      for (let k = 0; k < (this.chanceSize[c] as number); k++)
        env[this.chanceSlots[off + k] as number] = k === o ? 1 : 0;
      out[at + c] = o;
    }
  }

  /** The behaviour computed at `node` of depth `d` (play order): probabilities per action (a view). */
  behaviourAt(d: number, node: number): Float64Array {
    const b = this.branch[d] as number;
    return (this.beh[d] as Float64Array).subarray(node * b, node * b + b);
  }

  /** Continuation payoff of actor i at the root after the last solve (expected, under the behaviours). */
  rootValue(i: number): number {
    return (this.val[0] as Float64Array)[i] as number;
  }

  private solve(): void {
    const n = this.n;
    const K = this.depth;
    let spe = 1;
    for (let d = K - 1; d >= 0; d--) {
      const b = this.branch[d] as number;
      const who = this.mover[d] as number;
      const child = d === K - 1 ? this.tables : (this.val[d + 1] as Float64Array);
      const ci = this.childIndex[d] as Int32Array;
      const here = this.val[d] as Float64Array;
      const beh = this.beh[d] as Float64Array;
      const count = this.nodes[d] as number;
      for (let node = 0; node < count; node++) {
        const off = node * b;
        const c0 = off; // first child's index at depth d + 1
        if (who === M_CHANCE) {
          const c = this.moverChance[d] as number;
          const po = this.chanceOff[c] as number;
          for (let a = 0; a < b; a++) beh[off + a] = this.chanceProb[po + a] as number;
        } else {
          const k = this.kind[who];
          if (k === K_NASH) {
            let bv = child[(ci[c0] as number) + who] as number;
            for (let a = 1; a < b; a++) {
              const v = child[(ci[c0 + a] as number) + who] as number;
              if (v > bv) bv = v;
            }
            const tol = 1e-9 * (1 + (bv < 0 ? -bv : bv));
            let ties = 0;
            let pick = -1;
            for (let a = 0; a < b; a++) {
              if (bv - (child[(ci[c0 + a] as number) + who] as number) > tol) continue;
              ties++;
              if (pick < 0) pick = a;
            }
            if (ties > 1 && !this.firstOnly) {
              // payoff-dominant among the tied actions: the largest sum of every actor's continuation payoff
              let pickSum = 0;
              for (let i = 0; i < n; i++) pickSum += child[(ci[c0 + pick] as number) + i] as number;
              for (let a = pick + 1; a < b; a++) {
                if (bv - (child[(ci[c0 + a] as number) + who] as number) > tol) continue;
                let sum = 0;
                for (let i = 0; i < n; i++) sum += child[(ci[c0 + a] as number) + i] as number;
                if (sum > pickSum + 1e-9 * (1 + (pickSum < 0 ? -pickSum : pickSum))) {
                  pick = a;
                  pickSum = sum;
                }
              }
            }
            if (spe < 2147483647) spe *= ties;
            for (let a = 0; a < b; a++) beh[off + a] = a === pick ? 1 : 0;
            // a pure choice: the node's value is the chosen child's
            const from = ci[c0 + pick] as number;
            for (let i = 0; i < n; i++) here[node * n + i] = child[from + i] as number;
            continue;
          } else if (k === K_LOGIT) {
            const lam = this.lambda[who] as number;
            let vmax = child[(ci[c0] as number) + who] as number;
            for (let a = 1; a < b; a++) {
              const v = child[(ci[c0 + a] as number) + who] as number;
              if (v > vmax) vmax = v;
            }
            let z = 0;
            for (let a = 0; a < b; a++) {
              const w = exp(lam * ((child[(ci[c0 + a] as number) + who] as number) - vmax));
              beh[off + a] = w;
              z += w;
            }
            for (let a = 0; a < b; a++) beh[off + a] = (beh[off + a] as number) / z;
          } else {
            const fx = this.fixed[who] as Float64Array;
            for (let a = 0; a < b; a++) beh[off + a] = fx[a] as number;
          }
        }
        for (let i = 0; i < n; i++) {
          let v = 0;
          for (let a = 0; a < b; a++) {
            const p = beh[off + a] as number;
            if (p !== 0) v += p * (child[(ci[c0 + a] as number) + i] as number);
          }
          here[node * n + i] = v;
        }
      }
    }
    this.pureCount = this.hasNash ? (spe > 2147483647 ? 2147483647 : spe) : 0;
    this.eqType = !this.hasNash ? EQ_NONE : this.allPure ? EQ_PURE : EQ_MIXED;
  }
}
