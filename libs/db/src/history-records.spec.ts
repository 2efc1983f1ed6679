import { checkRecords, isHistoryRecord, RECORDED_TABLES, type ScanFacts } from './history-records';

const SCAN: ScanFacts = {
  materialName: '学历证书',
  sha256: 'a'.repeat(64),
  contentType: 'image/png',
  bytes: 42,
};
const EVALUATION = { windowGrade: 'satisfied', jurisdictionGrade: 'dissatisfied', comment: null };

/** A history: RECEIVE (naming the recorded tables unless `legacy`), then the records given. */
const history = (records: { type: string; payload: Record<string, unknown> }[], legacy = false) => [
  { id: '1', seq: 1, type: 'RECEIVE', payload: legacy ? {} : { recordedTables: [...RECORDED_TABLES] } },
  ...records.map((r, i) => ({ id: String(i + 2), seq: i + 2, ...r })),
];

describe('the scans and evaluation of a case against its history', () => {
  it('tells a history record from an event of the machine', () => {
    expect(['SCAN_UPLOADED', 'EVALUATED', 'RECEIVE', 'ACCEPT'].map(isHistoryRecord)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('accepts a case whose stored scans and evaluation are what its history recorded', () => {
    const rows = history([
      { type: 'SCAN_UPLOADED', payload: { ...SCAN } },
      { type: 'EVALUATED', payload: { ...EVALUATION } },
    ]);
    expect(checkRecords(rows, { scans: [SCAN], evaluation: EVALUATION })).toEqual({ unsigned: [] });
  });

  it('names the row whose scan or evaluation was changed or removed', () => {
    const rows = history([
      { type: 'SCAN_UPLOADED', payload: { ...SCAN } },
      { type: 'EVALUATED', payload: { ...EVALUATION } },
    ]);
    for (const changed of [
      { bytes: 43 },
      { contentType: 'application/pdf' },
      { materialName: '公证申请表' },
    ]) {
      expect(checkRecords(rows, { scans: [{ ...SCAN, ...changed }], evaluation: EVALUATION })).toEqual({
        differs: { row: rows[1], reason: `scans no longer holds the scan ${SCAN.sha256} this row recorded` },
      });
    }
    expect(checkRecords(rows, { scans: [SCAN], evaluation: { ...EVALUATION, comment: '好' } })).toEqual({
      differs: { row: rows[2], reason: 'evaluations no longer holds the evaluation this row recorded' },
    });
    expect(
      checkRecords(rows, { scans: [SCAN], evaluation: { ...EVALUATION, jurisdictionGrade: 'satisfied' } }),
    ).toMatchObject({ differs: { row: rows[2] } });
    expect(checkRecords(rows, { scans: [SCAN], evaluation: null })).toMatchObject({
      differs: { row: rows[2] },
    });
  });

  it('reads an EVALUATED row of one grade, written before both sides were rated, as both sides', () => {
    const rows = history([{ type: 'EVALUATED', payload: { grade: 'satisfied', comment: '快' } }]);
    const both = { windowGrade: 'satisfied', jurisdictionGrade: 'satisfied', comment: '快' };
    expect(checkRecords(rows, { scans: [], evaluation: both })).toEqual({ unsigned: [] });
    expect(
      checkRecords(rows, { scans: [], evaluation: { ...both, windowGrade: 'dissatisfied' } }),
    ).toMatchObject({ differs: { row: rows[1] } });
  });

  it('names the RECEIVE row for a scan or an evaluation no row records', () => {
    const rows = history([]);
    expect(checkRecords(rows, { scans: [SCAN], evaluation: null })).toEqual({
      differs: { row: rows[0], reason: `scans holds ${SCAN.sha256}, which no SCAN_UPLOADED row records` },
    });
    expect(checkRecords(rows, { scans: [], evaluation: EVALUATION })).toEqual({
      differs: { row: rows[0], reason: 'evaluations holds an evaluation no EVALUATED row records' },
    });
  });

  it('lists the tables not covered when the RECEIVE row predates recordedTables', () => {
    expect(checkRecords(history([], true), { scans: [SCAN], evaluation: EVALUATION })).toEqual({
      unsigned: ['scans', 'evaluations'],
    });
    const recorded = history([{ type: 'SCAN_UPLOADED', payload: { ...SCAN } }], true);
    expect(checkRecords(recorded, { scans: [SCAN], evaluation: null })).toEqual({ unsigned: [] });
  });
});
