// The `imperfect` shape of a tree round (RuntimeModel.tree): subgame decomposition (Selten 1965) on the buffers of
// TreeRoundPlayer, allocation-free per round (hand-written for the same reason as that kernel: it runs in every round
// of every trial; the exact reference is subgamePerfect/verifyBehaviour, see treeRoundImperfect.test.ts).
//
// The play order's levels are cut at `subgameLevels` (models/scenario/treeSubgameLevels.ts: where proper subgames
// start). Segments are solved from the last to the first. A segment [a, b) at one node q of level a (one "instance",
// a proper subgame with its later subgames already solved) is a finite game among the actors moving at levels a..b−1:
//  - a mover's pure strategies are an action at each of its information sets in the segment (the combinations of the
//    actions at the segment's earlier moves it observes; what happened before level a it observes by construction),
//    strategy s playing action ⌊s / c^h⌋ mod c at information set h (c: its number of actions);
//  - the payoff of a pure profile is the expectation over the segment's chance moves of the values of the level-b
//    nodes it reaches (the solved later subgames, or the leaves);
//  - the movers play it through StrategicFormPlay exactly as a simultaneous round is played: nash movers the
//    equilibrium the scenario's selection rule picks (with the round's selection uniform; no pure equilibrium → the
//    same mixed fallback), logit movers the logit QRE of the segment's strategic form at their λ, fixed and mixed
//    movers their probabilities at every information set (a product mixed strategy);
//  - the instance's value (every actor's expected payoff under that play) becomes the value of node q, and each
//    mover's behaviour at each of its nodes is the marginal of its mixed strategy at the node's information set (each
//    actor moves once a round, so this is its behaviour strategy, Kuhn 1953); chance nodes carry their probabilities.
// A segment with one mover and no chance move is a single decision node's choice, a segment whose movers observe
// nothing inside it a simultaneous game. The path is then drawn by TreeRoundPlayer.play as for the perfect shape.
// Recorded per round: the kind of equilibrium the nash movers play (EQ_MIXED if any instance's selection is mixed,
// else EQ_PURE; EQ_NONE without nash actors) and the product over instances of their pure-equilibrium counts (the
// number of pure subgame-perfect profiles given the continuation selected below; capped at 2^31 − 1).
import { FloatGame } from '../games/kernels/FloatGame';
import type { RuntimeModel } from '../scenario/RuntimeModel';
import { EQ_MIXED, EQ_NONE, EQ_PURE } from './EquilibriumSelector';
import { PLAY_GIVEN, PLAY_LOGIT, PLAY_NASH, StrategicFormPlay } from './StrategicFormPlay';

/** The play-order tree and buffers of TreeRoundPlayer that the segments read and write. */
export type TreeBuffers = {
  readonly n: number;
  readonly depth: number;
  /** Per level: actor index, or −1 for chance; its chance index; its number of actions. */
  readonly mover: Int32Array;
  readonly moverChance: Int32Array;
  readonly branch: Int32Array;
  /** Nodes per level (nodes[depth]: leaves). */
  readonly nodes: Int32Array;
  /** Per level: node values (node × actors) and behaviours (node × actions). */
  readonly val: Float64Array[];
  readonly beh: Float64Array[];
  /** Payoff tables (combo × profiles × actors) and, per leaf, where its payoffs start in them. */
  readonly tables: Float64Array;
  readonly leafIndex: Int32Array;
  readonly chanceProb: Float64Array;
  readonly chanceOff: Int32Array;
};

const INT_MAX = 2147483647;

/** c^h for small integers (exact; compileTree bounds the results by MAX_SEGMENT_FORM). */
const intPower = (c: number, h: number): number => {
  let r = 1;
  for (let k = 0; k < h; k++) r *= c;
  return r;
};

