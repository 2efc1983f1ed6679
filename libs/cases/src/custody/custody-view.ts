import type { EntityManager } from 'typeorm';
import type { ManifestOriginal, ParcelEntity, ParcelLegEntity, TrackingStatus } from '@app/db';
import { ParcelRepository } from '@app/transfer';

/** How a carrier's leg reads on a timeline (物流轨迹). */
export const TRACKING_LABELS: Readonly<Record<TrackingStatus, string>> = {
  collected: '快递已揽收',
  inTransit: '快递运输中',
  outForDelivery: '快递派送中',
  delivered: '快递已送达',
  lost: '快递丢失',
};

/** Which way a parcel went, as a timeline names it. */
export const PARCEL_LEG_LABELS: Readonly<Record<ParcelEntity['leg'], string>> = {
  materials: '材料原件寄往业务属地部门',
  result: '办理结果寄往申请人',
  archive: '原件归档寄往业务属地部门',
};

/** One parcel a case's papers travelled in, with the case's line and the carrier's legs. */
export interface CaseParcelView {
  parcelId: string;
  parcelNumber: string;
  leg: ParcelEntity['leg'];
  status: ParcelEntity['status'];
  waybillNumber: string | null;
  carrier: string | null;
  postagePaidBy: ParcelEntity['postagePaidBy'];
  manifestSha256: string | null;
  sealedAt: Date | null;
  dueAt: Date | null;
  deliveredAt: Date | null;
  checkedInAt: Date | null;
  failureReason: string | null;
  /** The case's line: packed, sealed, received, discrepancy, returned, failed or removed; its originals as found. */
  line: { status: string; originals: ManifestOriginal[] };
  legs: Pick<ParcelLegEntity, 'status' | 'at' | 'location' | 'signedBy'>[];
}

/**
 * Every parcel case `caseId`'s papers were packed in (a removed line included), oldest first, each
 * with the case's line and its carrier's legs: the custody part of the case's views (issue 13).
 */
export async function custodyOf(m: EntityManager, caseId: string): Promise<CaseParcelView[]> {
  const parcels = new ParcelRepository(m);
  const lines = await parcels.linesOfCase(caseId);
  const legs = await parcels.legsOf(lines.map((l) => l.parcelId));
  return lines.map(({ parcel, status, originals }) => ({
    parcelId: parcel.id,
    parcelNumber: parcel.parcelNumber,
    leg: parcel.leg,
    status: parcel.status,
    waybillNumber: parcel.waybillNumber,
    carrier: parcel.carrier,
    postagePaidBy: parcel.postagePaidBy,
    manifestSha256: parcel.manifestSha256,
    sealedAt: parcel.sealedAt,
    dueAt: parcel.dueAt,
    deliveredAt: parcel.deliveredAt,
    checkedInAt: parcel.checkedInAt,
    failureReason: parcel.failureReason,
    line: { status, originals },
    legs: legs
      .filter((leg) => leg.parcelId === parcel.id)
      .map(({ status: s, at, location, signedBy }) => ({ status: s, at, location, signedBy })),
  }));
}
