import { hkdfSync, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig, PiiCipher } from '@app/common';
import {
  generateSigningKey,
  HANDOVER_KINDS,
  HandoverReceiptRepository,
  HandoverRoot,
  RECEIPT_FILE_FORMAT,
  sha256OfCanonical,
  signReceiptBody,
  SigningKeyRepository,
  type HandoverKeyCertificate,
  type HandoverKind,
  type HandoverParty,
  type HandoverReceiptBody,
  type HandoverReceiptFile,
  type SigningPartyKind,
  type StoredHandoverReceipt,
  type StoredSigningKey,
} from '@app/transfer';

/**
 * How long before its making a key is valid, ms (1 hour): a hand-over recorded a little after it
 * happened (`at` before now), or one racing a rotation or another first use of the party's key,
 * is still signed by the key now active rather than refused.
 */
export const KEY_VALIDITY_GRACE_MS = 3_600_000;

/** A party that signs: a window or a home jurisdiction, by its code. */
export interface SigningParty {
  kind: SigningPartyKind;
  code: string;
}

/**
 * One hand-over to sign (DESIGN "Papers (custody)"): which (`kind`), from whom to whom, the party
 * whose key signs (`signer`: the `from` party, or the `to` party where it signs for what it
 * received, as at check-in), the cases (ids, and their numbers as printed), the parcel and waybill
 * when there are, the manifest (any JSON value: only the SHA-256 of its canonical JSON is kept) and
 * the moment of the hand-over.
 */
export interface HandoverInput {
  kind: HandoverKind;
  from: HandoverParty;
  to: HandoverParty;
  signer: SigningParty;
  caseIds: string[];
  caseNumbers: string[];
  parcelId?: string;
  parcelNumber?: string;
  waybillNumber?: string;
  manifest: unknown;
  at: Date;
}

/** A signed hand-over receipt as stored (`handover_receipts`), with the signer's key certificate. */
export type HandoverReceiptRecord = StoredHandoverReceipt;

/** What `rotate` did: the key retired (null when the party had none) and the new active key. */
export interface RotatedKey {
  retiredKeyId: string | null;
  key: HandoverKeyCertificate;
}

/** The file of receipt `record` (HandoverReceiptFile): write it with `receiptFileText`. */
export function handoverReceiptFile(record: HandoverReceiptRecord): HandoverReceiptFile {
  return {
    format: RECEIPT_FILE_FORMAT,
    body: record.body,
    signature: record.signature,
    signerKey: record.signerKey,
  };
}

/**
 * Signs hand-overs (issue 13 item 7) with the signing party's Ed25519 key (Node's crypto), each key
 * certified by the deployment's root (HANDOVER_ROOT_KEY), and stores the receipt with the cases it
 * covers. Every method works in the CALLER's transaction `m` (the parcel's, the check-in's), never
 * one of its own: the receipt exists exactly when the hand-over it records was committed.
 *
 * Private keys at rest: each key's seed is encrypted (AES-256-GCM, PiiCipher) under a key derived
 * with HKDF-SHA256 from HANDOVER_ROOT_KEY, not under PII_KEY: the root can already certify any key,
 * so deriving from it adds no new secret to guard, and a PII key rotation (which re-encrypts
 * personal data) neither needs to know the signing keys nor can strand them.
 */
@Injectable()
export class HandoverSigner {
  private readonly root: HandoverRoot;
  private readonly wrap: PiiCipher;

