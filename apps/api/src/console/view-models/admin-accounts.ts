import { ROLE_BINDING, type AccountView, type NewAccount } from '@app/accounts';
import type { StaffRole } from '@app/db';
import { ROLE_NAMES } from './staff-nav';

/** A choice of a binding select: the code posted and what the admin reads. */
export interface BindingOption {
  code: string;
  label: string;
}

/** The catalogue's places an account can be bound to, one list per binding. */
export interface BindingChoices {
  windowCode: BindingOption[];
  jurisdictionCode: BindingOption[];
  divisionCode: BindingOption[];
}

/** A place of the catalogue: a window or jurisdiction with its division (GB/T 2260). */
interface Place {
  code: string;
  name: string;
  divisionCode: string;
  divisionName: string;
}

/**
 * The binding choices from the catalogue's `windows` and `jurisdictions`: each by code and name,
 * and the divisions they lie in (a supervisor's binding), each once, by code.
 */
export function bindingChoices(windows: Place[], jurisdictions: Place[]): BindingChoices {
  const option = (p: Place): BindingOption => ({ code: p.code, label: `${p.name}（${p.code}）` });
  const divisions = new Map<string, string>();
  for (const p of [...windows, ...jurisdictions]) divisions.set(p.divisionCode, p.divisionName);
  return {
    windowCode: windows.map(option),
    jurisdictionCode: jurisdictions.map(option),
    divisionCode: [...divisions.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, name]) => ({ code, label: `${name}（${code}）` })),
  };
}

/** An account as the accounts page lists it. */
export interface AccountRow {
  username: string;
  role: string;
  /** The binding in words (`窗口 W330902`), '—' for an admin. */
  binding: string;
  active: boolean;
  /** 启用 or 已停用: the state in words, never by colour alone. */
  status: string;
  createdAt: Date;
}

const BINDING_WORDS = { windowCode: '窗口', jurisdictionCode: '属地部门', divisionCode: '辖区' } as const;

/** `account` as a row of the accounts page. */
export function accountRow(account: AccountView): AccountRow {
  const field = ROLE_BINDING[account.role];
  return {
    username: account.username,
    role: ROLE_NAMES[account.role],
    binding: field ? `${BINDING_WORDS[field]} ${account[field] ?? ''}` : '—',
    active: account.active,
    status: account.active ? '启用' : '已停用',
    createdAt: account.createdAt,
  };
}

/**
 * The new account of the posted form: the username, password and role, and of the three binding
 * selects only the one `role` takes (ROLE_BINDING), so a select left set for another role is not
 * sent. An unknown role is passed on for AccountService to refuse (400 naming `role`).
 */
export function newAccountOf(form: Record<string, string>): NewAccount {
  const role = form.role as StaffRole;
  const field = Object.hasOwn(ROLE_BINDING, role) ? ROLE_BINDING[role] : null;
  const account: NewAccount = { username: form.username, password: form.password, role };
  if (field && form[field]) account[field] = form[field];
  return account;
}
