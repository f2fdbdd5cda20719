import { describe, expect, it } from 'vitest';
import { analyseRound, pooledFit, qreAt } from '../../../models/class/roundAnalysis';
import { sessionCsv, sessionSidecar, SESSION_CSV_COLUMNS } from '../../../models/class/sessionCsv';
import { studentView, teacherView } from '../../../models/class/classViews';
import { reduceToGame } from '../../../models/scenario/reduceToGame';
import { logitQre } from '../../../models/games/logit';
import { at, join, newSession } from './classFixtures';

const play = (s: ReturnType<typeof newSession>, pick: (id: number) => number | null): void => {
  const r = s.round + 1;
  s.apply({ e: 'open', round: r, at: at() });
  for (const st of s.students) {
    const c = pick(st.id);
    if (c !== null && s.currentRecord!.seatOf.has(st.id))
      s.apply({ e: 'choose', student: st.id, round: r, strategy: c, at: at() });
  }
  s.apply({ e: 'reveal', round: r, at: at() });
};

describe('round analysis', () => {
  it('lists every equilibrium of chicken beside the class counts, and the QRE at the fitted λ', () => {
    const s = newSession('chicken', { matching: 'fixed', rounds: 2 });
    for (let k = 0; k < 10; k++) join(s, `S${k}`);
    play(s, (id) => (id % 5 === 0 ? 1 : 0)); // ids 0 and 5 go straight
    const a = analyseRound(s, 1);
    expect(a.equilibria.map((e) => e.text)).toEqual([
      [
        ['1', '0'],
        ['0', '1'],
      ],
      [
        ['9/11', '2/11'],
        ['9/11', '2/11'],
      ],
      [
        ['0', '1'],
        ['1', '0'],
      ],
    ]);
    expect(a.counts).toEqual([
      [4, 1],
      [4, 1],
    ]);
    expect(a.botCounts).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(a.fit!.n).toBe(10);
    const game = reduceToGame(s.model);
    expect(a.qre).toEqual(logitQre(game, a.fit!.lambda!));
    // λ = ∞ is the branch's Nash limit (the mixed equilibrium of chicken), λ = 0 the centroid
    expect(qreAt(game, null)[0]![0]).toBeCloseTo(9 / 11, 9);
    expect(qreAt(game, 0)).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    expect(() => analyseRound(s, 2)).toThrow(/not been revealed/);
  });

  it('fits only the students’ own choices, pooled over rounds', () => {
    const s = newSession('chicken', { matching: 'random', rounds: 3 });
    for (let k = 0; k < 6; k++) join(s, `S${k}`);
    play(s, (id) => (id === 0 ? null : 0));
    play(s, () => 1);
    expect(analyseRound(s, 1).fit!.n).toBe(5);
    expect(pooledFit(s)!.n).toBe(11);
  });
});

describe('session.csv and views', () => {
  it('writes one row per seat with the exact columns, bots named as such', () => {
    const s = newSession('chicken', { matching: 'random', rounds: 2 });
    join(s, 'Ann');
    join(s, 'Bob');
    join(s, "O'Neil");
    play(s, (id) => (id === 1 ? null : id % 2));
    const csv = sessionCsv(s);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(SESSION_CSV_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows).toHaveLength(4); // 2 tables × 2 seats
    const students = rows.map((r) => r[2]).sort();
    expect(students).toEqual(['Ann', "O'Neil", 'bot', 'bot for Bob']);
    for (const r of rows) {
      expect(r[0]).toBe('test-session');
      expect(r[1]).toBe('1');
      expect(['A', 'B']).toContain(r[3]);
      expect(['swerve', 'straight']).toContain(r[4]);
    }
    const side = JSON.parse(
      sessionSidecar(
        s,
        { pooled: pooledFit(s), perRound: [] },
        { appVersion: 'x', source: 'builtin:chicken' },
      ),
    );
    expect(side.columns).toEqual([...SESSION_CSV_COLUMNS]);
    expect(side.times.rounds[0].revealed).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('a student sees only their own table; the teacher sees who has chosen', () => {
    const s = newSession('chicken', { matching: 'fixed', rounds: 2 });
    join(s, 'Ann');
    join(s, 'Bob');
    s.apply({ e: 'open', round: 1, at: at() });
    s.apply({ e: 'choose', student: 0, round: 1, strategy: 1, at: at() });
    const v = studentView(s, 1);
    expect(v.choice).toBeNull();
    expect(v.partners).toEqual([{ role: 0, name: 'Ann' }]);
    expect(JSON.stringify(v)).not.toContain('auth');
    const t = teacherView(s, { connected: (id) => id === 0, analysis: null, pooledFit: null, fan: null });
    expect(t.students.map((x) => [x.name, x.chosen, x.connected])).toEqual([
      ['Ann', true, true],
      ['Bob', false, false],
    ]);
    expect(JSON.stringify(t)).not.toContain('auth-');
  });

  it("the students' 'The class' shares count students' own choices only, as the teacher screen does", () => {
    const s = newSession('chicken', { matching: 'random', rounds: 1 });
    join(s, 'Ann'); // Driver A; Driver B's seat is a bot
    s.apply({ e: 'open', round: 1, at: at() });
    s.apply({ e: 'choose', student: 0, round: 1, strategy: 0, at: at() });
    s.apply({ e: 'reveal', round: 1, at: at() });
    const shares = studentView(s, 0).result?.classShares ?? [];
    expect(shares[0]).toEqual([1, 0]);
    expect(shares[1]?.every(Number.isNaN)).toBe(true); // no student played Driver B
  });

  it('accepts nicknames in any script, combining marks included (Devanagari, Thai)', () => {
    const s = newSession('chicken', { rounds: 1 });
    s.apply({ e: 'join', student: 0, name: 'प्रिया', auth: 'a', at: at() });
    s.apply({ e: 'join', student: 1, name: 'สมชาย', auth: 'b', at: at() });
    expect(s.students.map((x) => x.name)).toEqual(['प्रिया', 'สมชาย']);
  });
});
