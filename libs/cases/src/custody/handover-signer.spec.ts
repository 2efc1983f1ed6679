import type { EntityManager } from 'typeorm';
import { loadConfig } from '@app/common';
import { HandoverRoot } from '@app/transfer';
import { HandoverSigner, type HandoverInput } from './handover-signer';

/** Refusals come before any query: `sign` never reaches the (absent) transaction with such input. */
const noTransaction = {} as EntityManager;

const input: HandoverInput = {
  kind: 'courierToJurisdiction',
  from: { kind: 'courier', code: 'SF' },
  to: { kind: 'jurisdiction', code: 'J310115-SFJ' },
  signer: { kind: 'jurisdiction', code: 'J310115-SFJ' },
  caseIds: ['0b6f3a52-5d1e-4c4a-9f59-3f1c2b7d9e01'],
  caseNumbers: ['ZS20261201000001'],
  manifest: {},
  at: new Date('2026-12-01T02:00:00Z'),
};

describe('HandoverSigner', () => {
  const signer = new HandoverSigner(loadConfig({}));

  it.each([
    ['no case', { caseIds: [], caseNumbers: [] }, 'a hand-over covers one case or more'],
    ['ids without numbers', { caseNumbers: [] }, 'as many of each'],
    [
      'a signer on neither side',
      { signer: { kind: 'window', code: 'W330902' } },
      'the signer window W330902 is neither side of the hand-over',
    ],
    ['an unknown kind', { kind: 'windowToMoon' }, 'unknown hand-over kind windowToMoon'],
  ])('refuses %s', async (_, change, message) => {
    await expect(signer.sign(noTransaction, { ...input, ...change } as HandoverInput)).rejects.toThrow(
      message,
    );
  });

  it('trusts the root of HANDOVER_ROOT_KEY: its public key is what export-receipt-trust prints', () => {
    const root = HandoverRoot.fromSeed(loadConfig({}).HANDOVER_ROOT_KEY);
    expect(signer.rootPublicKeyPem).toBe(root.publicKeyPem);
    expect(HandoverRoot.fromPublicKeyPem(signer.rootPublicKeyPem).keyId).toBe(root.keyId);
  });
});
