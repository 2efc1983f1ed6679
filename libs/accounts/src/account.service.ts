import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  assertMay,
  NotAllowed,
  NotAuthenticated,
  NotFound,
  refusal,
  Unavailable,
} from '@app/common';
import type { StaffAccountEntity, StaffRole } from '@app/db';
import { createAccount, type NewAccount } from './create-account';
import { costOf, hashPassword, newPasswordHash, verifyPassword } from './password';
import { principalOf, type StaffPrincipal } from './staff-principal';
import { StaffAccountRepository } from './staff-account.repository';
import { StaffTokens, type AccessToken, type TokenHolder } from './staff-tokens';

/** An account as an admin sees it: never the hash. */
export interface AccountView {
  username: string;
  role: StaffRole;
  windowCode: string | null;
  jurisdictionCode: string | null;
  divisionCode: string | null;
  /** 科室负责人: an officer who may reassign an absent colleague's cases; false for every other account. */
  lead: boolean;
  active: boolean;
  createdAt: Date;
}

/**
 * Password checks (bcrypt, ~80 ms at cost 10) running at once on libuv's pool of 4 threads: two,
 * so a flood of sign-ins leaves threads for file and DNS work.
 */
export const SIGN_IN_CONCURRENCY = 2;
/** Sign-ins in progress at once (counted as they come in); more answer 503. */
export const SIGN_IN_QUEUE_LIMIT = 64;
/** What a refused sign-in under load tells the client to wait, seconds. */
const SIGN_IN_RETRY_AFTER_SECONDS = 5;

/**
 * Staff accounts: signing in (bcrypt, then a short-lived token) and, for admins, creating,
 * listing, deactivating and resetting accounts. Admin rights are checked here, not only at the edge.
 */
