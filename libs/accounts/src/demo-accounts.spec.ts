import { loadCatalogueSeeds } from '@app/catalogue';
import { demoAccounts } from './demo-accounts';

describe('demoAccounts for the seeded catalogue', () => {
  const { windows, jurisdictions } = loadCatalogueSeeds();
  const accounts = demoAccounts(windows, jurisdictions);

  it('gives every window a clerk and every home jurisdiction an officer, bound to it', () => {
    expect(accounts.filter((a) => a.role === 'clerk').map((a) => a.windowCode)).toEqual(
      windows.map((w) => w.code),
    );
    expect(accounts.filter((a) => a.role === 'officer' && !a.lead).map((a) => a.jurisdictionCode)).toEqual(
      jurisdictions.map((j) => j.code),
    );
    expect(accounts).toContainEqual(
      expect.objectContaining({ username: 'officer-j310115-sfj', jurisdictionCode: 'J310115-SFJ' }),
    );
  });

  it('gives every home jurisdiction one lead officer (科室负责人), named lead-<code>', () => {
    const leads = accounts.filter((a) => a.lead);
    expect(leads.map((a) => a.jurisdictionCode)).toEqual(jurisdictions.map((j) => j.code));
    expect(leads.every((a) => a.role === 'officer')).toBe(true);
    expect(leads).toContainEqual(
      expect.objectContaining({ username: 'lead-j310115-sfj', jurisdictionCode: 'J310115-SFJ' }),
    );
  });

  it('gives each division with a window or a jurisdiction a supervisor, and has one admin', () => {
    const divisions = new Set([...windows, ...jurisdictions].map((x) => x.divisionCode));
    expect(accounts.filter((a) => a.role === 'supervisor').map((a) => a.divisionCode)).toEqual(
      [...divisions].sort(),
    );
    expect(accounts.filter((a) => a.role === 'admin').map((a) => a.username)).toEqual(['admin']);
  });

  it('makes usernames the schema accepts, none twice', () => {
    const names = accounts.map((a) => a.username);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9][a-z0-9.-]{2,63}$/);
  });
});
