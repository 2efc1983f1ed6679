import { randomBytes } from 'node:crypto';
import {
  applicantDigest,
  auditHash,
  canonicalJson,
  legacyAuditHash,
  verifyChain,
  type AuditRow,
  type StoredAuditRow,
} from './audit-chain';

const KEY = randomBytes(32);
const CASE_ID = '6f1c1f0e-7c1a-4c0e-9b7a-2f4b8d1e0a01';
/** An invented applicant (valid GB 11643 check digit). */
const APPLICANT = {
  name: '林晓岚',
  idType: 'resident_id',
  idNumber: '330902199003072157',
  phone: '13800570001',
};
const RECEIVED = {
  caseNumber: '330902-20261129-000042',
  itemCode: 'KS1-001',
  windowCode: 'W330902',
  jurisdictionCode: 'J310115-SFJ',
};

const row = (seq: number, prevHash: string | null, over: Partial<AuditRow> = {}): StoredAuditRow => {
  const fields: AuditRow = {
    applicationId: CASE_ID,
    seq,
    eventId: null,
    type: seq === 1 ? 'RECEIVE' : 'PASS_FORM_CHECK',
    fromState: seq === 1 ? null : 'received',
    toState: seq === 1 ? 'received' : 'formChecked',
    actorRole: 'clerk',
    actorId: 'clerk-01',
    payload:
      seq === 1
        ? { ...RECEIVED, materials: ['申请表'], applicantDigest: applicantDigest(CASE_ID, APPLICANT, KEY) }
        : {},
    occurredAt: new Date(Date.UTC(2026, 10, 29, 1, 2, seq)),
    prevHash,
    ...over,
  };
  return { ...fields, id: String(seq), hash: auditHash(fields, KEY), hashScheme: 'hmac-sha256' };
};

const chain = (n: number): StoredAuditRow[] => {
  const rows: StoredAuditRow[] = [];
  for (let seq = 1; seq <= n; seq++) rows.push(row(seq, rows[seq - 2]?.hash ?? null));
  return rows;
};

/** The case row of a chain of n rows: at version n, in the last row's state, as received. */
const head = (n: number, state = n === 1 ? 'received' : 'formChecked') => ({
  version: n,
  state,
  ...RECEIVED,
  applicant: APPLICANT,
  scans: [],
  evaluation: null,
});

/** `rows` with the payload of the first one replaced by `payload` and the chain re-signed. */
const resigned = (rows: StoredAuditRow[], payload: Record<string, unknown>): StoredAuditRow[] => {
  const out: StoredAuditRow[] = [];
  for (const { id, hash: _h, hashScheme, ...fields } of rows) {
    const f = {
      ...fields,
      payload: fields.seq === 1 ? payload : fields.payload,
      prevHash: out.at(-1)?.hash ?? null,
    };
    out.push({ ...f, id, hash: auditHash(f, KEY), hashScheme });
  }
  return out;
};

