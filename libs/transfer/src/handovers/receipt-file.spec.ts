import { generateSigningKey, HandoverRoot } from './handover-keys';
import { canonicalJson, sha256OfCanonical } from './canonical-json';
import type { HandoverReceiptBody, SigningPartyKind } from './handover-receipt';
import {
  receiptFileText,
  signReceiptBody,
  verifyReceiptFile,
  type HandoverReceiptFile,
} from './receipt-file';

const seed = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const root = HandoverRoot.fromSeed(seed(7));
const validFrom = new Date('2026-12-01T00:00:00Z');

/** A party key certified by `by`: its seed and certificate. */
function partyKey(kind: SigningPartyKind, code: string, by = root, from = validFrom) {
  const key = generateSigningKey();
  return { seed: key.privateKeySeed, cert: by.certify({ kind, code }, key.publicKey, from) };
}

const window = partyKey('window', '330902');
const manifest = { cases: [{ caseNumber: 'ZS20261201000001', originals: [{ name: '学历证书', pages: 1 }] }] };

function body(key = window, over: Partial<HandoverReceiptBody> = {}): HandoverReceiptBody {
  return {
    receiptId: '6f1c1c1e-8e0b-4d7e-9a51-0d2b8b1f0a01',
    kind: 'windowToCourier',
    from: { kind: 'window', code: '330902', name: '定海区政务服务中心' },
    to: { kind: 'courier', code: 'SF' },
    parcelNumber: 'P20261201000001',
    waybillNumber: 'SF1234567890',
    caseNumbers: ['ZS20261201000001'],
    manifestSha256: sha256OfCanonical(manifest),
    signedAt: '2026-12-01T02:00:00.000Z',
    signer: { kind: key.cert.party.kind, code: key.cert.party.code, keyId: key.cert.keyId },
    ...over,
  };
}

function file(b: HandoverReceiptBody, signingKey = window, carried = signingKey): string {
  const f: HandoverReceiptFile = {
    format: 'proxy-acceptance/handover-receipt/1',
    body: b,
    signature: signReceiptBody(b, signingKey.seed),
    signerKey: carried.cert,
  };
  return receiptFileText(f);
}

describe('hand-over receipts', () => {
  it('canonical JSON does not depend on the order keys were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, { e: 3, f: 2 }] }, b: 1 }),
    );
    expect(sha256OfCanonical({ y: 1, x: 2 })).toBe(sha256OfCanonical({ x: 2, y: 1 }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('$.n is not a finite number');
  });

  it('an intact receipt verifies with the root alone, and with the root public key from a trust file', () => {
    const text = file(body());
    expect(verifyReceiptFile(text, root)).toEqual({ intact: true, body: body() });
    expect(verifyReceiptFile(text, HandoverRoot.fromPublicKeyPem(root.publicKeyPem)).intact).toBe(true);
  });

  it('fails when any one byte of the file is changed', () => {
    const text = file(body());
    const failed: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const changed = text.slice(0, i) + (text[i] === 'a' ? 'b' : 'a') + text.slice(i + 1);
      if (verifyReceiptFile(changed, root).intact) failed.push(i);
    }
    expect(failed).toEqual([]);
  });

  it('a changed field, written back in canonical form, fails on the signature', () => {
    const text = file(body());
    const f = JSON.parse(text) as HandoverReceiptFile;
    f.body.caseNumbers = ['ZS20261201000002'];
    expect(verifyReceiptFile(receiptFileText(f), root)).toEqual({
      intact: false,
      reason: 'the signature does not match the receipt: it was changed or signed by another key',
    });
  });

  it('fails when re-signed by a key the root never certified', () => {
    const otherRoot = HandoverRoot.fromSeed(seed(9));
    const forger = partyKey('window', '330902', otherRoot);
    const verdict = verifyReceiptFile(file(body(forger), forger), root);
    expect(verdict).toEqual({ intact: false, reason: expect.stringContaining('not the trusted root') });
    // The same key with a certificate copied from the real key: the signature does not hold.
    const copied = verifyReceiptFile(file(body(), forger, window), root);
    expect(copied).toEqual({ intact: false, reason: expect.stringContaining('signature does not match') });
  });

  it("fails when re-signed by another certified party's key with the signer left as it was", () => {
    const jurisdiction = partyKey('jurisdiction', '310115');
    const verdict = verifyReceiptFile(file(body(), jurisdiction), root);
    expect(verdict).toEqual({
      intact: false,
      reason: expect.stringContaining(
        `signed as window 330902 (key ${window.cert.keyId}) with the key of jurisdiction 310115`,
      ),
    });
  });

  it('a changed certificate fails', () => {
    const f = JSON.parse(file(body())) as HandoverReceiptFile;
    f.signerKey.validFrom = '2026-11-01T00:00:00.000Z';
    expect(verifyReceiptFile(receiptFileText(f), root)).toEqual({
      intact: false,
      reason: "the signer's key certificate does not verify under the trusted root",
    });
  });

  it('a receipt signed before its key was valid fails', () => {
    const verdict = verifyReceiptFile(file(body(window, { signedAt: '2026-11-30T00:00:00.000Z' })), root);
    expect(verdict).toEqual({ intact: false, reason: expect.stringContaining('before its key was valid') });
  });

  it('a receipt signed by a key rotated away since still verifies', () => {
    const old = file(body());
    const next = partyKey('window', '330902', root, new Date('2026-12-02T00:00:00Z'));
    const later = file(body(next, { signedAt: '2026-12-02T01:00:00.000Z' }), next);
    expect(verifyReceiptFile(old, root).intact).toBe(true);
    expect(verifyReceiptFile(later, root).intact).toBe(true);
  });
});
