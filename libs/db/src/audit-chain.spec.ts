import { randomBytes } from 'node:crypto';
import {
  auditHash,
  canonicalJson,
  legacyAuditHash,
  verifyChain,
  type AuditRow,
  type StoredAuditRow,
} from './audit-chain';

const KEY = randomBytes(32);

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
  return { ...fields, id: String(seq), hash: auditHash(fields, KEY), hashScheme: 'hmac-sha256' };
};

const chain = (n: number): StoredAuditRow[] => {
  const rows: StoredAuditRow[] = [];
  for (let seq = 1; seq <= n; seq++) rows.push(row(seq, rows[seq - 2]?.hash ?? null));
  return rows;
};

/** Where a chain of n rows must end: the case at version n, in the last row's state. */
const head = (n: number) => ({ version: n, state: n === 1 ? 'received' : 'formChecked' });

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
    expect(verifyChain(chain(2), KEY, { version: 2, state: 'returnedForCorrection' })).toMatchObject({
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
});