type Segment = {
  readonly a: number;
  readonly b: number;
  /** Nodes of level b below one node of level a. */
  readonly span: number;
  readonly moverLevel: Int32Array;
  readonly moverActor: Int32Array;
  /** Per mover: its information sets in the segment, and for each of its level's nodes below one instance, its set. */
  readonly infosets: Int32Array;
  readonly infosetOf: Int32Array[];
  readonly game: FloatGame | null;
  readonly mix: Float64Array;
  readonly play: StrategicFormPlay | null;
  readonly chanceLevel: Int32Array;
  readonly combos: number;
  /** Per chance combination, the outcome of each of the segment's chance moves. */
  readonly comboOutcome: Int32Array;
  /** leaf[profile × combos + combo]: the level-b node reached, relative to the instance. */
  readonly leaf: Int32Array;
  readonly w: Float64Array;
  readonly hasNash: boolean;
};

export class TreeSegments {
  eqType = EQ_NONE;
  pureCount = 0;
  private readonly t: TreeBuffers;
  private readonly segments: Segment[];
  private readonly hasNash: boolean;
  private readonly scratch: Float64Array;

  constructor(model: RuntimeModel, t: TreeBuffers, levels: readonly number[]) {
    this.t = t;
    const counts = model.actors.map((a) => a.strategies.length);
    let scratch = 1;
    this.segments = levels.map((a, s) => {
      const b = levels[s + 1] ?? t.depth;
      const inst = t.nodes[a] as number;
      const span = (t.nodes[b] as number) / inst;
      const moverLevel: number[] = [];
      const chanceLevel: number[] = [];
      for (let d = a; d < b; d++) ((t.mover[d] as number) < 0 ? chanceLevel : moverLevel).push(d);
      const moverActor = moverLevel.map((d) => t.mover[d] as number);
      const observes = moverActor.map((i) => {
        const m = model.tree!.moves.find((mv) => mv.kind === 'actor' && mv.actor === i);
        return m && m.kind === 'actor' ? m.observes : [];
      });
      const playOrder = model.tree!.playOrder;
      // information sets: mixed radix over the observed levels in [a, d)
      const infosets: number[] = [];
      const infosetOf = moverLevel.map((d, j) => {
        const seen: number[] = [];
        for (let i = a; i < d; i++) if (observes[j]!.includes(playOrder[i] as number)) seen.push(i);
        let count = 1;
        for (const i of seen) count *= t.branch[i] as number;
        infosets.push(count);
        const local = (t.nodes[d] as number) / inst;
        const of = new Int32Array(local);
        for (let node = 0; node < local; node++) {
          // digits of the path from level a to level d
          let rest = node;
          let h = 0;
          let radix = 1;
          for (let i = d - 1; i >= a; i--) {
            const br = t.branch[i] as number;
            const digit = rest % br;
            rest = (rest - digit) / br;
            if (seen.includes(i)) {
              h += digit * radix;
              radix *= br;
            }
          }
          of[node] = h;
        }
        return of;
      });
      const sizes = moverActor.map((i, j) => intPower(counts[i] as number, infosets[j] as number));
      const game = moverActor.length ? new FloatGame(sizes) : null;
      const mix = new Float64Array(game?.totalStrategies ?? 0);
      const kinds = moverActor.map((i) => {
        const m = model.actors[i]!.behaviour.model;
        return m === 'nash' ? PLAY_NASH : m === 'logit' ? PLAY_LOGIT : PLAY_GIVEN;
      });
      const lambdas = moverActor.map((i) => {
        const beh = model.actors[i]!.behaviour;
        return beh.model === 'logit' ? beh.lambda : 0;
      });
      // fixed and mixed movers: their probabilities at every information set (a product mixed strategy)
      moverActor.forEach((i, j) => {
        if (kinds[j] !== PLAY_GIVEN || !game) return;
        const beh = model.actors[i]!.behaviour;
        const c = counts[i] as number;
        const p = new Float64Array(c);
        if (beh.model === 'fixed') p[beh.strategy] = 1;
        else if (beh.model === 'mixed') {
          const sum = beh.probabilities.reduce((x, y) => x + y, 0);
          beh.probabilities.forEach((x, k) => (p[k] = x / sum));
        }
        const off = game.offsets[j] as number;
        for (let st = 0; st < (sizes[j] as number); st++) {
          let q = 1;
          let rest = st;
          for (let h = 0; h < (infosets[j] as number); h++) {
            q *= p[rest % c] as number;
            rest = Math.floor(rest / c);
          }
          mix[off + st] = q;
        }
      });
      const play = game ? new StrategicFormPlay(game, mix, kinds, lambdas, model.selection) : null;
      let combos = 1;
      for (const d of chanceLevel) combos *= t.branch[d] as number;
      const comboOutcome = new Int32Array(combos * chanceLevel.length);
      for (let w = 0; w < combos; w++) {
        let rest = w;
        chanceLevel.forEach((d, k) => {
          const br = t.branch[d] as number;
          comboOutcome[w * chanceLevel.length + k] = rest % br;
          rest = Math.floor(rest / br);
        });
      }
      const profiles = game?.profiles ?? 1;
      const leaf = new Int32Array(profiles * combos);
      const act = new Int32Array(b - a);
      for (let p = 0; p < profiles; p++)
        for (let w = 0; w < combos; w++) {
          let node = 0;
          for (let d = a; d < b; d++) {
            const who = t.mover[d] as number;
            let x: number;
            if (who < 0) x = comboOutcome[w * chanceLevel.length + chanceLevel.indexOf(d)] as number;
            else {
              const j = moverLevel.indexOf(d);
              const st = Math.floor(p / (game!.strides[j] as number)) % (sizes[j] as number);
              const c = counts[who] as number;
              // its information set: the observed actions so far (the radix of infosetOf)
              let h = 0;
              let radix = 1;
              for (let i = d - 1; i >= a; i--)
                if (observes[j]!.includes(playOrder[i] as number)) {
                  h += (act[i - a] as number) * radix;
                  radix *= t.branch[i] as number;
                }
              x = Math.floor(st / intPower(c, h)) % c;
            }
            act[d - a] = x;
            node = node * (t.branch[d] as number) + x;
          }
          leaf[p * combos + w] = node;
        }
      moverActor.forEach((i, j) => {
        scratch = Math.max(scratch, (counts[i] as number) * (infosets[j] as number));
      });
      return {
        a,
        b,
        span,
        moverLevel: Int32Array.from(moverLevel),
        moverActor: Int32Array.from(moverActor),
        infosets: Int32Array.from(infosets),
        infosetOf,
        game,
        mix,
        play,
        chanceLevel: Int32Array.from(chanceLevel),
        combos,
        comboOutcome,
        leaf,
        w: new Float64Array(combos),
        hasNash: kinds.includes(PLAY_NASH),
      };
    });
    this.hasNash = this.segments.some((s) => s.hasNash);
    this.scratch = new Float64Array(scratch);
  }

