import type { EntityManager, QueryFailedError } from 'typeorm';
import {
  ParcelEntity,
  ParcelItemEntity,
  ParcelLegEntity,
  type ManifestOriginal,
  type ParcelItemStatus,
  type ParcelLeg,
  type ParcelStatus,
  type PostagePayer,
  type TrackingStatus,
} from '@app/db';

/** A parcel as it is opened: which way, between whom, by whom. */
export interface NewParcel {
  leg: ParcelLeg;
  fromKind: ParcelEntity['fromKind'];
  fromCode: string;
  toKind: ParcelEntity['toKind'];
  toCode: string;
  openedBy: string;
  postagePaidBy?: PostagePayer | null;
}

/** What sealing fixes: the waybill, the carrier, who sealed and when, the delivery due moment, the manifest's hash. */
export interface ParcelSeal {
  waybillNumber: string;
  carrier: string;
  sealedBy: string;
  sealedAt: Date;
  dueAt: Date;
  manifestSha256: string;
}

/** A tracking leg as a carrier reports it. */
export interface TrackingLeg {
  status: TrackingStatus;
  at: Date;
  location: string;
  /** For `delivered`: the name the recipient signed with (签收人). */
  signedBy?: string | null;
}

/** Which parcels a desk lists: a window's outgoing ones or a jurisdiction's incoming ones, in some statuses. */
export interface ParcelListing {
  party: { fromKind: 'window'; fromCode: string } | { toKind: 'jurisdiction'; toCode: string };
  statuses: readonly ParcelStatus[];
  /** Only the parcel under this waybill (运单号), when given. */
  waybillNumber?: string;
  /** The column to order by, and which way (nulls last). */
  order: { by: 'openedAt' | 'sealedAt' | 'dueAt' | 'checkedInAt'; direction: 'ASC' | 'DESC' };
  limit: number;
}

/** A parcel in a list, with how many cases it holds (lines not taken out). */
export interface ListedParcel extends ParcelEntity {
  cases: number;
}

/** A case's line of a parcel, with the parcel's own fields a case view shows. */
export interface CaseParcelLine extends ParcelItemEntity {
  parcel: ParcelEntity;
}

const PACKED_ONCE_INDEX = 'parcel_items_packed_once';
const WAYBILL_INDEX = 'parcels_waybill_number_key';

/** The unique index a failed insert or update violated, if any. */
function violated(e: unknown): string | undefined {
  return (e as QueryFailedError & { driverError?: { constraint?: string } }).driverError?.constraint;
}

/**
 * The `parcels`, `parcel_items` and `parcel_legs` tables (issue 13): parcels opened, packed, sealed,
 * tracked and checked in. Works through `m`, the caller's transaction manager or the data source's.
 */
export class ParcelRepository {
  constructor(private readonly m: EntityManager) {}

  /**
   * Opens a parcel numbered `<fromCode>-P<yyyymmdd Beijing>-<6-digit sequence>` (`day`), status open.
   */
  async open(parcel: NewParcel, day: string): Promise<ParcelEntity> {
    const [{ seq }] = await this.m.query(`SELECT nextval('parcel_number_seq')::int AS seq`);
    const row = this.m.create(ParcelEntity, {
      ...parcel,
      postagePaidBy: parcel.postagePaidBy ?? null,
      parcelNumber: `${parcel.fromCode}-P${day.replace(/-/g, '')}-${String(seq).padStart(6, '0')}`,
      status: 'open',
      openedAt: new Date(),
    });
    await this.m.insert(ParcelEntity, row);
    return row;
  }

