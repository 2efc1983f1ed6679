import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, divisionPrefix } from '@app/common';
import { JurisdictionEntity, StaffAccountEntity, WindowEntity, type StaffRole } from '@app/db';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { principalOf, type StaffPrincipal } from './staff-principal';
import { StaffTokens, type AccessToken } from './staff-tokens';

/** A new staff account: the role and the one binding it needs. */
export interface NewAccount {
  username: string;
  password: string;
  role: StaffRole;
  windowCode?: string;
  jurisdictionCode?: string;
  divisionCode?: string;
}

/** An account as an admin sees it: never the hash. */
export interface AccountView {
  username: string;
  role: StaffRole;
  windowCode: string | null;
  jurisdictionCode: string | null;
  divisionCode: string | null;
  active: boolean;
  createdAt: Date;
}

const invalid = (field: string, message: string) =>
  new BadRequestException({ message: `${field}: ${message}`, details: [{ field, message }] });

/** Which binding field each role needs; the others must be absent. */
const BINDING: Record<StaffRole, 'windowCode' | 'jurisdictionCode' | 'divisionCode' | null> = {
  clerk: 'windowCode',
  officer: 'jurisdictionCode',
  supervisor: 'divisionCode',
  admin: null,
};

/**
 * Staff accounts: signing in (bcrypt, then a short-lived token) and, for admins, creating,
 * listing, deactivating and resetting accounts. Admin rights are checked here, not only at the edge.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: StaffTokens,
    private readonly config: AppConfig,
  ) {}

  /**
   * Signs `username` in with `password`.
   * @throws UnauthorizedException (401) unknown username, wrong password or deactivated account:
   *   one answer for all three, and about the same time, so a guess learns nothing
   */
  async signIn(username: string, password: string): Promise<AccessToken> {
    const account = await this.dataSource.manager.findOneBy(StaffAccountEntity, {
      username: username.toLowerCase(),
    });
    const usable = account?.active ? account : null;
    const principal = usable && principalOf(usable);
    if (!(await verifyPassword(password, usable?.passwordHash ?? null)) || !principal) {
      throw new UnauthorizedException({
        message: 'username or password is wrong, or the account is deactivated',
        details: [{ field: 'password', message: 'not accepted' }],
      });
    }
    return this.tokens.issue(principal);
  }

  /**
   * True while account `username` exists and is active: checked on every request, so deactivating
   * an account shuts out the tokens it already holds at once, not when they lapse.
   */
  isActive(username: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(StaffAccountEntity, { username, active: true });
  }

  /**
   * Creates account `input` (admin only).
   * @throws ForbiddenException (403) `by` is not an admin
   * @throws BadRequestException (400, field named) weak password, a binding the role does not take
   *   or lacks, an unknown window or jurisdiction, a division with no window or jurisdiction in it
   * @throws ConflictException (409) the username is taken
   */
  async create(by: StaffPrincipal, input: NewAccount): Promise<AccountView> {
    requireAdmin(by);
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
    const passwordHash = await hashPassword(input.password, this.config.BCRYPT_COST);
    return this.dataSource.transaction(async (m) => {
      await checkBinding(m, input);
      const username = input.username.toLowerCase();
      if (await m.existsBy(StaffAccountEntity, { username })) {
        throw new ConflictException({
          message: `username ${username} is taken`,
          details: { reason: 'username_taken', field: 'username' },
        });
      }
      const account = m.create(StaffAccountEntity, {
        username,
        passwordHash,
        role: input.role,
        windowCode: input.windowCode ?? null,
        jurisdictionCode: input.jurisdictionCode ?? null,
        divisionCode: input.divisionCode ?? null,
        active: true,
      });
      await m.insert(StaffAccountEntity, account);
      return view(account);
    });
  }

  /**
   * Accounts, by username, optionally of one `role` (admin only).
   * @throws ForbiddenException (403) `by` is not an admin
   */
  async list(by: StaffPrincipal, role?: StaffRole): Promise<AccountView[]> {
    requireAdmin(by);
    const accounts = await this.dataSource.manager.find(StaffAccountEntity, {
      where: { role },
      order: { username: 'ASC' },
    });
    return accounts.map(view);
  }

  /**
   * Deactivates or reactivates account `username`, or sets a new password (admin only). An admin
   * cannot deactivate their own account, so there is always one left who can undo it.
   * @throws ForbiddenException (403) `by` is not an admin, or deactivates themself
   * @throws NotFoundException (404) unknown username
   * @throws BadRequestException (400) weak password
   */
  async update(
    by: StaffPrincipal,
    username: string,
    change: { active?: boolean; password?: string },
  ): Promise<AccountView> {
    requireAdmin(by);
    if (change.active === false && username.toLowerCase() === by.username) {
      throw new ForbiddenException({ message: 'an admin cannot deactivate their own account' });
    }
    const problem = change.password === undefined ? null : passwordProblem(change.password);
    if (problem) throw invalid('password', problem);
    const passwordHash =
      change.password === undefined
        ? undefined
        : await hashPassword(change.password, this.config.BCRYPT_COST);
    return this.dataSource.transaction(async (m) => {
      const account = await m.findOne(StaffAccountEntity, {
        where: { username: username.toLowerCase() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) throw new NotFoundException({ message: 'account not found' });
      if (change.active !== undefined) account.active = change.active;
      if (passwordHash) account.passwordHash = passwordHash;
      await m.save(account);
      return view(account);
    });
  }
}

/** @throws ForbiddenException (403) unless `by` is an admin */
function requireAdmin(by: StaffPrincipal): void {
  if (by.role !== 'admin') throw new ForbiddenException({ message: 'only an admin manages accounts' });
}

/**
 * @throws BadRequestException (400, field named) the binding does not fit the role or names
 *   nothing that exists
 */
async function checkBinding(m: EntityManager, input: NewAccount): Promise<void> {
  const needed = BINDING[input.role];
  for (const field of ['windowCode', 'jurisdictionCode', 'divisionCode'] as const) {
    if (field === needed && !input[field]) throw invalid(field, `is required for a ${input.role}`);
    if (field !== needed && input[field]) throw invalid(field, `a ${input.role} is not bound to one`);
  }
  if (input.windowCode && !(await m.existsBy(WindowEntity, { code: input.windowCode }))) {
    throw invalid('windowCode', `unknown receiving window ${input.windowCode}`);
  }
  if (input.jurisdictionCode && !(await m.existsBy(JurisdictionEntity, { code: input.jurisdictionCode }))) {
    throw invalid('jurisdictionCode', `unknown home jurisdiction ${input.jurisdictionCode}`);
  }
  if (input.divisionCode) {
    const prefix = `${divisionPrefix(input.divisionCode)}%`;
    const [{ n }] = await m.query(
      `SELECT (SELECT count(*) FROM windows WHERE division_code LIKE $1)
            + (SELECT count(*) FROM jurisdictions WHERE division_code LIKE $1) AS n`,
      [prefix],
    );
    if (Number(n) === 0) {
      throw invalid('divisionCode', `no receiving window or home jurisdiction lies in ${input.divisionCode}`);
    }
  }
}

function view(a: StaffAccountEntity): AccountView {
  return {
    username: a.username,
    role: a.role,
    windowCode: a.windowCode,
    jurisdictionCode: a.jurisdictionCode,
    divisionCode: a.divisionCode,
    active: a.active,
    createdAt: a.createdAt,
  };
}