@Injectable()
export class AccountService {
  /** At most SIGN_IN_CONCURRENCY password checks at once. */
  private readonly bcryptSlots = pLimit(SIGN_IN_CONCURRENCY);
  /** Sign-ins between arrival and answer. */
  private signInsInProgress = 0;
  /** A hash at BCRYPT_COST of nothing anyone can type: an unknown username takes as long as a wrong password. */
  private decoyHash?: Promise<string>;
  private readonly accounts: StaffAccountRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: StaffTokens,
    private readonly config: AppConfig,
  ) {
    this.accounts = new StaffAccountRepository(dataSource.manager);
  }

  /**
   * Signs `username` in with `password`. Password checks run SIGN_IN_CONCURRENCY at a time off the
   * event loop; past SIGN_IN_QUEUE_LIMIT sign-ins in progress, sign-in answers 503 at once. A hash
   * made at another cost than BCRYPT_COST is remade at BCRYPT_COST on a successful sign-in (its
   * tokens stay valid), so every account's check comes to take as long as the unknown-name decoy's.
   * @throws NotAuthenticated (401) unknown username, wrong password or deactivated account:
   *   one answer for all three, and about the same time, so a guess learns nothing
   * @throws Unavailable (503, details.retryAfterSeconds) too many sign-ins at once
   */
  async signIn(username: string, password: string): Promise<AccessToken> {
    if (this.signInsInProgress >= SIGN_IN_QUEUE_LIMIT) {
      throw new Unavailable(
        'sign_in_queue_full',
        `too many sign-ins at once: try again in ${SIGN_IN_RETRY_AFTER_SECONDS} s`,
        { retryAfterSeconds: SIGN_IN_RETRY_AFTER_SECONDS },
      );
    }
    this.signInsInProgress++;
    try {
      return await this.checkPassword(username.toLowerCase(), password);
    } finally {
      this.signInsInProgress--;
    }
  }

  private async checkPassword(username: string, password: string): Promise<AccessToken> {
    const account = await this.accounts.find(username);
    // A deactivated account is checked against its own hash: it takes as long as an active one.
    const hash = account?.passwordHash ?? (await this.decoy());
    const matches = await this.bcryptSlots(() => verifyPassword(password, hash));
    const principal = matches && account?.active ? principalOf(account) : null;
    if (!principal || !account) {
      throw new NotAuthenticated(
        'credentials_refused',
        'username or password is wrong, or the account is deactivated',
        [{ field: 'password', message: 'not accepted' }],
      );
    }
    if (costOf(account.passwordHash) !== this.config.BCRYPT_COST) await this.rehash(account, password);
    return this.tokens.issue(principal, account.tokenVersion);
  }

  /** Remakes `account`'s hash of `password` at BCRYPT_COST, unless it changed meanwhile. */
  private async rehash(account: StaffAccountEntity, password: string): Promise<void> {
    const passwordHash = await hashPassword(password, this.config.BCRYPT_COST);
    await this.accounts.replaceHash(account.id, account.passwordHash, passwordHash);
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(randomBytes(32).toString('base64'), this.config.BCRYPT_COST);
    return this.decoyHash;
  }

  /**
   * The principal of the holder of a verified token, from the account row as it is now: null when
   * the account is gone or deactivated, or its password was changed, or it was deactivated and
   * reactivated, since the token was issued (the token's version is no longer the account's).
   * Checked on every request, so such tokens are shut out at once, and a token can never carry
   * more role or binding than the account has.
   */
  async principalFor(holder: TokenHolder): Promise<StaffPrincipal | null> {
    const account = await this.accounts.activeBinding(holder.username, holder.tokenVersion);
    return account ? principalOf(account) : null;
  }

  /**
   * Creates account `input` (admin only).
   * @throws NotAllowed (403) `by` is not an admin, or no longer an active one
   * @throws InvalidInput (400, field named) weak password, a binding the role does not take
   *   or lacks, an unknown window or jurisdiction, a division with no window or jurisdiction in it
   * @throws Conflict (409) the username is taken
   */
  async create(by: StaffPrincipal, input: NewAccount): Promise<AccountView> {
    assertMay(by, 'keepAccounts');
    // Checked again in the creating transaction: an admin deactivated while the hash was being
    // made creates nothing.
    const stillAdmin = async (accounts: StaffAccountRepository) =>
      requireActive(by, await accounts.lockActiveAdmins());
    return view(await createAccount(this.dataSource, input, this.config.BCRYPT_COST, stillAdmin));
  }

  /**
   * Accounts, by username, optionally of one `role` (admin only).
   * @throws NotAllowed (403) `by` is not an admin
   */
  async list(by: StaffPrincipal, role?: StaffRole): Promise<AccountView[]> {
    assertMay(by, 'keepAccounts');
    return (await this.accounts.list(role)).map(view);
  }

  /**
   * Deactivates or reactivates account `username`, or sets a new password (admin only); either
   * refuses the tokens the account holds. An admin cannot deactivate themself, and `by` must still
   * be an active admin when the change is made (the active admins' rows are locked meanwhile), so
   * two admins deactivating each other at once leave one of them: an admin always remains.
   * @throws NotAllowed (403) `by` is not an active admin, or deactivates themself
   * @throws NotFound (404) unknown username
   * @throws InvalidInput (400) weak password
   */
  async update(
    by: StaffPrincipal,
    username: string,
    change: { active?: boolean; password?: string },
  ): Promise<AccountView> {
    assertMay(by, 'keepAccounts');
    if (change.active === false && username.toLowerCase() === by.username) {
      throw new NotAllowed('own_account', 'an admin cannot deactivate their own account');
    }
    const passwordHash =
      change.password === undefined
        ? undefined
        : await newPasswordHash(change.password, this.config.BCRYPT_COST);
    return this.dataSource.transaction(async (m) => {
      const accounts = new StaffAccountRepository(m);
      requireActive(by, await accounts.lockActiveAdmins());
      const account = await accounts.findForUpdate(username.toLowerCase());
      if (!account) throw new NotFound('account', 'account not found');
      const activeChanged = change.active !== undefined && change.active !== account.active;
      if (change.active !== undefined) account.active = change.active;
      if (passwordHash) account.passwordHash = passwordHash;
      if (activeChanged || passwordHash) account.tokenVersion += 1;
      await accounts.save(account);
      return view(account);
    });
  }
}

/**
 * `by` is still one of `activeAdmins` at this moment (the policy's `keepAccounts` was checked before).
 * @throws NotAllowed (403) the same refusal as a role that may not keep accounts
 */
function requireActive(by: StaffPrincipal, activeAdmins: string[]): void {
  if (!activeAdmins.includes(by.username)) throw refusal(by, 'keepAccounts');
}

function view(a: StaffAccountEntity): AccountView {
  return {
    username: a.username,
    role: a.role,
    windowCode: a.windowCode,
    jurisdictionCode: a.jurisdictionCode,
    divisionCode: a.divisionCode,
    lead: a.lead,
    active: a.active,
    createdAt: a.createdAt,
  };
}