describe('the audit hash chain', () => {
  it('serialises equal rows alike whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });

  it('verifies an intact chain that ends where the case is', () => {
    expect(verifyChain(chain(4), KEY, head(4))).toEqual({ intact: true, rows: 4 });
  });

  it('names the row whose content was edited', () => {
    const rows = chain(4);
    rows[2] = { ...rows[2], actorId: 'someone-else' };
    expect(verifyChain(rows, KEY, head(4))).toMatchObject({
      intact: false,
      brokenAt: { seq: 3, reason: expect.stringContaining('changed') },
    });
  });

  it('names the row after a removed one, and a row re-hashed without fixing its successor', () => {
    const removed = chain(4).filter((r) => r.seq !== 2);
    expect(verifyChain(removed, KEY, head(4))).toMatchObject({ intact: false, brokenAt: { seq: 3 } });
    const rows = chain(3);
    const { id: _id, hash: _hash, hashScheme: _s, ...fields } = { ...rows[1], actorId: 'forger' };
    rows[1] = { ...fields, id: '2', hash: auditHash(fields, KEY), hashScheme: 'hmac-sha256' };
    expect(verifyChain(rows, KEY, head(3))).toMatchObject({
      intact: false,
      brokenAt: { seq: 3, reason: expect.stringContaining('prev_hash') },
    });
  });

  it('reports a chain whose last rows were removed, or that ends in another state than the case', () => {
    expect(verifyChain(chain(4).slice(0, 3), KEY, head(4))).toMatchObject({
      intact: false,
      brokenAt: { id: '3', seq: 3, reason: expect.stringContaining('version 4') },
    });
    expect(verifyChain([], KEY, head(1))).toMatchObject({ intact: false, brokenAt: { id: null, seq: 0 } });
    expect(verifyChain(chain(2), KEY, head(2, 'returnedForCorrection'))).toMatchObject({
      intact: false,
      brokenAt: { seq: 2, reason: expect.stringContaining('returnedForCorrection') },
    });
  });

  it('refuses a chain signed under another key, and rows hashed with plain SHA-256', () => {
    expect(verifyChain(chain(2), randomBytes(32), head(2))).toMatchObject({
      intact: false,
      brokenAt: { seq: 1, reason: expect.stringContaining('changed') },
    });
    const legacy: StoredAuditRow[] = [];
    for (const r of chain(2)) {
      const { id, hash: _h, hashScheme: _s, ...fields } = r;
      const f = { ...fields, prevHash: legacy[legacy.length - 1]?.hash ?? null };
      legacy.push({ ...f, id, hash: legacyAuditHash(f), hashScheme: 'sha256' });
    }
    expect(verifyChain(legacy, KEY, head(2))).toMatchObject({
      intact: false,
      brokenAt: { seq: 1, reason: expect.stringContaining('plain SHA-256') },
    });
  });

  it('names the column of the case row that differs from what the RECEIVE row signed', () => {
    const changed = [
      [{ ...head(2), jurisdictionCode: 'J340100-RSJ' }, 'jurisdiction_code'],
      [{ ...head(2), windowCode: 'W330903' }, 'window_code'],
      [{ ...head(2), itemCode: 'KS1-002' }, 'item_code'],
      [{ ...head(2), applicant: { ...APPLICANT, name: '张三' } }, 'applicant_name'],
      [{ ...head(2), applicant: { ...APPLICANT, idNumber: '33090319850611041X' } }, 'applicant_id_number'],
      [{ ...head(2), applicant: { ...APPLICANT, phone: '13800570002' } }, 'applicant_phone'],
    ] as const;
    for (const [facts, column] of changed) {
      expect(verifyChain(chain(2), KEY, facts)).toEqual({
        intact: false,
        rows: 2,
        brokenAt: { id: '1', seq: 1, reason: `${column} differs from what the RECEIVE row signed` },
      });
    }
    expect(
      verifyChain(chain(2), KEY, { ...head(2), applicant: { ...APPLICANT, phone: null } }),
    ).toMatchObject({
      brokenAt: { seq: 1, reason: expect.stringContaining('applicant_phone cannot be decrypted') },
    });
  });

  it('signs the kind, agent and mailing address since issue 13, and reads their absence from an older digest as the defaults', () => {
    const AGENT = JSON.stringify({
      name: '周一鸣',
      idType: 'resident_id',
      idNumber: '330902198801010013',
      phone: '13800570003',
    });
    const later = { ...APPLICANT, kind: 'natural_person', agent: AGENT };
    const signedLater = resigned(chain(2), {
      ...RECEIVED,
      materials: ['申请表'],
      applicantDigest: applicantDigest(CASE_ID, later, KEY),
    });
    expect(verifyChain(signedLater, KEY, { ...head(2), applicant: later })).toEqual({
      intact: true,
      rows: 2,
    });
    const { agent: _dropped, ...withoutAgent } = later;
    expect(verifyChain(signedLater, KEY, { ...head(2), applicant: withoutAgent })).toMatchObject({
      brokenAt: { seq: 1, reason: 'agent differs from what the RECEIVE row signed' },
    });
    // An older digest signs none of them: the case row must hold their defaults.
    expect(
      verifyChain(chain(2), KEY, { ...head(2), applicant: { ...APPLICANT, kind: 'natural_person' } }),
    ).toEqual({
      intact: true,
      rows: 2,
    });
    expect(
      verifyChain(chain(2), KEY, { ...head(2), applicant: { ...APPLICANT, kind: 'legal_person' } }),
    ).toMatchObject({
      brokenAt: { seq: 1, reason: 'applicant_kind differs from what the RECEIVE row signed' },
    });
    expect(
      verifyChain(chain(2), KEY, { ...head(2), applicant: { ...APPLICANT, mailingAddress: '{}' } }),
    ).toMatchObject({
      brokenAt: { seq: 1, reason: 'mailing_address differs from what the RECEIVE row signed' },
    });
  });

  it('keeps a RECEIVE row that signs no applicant (written before it did) intact, listing what it does not cover', () => {
    const { applicantDigest: _d, ...older } = chain(2)[0].payload;
    const rows = resigned(chain(2), older);
    const unsigned = ['applicant_name', 'applicant_id_type', 'applicant_id_number', 'applicant_phone'];
    expect(verifyChain(rows, KEY, { ...head(2), applicant: { ...APPLICANT, name: '张三' } })).toEqual({
      intact: true,
      rows: 2,
      unsigned,
    });
    expect(verifyChain(resigned(chain(2), {}), KEY, head(2))).toEqual({
      intact: true,
      rows: 2,
      unsigned: ['case_number', 'item_code', 'window_code', 'jurisdiction_code', ...unsigned],
    });
  });
});
