// A class session's configuration and its events: what the journal records, one JSON object per line. The session
// state is a pure function of (configuration, scenario, events) — replaying the same events gives the same state.
import { z } from 'zod';

export const MATCHING_RULES = ['random', 'fixed', 'class'] as const;
/**
 * random: new random partners every round (a seeded permutation per role, keyed by (session seed, round));
 * fixed: the same partners for the whole session; class: each student's payoff is the expected payoff against the
 * whole class's choice distribution of the other roles.
 */
export type Matching = (typeof MATCHING_RULES)[number];

export const MAX_CLASS_ROUNDS = 1000;
export const MAX_CLASS_STUDENTS = 2000;
/**
 * A nickname: 1–24 letters (with their combining marks: Devanagari, Thai, Arabic vowel signs), digits, spaces and
 * . _ ' - (trimmed, inner spaces collapsed).
 */
export const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._'-]{0,23}$/u;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const time = z.number().int().nonnegative();

export const classConfigSchema = z.strictObject({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  scenario: z.strictObject({
    id: z.string().max(200),
    title: z.string().max(500),
    hash: z.string().regex(/^[0-9a-f]{8,128}$/),
  }),
  /** Parameter values given for the session (others at the scenario's defaults). */
  params: z.record(z.string().max(200), finite),
  /** Root seed (text): worlds, bots and random matching draw from streams keyed by it. */
  seed: z.string().min(1).max(200),
  rounds: z.number().int().min(1).max(MAX_CLASS_ROUNDS),
  matching: z.enum(MATCHING_RULES),
  maxStudents: z.number().int().min(1).max(MAX_CLASS_STUDENTS),
  createdAt: time,
});
export type ClassConfig = z.infer<typeof classConfigSchema>;

export const sessionEventSchema = z.discriminatedUnion('e', [
  /** A student joined (ids are 0, 1, 2, … in join order); `auth` is opaque to the session (the server's token hash). */
  z.strictObject({
    e: z.literal('join'),
    student: z.number().int().nonnegative(),
    name: z.string().min(1).max(24),
    auth: z.string().min(1).max(200),
    at: time,
  }),
  /** The teacher opened a round (Start round for round 1, Next round after). */
  z.strictObject({ e: z.literal('open'), round: z.number().int().min(1), at: time }),
  /** A student's choice in the open round (a later choice replaces an earlier one until Reveal). */
  z.strictObject({
    e: z.literal('choose'),
    student: z.number().int().nonnegative(),
    round: z.number().int().min(1),
    strategy: z.number().int().nonnegative(),
    at: time,
  }),
  /** The teacher revealed the open round: bots fill the seats without a choice, payoffs are paid. */
  z.strictObject({ e: z.literal('reveal'), round: z.number().int().min(1), at: time }),
  /** End session (an open round is revealed first, so no choice is lost). */
  z.strictObject({ e: z.literal('end'), at: time }),
]);
export type SessionEvent = z.infer<typeof sessionEventSchema>;
