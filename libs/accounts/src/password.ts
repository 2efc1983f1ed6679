import { compare, hash } from 'bcryptjs';

/** bcrypt reads at most 72 bytes of a password; longer ones would be cut silently, so they are refused. */
export const PASSWORD_MAX_BYTES = 72;

/** Fewest characters of a staff password (NIST SP 800-63B allows 8; staff accounts ask for more). */
export const PASSWORD_MIN_CHARS = 12;

/**
 * What is wrong with `password` as a new staff password, or null when it may be used: 12 characters
 * or more (counted as Unicode characters), 72 UTF-8 bytes or fewer.
 */
export function passwordProblem(password: string): string | null {
  if (Array.from(password).length < PASSWORD_MIN_CHARS) {
    return `must be at least ${PASSWORD_MIN_CHARS} characters`;
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

/** A bcrypt hash of nothing anyone can type, compared against when the username is unknown. */
const DECOY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8DcQhXGqQYyD8RzrP1b9Dq7y1ZJ6Xa';

/**
 * True when `password` matches `passwordHash`. With no hash (unknown username) it compares against
 * a decoy of cost 10, so an unknown name takes about as long as a wrong password.
 */
export async function verifyPassword(password: string, passwordHash: string | null): Promise<boolean> {
  const matches = await compare(password, passwordHash ?? DECOY_HASH);
  return matches && passwordHash !== null;
}