  /** Parcel `id`; with `lock`, its row locked for the caller's transaction. Null when unknown. */
  find(id: string, lock = false): Promise<ParcelEntity | null> {
    return this.m.findOne(ParcelEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The parcels of `leg` from `fromCode` still open (being packed), newest first. */
  openFrom(fromCode: string, leg: ParcelLeg): Promise<ParcelEntity[]> {
    return this.m.find(ParcelEntity, {
      where: { fromCode, leg, status: 'open' },
      order: { openedAt: 'DESC' },
    });
  }

  /** The parcels `listing` asks for, each with its number of cases (removed lines not counted). */
  async list(listing: ParcelListing): Promise<ListedParcel[]> {
    const { party, statuses, order, limit, waybillNumber } = listing;
    const parcels = await this.m
      .createQueryBuilder(ParcelEntity, 'p')
      .where(waybillNumber === undefined ? party : { ...party, waybillNumber })
      .andWhere('p.status IN (:...statuses)', { statuses })
      .orderBy(`p.${order.by}`, order.direction, 'NULLS LAST')
      .addOrderBy('p.parcelNumber', 'DESC')
      .limit(limit)
      .getMany();
    if (parcels.length === 0) return [];
    const counts: { parcel_id: string; n: number }[] = await this.m.query(
      `SELECT parcel_id, count(*)::int AS n FROM parcel_items
        WHERE parcel_id = ANY($1) AND status <> 'removed' GROUP BY parcel_id`,
      [parcels.map((p) => p.id)],
    );
    const byId = new Map(counts.map((c) => [c.parcel_id, c.n]));
    return parcels.map((p) => ({ ...p, cases: byId.get(p.id) ?? 0 }));
  }

  /** The lines of parcel `parcelId` (removed ones included), in packing order. */
  lines(parcelId: string): Promise<ParcelItemEntity[]> {
    return this.m.find(ParcelItemEntity, { where: { parcelId }, order: { packedAt: 'ASC' } });
  }

  /** Every parcel line of case `caseId` with its parcel, oldest first: where its papers went. */
  async linesOfCase(caseId: string): Promise<CaseParcelLine[]> {
    const lines = await this.m.find(ParcelItemEntity, { where: { caseId }, order: { packedAt: 'ASC' } });
    if (lines.length === 0) return [];
    const parcels = await this.m.findByIds(
      ParcelEntity,
      lines.map((l) => l.parcelId),
    );
    const byId = new Map(parcels.map((p) => [p.id, p]));
    return lines.map((line) => ({ ...line, parcel: byId.get(line.parcelId)! }));
  }

  /**
   * Packs case `caseId` with `originals` into open parcel `parcelId` (again, when it was taken out).
   * @returns false when the case lies in another parcel not yet sealed (the unique index
   *   parcel_items_packed_once, also for two requests at once); the caller's transaction must end
   */
  async pack(
    parcelId: string,
    caseId: string,
    originals: ManifestOriginal[],
    packedBy: string,
  ): Promise<boolean> {
    try {
      await this.m.query(
        `INSERT INTO parcel_items (parcel_id, application_id, status, originals, packed_by)
         VALUES ($1, $2, 'packed', $3, $4)
         ON CONFLICT (parcel_id, application_id)
         DO UPDATE SET status = 'packed', originals = EXCLUDED.originals, packed_by = EXCLUDED.packed_by,
                       packed_at = now(), transfer_id = NULL`,
        [parcelId, caseId, JSON.stringify(originals), packedBy],
      );
      return true;
    } catch (e) {
      if (violated(e) === PACKED_ONCE_INDEX) return false;
      throw e;
    }
  }

  /** Takes case `caseId` out of open parcel `parcelId`; false when it is not packed there. */
  async unpack(parcelId: string, caseId: string): Promise<boolean> {
    const r = await this.m.update(
      ParcelItemEntity,
      { parcelId, caseId, status: 'packed' },
      { status: 'removed' },
    );
    return Boolean(r.affected);
  }

  /** Takes case `caseId` out of whatever parcel not yet sealed holds it (a withdrawal). */
  async unpackEverywhere(caseId: string): Promise<void> {
    await this.m.update(ParcelItemEntity, { caseId, status: 'packed' }, { status: 'removed' });
  }

  /**
   * Seals open parcel `id` under `seal`.
   * @returns false when the waybill already names another parcel (unique index); the caller's
   *   transaction must end
   */
  async seal(id: string, seal: ParcelSeal): Promise<boolean> {
    try {
      await this.m.update(ParcelEntity, { id, status: 'open' }, { ...seal, status: 'sealed' });
      return true;
    } catch (e) {
      if (violated(e) === WAYBILL_INDEX) return false;
      throw e;
    }
  }

  /** Line of case `caseId` in parcel `parcelId` now travels as transfer `transferId`. */
  async attachTransfer(parcelId: string, caseId: string, transferId: string): Promise<void> {
    await this.m.update(ParcelItemEntity, { parcelId, caseId }, { transferId, status: 'sealed' });
  }

  /** Sets the line of case `caseId` in parcel `parcelId` to `status`, with its originals as found when given. */
  async setLine(
    parcelId: string,
    caseId: string,
    status: ParcelItemStatus,
    originals?: ManifestOriginal[],
  ): Promise<void> {
    await this.m.update(
      ParcelItemEntity,
      { parcelId, caseId },
      originals ? { status, originals } : { status },
    );
  }

  /** Records `leg` of parcel `parcelId` unless that status was recorded before; true when it is new. */
  async recordLeg(parcelId: string, leg: TrackingLeg): Promise<boolean> {
    const rows: unknown[] = await this.m.query(
      `INSERT INTO parcel_legs (parcel_id, status, at, location, signed_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (parcel_id, status) DO NOTHING RETURNING id`,
      [parcelId, leg.status, leg.at, leg.location, leg.signedBy ?? null],
    );
    return rows.length > 0;
  }

  /** The tracking legs of parcel `parcelId`, in time order. */
  legs(parcelId: string): Promise<ParcelLegEntity[]> {
    return this.m.find(ParcelLegEntity, { where: { parcelId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The tracking legs of every parcel in `parcelIds`, in time order. */
  legsOf(parcelIds: readonly string[]): Promise<ParcelLegEntity[]> {
    if (parcelIds.length === 0) return Promise.resolve([]);
    return this.m
      .createQueryBuilder(ParcelLegEntity, 'l')
      .where('l.parcel_id IN (:...parcelIds)', { parcelIds })
      .orderBy('l.at', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getMany();
  }

  /** Parcel `id`, sealed, was delivered at `at` (the carrier's report). */
  async markDelivered(id: string, at: Date): Promise<void> {
    await this.m.update(ParcelEntity, { id, status: 'sealed' }, { status: 'delivered', deliveredAt: at });
  }

  /** Parcel `id` failed (lost, or not delivered in time) for `reason`. */
  async markFailed(id: string, reason: string): Promise<void> {
    await this.m.update(ParcelEntity, { id }, { status: 'failed', failureReason: reason });
  }

  /** Parcel `id` was checked in (签收) by `by` at `at`. */
  async markCheckedIn(id: string, by: string, at: Date): Promise<void> {
    await this.m.update(ParcelEntity, { id }, { status: 'checkedIn', checkedInBy: by, checkedInAt: at });
  }

  /**
   * Up to `limit` sealed parcels whose delivery was due before `now`, locked (FOR UPDATE SKIP
   * LOCKED: several sweeps share them, each parcel failed once).
   */
  overdue(now: Date, limit: number): Promise<ParcelEntity[]> {
    return this.m
      .createQueryBuilder(ParcelEntity, 'p')
      .where(`p.status = 'sealed' AND p.due_at < :now`, { now })
      .orderBy('p.due_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }
}
