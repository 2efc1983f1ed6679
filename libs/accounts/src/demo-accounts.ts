import type { DataSource } from 'typeorm';
import { CatalogueRepository } from '@app/catalogue';
import type { JurisdictionEntity, StaffRole, WindowEntity } from '@app/db';
import { hashPassword, passwordProblem } from './password';
import { StaffAccountRepository } from './staff-account.repository';

/** A demo account as `setup` creates it. */
export interface DemoAccount {
  username: string;
  role: StaffRole;
  windowCode: string | null;
  jurisdictionCode: string | null;
  divisionCode: string | null;
  /** 科室负责人 (the `lead-…` officers). */
  lead: boolean;
}

const bound = (
  username: string,
  role: StaffRole,
  binding: Partial<Pick<DemoAccount, 'windowCode' | 'jurisdictionCode' | 'divisionCode' | 'lead'>> = {},
): DemoAccount => ({
  username,
  role,
  windowCode: binding.windowCode ?? null,
  jurisdictionCode: binding.jurisdictionCode ?? null,
  divisionCode: binding.divisionCode ?? null,
  lead: binding.lead ?? false,
});

/**
 * The demo accounts for a catalogue: a clerk per window (`clerk-w330902`), an officer per home
 * jurisdiction (`officer-j310115-sfj`) and its lead officer (科室负责人, `lead-j310115-sfj`), a supervisor per division that has a window or a
 * jurisdiction (`supervisor-330900`), and `admin`.
 */
export function demoAccounts(
  windows: Pick<WindowEntity, 'code' | 'divisionCode'>[],
  jurisdictions: Pick<JurisdictionEntity, 'code' | 'divisionCode'>[],
): DemoAccount[] {
  const divisions = [...new Set([...windows, ...jurisdictions].map((x) => x.divisionCode))].sort();
  return [
    ...windows.map((w) => bound(`clerk-${w.code.toLowerCase()}`, 'clerk', { windowCode: w.code })),
    ...jurisdictions.map((j) =>
      bound(`officer-${j.code.toLowerCase()}`, 'officer', { jurisdictionCode: j.code }),
    ),
    ...jurisdictions.map((j) =>
      bound(`lead-${j.code.toLowerCase()}`, 'officer', { jurisdictionCode: j.code, lead: true }),
    ),
    ...divisions.map((d) => bound(`supervisor-${d}`, 'supervisor', { divisionCode: d })),
    bound('admin', 'admin'),
  ];
}

/**
 * Creates the demo accounts of the windows and jurisdictions in the database that do not exist
 * yet, all with `password` (DEMO_STAFF_PASSWORD), hashed once at `cost` and the hash shared: the
 * accounts share the password by design, so one salt reveals nothing more. Accounts that exist are
 * left as an admin left them (deactivated, or with a password of their own), unless `reset`, which
 * the demo alone asks for: then every demo account is active again with `password`, and the tokens
 * it held are refused. Returns how many accounts were created or reset.
 * @throws Error when `password` breaks the password rule
 */
export async function seedDemoAccounts(
  dataSource: DataSource,
  password: string,
  cost: number,
  options: { reset?: boolean } = {},
): Promise<number> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(`DEMO_STAFF_PASSWORD ${problem}`);
  const catalogue = new CatalogueRepository(dataSource.manager);
  const accounts = demoAccounts(await catalogue.windows(), await catalogue.jurisdictions());
  const passwordHash = await hashPassword(password, cost);
  return dataSource.transaction(async (m) => {
    const staff = new StaffAccountRepository(m);
    const created = await staff.insertMissing(accounts.map((a) => ({ ...a, passwordHash })));
    if (!options.reset) return created;
    return staff.reactivate(
      accounts.map((a) => a.username),
      passwordHash,
    );
  });
}
