import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ClassRuleError,
  ClassSession,
  expectedPayoff,
  profileIndexOf,
} from '../../../models/class/ClassSession';
import { sessionEventSchema, type SessionEvent } from '../../../models/class/sessionEvents';
import { reduceToGame } from '../../../models/scenario/reduceToGame';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { at, builtinModel, configFor, join, newSession } from './classFixtures';

const roleCounts = (s: ClassSession): number[] => {
  const c = s.model.actors.map(() => 0);
  for (const st of s.students) c[st.role]! += 1;
  return c;
};

/** Play a round: every seated student in `choosers` picks `pick(student)`; then reveal. */
const playRound = (s: ClassSession, pick: (id: number) => number | null): void => {
  const r = s.round + 1;
  s.apply({ e: 'open', round: r, at: at() });
  for (const st of s.students) {
    const c = pick(st.id);
    if (c !== null && s.currentRecord!.seatOf.has(st.id)) {
      s.apply({ e: 'choose', student: st.id, round: r, strategy: c, at: at() });
    }
  }
  s.apply({ e: 'reveal', round: r, at: at() });
};

describe('ClassSession: roles and matching', () => {
  it('balances roles: counts never differ by more than one, for any number of joins (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('chicken', 'korea-2025', 'rock-paper-scissors'),
        fc.integer({ min: 0, max: 60 }),
        (id, n) => {
          const s = newSession(id);
          for (let k = 0; k < n; k++) join(s, `Student ${k}`);
          const c = roleCounts(s);
          expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('seats every student exactly once per round, one seat per role at each of max(role count) tables (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('random', 'fixed', 'class') as fc.Arbitrary<'random' | 'fixed' | 'class'>,
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 5 }),
        fc.string({ minLength: 1, maxLength: 8 }),
        (matching, before, late, seed) => {
          const s = newSession('chicken', { matching, seed, rounds: 3 });
          for (let k = 0; k < before; k++) join(s, `S${k}`);
          const tablesOf: number[][] = [];
          for (let r = 1; r <= 3; r++) {
            s.apply({ e: 'open', round: r, at: at() });
            const rec = s.currentRecord!;
            const roster = s.students.filter((st) => st.joinedRound < r || (st.joinedRound === 0 && r >= 1));
            const c = s.model.actors.map(() => 0);
            for (const st of roster) c[st.role]! += 1;
            expect(rec.tables.length).toBe(Math.max(1, ...c));
            const seen = new Set<number>();
            for (const t of rec.tables) {
              t.seats.forEach((id, a) => {
                if (id === null) return;
                expect(seen.has(id)).toBe(false);
                seen.add(id);
                expect(s.students[id]!.role).toBe(a);
              });
            }
            expect([...seen].sort((x, y) => x - y)).toEqual(roster.map((st) => st.id));
            expect([...rec.seatOf.keys()].sort((x, y) => x - y)).toEqual(roster.map((st) => st.id));
            tablesOf.push(roster.map((st) => rec.seatOf.get(st.id)!.table));
            // students who join during an open round wait for the next one
            for (let k = 0; k < (r === 1 ? late : 0); k++) join(s, `L${k}`);
            s.apply({ e: 'reveal', round: r, at: at() });
          }
          if (matching === 'fixed') {
            // partners fixed: a student's table never changes
            const first = tablesOf[0]!;
            for (const row of tablesOf) expect(row.slice(0, first.length)).toEqual(first);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('random matching draws new partners from the seeded stream: same seed, same tables; another seed, others', () => {
    const tables = (seed: string): number[][] => {
      const s = newSession('chicken', { matching: 'random', seed, rounds: 4 });
      for (let k = 0; k < 20; k++) join(s, `S${k}`);
      const out: number[][] = [];
      for (let r = 1; r <= 4; r++) {
        playRound(s, () => 0);
        out.push(s.students.map((st) => s.rounds[r - 1]!.seatOf.get(st.id)!.table));
      }
      return out;
    };
    const a = tables('one');
    expect(tables('one')).toEqual(a);
    expect(tables('two')).not.toEqual(a);
    // partners change from round to round
    expect(a[1]).not.toEqual(a[0]);
  });
});

describe('ClassSession: payoffs', () => {
  it('pays each seat its payoff in the round game (random and fixed matching)', () => {
    for (const matching of ['random', 'fixed'] as const) {
      const s = newSession('chicken', { matching, params: { crash: -7 }, rounds: 3 });
      const game = reduceToGame(s.model, { params: { crash: -7 } });
      for (let k = 0; k < 9; k++) join(s, `S${k}`);
      for (let r = 1; r <= 3; r++) playRound(s, (id) => (id * 7 + r) % 2);
      const scores = s.students.map(() => 0);
      for (const rec of s.rounds) {
        for (const t of rec.tables) {
          expect(t.game.payoffs).toEqual(game.payoffs);
          const idx = profileIndexOf([2, 2], t.choices!);
          t.seats.forEach((id, a) => {
            expect(t.payoffs![a]).toBe(game.payoffs[idx]![a]);
            if (id !== null) {
              expect(t.kinds![a]).toBe('student');
              expect(t.choices![a]).toBe((id * 7 + rec.round) % 2);
              scores[id]! += game.payoffs[idx]![a]!;
            } else expect(t.kinds![a]).toBe('bot');
          });
        }
      }
      expect(s.students.map((st) => st.score)).toEqual(scores);
    }
  });

  it('class matching pays the expected payoff against the class distribution of the other role', () => {
    const s = newSession('chicken', { matching: 'class', rounds: 1 });
    for (let k = 0; k < 8; k++) join(s, `S${k}`);
    // Driver A (role 0): ids 0,2,4,6; Driver B: 1,3,5,7. A: 3 swerve 1 straight; B: 1 swerve 3 straight.
    const picks = [0, 0, 0, 1, 0, 1, 1, 1];
    playRound(s, (id) => picks[id]!);
    const game = reduceToGame(s.model);
    const u = (p: number, a: number): number => game.payoffs[p]![a]!;
    for (const st of s.students) {
      const mine = picks[st.id]!;
      const other = st.role === 0 ? [1 / 4, 3 / 4] : [3 / 4, 1 / 4];
      // by hand: Σ over the other's strategy
      const expected =
        st.role === 0
          ? other[0]! * u(profileIndexOf([2, 2], [mine, 0]), 0) +
            other[1]! * u(profileIndexOf([2, 2], [mine, 1]), 0)
          : other[0]! * u(profileIndexOf([2, 2], [0, mine]), 1) +
            other[1]! * u(profileIndexOf([2, 2], [1, mine]), 1);
      expect(st.score).toBeCloseTo(expected, 12);
    }
    expect(
      expectedPayoff(game, 0, 0, [
        [1, 0],
        [0.5, 0.5],
      ]),
    ).toBeCloseTo(0.5 * u(0, 0) + 0.5 * u(2, 0), 12);
  });

  it('bots stand in for students who did not choose, and earn nothing for them', () => {
    const s = newSession('chicken', { matching: 'fixed', rounds: 2 });
    for (let k = 0; k < 4; k++) join(s, `S${k}`);
    playRound(s, (id) => (id === 3 ? null : 0));
    const rec = s.rounds[0]!;
    const at3 = rec.seatOf.get(3)!;
    const t = rec.tables[at3.table]!;
    expect(t.kinds![at3.actor]).toBe('stand-in');
    expect(t.choices![at3.actor]).toBe(t.botChoices[at3.actor]);
    expect(s.students[3]!.score).toBe(0);
    expect(s.students[3]!.played).toBe(0);
    // the partner was paid against the bot's choice
    const partner = t.seats[1 - at3.actor]!;
    expect(s.students[partner]!.played).toBe(1);
  });
});

describe('ClassSession: rules', () => {
  it('refuses out-of-phase, wrong-round, unseated and out-of-range choices without changing anything', () => {
    const s = newSession('chicken', { rounds: 2, maxStudents: 3 });
    join(s, 'Ann');
    join(s, 'Bob');
    const snap = JSON.stringify(s.snapshot());
    const refuse = (e: SessionEvent, code: string): void => {
      try {
        s.apply(e);
        expect.unreachable(`${JSON.stringify(e)} was accepted`);
      } catch (err) {
        expect(err).toBeInstanceOf(ClassRuleError);
        expect((err as ClassRuleError).code).toBe(code);
      }
    };
    refuse({ e: 'choose', student: 0, round: 1, strategy: 0, at: at() }, 'bad-phase');
    refuse({ e: 'reveal', round: 1, at: at() }, 'bad-phase');
    refuse({ e: 'open', round: 2, at: at() }, 'wrong-round');
    refuse({ e: 'join', student: 2, name: 'ann', auth: 'x', at: at() }, 'name-taken');
    refuse({ e: 'join', student: 2, name: 'bot 7', auth: 'x', at: at() }, 'bad-name');
    refuse({ e: 'join', student: 2, name: '=cmd()', auth: 'x', at: at() }, 'bad-name');
    refuse({ e: 'join', student: 5, name: 'Cy', auth: 'x', at: at() }, 'bad-event');
    expect(JSON.stringify(s.snapshot())).toBe(snap);
    s.apply({ e: 'open', round: 1, at: at() });
    join(s, 'Cy'); // joins mid-round: plays from round 2
    refuse({ e: 'join', student: 3, name: 'Dee', auth: 'x', at: at() }, 'full');
    refuse({ e: 'choose', student: 2, round: 1, strategy: 0, at: at() }, 'not-seated');
    refuse({ e: 'choose', student: 0, round: 2, strategy: 0, at: at() }, 'wrong-round');
    refuse({ e: 'choose', student: 0, round: 1, strategy: 2, at: at() }, 'bad-strategy');
    refuse({ e: 'choose', student: 9, round: 1, strategy: 0, at: at() }, 'unknown-student');
    refuse({ e: 'open', round: 2, at: at() }, 'bad-phase');
    // a choice can be changed until Reveal
    s.apply({ e: 'choose', student: 0, round: 1, strategy: 0, at: at() });
    s.apply({ e: 'choose', student: 0, round: 1, strategy: 1, at: at() });
    s.apply({ e: 'reveal', round: 1, at: at() });
    const seat = s.rounds[0]!.seatOf.get(0)!;
    expect(s.rounds[0]!.tables[seat.table]!.choices![seat.actor]).toBe(1);
    refuse({ e: 'choose', student: 0, round: 1, strategy: 0, at: at() }, 'bad-phase');
    refuse({ e: 'reveal', round: 1, at: at() }, 'bad-phase');
    s.apply({ e: 'open', round: 2, at: at() });
    expect(s.currentRecord!.seatOf.has(2)).toBe(true);
    s.apply({ e: 'choose', student: 2, round: 2, strategy: 0, at: at() });
    // End during an open round reveals it first: no choice is lost
    s.apply({ e: 'end', at: at() });
    expect(s.phase).toBe('ended');
    expect(s.rounds[1]!.revealedAt).not.toBeNull();
    expect(s.students[2]!.played).toBe(1);
    refuse({ e: 'join', student: 3, name: 'Eve', auth: 'x', at: at() }, 'ended');
    refuse({ e: 'open', round: 3, at: at() }, 'ended');
  });

  it('refuses a round past the planned count', () => {
    const s = newSession('chicken', { rounds: 1 });
    playRound(s, () => 0);
    expect(() => s.apply({ e: 'open', round: 2, at: at() })).toThrow(/1 rounds/);
  });

  it('refuses a scenario whose hash is not the session’s', () => {
    const model = builtinModel('chicken');
    const config = {
      ...configFor(model),
      scenario: { ...configFor(model).scenario, hash: 'abcdef0123456789' },
    };
    expect(() => new ClassSession(config, model)).toThrow(/not the session's/);
  });
});

describe('ClassSession: journal replay and the engine', () => {
  it('replaying its events (through JSON and the journal schema) gives the identical state (property)', () => {
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('join' as const),
        name: fc.constantFrom('Ann', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay'),
      }),
      fc.record({ kind: fc.constant('choose' as const), who: fc.nat(20), strategy: fc.nat(3) }),
      fc.record({ kind: fc.constantFrom('open' as const, 'reveal' as const, 'end' as const) }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('chicken', 'korea-2025'),
        fc.constantFrom('random', 'fixed', 'class') as fc.Arbitrary<'random' | 'fixed' | 'class'>,
        fc.array(action, { maxLength: 60 }),
        (id, matching, actions) => {
          const s = newSession(id, { matching, rounds: 6 });
          for (const a of actions) {
            const e: SessionEvent =
              a.kind === 'join'
                ? {
                    e: 'join',
                    student: s.students.length,
                    name: s.uniqueName(a.name),
                    auth: `t${s.students.length}`,
                    at: at(),
                  }
                : a.kind === 'choose'
                  ? { e: 'choose', student: a.who, round: s.round, strategy: a.strategy, at: at() }
                  : a.kind === 'end'
                    ? { e: 'end', at: at() }
                    : { e: a.kind, round: a.kind === 'open' ? s.round + 1 : s.round, at: at() };
            try {
              s.apply(e);
            } catch (err) {
              if (!(err instanceof ClassRuleError)) throw err;
            }
          }
          const lines = s.events.map((e) => JSON.stringify(e));
          const replay = new ClassSession(JSON.parse(JSON.stringify(s.config)), s.model);
          for (const line of lines) replay.apply(sessionEventSchema.parse(JSON.parse(line)));
          expect(replay.snapshot()).toEqual(s.snapshot());
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a table of bots plays exactly the engine trial of the same seed and index (korea-2025, 24 rounds)', () => {
    const s = newSession('korea-2025', { rounds: 24, seed: 'engine-check' });
    for (let r = 1; r <= 24; r++) playRound(s, () => null);
    const sim = new TrialSimulator(s.model, { rounds: 24 });
    const rec = sim.run(s.key, 0, s.paramValues);
    const n = s.model.actors.length;
    for (let r = 1; r <= 24; r++) {
      const t = s.rounds[r - 1]!.tables[0]!;
      expect(t.choices).toEqual(Array.from(rec.choices.subarray((r - 1) * n, r * n)));
      expect(t.metrics).toEqual(
        Array.from(rec.metrics.subarray((r - 1) * s.model.metrics.length, r * s.model.metrics.length)),
      );
    }
  });

  it('multi-round scenarios carry each table’s state: students’ choices change the world', () => {
    const s = newSession('korea-2025', { rounds: 6, matching: 'fixed' });
    for (let k = 0; k < 4; k++) join(s, `S${k}`);
    // Table 0 provokes under pressure every round; table 1 engages under offers.
    const provoke = s.model.actors[0]!.strategies.findIndex((x) => x.id === 'provoke');
    const pressure = s.model.actors[1]!.strategies.findIndex((x) => x.id === 'pressure');
    const engage = s.model.actors[0]!.strategies.findIndex((x) => x.id === 'engage');
    const offer = s.model.actors[1]!.strategies.findIndex((x) => x.id === 'offer');
    for (let r = 1; r <= 6; r++) {
      playRound(s, (id) => {
        const seat = s.currentRecord!.seatOf.get(id)!;
        return seat.table === 0 ? (seat.actor === 0 ? provoke : pressure) : seat.actor === 0 ? engage : offer;
      });
    }
    const tension = s.model.state.findIndex((x) => x.id === 'tension');
    expect(tension).toBeGreaterThanOrEqual(0);
    const last = s.rounds[5]!;
    expect(last.tables[0]!.stateAfter![tension]!).toBeGreaterThan(last.tables[1]!.stateAfter![tension]!);
    // the next round's game at each table is the game at that table's state
    expect(last.tables[0]!.game.payoffs).not.toEqual(last.tables[1]!.game.payoffs);
  });
});
