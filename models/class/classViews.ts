// What each participant sees, as plain JSON built from the session state: a student sees their own role, table and
// results only; the teacher sees everyone (by pseudonym) and the class's play beside the theory.
import type { ClassSession, RoundRecord, SeatKind, StudentRecord, TableRecord } from './ClassSession';
import type { LambdaFit } from './fitLogitLambda';
import type { RoundAnalysis } from './roundAnalysis';
import type { SimulatedFan } from './simulatedFan';
import type { Matching } from './sessionEvents';

export type RoleInfo = {
  readonly name: string;
  readonly strategies: readonly { readonly id: string; readonly label: string }[];
};

export type SessionInfo = {
  readonly id: string;
  readonly title: string;
  readonly scenarioId: string;
  readonly rounds: number;
  readonly roundLabel: string;
  readonly matching: Matching;
  readonly phase: ClassSession['phase'];
  readonly round: number;
};

export type PartnerView = {
  readonly role: number;
  /** The partner's nickname, "bot", or "bot for <nickname>". */
  readonly name: string;
};

export type StudentResult = {
  readonly round: number;
  readonly choice: number;
  /** True when a bot chose for you (you had not chosen by Reveal). */
  readonly byBot: boolean;
  /** Your table's other seats and what they played (empty under class matching). */
  readonly partners: readonly (PartnerView & { readonly choice: number })[];
  readonly payoff: number;
  /**
   * The class's choice shares per role this round: students' own choices only, as on the teacher screen (bots and
   * stand-ins are not the class); NaN for a role no student played.
   */
  readonly classShares: readonly (readonly number[])[];
};

export type StudentView = {
  readonly session: SessionInfo;
  readonly you: {
    readonly id: number;
    readonly name: string;
    readonly role: number;
    readonly score: number;
    readonly played: number;
  };
  readonly roles: readonly RoleInfo[];
  /** Seated in the current round (students who join during a round play from the next). */
  readonly seated: boolean;
  /** Your table's game this round: payoffs[profile][role], profiles in Gambit order (first role fastest). */
  readonly payoffs: readonly (readonly number[])[] | null;
  readonly partners: readonly PartnerView[];
  /** Your choice in the open round (changeable until Reveal), else null. */
  readonly choice: number | null;
  /** Your latest revealed round. */
  readonly result: StudentResult | null;
  readonly history: readonly {
    readonly round: number;
    readonly choice: number;
    readonly byBot: boolean;
    readonly payoff: number;
  }[];
};

export type TeacherStudent = {
  readonly id: number;
  readonly name: string;
  readonly role: number;
  readonly connected: boolean;
  /** Chose in the open round. */
  readonly chosen: boolean;
  /** Seated in the open round. */
  readonly seated: boolean;
  readonly score: number;
};

export type RoundSummary = {
  readonly round: number;
  /** Students' own choices: counts[role][strategy]. */
  readonly counts: readonly (readonly number[])[];
  readonly botCounts: readonly (readonly number[])[];
  /** Mean payoff of the students' seats per role (null when none chose). */
  readonly meanPayoff: readonly (number | null)[];
  /** Mean of each metric over the tables after the round. */
  readonly metrics: readonly number[];
};

export type Trajectory = {
  readonly metrics: readonly {
    readonly id: string;
    readonly label: string;
    readonly unit: string;
    /** tables[t][r - 1]: table t's value after round r (null before the table existed). */
    readonly tables: readonly (readonly (number | null)[])[];
  }[];
};

export type TeacherView = {
  readonly session: SessionInfo & {
    readonly seed: string;
    readonly params: Readonly<Record<string, number>>;
    readonly maxStudents: number;
  };
  readonly roles: readonly RoleInfo[];
  readonly students: readonly TeacherStudent[];
  readonly joined: number;
  readonly connected: number;
  readonly chosen: number;
  readonly seated: number;
  readonly history: readonly RoundSummary[];
  /** The latest revealed round's analysis (null until computed). */
  readonly analysis: RoundAnalysis | null;
  /** λ fitted to every revealed round. */
  readonly pooledFit: LambdaFit | null;
  /** Multi-round scenarios with metrics: each table's path, beside the engine's simulated fan. */
  readonly trajectory: Trajectory | null;
  readonly fan: SimulatedFan | null;
};

export const sessionInfo = (s: ClassSession): SessionInfo => ({
  id: s.config.sessionId,
  title: s.config.scenario.title,
  scenarioId: s.config.scenario.id,
  rounds: s.config.rounds,
  roundLabel: s.model.rounds.label,
  matching: s.config.matching,
  phase: s.phase,
  round: s.round,
});

export const roleInfo = (s: ClassSession): RoleInfo[] =>
  s.model.actors.map((a) => ({
    name: a.name,
    strategies: a.strategies.map((x) => ({ id: x.id, label: x.label })),
  }));

/** The label of a seat's player: a nickname, "bot for <nickname>" (a stand-in) or "bot". */
export const seatLabel = (s: ClassSession, id: number | null, kind: SeatKind | null): string => {
  if (id === null) return 'bot';
  const name = (s.students[id] as StudentRecord).name;
  return kind === 'stand-in' ? `bot for ${name}` : name;
};

const partnersAt = (s: ClassSession, t: TableRecord, actor: number, revealed: boolean): PartnerView[] =>
  s.config.matching === 'class'
    ? []
    : t.seats.flatMap((id, a) =>
        a === actor
          ? []
          : [{ role: a, name: seatLabel(s, id, revealed ? (t.kinds?.[a] ?? null) : 'student') }],
      );

