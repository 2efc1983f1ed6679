import { Conflict, InvalidInput, type FieldProblem } from '@app/common';
import type { ReassignRequest } from '@app/cases';
import type { ClaimPanel } from './claim-panel';
import { beijingMinute } from './view-helpers';

/** A refusal as a claim or reassign page says it: a sentence in Chinese, with the form fields it names. */
export interface ClaimRefusal {
  message: string;
  fields: FieldProblem[];
}

/** Who holds the case now, in words: `由 officer-x 办理（2026-12-01 14:05 认领）` or `尚无人认领`. */
export function holderWords(panel: Pick<ClaimPanel, 'holder' | 'claimedAt'>): string {
  return panel.holder ? `由 ${panel.holder} 办理（${beijingMinute(panel.claimedAt)} 认领）` : '尚无人认领';
}

/**
 * What a refused 认领 or 释放 says, with the case as it is now (`now`, read after the refusal):
 * another officer's claim, a page rendered before the case changed, a release of a case nobody
 * holds, a claim of a case that has ended. Each names the current holder and state.
 */
export function claimRefusal(e: Conflict, now: ClaimPanel): ClaimRefusal {
  const current = `案件当前状态：${now.stateLabel}；${holderWords(now)}。`;
  const why: Record<string, string> = {
    claimed_by_other: `此案件已由 ${now.holder ?? '其他工作人员'} 认领，办理操作由认领人进行。`,
    stale_version: '页面打开之后案件已有变动，未按旧页面办理。',
    not_claimed: '此案件当前无人认领，无需释放。',
    case_closed: '案件已办结，无需认领。',
  };
  return { message: `${why[e.reason] ?? '案件当前状态不允许此操作。'}${current}`, fields: [] };
}

/**
 * The reassignment a posted reassign form asks for: `from`, `to`, and the ticked `caseIds` (or
 * all of `from`'s cases when `all` is ticked); or, when a field is missing (the colleague to take
 * the cases, the cases: none ticked and not all), the refusal naming each in Chinese.
 */
export function readReassignForm(body: Record<string, unknown>): ReassignRequest | ClaimRefusal {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const from = text(body?.from);
  const to = text(body?.to);
  const ticked = ([] as unknown[])
    .concat(body?.caseIds ?? [])
    .map(text)
    .filter(Boolean);
  const all = text(body?.all) === '1';
  const problems: FieldProblem[] = [];
  if (!from) problems.push({ field: 'from', message: '请选择原认领人' });
  if (!to) problems.push({ field: 'to', message: '请选择接手的同事' });
  if (!all && ticked.length === 0)
    problems.push({ field: 'caseIds', message: '请勾选要改派的案件，或勾选"全部案件"' });
  if (problems.length > 0) return { message: '请检查填写的内容。', fields: problems };
  return { from, to, caseIds: all ? undefined : ticked };
}

/** What a refused reassignment says on its page (ClaimService.reassign's refusals, in Chinese). */
export function reassignRefusal(e: InvalidInput | Conflict): ClaimRefusal {
  if (e instanceof Conflict) {
    const count = ((e.details as { caseIds?: unknown[] }).caseIds ?? []).length;
    return {
      message:
        e.reason === 'not_held'
          ? `所勾选的案件中有 ${count} 件已不由原认领人办理（可能已释放或改派），未予改派。请按当前列表重新勾选。`
          : '案件已有变动，未予改派。请按当前列表重新勾选。',
      fields: [],
    };
  }
  const fields = (e.details as FieldProblem[] | undefined) ?? [];
  const words = fields.map((f) =>
    f.field === 'to'
      ? { field: 'to', message: '接手的同事须为同一业务属地部门在岗的工作人员，且不是原认领人' }
      : f,
  );
  return { message: '请检查填写的内容。', fields: words };
}
