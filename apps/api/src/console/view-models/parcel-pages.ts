import { InvalidInput, type FieldProblem } from '@app/common';
import { PARCEL_LEG_LABELS, type CheckInLine, type ParcelView } from '@app/cases';
import type { ListedParcel } from '@app/transfer';
import { formLabel } from '@app/documents';
import { CHECK_IN_OUTCOMES, stateLabel, type CheckInOutcome } from '@app/workflow';

/** How a parcel's status reads on the console. */
export const PARCEL_STATUS_WORDS: Readonly<Record<ListedParcel['status'], string>> = {
  open: '装包中',
  sealed: '已封包寄出',
  delivered: '已送达，待签收',
  checkedIn: '已签收',
  failed: '寄递失败',
};

/** How a case's line of a parcel reads. */
export const LINE_STATUS_WORDS: Readonly<Record<string, string>> = {
  packed: '已装入',
  removed: '已取出',
  sealed: '随包寄递中',
  received: '原件齐全，已签收',
  discrepancy: '原件不符',
  returned: '已撤回，原件退回',
  failed: '寄递失败',
};

/** How a check-in outcome of an original reads. */
export const OUTCOME_WORDS: Readonly<Record<CheckInOutcome, string>> = {
  received: '已收到',
  missing: '缺失',
  damaged: '破损',
};

/** Names of windows and home jurisdictions by code (the catalogue's), for what a page says. */
export type PartyNames = ReadonlyMap<string, string>;

/** A parcel as a desk's list shows it. */
export interface ParcelRow {
  id: string;
  parcelNumber: string;
  legLabel: string;
  fromName: string;
  toName: string;
  statusLabel: string;
  cases: number;
  waybillNumber: string;
  openedAt: Date;
  sealedAt: Date | null;
  dueAt: Date | null;
  checkedInAt: Date | null;
}

/** One original of a line as a parcel page shows it. */
export interface OriginalRow {
  name: string;
  pages: number | null;
  formLabel: string;
  outcomeLabel: string;
  /** A missing or damaged original (so the page says it in words beside any colour). */
  wrong: boolean;
  note: string;
}

/** One case of a parcel page. */
export interface LineRow {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  stateLabel: string;
  /** What happens next to the case (the state's `next`): where a check-in sent it. */
  stateNext: string;
  lineLabel: string;
  /** Packed in an open parcel: it can still be taken out. */
  removable: boolean;
  /** Travelling in the parcel: the officer checks it in. */
  travelling: boolean;
  originals: OriginalRow[];
}

/** What a parcel page shows. */
export interface ParcelPage {
  row: ParcelRow;
  isOpen: boolean;
  /** Sealed or delivered: an officer may check it in. */
  inTransit: boolean;
  leg: ParcelView['parcel']['leg'];
  lines: LineRow[];
  /** The ids of the cases packed now, in order: the seal form sends them back (ParcelService.seal). */
  packedIds: string[];
}

const nameOf = (names: PartyNames, code: string) => names.get(code) ?? code;

/** A listed parcel (ParcelService.desk) as a desk's row. */
export function parcelRow(parcel: ListedParcel, names: PartyNames): ParcelRow {
  return {
    id: parcel.id,
    parcelNumber: parcel.parcelNumber,
    legLabel: PARCEL_LEG_LABELS[parcel.leg],
    fromName: nameOf(names, parcel.fromCode),
    toName: nameOf(names, parcel.toCode),
    statusLabel: PARCEL_STATUS_WORDS[parcel.status],
    cases: parcel.cases,
    waybillNumber: parcel.waybillNumber ?? '',
    openedAt: parcel.openedAt,
    sealedAt: parcel.sealedAt,
    dueAt: parcel.dueAt,
    checkedInAt: parcel.checkedInAt,
  };
}

/** Parcel `view` (ParcelService.view) as its page shows it; lines taken out are left off. */
export function parcelPage(view: ParcelView, names: PartyNames): ParcelPage {
  const { parcel } = view;
  const isOpen = parcel.status === 'open';
  const listed = view.lines.filter((line) => line.status !== 'removed');
  const cases = listed.length;
  return {
    row: parcelRow({ ...parcel, cases }, names),
    isOpen,
    inTransit: parcel.status === 'sealed' || parcel.status === 'delivered',
    leg: parcel.leg,
    lines: listed.map((line) => ({
      caseId: line.caseId,
      caseNumber: line.caseNumber,
      itemCode: line.itemCode,
      stateLabel: stateLabel(line.state)?.label ?? line.state,
      stateNext: stateLabel(line.state)?.next ?? '',
      lineLabel: LINE_STATUS_WORDS[line.status] ?? line.status,
      removable: isOpen && line.status === 'packed',
      travelling: line.status === 'sealed',
      originals: line.originals.map((o) => ({
        name: o.name,
        pages: o.pages,
        formLabel: formLabel(o.form),
        outcomeLabel: o.outcome ? OUTCOME_WORDS[o.outcome] : '',
        wrong: o.outcome === 'missing' || o.outcome === 'damaged',
        note: o.note ?? '',
      })),
    })),
    packedIds: listed.filter((line) => line.status === 'packed').map((line) => line.caseId),
  };
}

/** The check-in form's field for original `j` of case `caseId`'s line: its outcome, or its note. */
export const checkInField = (what: 'outcome' | 'note', caseId: string, j: number) => `${what}.${caseId}.${j}`;

/** Longest note on one original, characters. */
export const NOTE_MAX_CHARS = 200;

/**
 * The check-in (ParcelService.checkIn lines) the officer's form `body` gives for parcel `view`:
 * every travelling case, every original of its manifest line as the form marks it
 * (`outcome.<caseId>.<j>`: received, missing or damaged; `note.<caseId>.<j>`, optional). Names
 * come from the manifest, never from the form. Pure.
 * @throws InvalidInput (400) naming, in Chinese, each original without one outcome, and each note
 *   over NOTE_MAX_CHARS
 */
export function checkInLines(view: ParcelView, body: unknown): CheckInLine[] {
  const posted = (body ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const lines = view.lines
    .filter((line) => line.status === 'sealed')
    .map((line) => ({
      caseId: line.caseId,
      originals: line.originals.map((o, j) => {
        const outcomeField = checkInField('outcome', line.caseId, j);
        const outcome = posted[outcomeField];
        const rawNote = posted[checkInField('note', line.caseId, j)];
        const note = typeof rawNote === 'string' ? rawNote.trim() : '';
        if (!(CHECK_IN_OUTCOMES as readonly unknown[]).includes(outcome)) {
          problems.push({
            field: outcomeField,
            message: `请选择案件 ${line.caseNumber}「${o.name}」的核对结果`,
          });
        }
        if ([...note].length > NOTE_MAX_CHARS) {
          problems.push({
            field: checkInField('note', line.caseId, j),
            message: `「${o.name}」的说明不能超过 ${NOTE_MAX_CHARS} 个字`,
          });
        }
        return { name: o.name, outcome: outcome as CheckInOutcome, ...(note ? { note } : {}) };
      }),
    }));
  if (problems.length) throw new InvalidInput('the check-in form is incomplete', problems);
  return lines;
}
