import { auditHash, canonicalJson, verifyChain, type AuditRow, type StoredAuditRow } from './audit-chain';

const row = (seq: number, prevHash: string | null, over: Partial<AuditRow> = {}): StoredAuditRow => {
  const fields: AuditRow = {
    applicationId: '6f1c1f0e-7c1a-4c0e-9b7a-2f4b8d1e0a01',
    seq,
    eventId: null,
    type: seq === 1 ? 'RECEIVE' : 'PASS_FORM_CHECK',
    fromState: seq === 1 ? null : 'received',
    toState: seq === 1 ? 'received' : 'formChecked',
    actorRole: 'clerk',
    actorId: 'clerk-01',
    payload: { materials: ['申请表'] },
    occurredAt: new Date(Date.UTC(2026, 10, 29, 1, 2, seq)),
    prevHash,
    ...over,
  };
  return { ...fields, id: String(seq), hash: auditHash(fields) };
};

const chain = (n: number): StoredAuditRow[] => {
  const rows: StoredAuditRow[] = [];
  for (let seq = 1; seq <= n; seq++) rows.push(row(seq, rows[seq - 2]?.hash ?? null));
  return rows;
};

describe('the audit hash chain', () => {
  it('serialises equal rows alike whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(chain(4))).toEqual({ intact: true, rows: 4 });
  });

  it('names the row whose content was edited', () => {
    const rows = chain(4);
    rows[2] = { ...rows[2], actorId: 'someone-else' };
    expect(verifyChain(rows)).toMatchObject({
      intact: false,
      brokenAt: { seq: 3, reason: expect.stringContaining('changed') },
    });
  });

  it('names the row after a removed one, and a row re-hashed without fixing its successor', () => {
    const removed = chain(4).filter((r) => r.seq !== 2);
    expect(verifyChain(removed)).toMatchObject({ intact: false, brokenAt: { seq: 3 } });
    const rows = chain(3);
    const { id: _id, hash: _hash, ...fields } = { ...rows[1], actorId: 'forger' };
    rows[1] = { ...fields, id: '2', hash: auditHash(fields) };
    expect(verifyChain(rows)).toMatchObject({
      intact: false,
      brokenAt: { seq: 3, reason: expect.stringContaining('prev_hash') },
    });
  });
});
