// The class session state machine (pure; no clock, no randomness of its own): lobby → round open → revealed → next
// round … → ended. Every change is a SessionEvent; the state is a pure function of (config, scenario, events), so a
// journal of events replays to the identical state.
//
// Rules (README "Teach with class play"):
// - Roles: a joining student takes the role (actor) with the fewest students (ties: the scenario's first actor), so
//   role counts never differ by more than one.
// - Tables: each round seats the students at T tables (T = the largest role count), one seat per role; an empty
//   seat is played by a bot. Each table has its own world (TableWorld: the scenario's state, derived variables and
//   events, stepped by the engine's round logic; trial = table index), so multi-round scenarios are played with
//   their state. Matching: `fixed` seats the k-th student of a role (join order) at table k for the whole session;
//   `random` and `class` seat them by a random permutation per role, drawn from the stream (session seed, round,
//   PURPOSE.classMatching).
// - A student may choose only in the open round, only when seated, only one of their role's strategies; a later
//   choice replaces an earlier one until Reveal. Students who join while a round is open play from the next round.
// - Reveal: every seat without a choice (empty seat, or a student who did not choose — dropped, away) is played by
//   a bot following the scenario's behaviour model for that actor (nash with the scenario's selection rule, logit
//   λ, fixed, mixed, fictitious play), drawn from the table's stream. Payoffs: `fixed`/`random` — the actor's payoff
//   in the table's game at the table's profile; `class` — the expected payoff, in the student's table's game,
//   against the distribution of the other roles' choices over every seat of the round. A student's score sums the
//   payoffs of the choices they made themselves (a bot standing in earns nothing for them).
// - End: an open round is revealed first (no choice is lost), then the session is closed.
// Why one file over 400 lines: the state machine's transitions are one reducer (state × event → state); the
// matching, bots and fitting it calls live in their own files.
import type { Game } from '../games/Game';
import { RandomStream } from '../random/RandomStream';
import { PURPOSE, seedKey, type SeedKey } from '../random/seedKey';
import { gameAtEnvironment } from '../scenario/reduceToGame';
import type { RuntimeModel } from '../scenario/RuntimeModel';
import { classPlayRefusal } from './classPlayRefusal';
import { TableWorld } from './TableWorld';
import { NAME_PATTERN, type ClassConfig, type SessionEvent } from './sessionEvents';

export type ClassErrorCode =
  | 'ended'
  | 'bad-phase'
  | 'wrong-round'
  | 'no-more-rounds'
  | 'unknown-student'
  | 'not-seated'
  | 'bad-strategy'
  | 'full'
  | 'bad-name'
  | 'name-taken'
  | 'bad-event';

