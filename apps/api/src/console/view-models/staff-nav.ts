import type { StaffPrincipal } from '@app/accounts';
import { mayReassign } from '@app/common';

/** The role of each staff account as the pages name it (landing page, accounts). */
export const ROLE_NAMES: Readonly<Record<StaffPrincipal['role'], string>> = {
  clerk: '收件窗口',
  officer: '业务属地部门',
  supervisor: '督查',
  admin: '系统管理',
};

/** A link of the staff's navigation bar: where it goes and what it says. */
export interface NavLink {
  href: string;
  label: string;
}

/**
 * The rooms each staff role reaches from the bar at the top of every staff page, in order. One
 * list: a room added to the console adds its link here (the layout renders it, nothing else).
 */
export const STAFF_NAV: Readonly<Record<StaffPrincipal['role'], readonly NavLink[]>> = {
  clerk: [
    { href: '/console/staff', label: '工作台' },
    { href: '/console/staff/intake', label: '收件' },
    { href: '/console/staff/parcels', label: '寄递包裹' },
    { href: '/console/staff/find', label: '查找案件' },
  ],
  officer: [
    { href: '/console/staff', label: '工作台' },
    { href: '/console/staff?mine=1', label: '我认领的案件' },
    { href: '/console/staff/queues', label: '待办队列' },
    { href: '/console/staff/parcels', label: '包裹签收' },
    { href: '/console/staff/find', label: '查找案件' },
  ],
  supervisor: [
    { href: '/console/staff', label: '工作台' },
    { href: '/console/staff/statistics', label: '督查统计' },
    { href: '/console/staff/claims', label: '案件改派' },
    { href: '/console/staff/find', label: '查找案件' },
  ],
  admin: [
    { href: '/console/staff', label: '工作台' },
    { href: '/console/staff/admin/accounts', label: '账户管理' },
    { href: '/console/staff/admin/calendar', label: '节假日安排' },
    { href: '/admin/queues', label: '队列看板' },
  ],
};

/** The rooms a lead officer (科室负责人) reaches besides an officer's: the reassign page (改派). */
export const LEAD_NAV: readonly NavLink[] = [{ href: '/console/staff/claims', label: '案件改派' }];

/** The navigation links of `staff` (none for a page nobody is signed in to). */
export function navOf(staff: StaffPrincipal | null): readonly NavLink[] {
  if (!staff) return [];
  // A lead officer reaches the reassign page too (the policy's mayReassign; a supervisor has it in the list).
  return staff.role === 'officer' && mayReassign(staff)
    ? [...STAFF_NAV.officer, ...LEAD_NAV]
    : STAFF_NAV[staff.role];
}