  constructor(config: AppConfig) {
    this.root = HandoverRoot.fromSeed(config.HANDOVER_ROOT_KEY);
    const wrapKey = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.from(config.HANDOVER_ROOT_KEY, 'base64'),
        Buffer.alloc(0),
        'handover signing key wrap',
        32,
      ),
    );
    this.wrap = new PiiCipher(wrapKey.toString('base64'));
  }

  /** The root's public key as PEM (SPKI): the trust file of `verify-receipt --trust`. */
  get rootPublicKeyPem(): string {
    return this.root.publicKeyPem;
  }

  /**
   * Signs hand-over `input` with its signer's active key, created (and certified) on the party's
   * first hand-over, and stores the receipt, all in `m`. Two first hand-overs of one party at once
   * create one key (signing_keys_one_active; `m` must be READ COMMITTED, the default).
   * @returns the stored receipt; `handoverReceiptFile` makes its file
   * @throws Error when the input is inconsistent (no case, case ids and numbers of different
   *   lengths, a signer that is neither side of the hand-over, an unknown kind), when `at` is before
   *   the signer's active key was valid (it is valid from KEY_VALIDITY_GRACE_MS before it was made,
   *   or before the `at` of the party's first hand-over), or when that key was certified by another root than
   *   HANDOVER_ROOT_KEY (rotate it: `rotate-signing-key`)
   */
  async sign(m: EntityManager, input: HandoverInput): Promise<HandoverReceiptRecord> {
    checkInput(input);
    const key = await this.activeKey(m, input.signer, input.at);
    if (input.at.getTime() < Date.parse(key.certificate.validFrom)) {
      throw new Error(
        `a hand-over at ${input.at.toISOString()} is before ${input.signer.kind} ${input.signer.code}'s key was valid (${key.certificate.validFrom})`,
      );
    }
    const body: HandoverReceiptBody = {
      receiptId: randomUUID(),
      kind: input.kind,
      from: party(input.from),
      to: party(input.to),
      parcelNumber: input.parcelNumber,
      waybillNumber: input.waybillNumber,
      caseNumbers: [...input.caseNumbers],
      manifestSha256: sha256OfCanonical(input.manifest),
      signedAt: input.at.toISOString(),
      signer: { kind: input.signer.kind, code: input.signer.code, keyId: key.certificate.keyId },
    };
    const signature = signReceiptBody(body, this.wrap.decrypt(key.encryptedPrivateKey));
    return new HandoverReceiptRepository(m).add({
      caseIds: [...input.caseIds],
      parcelId: input.parcelId ?? null,
      body,
      signature,
    });
  }

  /**
   * Retires the active key of party `kind` `code` (if any) and gives it a new one, valid from
   * KEY_VALIDITY_GRACE_MS ago, in `m`. Receipts the retired key signed keep verifying (their files carry its certificate).
   */
  async rotate(m: EntityManager, kind: SigningPartyKind, code: string): Promise<RotatedKey> {
    const now = new Date();
    const keys = new SigningKeyRepository(m);
    const retiredKeyId = await keys.retire(kind, code, now);
    await this.addKey(keys, { kind, code }, new Date(now.getTime() - KEY_VALIDITY_GRACE_MS));
    const key = await keys.active(kind, code);
    return { retiredKeyId, key: key!.certificate };
  }

  /** The active key of `signer`; when it has none, a new one valid from KEY_VALIDITY_GRACE_MS before `at` (or now, if earlier). */
  private async activeKey(m: EntityManager, signer: SigningParty, at: Date): Promise<StoredSigningKey> {
    const keys = new SigningKeyRepository(m);
    let key = await keys.active(signer.kind, signer.code);
    if (!key) {
      const from = Math.min(Date.now(), at.getTime()) - KEY_VALIDITY_GRACE_MS;
      await this.addKey(keys, signer, new Date(from));
      key = (await keys.active(signer.kind, signer.code))!;
    }
    if (key.certificate.rootKeyId !== this.root.keyId) {
      throw new Error(
        `${signer.kind} ${signer.code}'s key ${key.certificate.keyId} was certified by root ${key.certificate.rootKeyId}, not HANDOVER_ROOT_KEY's ${this.root.keyId}: run rotate-signing-key`,
      );
    }
    return key;
  }

  /** Makes, certifies and adds a key for `signer` valid from `validFrom`, unless another transaction just did. */
  private async addKey(keys: SigningKeyRepository, signer: SigningParty, validFrom: Date): Promise<void> {
    const pair = generateSigningKey();
    const certificate = this.root.certify(signer, pair.publicKey, validFrom);
    await keys.addActive(certificate, this.wrap.encrypt(pair.privateKeySeed));
  }
}

/** A party as the receipt names it: kind, code and, when given, name. */
function party(p: HandoverParty): HandoverParty {
  return p.name === undefined ? { kind: p.kind, code: p.code } : { kind: p.kind, code: p.code, name: p.name };
}

/** @throws Error naming what is inconsistent in `input` (see HandoverSigner.sign) */
function checkInput(input: HandoverInput): void {
  if (!HANDOVER_KINDS.includes(input.kind)) throw new Error(`unknown hand-over kind ${String(input.kind)}`);
  if (input.caseIds.length === 0) throw new Error('a hand-over covers one case or more');
  if (input.caseIds.length !== input.caseNumbers.length) {
    throw new Error('a hand-over names each case by id and by number: as many of each');
  }
  const { kind, code } = input.signer;
  const side = [input.from, input.to].some((p) => p.kind === kind && p.code === code);
  if (!side) throw new Error(`the signer ${kind} ${code} is neither side of the hand-over`);
}