/** A rule of the session refused an event; nothing changed. */
export class ClassRuleError extends Error {
  override readonly name = 'ClassRuleError';
  constructor(
    readonly code: ClassErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Phase = 'lobby' | 'open' | 'revealed' | 'ended';

export type StudentRecord = {
  readonly id: number;
  readonly name: string;
  /** Actor index. */
  readonly role: number;
  readonly auth: string;
  readonly joinedAt: number;
  /** The round that was current when they joined (0 = lobby). */
  readonly joinedRound: number;
  score: number;
  /** Rounds in which they chose themselves. */
  played: number;
};

/** Who played a seat: the seated student, a bot standing in for a seated student who did not choose, or a bot. */
export type SeatKind = 'student' | 'stand-in' | 'bot';

export type TableRecord = {
  readonly index: number;
  /** seats[actor]: the seated student's id, or null (a bot's seat). */
  readonly seats: readonly (number | null)[];
  readonly game: Game;
  /** The bots' draws (what each actor's behaviour model plays at this table this round). */
  readonly botChoices: readonly number[];
  readonly stateBefore: readonly number[];
  /** After Reveal. */
  choices: number[] | null;
  kinds: SeatKind[] | null;
  payoffs: number[] | null;
  stateAfter: number[] | null;
  metrics: number[] | null;
  outcomes: number[] | null;
  events: number[] | null;
};

export type RoundRecord = {
  readonly round: number;
  readonly openedAt: number;
  revealedAt: number | null;
  readonly tables: readonly TableRecord[];
  /** Where each seated student sits. */
  readonly seatOf: ReadonlyMap<number, { readonly table: number; readonly actor: number }>;
  /** The latest choice of each student who chose (strategy index). */
  readonly choices: Map<number, number>;
};

/** Parameter values of a session: the scenario's defaults with the config's values applied (unknown ids refused). */
export const sessionParamValues = (
  model: RuntimeModel,
  params: Readonly<Record<string, number>>,
): Float64Array => {
  const known = new Set(model.params.map((p) => p.id));
  for (const id of Object.keys(params)) {
    if (!known.has(id)) throw new ClassRuleError('bad-event', `unknown parameter "${id}"`);
  }
  return Float64Array.from(
    model.params.map((p) => (Object.hasOwn(params, p.id) ? (params[p.id] as number) : p.value)),
  );
};

/** The nickname as stored: trimmed, inner spaces collapsed. */
export const normaliseName = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ');

export class ClassSession {
  readonly key: SeedKey;
  readonly paramValues: Float64Array;
  private readonly eventLog: SessionEvent[] = [];
  private readonly studentList: StudentRecord[] = [];
  private readonly roundList: RoundRecord[] = [];
  private readonly worlds: TableWorld[] = [];
  private readonly names = new Set<string>();
  private readonly gameCache = new Map<string, Game>();
  private currentPhase: Phase = 'lobby';
  private currentRound = 0;
  private endedAt: number | null = null;

  constructor(
    readonly config: ClassConfig,
    readonly model: RuntimeModel,
  ) {
    if (model.hash !== config.scenario.hash) {
      throw new ClassRuleError(
        'bad-event',
        `the scenario (hash ${model.hash.slice(0, 12)}…) is not the session's (hash ${config.scenario.hash.slice(0, 12)}…)`,
      );
    }
    const refusal = classPlayRefusal(model);
    if (refusal) throw new ClassRuleError('bad-event', refusal);
    this.key = seedKey(config.seed);
    this.paramValues = sessionParamValues(model, config.params);
  }

  get phase(): Phase {
    return this.currentPhase;
  }
  /** The current round (0 in the lobby). */
  get round(): number {
    return this.currentRound;
  }
  get students(): readonly StudentRecord[] {
    return this.studentList;
  }
  /** rounds[r - 1]: round r's record. */
  get rounds(): readonly RoundRecord[] {
    return this.roundList;
  }
  get events(): readonly SessionEvent[] {
    return this.eventLog;
  }
  get ended(): number | null {
    return this.endedAt;
  }
  get currentRecord(): RoundRecord | null {
    return this.roundList[this.currentRound - 1] ?? null;
  }

  /** `name` if free, else `name 2`, `name 3`, … (case-insensitive), truncated to fit 24 characters. */
  uniqueName(name: string): string {
    const base = normaliseName(name);
    if (!this.names.has(base.toLowerCase())) return base;
    for (let k = 2; ; k++) {
      const suffix = ` ${k}`;
      const candidate = `${base.slice(0, 24 - suffix.length).trimEnd()}${suffix}`;
      if (!this.names.has(candidate.toLowerCase())) return candidate;
    }
  }

  /** Throws ClassRuleError when `e` may not happen now; changes nothing. */
  validate(e: SessionEvent): void {
    if (this.currentPhase === 'ended') throw new ClassRuleError('ended', 'the session has ended');
    switch (e.e) {
      case 'join': {
        if (this.studentList.length >= this.config.maxStudents) {
          throw new ClassRuleError('full', `the session is full (${this.config.maxStudents} students)`);
        }
        if (e.student !== this.studentList.length) {
          throw new ClassRuleError(
            'bad-event',
            `the next student id is ${this.studentList.length}, not ${e.student}`,
          );
        }
        if (e.name !== normaliseName(e.name) || !NAME_PATTERN.test(e.name) || /^bot\b/i.test(e.name)) {
          throw new ClassRuleError(
            'bad-name',
            'a nickname is 1 to 24 letters, digits, spaces and . _ \' - (not starting with "bot")',
          );
        }
        if (this.names.has(e.name.toLowerCase())) {
          throw new ClassRuleError('name-taken', `the nickname "${e.name}" is taken`);
        }
        return;
      }
      case 'open': {
        if (this.currentPhase === 'open')
          throw new ClassRuleError('bad-phase', `round ${this.currentRound} is still open`);
        if (e.round !== this.currentRound + 1) {
          throw new ClassRuleError(
            'wrong-round',
            `the next round is ${this.currentRound + 1}, not ${e.round}`,
          );
        }
        if (e.round > this.config.rounds) {
          throw new ClassRuleError('no-more-rounds', `the session has ${this.config.rounds} rounds`);
        }
        return;
      }
      case 'choose': {
        const s = this.studentList[e.student];
        if (!s) throw new ClassRuleError('unknown-student', `no student ${e.student}`);
        if (this.currentPhase !== 'open') throw new ClassRuleError('bad-phase', 'no round is open');
        if (e.round !== this.currentRound) {
          throw new ClassRuleError('wrong-round', `round ${this.currentRound} is open, not round ${e.round}`);
        }
        const rec = this.roundList[e.round - 1] as RoundRecord;
        if (!rec.seatOf.has(e.student)) {
          throw new ClassRuleError(
            'not-seated',
            'you joined during this round: you play from the next round',
          );
        }
        const count = this.model.actors[s.role]?.strategies.length ?? 0;
        if (!(e.strategy < count)) {
          throw new ClassRuleError(
            'bad-strategy',
            `strategy ${e.strategy} is not one of your ${count} strategies`,
          );
        }
        return;
      }
      case 'reveal': {
        if (this.currentPhase !== 'open') throw new ClassRuleError('bad-phase', 'no round is open');
        if (e.round !== this.currentRound) {
          throw new ClassRuleError('wrong-round', `round ${this.currentRound} is open, not round ${e.round}`);
        }
        return;
      }
      case 'end':
        return;
    }
  }

  /** Validate and apply one event (ClassRuleError, and no change, when it may not happen now). */
  apply(e: SessionEvent): void {
    this.validate(e);
    switch (e.e) {
      case 'join': {
        const counts = this.model.actors.map(() => 0);
        for (const s of this.studentList) counts[s.role] = (counts[s.role] as number) + 1;
        let role = 0;
        counts.forEach((c, a) => {
          if (c < (counts[role] as number)) role = a;
        });
        this.studentList.push({
          id: e.student,
          name: e.name,
          role,
          auth: e.auth,
          joinedAt: e.at,
          joinedRound: this.currentRound,
          score: 0,
          played: 0,
        });
        this.names.add(e.name.toLowerCase());
        break;
      }
      case 'open':
        this.openRound(e.round, e.at);
        break;
      case 'choose':
        (this.roundList[e.round - 1] as RoundRecord).choices.set(e.student, e.strategy);
        break;
      case 'reveal':
        this.revealRound(e.round, e.at);
        break;
      case 'end':
        if (this.currentPhase === 'open') this.revealRound(this.currentRound, e.at);
        this.currentPhase = 'ended';
        this.endedAt = e.at;
        break;
    }
    this.eventLog.push(e);
  }

  /** Seat assignment of round r: seats[table][actor] = student id or null. */
  private seat(r: number): (number | null)[][] {
    const nA = this.model.actors.length;
    const byRole: number[][] = this.model.actors.map(() => []);
    for (const s of this.studentList) (byRole[s.role] as number[]).push(s.id);
    const T = Math.max(1, ...byRole.map((l) => l.length));
    const seats: (number | null)[][] = Array.from({ length: T }, () =>
      new Array<number | null>(nA).fill(null),
    );
    if (this.config.matching === 'fixed') {
      byRole.forEach((ids, a) => ids.forEach((id, k) => ((seats[k] as (number | null)[])[a] = id)));
      return seats;
    }
    const stream = new RandomStream().reseed(this.key, r, PURPOSE.classMatching);
    byRole.forEach((ids, a) => {
      // Fisher–Yates permutation of the T tables, one per role, always T − 1 draws (aligned across rosters).
      const perm = Array.from({ length: T }, (_, t) => t);
      for (let i = T - 1; i > 0; i--) {
        const j = Math.floor(stream.nextUniform() * (i + 1));
        const tmp = perm[i] as number;
        perm[i] = perm[j] as number;
        perm[j] = tmp;
      }
      ids.forEach((id, k) => ((seats[perm[k] as number] as (number | null)[])[a] = id));
    });
    return seats;
  }

  private gameOf(start: { payoffs: Float64Array; env: Float64Array }): Game {
    const key = Array.from(start.payoffs).join(',');
    let g = this.gameCache.get(key);
    if (!g) {
      g = gameAtEnvironment(this.model, start.env);
      if (this.gameCache.size > 10_000) this.gameCache.clear();
      this.gameCache.set(key, g);
    }
    return g;
  }

  private openRound(r: number, at: number): void {
    const seats = this.seat(r);
    while (this.worlds.length < seats.length) {
      const t = this.worlds.length;
      this.worlds.push(new TableWorld(this.model, this.key, t, this.paramValues, this.config.rounds, r));
    }
    const seatOf = new Map<number, { table: number; actor: number }>();
    const tables: TableRecord[] = seats.map((row, t) => {
      row.forEach((id, a) => {
        if (id !== null) seatOf.set(id, { table: t, actor: a });
      });
      const start = (this.worlds[t] as TableWorld).open(r);
      return {
        index: t,
        seats: row,
        game: this.gameOf(start),
        botChoices: start.botChoices,
        stateBefore: start.stateBefore,
        choices: null,
        kinds: null,
        payoffs: null,
        stateAfter: null,
        metrics: null,
        outcomes: null,
        events: null,
      };
    });
    // Worlds of tables not used this round (the roster never shrinks, so there are none) would stay behind.
    this.roundList.push({ round: r, openedAt: at, revealedAt: null, tables, seatOf, choices: new Map() });
    this.currentRound = r;
    this.currentPhase = 'open';
  }

  private revealRound(r: number, at: number): void {
    const rec = this.roundList[r - 1] as RoundRecord;
    const nA = this.model.actors.length;
    for (const t of rec.tables) {
      const choices: number[] = [];
      const kinds: SeatKind[] = [];
      t.seats.forEach((id, a) => {
        const c = id === null ? undefined : rec.choices.get(id);
        if (c !== undefined) {
          choices.push(c);
          kinds.push('student');
        } else {
          choices.push(t.botChoices[a] as number);
          kinds.push(id === null ? 'bot' : 'stand-in');
        }
      });
      t.choices = choices;
      t.kinds = kinds;
      const end = (this.worlds[t.index] as TableWorld).close(r, choices);
      t.stateAfter = [...end.stateAfter];
      t.metrics = [...end.metrics];
      t.outcomes = [...end.outcomes];
      t.events = [...end.events];
    }
    // Payoffs.
    const sizes = this.model.actors.map((a) => a.strategies.length);
    if (this.config.matching === 'class') {
      const counts = sizes.map((k) => new Array<number>(k).fill(0));
      for (const t of rec.tables) {
        (t.choices as number[]).forEach((s, a) => {
          const row = counts[a] as number[];
          row[s] = (row[s] as number) + 1;
        });
      }
      const shares = counts.map((row) => row.map((c) => c / rec.tables.length));
      for (const t of rec.tables) {
        t.payoffs = (t.choices as number[]).map((s, a) => expectedPayoff(t.game, a, s, shares));
      }
    } else {
      for (const t of rec.tables) {
        const idx = profileIndexOf(sizes, t.choices as number[]);
        t.payoffs = Array.from(
          { length: nA },
          (_, a) => (t.game.payoffs[idx] as readonly number[])[a] as number,
        );
      }
    }
    for (const t of rec.tables) {
      t.seats.forEach((id, a) => {
        if (id !== null && t.kinds?.[a] === 'student') {
          const s = this.studentList[id] as StudentRecord;
          s.score += (t.payoffs as number[])[a] as number;
          s.played += 1;
        }
      });
    }
    rec.revealedAt = at;
    this.currentPhase = 'revealed';
  }

  /** The full state as plain JSON (for tests: replaying a journal must give the identical snapshot). */
  snapshot(): unknown {
    return {
      phase: this.currentPhase,
      round: this.currentRound,
      endedAt: this.endedAt,
      students: this.studentList.map((s) => ({ ...s })),
      rounds: this.roundList.map((r) => ({
        round: r.round,
        openedAt: r.openedAt,
        revealedAt: r.revealedAt,
        choices: [...r.choices.entries()].sort((a, b) => a[0] - b[0]),
        tables: r.tables.map((t) => ({ ...t, game: t.game.payoffs })),
      })),
    };
  }
}

/** Profile index (Gambit order: the first actor fastest). */
export const profileIndexOf = (sizes: readonly number[], profile: readonly number[]): number => {
  let idx = 0;
  for (let a = sizes.length - 1; a >= 0; a--) idx = idx * (sizes[a] as number) + (profile[a] as number);
  return idx;
};

/** Expected payoff of actor `a` playing `s` against independent mixed strategies `shares` of the other actors. */
export const expectedPayoff = (
  game: Game,
  a: number,
  s: number,
  shares: readonly (readonly number[])[],
): number => {
  const sizes = game.strategies.map((x) => x.length);
  let total = 0;
  for (let p = 0; p < game.payoffs.length; p++) {
    let rest = p;
    let w = 1;
    let own = -1;
    for (let i = 0; i < sizes.length; i++) {
      const k = sizes[i] as number;
      const si = rest % k;
      rest = Math.floor(rest / k);
      if (i === a) own = si;
      else w *= (shares[i] as readonly number[])[si] as number;
    }
    if (own === s && w !== 0) total += w * ((game.payoffs[p] as readonly number[])[a] as number);
  }
  return total;
};
