import { compare, getRounds, hash } from 'bcrypt';
import { invalidField } from '@app/common';

/** bcrypt reads at most 72 bytes of a password; longer ones would be cut silently, so they are refused. */
export const PASSWORD_MAX_BYTES = 72;

/** Fewest characters of a staff password (NIST SP 800-63B allows 8; staff accounts ask for more). */
export const PASSWORD_MIN_CHARS = 12;

/**
 * What nobody can type at a login form: control characters (Cc), lone surrogates (Cs: with the `u`
 * flag a paired surrogate is one character), private-use (Co) and unassigned (Cn) code points.
 */
const UNTYPABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u;

/** What does not show: whitespace, format characters (Cf) and every default-ignorable code point. */
const INVISIBLE = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * The form a password is hashed and checked in: Unicode NFC, so the same characters typed on
 * systems that compose differently (NFC or NFD) are the same password.
 */
const normalised = (password: string) => password.normalize('NFC');

/**
 * What is wrong with `password` as a new staff password, or null when it may be used: 12 characters
 * or more that show (Unicode characters, not counting spaces and invisible ones), 72 UTF-8 bytes or
 * fewer once normalised, nothing untypable.
 */
export function passwordProblem(password: string): string | null {
  if (UNTYPABLE.test(password)) {
    return 'must not contain control, private-use or unassigned characters, or unpaired surrogates';
  }
  if (Array.from(password.replace(INVISIBLE, '')).length < PASSWORD_MIN_CHARS) {
    return `must be at least ${PASSWORD_MIN_CHARS} visible characters, not counting spaces`;
  }
  if (Buffer.byteLength(normalised(password), 'utf8') > PASSWORD_MAX_BYTES) {
    return `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (bcrypt's limit)`;
  }
  return null;
}

/**
 * bcrypt hash of `password` at `cost` (log2 rounds; ~80 ms at 10 here). Native bcrypt: it runs on
 * libuv's thread pool, not on the event loop, so hashing never holds up other requests.
 */
export function hashPassword(password: string, cost: number): Promise<string> {
  return hash(normalised(password), cost);
}

/**
 * The bcrypt hash at `cost` of `password` as a staff member's new password.
 * @throws InvalidInput (400, field password) it breaks the rule (see passwordProblem)
 */
export async function newPasswordHash(password: string, cost: number): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw invalidField('password', problem);
  return hashPassword(password, cost);
}

/**
 * True when `password` matches the bcrypt `passwordHash`. A password over 72 bytes never matches:
 * bcrypt would compare only its first 72 bytes, and no such password can have been set.
 */
export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  const candidate = normalised(password);
  if (Buffer.byteLength(candidate, 'utf8') > PASSWORD_MAX_BYTES) return false;
  return compare(candidate, passwordHash);
}

/** The cost (log2 rounds) `passwordHash` was made with. */
export function costOf(passwordHash: string): number {
  return getRounds(passwordHash);
}
