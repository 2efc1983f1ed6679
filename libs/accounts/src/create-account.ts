import { DataSource, QueryFailedError } from 'typeorm';
import { CatalogueRepository } from '@app/catalogue';
import { Conflict, invalidField as invalid } from '@app/common';
import type { StaffAccountEntity, StaffRole } from '@app/db';
import { newPasswordHash } from './password';
import { StaffAccountRepository } from './staff-account.repository';

/** A new staff account: the role and the one binding it needs. */
export interface NewAccount {
  username: string;
  password: string;
  role: StaffRole;
  windowCode?: string;
  jurisdictionCode?: string;
  divisionCode?: string;
  /** 科室负责人 of the officer's jurisdiction (officers only); false when absent. */
  lead?: boolean;
}

/** Usernames as the schema takes them (after lowercasing): 3-64 letters, digits, dots, dashes. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9.-]{2,63}$/;

const usernameTaken = (username: string) =>
  new Conflict('username_taken', `username ${username} is taken`, {
    field: 'username',
  });

/** Which binding field each role needs; the others must be absent. */
export const ROLE_BINDING: Record<StaffRole, 'windowCode' | 'jurisdictionCode' | 'divisionCode' | null> = {
  clerk: 'windowCode',
  officer: 'jurisdictionCode',
  supervisor: 'divisionCode',
  admin: null,
};

/**
 * Creates account `input` (username lowercased, password hashed with bcrypt at `cost`) in one
 * transaction. Who may do it is the caller's business: an admin over HTTP, the operator's
 * `create-admin` command for the first admin; `authorize` runs first in the transaction and may
 * throw to refuse.
 * @throws InvalidInput (400, field named) a malformed username, a weak password, a binding
 *   the role does not take or lacks, an unknown window or jurisdiction, a division with no window
 *   or jurisdiction in it
 * @throws Conflict (409) the username is taken (also when two take it at once)
 */
export async function createAccount(
  dataSource: DataSource,
  input: NewAccount,
  cost: number,
  authorize: (accounts: StaffAccountRepository) => Promise<void> = () => Promise.resolve(),
): Promise<StaffAccountEntity> {
  const username = input.username.toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw invalid('username', 'must be 3-64 letters, digits, dots or dashes');
  }
  const passwordHash = await newPasswordHash(input.password, cost);
  try {
    return await dataSource.transaction(async (m) => {
      const accounts = new StaffAccountRepository(m);
      await authorize(accounts);
      await checkBinding(new CatalogueRepository(m), input);
      if (await accounts.exists(username)) throw usernameTaken(username);
      return accounts.insert({
        username,
        passwordHash,
        role: input.role,
        windowCode: input.windowCode ?? null,
        jurisdictionCode: input.jurisdictionCode ?? null,
        divisionCode: input.divisionCode ?? null,
        lead: input.lead ?? false,
      });
    });
  } catch (e) {
    // Two creations of one username at once: the unique index lets one through.
    if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
      throw usernameTaken(username);
    }
    throw e;
  }
}

/**
 * @throws InvalidInput (400, field named) the binding does not fit the role or names
 *   nothing that exists
 */
async function checkBinding(catalogue: CatalogueRepository, input: NewAccount): Promise<void> {
  const needed = ROLE_BINDING[input.role];
  for (const field of ['windowCode', 'jurisdictionCode', 'divisionCode'] as const) {
    if (field === needed && !input[field]) throw invalid(field, `is required for a ${input.role}`);
    if (field !== needed && input[field]) throw invalid(field, `a ${input.role} is not bound to one`);
  }
  if (input.lead && input.role !== 'officer') throw invalid('lead', 'only an officer leads a jurisdiction');
  if (input.windowCode && !(await catalogue.hasWindow(input.windowCode))) {
    throw invalid('windowCode', `unknown receiving window ${input.windowCode}`);
  }
  if (input.jurisdictionCode && !(await catalogue.hasJurisdiction(input.jurisdictionCode))) {
    throw invalid('jurisdictionCode', `unknown home jurisdiction ${input.jurisdictionCode}`);
  }
  if (input.divisionCode && !(await catalogue.hasPlaceIn(input.divisionCode))) {
    throw invalid('divisionCode', `no receiving window or home jurisdiction lies in ${input.divisionCode}`);
  }
}
