import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { SigningPartyKind } from './handover-receipt';

/** PKCS #8 DER of an Ed25519 private key before its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SPKI DER of an Ed25519 public key before its 32 bytes (RFC 8410). */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** What the root signs before a certificate body, so no other signature of the root reads as one. */
const CERTIFICATE_CONTEXT = 'proxy-acceptance handover key certificate v1\n';

/** A 32-byte Ed25519 seed, base64, as HANDOVER_ROOT_KEY holds it: the Ed25519 private key (RFC 8032). */
export function privateKeyFromSeed(seedBase64: string): KeyObject {
  const seed = Buffer.from(seedBase64, 'base64');
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes, base64-encoded');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The 32 raw bytes of Ed25519 public key `key`, base64. */
export function rawPublicKey(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_ED25519_PREFIX.length).toString('base64');
}

/** The Ed25519 public key whose 32 raw bytes are `base64`. @throws Error when it is not 32 bytes */
export function publicKeyFromRaw(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64) {
    throw new Error('an Ed25519 public key is 32 bytes, base64-encoded');
  }
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** A key's id: the first 16 hex of the SHA-256 of its 32 raw public-key bytes (says nothing of the private key). */
export function keyIdOf(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

/** A new Ed25519 key pair: the public key's raw bytes and the private key's seed, both base64. */
export function generateSigningKey(): { publicKey: string; privateKeySeed: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    publicKey: rawPublicKey(publicKey),
    privateKeySeed: der.subarray(PKCS8_ED25519_PREFIX.length).toString('base64'),
  };
}

/** What the root certifies: that key `keyId` (public key `publicKey`, raw base64) is party `party`'s from `validFrom`. */
export interface HandoverKeyCertificateBody {
  keyId: string;
  party: { kind: SigningPartyKind; code: string };
  publicKey: string;
  /** ISO 8601 instant: receipts signed before it are refused. */
  validFrom: string;
  /** The certifying root's key id (keyIdOf its public key). */
  rootKeyId: string;
}

/** A party's public key as a receipt file carries it: the certificate body and the root's Ed25519 signature over it (base64). */
export interface HandoverKeyCertificate extends HandoverKeyCertificateBody {
  certificate: string;
}

/**
 * The deployment's root of trust for hand-over receipts: an Ed25519 key (HANDOVER_ROOT_KEY, a
 * 32-byte seed in base64) that certifies each window's and jurisdiction's signing keys. Only its
 * public key (`publicKeyPem`) is needed to verify a receipt file.
 */
export class HandoverRoot {
  private constructor(
    private readonly privateKey: KeyObject | null,
    /** The root's public key. */
    readonly publicKey: KeyObject,
  ) {}

  /** The root of seed `seedBase64` (HANDOVER_ROOT_KEY), able to certify. @throws Error when not 32 bytes */
  static fromSeed(seedBase64: string): HandoverRoot {
    const privateKey = privateKeyFromSeed(seedBase64);
    return new HandoverRoot(privateKey, createPublicKey(privateKey));
  }

  /** A root that only verifies, from its public key in PEM (SPKI), as `export-receipt-trust` prints it. @throws Error when not an Ed25519 public key */
  static fromPublicKeyPem(pem: string): HandoverRoot {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('the trust file holds no Ed25519 public key');
    return new HandoverRoot(null, key);
  }

  /** The root's key id (keyIdOf its public key). */
  get keyId(): string {
    return keyIdOf(rawPublicKey(this.publicKey));
  }

  /** The root's public key as PEM (SPKI): what `verify-receipt --trust` reads. */
  get publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /**
   * The certificate of party `party`'s public key `publicKey` (raw, base64), valid from `validFrom`.
   * @throws Error on a root made from a public key alone
   */
  certify(
    party: { kind: SigningPartyKind; code: string },
    publicKey: string,
    validFrom: Date,
  ): HandoverKeyCertificate {
    if (!this.privateKey) throw new Error('this root holds no private key: it verifies only');
    const body: HandoverKeyCertificateBody = {
      keyId: keyIdOf(publicKey),
      party: { kind: party.kind, code: party.code },
      publicKey,
      validFrom: validFrom.toISOString(),
      rootKeyId: this.keyId,
    };
    const signature = sign(null, certificateBytes(body), this.privateKey);
    return { ...body, certificate: signature.toString('base64') };
  }

  /** Whether `cert` was certified by this root: its root key id is this root's and the signature holds. */
  certified(cert: HandoverKeyCertificate): boolean {
    const { certificate, ...body } = cert;
    if (body.rootKeyId !== this.keyId) return false;
    return verify(null, certificateBytes(body), this.publicKey, Buffer.from(certificate, 'base64'));
  }
}

function certificateBytes(body: HandoverKeyCertificateBody): Buffer {
  const { keyId, party, publicKey, validFrom, rootKeyId } = body;
  return Buffer.from(
    CERTIFICATE_CONTEXT + canonicalJson({ keyId, party, publicKey, validFrom, rootKeyId }),
    'utf8',
  );
}
