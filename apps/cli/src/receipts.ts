import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HandoverSigner, type RotatedKey } from '@app/cases';
import type { AppConfig } from '@app/common';
import { withDataSource } from '@app/db';
import { HANDOVER_KIND_LABELS, HandoverRoot, SIGNING_PARTY_KINDS, verifyReceiptFile } from '@app/transfer';

/** A command line the command cannot run: exit 2, the message on stderr. */
export class UsageError extends Error {}

/** What `verify-receipt` answers: the exit code (0 intact, 1 not) and its one line. */
export interface ReceiptCheck {
  code: 0 | 1;
  line: string;
}

/** The text of file `path`. @throws UsageError naming it when it cannot be read */
function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(e as Error).message}`);
  }
}

/**
 * `verify-receipt <file> [--trust <file>]`: verifies an exported hand-over receipt without the
 * database (verifyReceiptFile): the signer's key against the root (the public key in the trust
 * file, PEM as `export-receipt-trust` prints it; else HANDOVER_ROOT_KEY's), then the receipt's
 * signature against that key.
 * @returns code 0 and `INTACT …` for an intact receipt, code 1 and `FAILED …: <why>` otherwise
 * @throws UsageError (exit 2) no file, an unknown option, a file or trust file that cannot be read, a
 *   trust file without an Ed25519 public key
 */
export function verifyReceiptCommand(
  args: string[],
  config: Pick<AppConfig, 'HANDOVER_ROOT_KEY'>,
): ReceiptCheck {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [path, ...extra] = parsed.positionals;
  if (path === undefined || extra.length > 0)
    throw new UsageError('usage: verify-receipt <file> [--trust <file>]');
  let root: HandoverRoot;
  if (parsed.values.trust === undefined) {
    root = HandoverRoot.fromSeed(config.HANDOVER_ROOT_KEY);
  } else {
    try {
      root = HandoverRoot.fromPublicKeyPem(readText(parsed.values.trust, 'trust file'));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`the trust file ${parsed.values.trust} holds no Ed25519 public key (PEM)`);
    }
  }
  const verdict = verifyReceiptFile(readText(path, 'receipt file'), root);
  if (!verdict.intact) return { code: 1, line: `FAILED ${path}: ${verdict.reason}` };
  const { body } = verdict;
  return {
    code: 0,
    line:
      `INTACT ${body.receiptId}: ${HANDOVER_KIND_LABELS[body.kind]} (${body.kind}), ` +
      `${body.caseNumbers.length} case(s), signed by ${body.signer.kind} ${body.signer.code} ` +
      `(key ${body.signer.keyId}) at ${body.signedAt}, under root ${root.keyId}`,
  };
}

function parseOptions(args: string[]) {
  return parseArgs({ args, options: { trust: { type: 'string' } }, allowPositionals: true, strict: true });
}

/** `export-receipt-trust`: the root public key of HANDOVER_ROOT_KEY, PEM (SPKI), the trust file of `verify-receipt --trust`. */
export function exportReceiptTrust(config: Pick<AppConfig, 'HANDOVER_ROOT_KEY'>): string {
  return HandoverRoot.fromSeed(config.HANDOVER_ROOT_KEY).publicKeyPem;
}

/**
 * `rotate-signing-key window|jurisdiction <code>`: retires the party's active signing key and gives
 * it a new one, in one transaction; receipts signed with the old key keep verifying.
 * @throws UsageError (exit 2) a party kind other than window or jurisdiction, or no code
 */
export async function rotateSigningKeyCommand(config: AppConfig, args: string[]): Promise<RotatedKey> {
  const [kind, code, ...extra] = args;
  if (!SIGNING_PARTY_KINDS.includes(kind as never) || !code || extra.length > 0) {
    throw new UsageError('usage: rotate-signing-key window|jurisdiction <code>');
  }
  const signer = new HandoverSigner(config);
  return withDataSource(config.DATABASE_URL, (ds) =>
    ds.transaction((m) => signer.rotate(m, kind as (typeof SIGNING_PARTY_KINDS)[number], code)),
  );
}
