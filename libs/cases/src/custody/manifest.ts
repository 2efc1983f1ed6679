import type { ManifestOriginal, ParcelEntity, ParcelItemEntity } from '@app/db';
import { sha256OfCanonical } from '@app/transfer';

/** One case of a manifest: its number, its item, its originals (name, pages, form). */
export interface ManifestCase {
  caseNumber: string;
  itemCode: string;
  originals: Pick<ManifestOriginal, 'name' | 'pages' | 'form'>[];
}

/**
 * The manifest (材料交接单) of a parcel as it is sealed: what the hand-over receipt signs and the
 * check-in is held against.
 */
export interface Manifest {
  parcelNumber: string;
  leg: ParcelEntity['leg'];
  from: { kind: ParcelEntity['fromKind']; code: string };
  to: { kind: ParcelEntity['toKind']; code: string };
  waybillNumber: string;
  sealedAt: string;
  cases: ManifestCase[];
}

/**
 * The manifest of `parcel` sealed under `waybillNumber` at `sealedAt`, with `lines` (packed, in
 * packing order) whose case numbers and items `caseOf` gives.
 */
export function manifestOf(
  parcel: Pick<ParcelEntity, 'parcelNumber' | 'leg' | 'fromKind' | 'fromCode' | 'toKind' | 'toCode'>,
  waybillNumber: string,
  sealedAt: Date,
  lines: readonly Pick<ParcelItemEntity, 'caseId' | 'originals'>[],
  caseOf: (caseId: string) => { caseNumber: string; itemCode: string },
): Manifest {
  return {
    parcelNumber: parcel.parcelNumber,
    leg: parcel.leg,
    from: { kind: parcel.fromKind, code: parcel.fromCode },
    to: { kind: parcel.toKind, code: parcel.toCode },
    waybillNumber,
    sealedAt: sealedAt.toISOString(),
    cases: lines.map((line) => ({
      ...caseOf(line.caseId),
      originals: line.originals.map(({ name, pages, form }) => ({ name, pages, form })),
    })),
  };
}

/** SHA-256 hex of the manifest's canonical JSON: the hash its hand-over receipt signs. */
export function manifestSha256(manifest: Manifest): string {
  return sha256OfCanonical(manifest);
}
