import { sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import {
  HandoverRoot,
  privateKeyFromSeed,
  publicKeyFromRaw,
  type HandoverKeyCertificate,
} from './handover-keys';
import { HANDOVER_KINDS, SIGNING_PARTY_KINDS, type HandoverReceiptBody } from './handover-receipt';

/** What a party key signs before a receipt body, so no other signature of the key reads as a receipt. */
const RECEIPT_CONTEXT = 'proxy-acceptance handover receipt v1\n';

/** The `format` of a receipt file. */
export const RECEIPT_FILE_FORMAT = 'proxy-acceptance/handover-receipt/1';

/**
 * A hand-over receipt as a file: the body, the signer's Ed25519 signature over it (base64) and the
 * signer's public key with the root's certificate of it, so that it verifies with the root's public
 * key alone, without the database. Written as `receiptFileText` writes it.
 */
export interface HandoverReceiptFile {
  format: typeof RECEIPT_FILE_FORMAT;
  body: HandoverReceiptBody;
  signature: string;
  signerKey: HandoverKeyCertificate;
}

/** The bytes a receipt's signature covers: a context line and the body's canonical JSON (UTF-8). */
function receiptBytes(body: HandoverReceiptBody): Buffer {
  return Buffer.from(RECEIPT_CONTEXT + canonicalJson(body), 'utf8');
}

/** The Ed25519 signature (base64) of `body` under the private key of seed `privateKeySeed` (base64). */
export function signReceiptBody(body: HandoverReceiptBody, privateKeySeed: string): string {
  return sign(null, receiptBytes(body), privateKeyFromSeed(privateKeySeed)).toString('base64');
}

/**
 * The text of a receipt file: its canonical JSON with two-space indentation and a final newline.
 * The one form `verifyReceiptFile` accepts, so that any changed byte of a file fails.
 */
export function receiptFileText(file: HandoverReceiptFile): string {
  return `${canonicalJson(file, 2)}\n`;
}

/** What verifying a receipt file found: intact, or why not, in one line. */
export type ReceiptVerdict = { intact: true; body: HandoverReceiptBody } | { intact: false; reason: string };

/** Whether `v` is base64 of exactly `bytes` bytes in its one canonical spelling (no unused bits set). */
const isBase64Of = (v: unknown, bytes: number): v is string =>
  typeof v === 'string' &&
  Buffer.from(v, 'base64').length === bytes &&
  Buffer.from(v, 'base64').toString('base64') === v;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `parsed` is not a receipt file's shape, or null. */
function shapeProblem(parsed: unknown): string | null {
  if (!isObject(parsed) || parsed.format !== RECEIPT_FILE_FORMAT)
    return `not a receipt file (format ${RECEIPT_FILE_FORMAT})`;
  const { body, signature, signerKey } = parsed;
  if (!isObject(body) || !isObject(body.signer) || !isObject(body.from) || !isObject(body.to)) {
    return 'the receipt has no body with signer, from and to';
  }
  if (!HANDOVER_KINDS.includes(body.kind as never)) return `unknown hand-over kind ${String(body.kind)}`;
  if (typeof body.signedAt !== 'string' || Number.isNaN(Date.parse(body.signedAt))) {
    return 'signedAt is not an instant';
  }
  if (!isBase64Of(signature, 64)) return 'the receipt has no Ed25519 signature (64 bytes, base64)';
  if (!isObject(signerKey) || !isObject(signerKey.party) || typeof signerKey.publicKey !== 'string') {
    return "the receipt carries no signer's key";
  }
  if (!SIGNING_PARTY_KINDS.includes(signerKey.party.kind as never))
    return 'the key is not a window’s or a jurisdiction’s';
  if (!isBase64Of(signerKey.certificate, 64)) return "the signer's key has no certificate (64 bytes, base64)";
  for (const field of ['keyId', 'validFrom', 'rootKeyId'] as const) {
    if (typeof signerKey[field] !== 'string') return `the signer's key has no ${field}`;
  }
  return null;
}

/**
 * Verifies receipt file `text` against root `root` (HANDOVER_ROOT_KEY's public key, or the one a
 * trust file gives), without the database:
 * 1. the text is a receipt file in its canonical form (`receiptFileText`): any other byte fails;
 * 2. the signer's key is certified by `root` (another root, or a changed certificate, fails);
 * 3. the key is the one the body names as signer (kind, code, key id) and was valid when signed;
 * 4. the body's Ed25519 signature holds under that key.
 * A key rotated away since still verifies what it signed: retirement is not in the file.
 * @returns intact with the body, or not intact with the first reason found, in one line
 */
export function verifyReceiptFile(text: string, root: HandoverRoot): ReceiptVerdict {
  const fail = (reason: string): ReceiptVerdict => ({ intact: false, reason });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  const problem = shapeProblem(parsed);
  if (problem) return fail(problem);
  const file = parsed as HandoverReceiptFile;
  if (receiptFileText(file) !== text)
    return fail('the file was changed: it is not as the receipt was written');
  const { body, signerKey } = file;
  if (signerKey.rootKeyId !== root.keyId) {
    return fail(
      `the signer's key is certified by root ${signerKey.rootKeyId}, not the trusted root ${root.keyId}`,
    );
  }
  if (!root.certified(signerKey))
    return fail("the signer's key certificate does not verify under the trusted root");
  const { signer } = body;
  if (
    signer.kind !== signerKey.party.kind ||
    signer.code !== signerKey.party.code ||
    signer.keyId !== signerKey.keyId
  ) {
    return fail(
      `signed as ${signer.kind} ${signer.code} (key ${signer.keyId}) with the key of ${signerKey.party.kind} ${signerKey.party.code} (key ${signerKey.keyId})`,
    );
  }
  if (Date.parse(body.signedAt) < Date.parse(signerKey.validFrom)) {
    return fail(`signed at ${body.signedAt}, before its key was valid (${signerKey.validFrom})`);
  }
  let holds: boolean;
  try {
    holds = verify(
      null,
      receiptBytes(body),
      publicKeyFromRaw(signerKey.publicKey),
      Buffer.from(file.signature, 'base64'),
    );
  } catch {
    holds = false;
  }
  return holds
    ? { intact: true, body }
    : fail('the signature does not match the receipt: it was changed or signed by another key');
}
