// session.csv and its sidecar JSON (pure strings), through the engine's CSV cell helpers (models/engine/csv.ts).
// One row per seat of every revealed round: session_id,round,student,role,choice,partners,payoff — role and choice
// are the scenario's actor and strategy ids (as in the per-trial CSV); student is the nickname, "bot for <nickname>"
// when a bot played for a seated student who had not chosen, or "bot" for an empty seat; partners lists the other
// seats of the table in actor order, separated by "; " ("class" under class matching, where everyone is the partner).
import { CSV_FORMAT_VERSION, csvHeader, csvLine, csvNumber, csvText } from '../engine/csv';
import type { ClassSession } from './ClassSession';
import { seatLabel } from './classViews';
import type { LambdaFit } from './fitLogitLambda';

export const SESSION_CSV_COLUMNS = [
  'session_id',
  'round',
  'student',
  'role',
  'choice',
  'partners',
  'payoff',
] as const;

export const sessionCsv = (s: ClassSession): string => {
  const out: string[] = [csvHeader(SESSION_CSV_COLUMNS)];
  const id = csvText(s.config.sessionId);
  const actors = s.model.actors;
  for (const rec of s.rounds) {
    if (rec.revealedAt === null) continue;
    for (const t of rec.tables) {
      const labels = t.seats.map((sid, a) => seatLabel(s, sid, t.kinds?.[a] ?? null));
      t.seats.forEach((_, a) => {
        const actor = actors[a] as (typeof actors)[number];
        const choice = (t.choices as number[])[a] as number;
        const partners =
          s.config.matching === 'class' ? 'class' : labels.filter((_, b) => b !== a).join('; ');
        out.push(
          csvLine([
            id,
            String(rec.round),
            csvText(labels[a] as string),
            csvText(actor.id),
            csvText((actor.strategies[choice] as { id: string }).id),
            csvText(partners),
            csvNumber((t.payoffs as number[])[a] as number),
          ]),
        );
      });
    }
  }
  return out.join('');
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The sidecar JSON of session.csv: what produced it and the λ fits. */
export const sessionSidecar = (
  s: ClassSession,
  fits: {
    readonly pooled: LambdaFit | null;
    readonly perRound: readonly { round: number; fit: LambdaFit | null }[];
  },
  meta: { readonly appVersion: string; readonly source: string },
): string =>
  `${JSON.stringify(
    {
      format: 'parley.class-session/1',
      csvFormatVersion: CSV_FORMAT_VERSION,
      columns: SESSION_CSV_COLUMNS,
      appVersion: meta.appVersion,
      sessionId: s.config.sessionId,
      scenario: { ...s.config.scenario, source: meta.source },
      parameters: Object.fromEntries(s.model.params.map((p, k) => [p.id, s.paramValues[k]])),
      overrides: s.config.params,
      seed: s.config.seed,
      matching: s.config.matching,
      plannedRounds: s.config.rounds,
      roundsRevealed: s.rounds.filter((r) => r.revealedAt !== null).length,
      maxStudents: s.config.maxStudents,
      students: s.students.length,
      times: {
        created: iso(s.config.createdAt),
        rounds: s.rounds.map((r) => ({
          round: r.round,
          opened: iso(r.openedAt),
          revealed: iso(r.revealedAt),
        })),
        ended: iso(s.ended),
      },
      lambdaFit: {
        note: 'λ ≥ 0 in payoff units; lambda null = +∞ (choices at the Nash limit of the logit branch); upper null = +∞',
        pooled: fits.pooled,
        perRound: fits.perRound,
      },
      bots: '"bot" plays an empty seat; "bot for <nickname>" played for a seated student who had not chosen by Reveal',
    },
    null,
    2,
  )}\n`;
