// Secrets of a class session: the teacher token, student reconnect tokens (only their SHA-256 is kept) and the
// short join code. All from node:crypto's CSPRNG.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Join code alphabet: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V (read aloud or off a projector without confusion). */
export const JOIN_CODE_ALPHABET = 'ACDEFHJKMNPQRTWXY3479';
export const JOIN_CODE_LENGTH = 5;

export const newJoinCode = (): string =>
  Array.from(
    { length: JOIN_CODE_LENGTH },
    () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)],
  ).join('');

/** A code as typed: upper-cased, spaces and dashes dropped. */
export const normaliseJoinCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

/** 256 random bits, base64url (43 characters). */
export const newTeacherToken = (): string => randomBytes(32).toString('base64url');
/** 192 random bits, base64url (32 characters). */
export const newStudentToken = (): string => randomBytes(24).toString('base64url');
export const newSessionId = (): string => `class-${randomBytes(6).toString('hex')}`;

/** What the journal keeps of a student token. */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time comparison of two strings (false when the lengths differ). */
export const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};