  /** Solve every segment, last first, with the round's selection uniform u: 0, or a PLAY_FAILED_* code. */
  solve(u: number): number {
    const segs = this.segments;
    let spe = 1;
    let mixed = false;
    for (let s = segs.length - 1; s >= 0; s--) {
      const status = this.solveSegment(segs[s] as Segment, u);
      if (status < 0) return status;
      const seg = segs[s] as Segment;
      if (!seg.hasNash) continue;
      if (this.lastMixed) mixed = true;
      spe = spe * this.lastPure;
      if (spe > INT_MAX) spe = INT_MAX;
    }
    this.pureCount = this.hasNash ? spe : 0;
    this.eqType = !this.hasNash ? EQ_NONE : mixed ? EQ_MIXED : EQ_PURE;
    return 0;
  }

  private lastMixed = false;
  private lastPure = 1;

  private solveSegment(seg: Segment, u: number): number {
    const t = this.t;
    const n = t.n;
    const { a, b, span, combos, leaf, w, game, mix, play } = seg;
    const toLeaves = b === t.depth;
    const V = toLeaves ? t.tables : (t.val[b] as Float64Array);
    const leafIndex = t.leafIndex;
    const chLevels = seg.chanceLevel;
    const nc = chLevels.length;
    for (let x = 0; x < combos; x++) {
      let p = 1;
      for (let k = 0; k < nc; k++) {
        const c = t.moverChance[chLevels[k] as number] as number;
        p *= t.chanceProb[(t.chanceOff[c] as number) + (seg.comboOutcome[x * nc + k] as number)] as number;
      }
      w[x] = p;
    }
    const inst = t.nodes[a] as number;
    const here = t.val[a] as Float64Array;
    const profiles = game ? game.profiles : 1;
    const J = seg.moverActor.length;
    let pure = 1;
    this.lastMixed = false;
    for (let q = 0; q < inst; q++) {
      const base = q * span;
      if (game && play) {
        const pay = game.payoffs;
        for (let p = 0; p < profiles; p++)
          for (let j = 0; j < J; j++) {
            const i = seg.moverActor[j] as number;
            let v = 0;
            for (let x = 0; x < combos; x++) {
              const wx = w[x] as number;
              if (wx === 0) continue;
              const node = base + (leaf[p * combos + x] as number);
              v += wx * (V[(toLeaves ? (leafIndex[node] as number) : node * n) + i] as number);
            }
            pay[p * J + j] = v;
          }
        const status = play.play(u);
        if (status < 0) return status;
        if (seg.hasNash) {
          if (play.eqType === EQ_MIXED) this.lastMixed = true;
          pure *= play.pureCount;
          if (pure > INT_MAX) pure = INT_MAX;
        }
      }
      // the instance's value under the movers' mixes and chance
      for (let i = 0; i < n; i++) here[q * n + i] = 0;
      for (let p = 0; p < profiles; p++) {
        let pp = 1;
        if (game)
          for (let j = 0; j < J; j++) {
            const st = Math.floor(p / (game.strides[j] as number)) % (game.counts[j] as number);
            pp *= mix[(game.offsets[j] as number) + st] as number;
            if (pp === 0) break;
          }
        if (pp === 0) continue;
        for (let x = 0; x < combos; x++) {
          const wx = pp * (w[x] as number);
          if (wx === 0) continue;
          const node = base + (leaf[p * combos + x] as number);
          const off = toLeaves ? (leafIndex[node] as number) : node * n;
          for (let i = 0; i < n; i++)
            here[q * n + i] = (here[q * n + i] as number) + wx * (V[off + i] as number);
        }
      }
      // behaviours at the segment's nodes below q
      for (let j = 0; j < J; j++) {
        const d = seg.moverLevel[j] as number;
        const c = t.branch[d] as number;
        const H = seg.infosets[j] as number;
        const m = this.scratch;
        m.fill(0, 0, H * c);
        const off = game!.offsets[j] as number;
        const S = game!.counts[j] as number;
        for (let st = 0; st < S; st++) {
          const ps = mix[off + st] as number;
          if (ps === 0) continue;
          let rest = st;
          for (let h = 0; h < H; h++) {
            const x = rest % c;
            rest = (rest - x) / c;
            m[h * c + x] = (m[h * c + x] as number) + ps;
          }
        }
        const of = seg.infosetOf[j] as Int32Array;
        const local = of.length;
        const beh = t.beh[d] as Float64Array;
        for (let k = 0; k < local; k++) {
          const h = of[k] as number;
          const o = (q * local + k) * c;
          for (let x = 0; x < c; x++) beh[o + x] = m[h * c + x] as number;
        }
      }
      for (let k = 0; k < nc; k++) {
        const d = chLevels[k] as number;
        const c = t.branch[d] as number;
        const po = t.chanceOff[t.moverChance[d] as number] as number;
        const local = (t.nodes[d] as number) / inst;
        const beh = t.beh[d] as Float64Array;
        for (let node = q * local; node < (q + 1) * local; node++)
          for (let x = 0; x < c; x++) beh[node * c + x] = t.chanceProb[po + x] as number;
      }
    }
    this.lastPure = pure;
    return 0;
  }
}
