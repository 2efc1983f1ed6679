import { compare, hash } from 'bcryptjs';

/** bcrypt reads at most 72 bytes of a password; longer ones would be cut silently, so they are refused. */
export const PASSWORD_MAX_BYTES = 72;

/** Fewest characters of a staff password (NIST SP 800-63B allows 8; staff accounts ask for more). */
export const PASSWORD_MIN_CHARS = 12;

/**
 * Control characters (C0, DEL, C1) and UTF-16 surrogates that pair with nothing (with the `u`
 * flag a paired surrogate is one character, so only a lone one is in category Cs).
 */
const UNTYPABLE = /[\p{Cc}\p{Cs}]/u;

/** Whitespace and the invisible format characters (zero-width space, joiners, BOM). */
const BLANK = /[\s\u200b-\u200f\u2060\ufeff]/g;

/**
 * What is wrong with `password` as a new staff password, or null when it may be used: 12 characters
 * or more (Unicode characters, not counting spaces and invisible ones), 72 UTF-8 bytes or fewer, no
 * control characters or broken surrogates (nobody can type them at a login form).
 */
export function passwordProblem(password: string): string | null {
  if (UNTYPABLE.test(password)) return 'must not contain control characters or unpaired surrogates';
  if (Array.from(password.replace(BLANK, '')).length < PASSWORD_MIN_CHARS) {
    return `must be at least ${PASSWORD_MIN_CHARS} characters, not counting spaces`;
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (bcrypt's limit)`;
  }
  return null;
}

/** bcrypt hash of `password` at `cost` (log2 rounds; ~130 ms at 10 on one core here). */
export function hashPassword(password: string, cost: number): Promise<string> {
  return hash(password, cost);
}

/**
 * True when `password` matches the bcrypt `passwordHash`. A password over 72 bytes never matches:
 * bcrypt would compare only its first 72 bytes, and no such password can have been set.
 */
export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return false;
  return compare(password, passwordHash);
}
