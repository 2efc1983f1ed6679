import type { StaffRole } from '@app/db';

/** Every staff role, in the order the docs list them. */
export const STAFF_ROLES: readonly StaffRole[] = ['clerk', 'officer', 'supervisor', 'admin'];

/**
 * A signed-in staff member, as the token carries them: the username (the audit trail's actor id),
 * the role, and the one binding the role has (window for a clerk, home jurisdiction for an
 * officer, GB/T 2260 division for a supervisor, none for an admin); an officer's `lead` says they
 * lead their jurisdiction's officers (科室负责人: they may reassign an absent colleague's cases).
 */
export type StaffPrincipal =
  | { username: string; role: 'clerk'; windowCode: string }
  | { username: string; role: 'officer'; jurisdictionCode: string; lead: boolean }
  | { username: string; role: 'supervisor'; divisionCode: string }
  | { username: string; role: 'admin' };

/** The principal of an account row; null when its binding does not fit its role (the schema forbids it). */
export function principalOf(account: {
  username: string;
  role: string;
  windowCode: string | null;
  jurisdictionCode: string | null;
  divisionCode: string | null;
  /** Absent (a row read before the column existed) is false. */
  lead?: boolean;
}): StaffPrincipal | null {
  const { username } = account;
  switch (account.role) {
    case 'clerk':
      return account.windowCode ? { username, role: 'clerk', windowCode: account.windowCode } : null;
    case 'officer':
      return account.jurisdictionCode
        ? {
            username,
            role: 'officer',
            jurisdictionCode: account.jurisdictionCode,
            lead: account.lead === true,
          }
        : null;
    case 'supervisor':
      return account.divisionCode
        ? { username, role: 'supervisor', divisionCode: account.divisionCode }
        : null;
    case 'admin':
      return { username, role: 'admin' };
    default:
      return null;
  }
}
