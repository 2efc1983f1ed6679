import type { EntityManager } from 'typeorm';
import { StaffAccountEntity, type StaffRole } from '@app/db';

/** An account's role and binding as the guard reads them on every request. */
export interface AccountBinding {
  username: string;
  role: string;
  windowCode: string | null;
  jurisdictionCode: string | null;
  divisionCode: string | null;
  /** 科室负责人 (officers only). */
  lead: boolean;
}

/** A new account's row: the username already lowercased, the password already hashed. */
export type NewAccountRow = AccountBinding & { role: StaffRole; passwordHash: string };

/**
 * The `staff_accounts` table. Works through `m`, the caller's transaction manager or the data
 * source's; a method that locks holds the lock until the caller's transaction ends.
 */
export class StaffAccountRepository {
  constructor(private readonly m: EntityManager) {}

  /** Account `username` (lowercase), active or not; null when unknown. */
  find(username: string): Promise<StaffAccountEntity | null> {
    return this.m.findOneBy(StaffAccountEntity, { username });
  }

  /** Account `username` (lowercase), its row locked for update; null when unknown. */
  findForUpdate(username: string): Promise<StaffAccountEntity | null> {
    return this.m.findOne(StaffAccountEntity, { where: { username }, lock: { mode: 'pessimistic_write' } });
  }

  /** True when an account `username` (lowercase) exists. */
  exists(username: string): Promise<boolean> {
    return this.m.existsBy(StaffAccountEntity, { username });
  }

  /**
   * The role and binding of account `username` when it is active and still at `tokenVersion`:
   * one plain statement (no entity hydration), since the guard asks it on every request.
   */
  async activeBinding(username: string, tokenVersion: number): Promise<AccountBinding | null> {
    const [row]: AccountBinding[] = await this.m.query(
      `SELECT username, role, window_code AS "windowCode", jurisdiction_code AS "jurisdictionCode",
              division_code AS "divisionCode", lead
         FROM staff_accounts WHERE username = $1 AND active AND token_version = $2`,
      [username, tokenVersion],
    );
    return row ?? null;
  }

  /** Every account (of `role` when given), by username. */
  list(role?: StaffRole): Promise<StaffAccountEntity[]> {
    return this.m.find(StaffAccountEntity, { where: { role }, order: { username: 'ASC' } });
  }

  /** The usernames of the active officers of jurisdiction `jurisdictionCode`, in order. */
  async activeOfficersOf(jurisdictionCode: string): Promise<string[]> {
    const rows: { username: string }[] = await this.m.query(
      `SELECT username FROM staff_accounts
        WHERE role = 'officer' AND active AND jurisdiction_code = $1 ORDER BY username`,
      [jurisdictionCode],
    );
    return rows.map((r) => r.username);
  }

  /** The usernames of the active admins, their rows locked (in username order, so never a deadlock). */
  async lockActiveAdmins(): Promise<string[]> {
    const rows: { username: string }[] = await this.m.query(
      `SELECT username FROM staff_accounts WHERE role = 'admin' AND active ORDER BY username FOR UPDATE`,
    );
    return rows.map((r) => r.username);
  }

  /**
   * Inserts active account `row` and answers it as stored.
   * @throws QueryFailedError (unique violation, 23505) when the username is taken
   */
  async insert(row: NewAccountRow): Promise<StaffAccountEntity> {
    const account = this.m.create(StaffAccountEntity, { ...row, active: true });
    await this.m.insert(StaffAccountEntity, account);
    return account;
  }

  /** Inserts the accounts of `rows` whose username is free, active; answers how many. */
  async insertMissing(rows: NewAccountRow[]): Promise<number> {
    const created = await this.m
      .createQueryBuilder()
      .insert()
      .into(StaffAccountEntity)
      .values(rows.map((r) => ({ ...r, active: true })))
      .orIgnore()
      .returning('username')
      .execute();
    return (created.raw as unknown[]).length;
  }

  /** Saves `account` as changed (active, password hash, token version). */
  async save(account: StaffAccountEntity): Promise<void> {
    await this.m.save(account);
  }

  /** Sets account `id`'s hash to `passwordHash` unless its hash is no longer `formerHash`. */
  async replaceHash(id: string, formerHash: string, passwordHash: string): Promise<void> {
    await this.m.update(StaffAccountEntity, { id, passwordHash: formerHash }, { passwordHash });
  }

  /**
   * Activates accounts `usernames` with `passwordHash` and moves their token version on (the
   * tokens they held are refused); answers how many there were.
   */
  async reactivate(usernames: string[], passwordHash: string): Promise<number> {
    const reset = await this.m
      .createQueryBuilder()
      .update(StaffAccountEntity)
      .set({ passwordHash, active: true, tokenVersion: () => 'token_version + 1' })
      .where('username IN (:...usernames)', { usernames })
      .execute();
    return reset.affected ?? 0;
  }
}
