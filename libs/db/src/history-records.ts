/**
 * History rows that record a fact without moving the case's machine: a scan uploaded at the window
 * (`SCAN_UPLOADED`), the applicant's evaluation (`EVALUATED`), the due moments of open clocks
 * moved by an official calendar year (`CLOCKS_RECOMPUTED`, before and after), and a 差评 put right by
 * the side rated (`RECTIFIED`, RectificationFacts: its rectification clock stopped), an officer
 * claiming or releasing the case and a lead or supervisor handing it to another (`CLAIMED`,
 * `RELEASED`, `REASSIGNED`, ClaimFacts: the `case_claims` row as it became). They are chained and signed like
 * every row (audit-chain.ts), leave the case in its state (`from_state` = `to_state`), and their
 * payload holds what the `scans` or `evaluations` row holds, so verification compares the two.
 */

/** The types of the history rows that record a fact and change no state. */
export const HISTORY_RECORD_TYPES = [
  'SCAN_UPLOADED',
  'EVALUATED',
  'CLOCKS_RECOMPUTED',
  'RECTIFIED',
  'CLAIMED',
  'RELEASED',
  'REASSIGNED',
] as const;
export type HistoryRecordType = (typeof HISTORY_RECORD_TYPES)[number];

/** True for a history row that records a fact (a scan, an evaluation) rather than an event of the machine. */
export function isHistoryRecord(type: string): type is HistoryRecordType {
  return (HISTORY_RECORD_TYPES as readonly string[]).includes(type);
}

/**
 * A claim as its CLAIMED, RELEASED or REASSIGNED row records it (the payload): the holder after it
 * (null once released) and, for a release or a reassignment, the holder before.
 */
export interface ClaimFacts {
  holder: string | null;
  previousHolder?: string;
}

/** A `scans` row as its SCAN_UPLOADED row records it (the payload). */
export interface ScanFacts {
  materialName: string;
  /** SHA-256 (hex) of the bytes, computed by the server: unique within the case. */
  sha256: string;
  contentType: string;
  /** Size in bytes. */
  bytes: number;
}

/**
 * A 差评 put right (整改), as its RECTIFIED row records it (the payload): the side rated, what was
 * done, and the rectification clock it stopped, with how that ended and the statutory working days
 * it used (the row of `clocks` holds the same).
 */
export interface RectificationFacts {
  side: 'window' | 'jurisdiction';
  note: string;
  clockId: string;
  outcome: 'met' | 'late';
  usedWorkingDays: number | null;
}

/** The `evaluations` row as its EVALUATED row records it (the payload): each side's grade. */
export interface EvaluationFacts {
  windowGrade: string;
  jurisdictionGrade: string;
  comment: string | null;
}

/**
 * The evaluation an EVALUATED row's `payload` records. A row written before both sides were rated
 * (migration TwoSidedEvaluations1764800000000) holds one `grade` for the service as a whole: it is
 * read as both sides' grade, as the migration stored it.
 */
export function recordedEvaluation(payload: Record<string, unknown>): Partial<EvaluationFacts> {
  const { grade, windowGrade = grade, jurisdictionGrade = grade, comment } = payload;
  return { windowGrade, jurisdictionGrade, comment } as Partial<EvaluationFacts>;
}

const sameEvaluation = (a: EvaluationFacts | null, b: Partial<EvaluationFacts>) =>
  a?.windowGrade === b.windowGrade &&
  a?.jurisdictionGrade === b.jurisdictionGrade &&
  a?.comment === b.comment;

/**
 * The tables whose every row a case's history records by a row of its own, as the RECEIVE row's
 * payload names them (`recordedTables`). A RECEIVE row written before lacks the key: rows of these
 * tables that no history row records are then reported as not covered, not as a break.
 */
export const RECORDED_TABLES = ['scans', 'evaluations'] as const;

/** The case's scans and evaluation as stored now, which its history's records must match. */
export interface RecordedFacts {
  scans: ScanFacts[];
  evaluation: EvaluationFacts | null;
}

/** A history row as checkRecords reads it. */
interface HistoryRow {
  id: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

/** Where the stored rows differ from what the history recorded, or the tables not covered. */
export type RecordsVerdict = { differs: { row: HistoryRow; reason: string } } | { unsigned: string[] };

const sameScan = (a: ScanFacts, b: Partial<ScanFacts>) =>
  a.materialName === b.materialName &&
  a.sha256 === b.sha256 &&
  a.contentType === b.contentType &&
  a.bytes === b.bytes;

/**
 * Compares a case's `scans` and `evaluations` rows with its history (`rows`, already verified, the
 * RECEIVE row first): each SCAN_UPLOADED row's scan must be stored as recorded, and the EVALUATED
 * row's evaluation; a stored scan or evaluation that no row records was written outside the write
 * path (named against the RECEIVE row), unless the RECEIVE row predates `recordedTables`, when its
 * table is listed in `unsigned` instead (a change to it is not detected).
 */
export function checkRecords(rows: HistoryRow[], facts: RecordedFacts): RecordsVerdict {
  const [receive] = rows;
  const covers = (table: (typeof RECORDED_TABLES)[number]) =>
    ((receive.payload.recordedTables as string[] | undefined) ?? []).includes(table);
  const differs = (row: HistoryRow, reason: string): RecordsVerdict => ({ differs: { row, reason } });
  const recordedScans: Partial<ScanFacts>[] = [];
  let evaluated: HistoryRow | undefined;
  for (const row of rows) {
    if (row.type === 'SCAN_UPLOADED') {
      const recorded = row.payload as Partial<ScanFacts>;
      if (!facts.scans.some((scan) => sameScan(scan, recorded))) {
        return differs(row, `scans no longer holds the scan ${recorded.sha256} this row recorded`);
      }
      recordedScans.push(recorded);
    } else if (row.type === 'EVALUATED') {
      if (!sameEvaluation(facts.evaluation, recordedEvaluation(row.payload))) {
        return differs(row, 'evaluations no longer holds the evaluation this row recorded');
      }
      evaluated = row;
    }
  }
  const unsigned: string[] = [];
  const unrecorded = facts.scans.filter((scan) => !recordedScans.some((r) => sameScan(scan, r)));
  if (unrecorded.length > 0) {
    if (covers('scans')) {
      return differs(
        receive,
        `scans holds ${unrecorded.map((s) => s.sha256).join(', ')}, which no SCAN_UPLOADED row records`,
      );
    }
    unsigned.push('scans');
  }
  if (facts.evaluation && !evaluated) {
    if (covers('evaluations'))
      return differs(receive, 'evaluations holds an evaluation no EVALUATED row records');
    unsigned.push('evaluations');
  }
  return { unsigned };
}