/** Choice shares per role over the students' own seats of a revealed round (NaN where no student played a role). */
export const classShares = (s: ClassSession, rec: RoundRecord): number[][] => {
  const counts = s.model.actors.map((a) => a.strategies.map(() => 0));
  for (const t of rec.tables) {
    t.choices?.forEach((c, a) => {
      if (t.kinds?.[a] !== 'student') return;
      const row = counts[a] as number[];
      row[c] = (row[c] as number) + 1;
    });
  }
  return counts.map((row) => {
    const n = row.reduce((x, y) => x + y, 0);
    return row.map((k) => (n === 0 ? NaN : k / n));
  });
};

export const studentView = (s: ClassSession, id: number): StudentView => {
  const me = s.students[id];
  if (!me) throw new Error(`no student ${id}`);
  const cur = s.currentRecord;
  const seat = cur?.seatOf.get(id) ?? null;
  const table = seat && cur ? (cur.tables[seat.table] as TableRecord) : null;
  const open = s.phase === 'open';
  const history: StudentView['history'][number][] = [];
  let result: StudentResult | null = null;
  for (const rec of s.rounds) {
    if (rec.revealedAt === null) continue;
    const at = rec.seatOf.get(id);
    if (!at) continue;
    const t = rec.tables[at.table] as TableRecord;
    const choice = (t.choices as number[])[at.actor] as number;
    const byBot = t.kinds?.[at.actor] !== 'student';
    const payoff = (t.payoffs as number[])[at.actor] as number;
    history.push({ round: rec.round, choice, byBot, payoff });
    result = {
      round: rec.round,
      choice,
      byBot,
      partners: partnersAt(s, t, at.actor, true).map((p) => ({
        ...p,
        choice: (t.choices as number[])[p.role] as number,
      })),
      payoff,
      classShares: classShares(s, rec),
    };
  }
  return {
    session: sessionInfo(s),
    you: { id, name: me.name, role: me.role, score: me.score, played: me.played },
    roles: roleInfo(s),
    seated: seat !== null,
    payoffs: table ? table.game.payoffs : null,
    partners: table && seat ? partnersAt(s, table, seat.actor, !open) : [],
    choice: open && cur ? (cur.choices.get(id) ?? null) : null,
    result,
    history,
  };
};

const roundSummary = (s: ClassSession, rec: RoundRecord): RoundSummary => {
  const counts = s.model.actors.map((a) => a.strategies.map(() => 0));
  const botCounts = s.model.actors.map((a) => a.strategies.map(() => 0));
  const paySum = s.model.actors.map(() => 0);
  const payN = s.model.actors.map(() => 0);
  for (const t of rec.tables) {
    t.kinds?.forEach((k, a) => {
      const row = (k === 'student' ? counts : botCounts)[a] as number[];
      const c = (t.choices as number[])[a] as number;
      row[c] = (row[c] as number) + 1;
      if (k === 'student') {
        paySum[a] = (paySum[a] as number) + ((t.payoffs as number[])[a] as number);
        payN[a] = (payN[a] as number) + 1;
      }
    });
  }
  const metrics = s.model.metrics.map((_, k) => {
    let sum = 0;
    for (const t of rec.tables) sum += (t.metrics as number[])[k] as number;
    return sum / rec.tables.length;
  });
  return {
    round: rec.round,
    counts,
    botCounts,
    meanPayoff: paySum.map((v, a) => ((payN[a] as number) > 0 ? v / (payN[a] as number) : null)),
    metrics,
  };
};

/** Trajectories are shown for scenarios with more than one round of their own and at least one metric. */
export const trajectoryOf = (s: ClassSession): Trajectory | null => {
  if (s.model.rounds.count < 2 || s.model.metrics.length === 0) return null;
  const revealed = s.rounds.filter((r) => r.revealedAt !== null);
  const tables = Math.max(0, ...revealed.map((r) => r.tables.length));
  return {
    metrics: s.model.metrics.map((m, k) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      tables: Array.from({ length: tables }, (_, t) =>
        revealed.map((r) => {
          const tab = r.tables[t];
          return tab?.metrics ? (tab.metrics[k] as number) : null;
        }),
      ),
    })),
  };
};

export const teacherView = (
  s: ClassSession,
  extra: {
    readonly connected: (id: number) => boolean;
    readonly analysis: RoundAnalysis | null;
    readonly pooledFit: LambdaFit | null;
    readonly fan: SimulatedFan | null;
  },
): TeacherView => {
  const cur = s.currentRecord;
  const open = s.phase === 'open';
  const students = s.students.map((st) => ({
    id: st.id,
    name: st.name,
    role: st.role,
    connected: extra.connected(st.id),
    chosen: open && cur ? cur.choices.has(st.id) : false,
    seated: open && cur ? cur.seatOf.has(st.id) : false,
    score: st.score,
  }));
  return {
    session: {
      ...sessionInfo(s),
      seed: s.config.seed,
      params: s.config.params,
      maxStudents: s.config.maxStudents,
    },
    roles: roleInfo(s),
    students,
    joined: students.length,
    connected: students.filter((x) => x.connected).length,
    chosen: students.filter((x) => x.chosen).length,
    seated: students.filter((x) => x.seated).length,
    history: s.rounds.filter((r) => r.revealedAt !== null).map((r) => roundSummary(s, r)),
    analysis: extra.analysis,
    pooledFit: extra.pooledFit,
    trajectory: trajectoryOf(s),
    fan: extra.fan,
  };
};
