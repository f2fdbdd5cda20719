// The class session's WebSocket protocol: JSON text frames, one message each. Every client message is validated by
// these schemas before anything else happens; a message that fails gets an `error` reply and changes nothing.
//
// student → server: join {code, name} | resume {token} | choose {round, strategy}
// teacher → server: teacher {token} | control {action: start|reveal|next|end, round}
//   `round` names the round the teacher's screen shows (0 in the lobby), so a replayed or out-of-order control
//   (a second Reveal, a Next round from a stale screen) is refused instead of acting twice.
// server → client: welcome {token, student} | student {view} | teacher {view, join} | error {code, message}
import { z } from 'zod';
import type { StudentView, TeacherView } from './classViews';

/** Largest client message accepted (bytes of UTF-8 text). */
export const MAX_CLIENT_MESSAGE_BYTES = 1024;

const round = z.number().int().min(0).max(100_000);
const token = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('join'),
    code: z.string().min(1).max(16),
    name: z.string().min(1).max(64),
  }),
  z.strictObject({ type: z.literal('resume'), token }),
  z.strictObject({
    type: z.literal('choose'),
    round: round.min(1),
    strategy: z.number().int().min(0).max(1000),
  }),
  z.strictObject({ type: z.literal('teacher'), token }),
  z.strictObject({
    type: z.literal('control'),
    action: z.enum(['start', 'reveal', 'next', 'end']),
    round,
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ErrorCode =
  | 'bad-json'
  | 'bad-message'
  | 'binary'
  | 'too-large'
  | 'rate-limited'
  | 'not-joined'
  | 'already-joined'
  | 'bad-code'
  | 'bad-token'
  | 'not-teacher'
  | 'journal'
  | 'internal'
  // session rules (ClassRuleError codes)
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

export type JoinInfo = {
  /** The URL students open (the join code in its fragment). */
  readonly url: string;
  readonly code: string;
  /** A QR code of `url` as an SVG data URL. */
  readonly qr: string;
  /** Everything on the LAN can reach the server (the teacher opted in). */
  readonly lan: boolean;
};

/** Files written when the session ended (paths as given to the server). */
export type SessionFiles = { readonly csv: string; readonly sidecar: string } | null;

export type ServerMessage =
  | { readonly type: 'welcome'; readonly token: string; readonly student: number; readonly name: string }
  | { readonly type: 'student'; readonly view: StudentView }
  | {
      readonly type: 'teacher';
      readonly view: TeacherView;
      readonly join: JoinInfo;
      readonly files: SessionFiles;
    }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string };
