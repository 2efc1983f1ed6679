import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { clockPeriod } from '@app/calendar';
import { CatalogueRepository } from '@app/catalogue';
import { AppConfig, beijingDate, invalidField, PiiCipher } from '@app/common';
import type { ManifestOriginal, ParcelEntity, ParcelLeg } from '@app/db';
import {
  CourierProvider,
  OutboxRepository,
  ParcelRepository,
  planJob,
  TransferRepository,
  type ParcelOnRoute,
} from '@app/transfer';
import { allReceived, type CaseEffectParams } from '@app/workflow';
import { ApplicantRepository } from '../applicant.repository';
import { waybillInUse } from '../case-errors';
import type { CaseWrite } from '../case-writer';
import { LawCalendar } from '../clocks/law-calendar';
import { HandoverSigner } from './handover-signer';
import { packedElsewhere } from './custody-errors';
import { manifestOf, manifestSha256, type Manifest } from './manifest';

/** The line that stands for a result document in a result parcel's manifest. */
const RESULT_DOCUMENT = '办理结果（证照、批文或通知书）';

/**
 * The custody of papers inside a case's transaction (issue 13 items 3–6): what the machine's
 * transfer effects do with parcels. A courier forward travels in a sealed parcel (with other cases,
 * or alone when the clerk forwards one case under its own waybill), a mailed result in a parcel of
 * its own to the applicant; a check-in records each original of the case's line as found; a
 * withdrawal takes the case out of a parcel not yet sealed. Sealing fixes the manifest and its
 * SHA-256, the delivery due moment (COURIER_DELIVERY_WORKING_DAYS working days after the day the
 * seal counts on, by the law's calendar) and plans the parcel's one tracking job.
 */
@Injectable()
export class Custody {
  constructor(
    private readonly config: AppConfig,
    private readonly calendar: LawCalendar,
    private readonly courier: CourierProvider,
    private readonly signer: HandoverSigner,
    private readonly pii: PiiCipher,
  ) {}

  /**
   * The originals of case `caseId` that travel: every paper material handed in (electronic ones
   * do not), newest copy of each name, as the manifest lists them.
   */
  async originalsOf(tx: CaseWrite, caseId: string): Promise<ManifestOriginal[]> {
    const materials = await tx.cases.materialsOf(caseId);
    const latest = new Map<string, (typeof materials)[number]>();
    for (const material of materials) if (material.form !== 'electronic') latest.set(material.name, material);
    return [...latest.values()].map((material) => ({
      materialId: `${material.stage}:${material.name}`,
      name: material.name,
      pages: material.pages,
      form: material.form,
    }));
  }

  /**
   * The courier transfer of a FORWARD or REDISPATCH (effect `startTransfer`, channel courier): the
   * case's line of parcel `parcelId` (being sealed) travels as a new transfer; without a parcel the
   * case travels alone in a parcel of its own, sealed now under `waybillNumber`.
   * @throws Conflict (waybill_in_use) the waybill names another parcel; (packed_elsewhere) the case
   *   sent alone lies in a parcel not yet sealed (take it out there, or seal that parcel)
   */
  async forwardByCourier(
    tx: CaseWrite,
    caseId: string,
    order: Pick<CaseEffectParams['startTransfer'], 'waybillNumber' | 'parcelId'>,
    at: Date,
    by: string,
  ): Promise<void> {
    const parcels = new ParcelRepository(tx.m);
    let parcel = order.parcelId ? await parcels.find(order.parcelId) : null;
    if (order.parcelId && !parcel) throw new Error(`parcel ${order.parcelId} being sealed is not there`);
    if (!parcel) {
      const kase = await tx.cases.getInScope(caseId, { kind: 'all' });
      parcel = await parcels.open(
        {
          leg: 'materials',
          fromKind: 'window',
          fromCode: kase.windowCode,
          toKind: 'jurisdiction',
          toCode: kase.jurisdictionCode,
          openedBy: by,
        },
        beijingDate(at),
      );
      if (!(await parcels.pack(parcel.id, caseId, await this.originalsOf(tx, caseId), by))) {
        throw packedElsewhere(kase.caseNumber);
      }
      parcel = await this.seal(tx, parcel, order.waybillNumber ?? '', at, by);
    }
    const transfer = await new TransferRepository(tx.m).startInTransit({
      caseId,
      direction: 'forward',
      channel: 'courier',
      waybillNumber: parcel.waybillNumber,
      scanDigests: null,
      parcelId: parcel.id,
    });
    await parcels.attachTransfer(parcel.id, caseId, transfer.id);
  }

  /**
   * The result mailed to the applicant (effect `startResultDelivery`, method mail): a parcel of its
   * own from the home jurisdiction to the applicant (its code the case number), postage as the
   * item says, sealed under `waybillNumber`; the transfer travels in it.
   * @throws Conflict (waybill_in_use) the waybill names another parcel
   */
  async mailResult(
    tx: CaseWrite,
    caseId: string,
    waybillNumber: string,
    at: Date,
    by: string,
  ): Promise<string> {
    const parcels = new ParcelRepository(tx.m);
    const kase = await tx.cases.getInScope(caseId, { kind: 'all' });
    const item = await new CatalogueRepository(tx.m).item(kase.itemCode);
    const parcel = await parcels.open(
      {
        leg: 'result',
        fromKind: 'jurisdiction',
        fromCode: kase.jurisdictionCode,
        toKind: 'applicant',
        toCode: kase.caseNumber,
        openedBy: by,
        postagePaidBy: item?.postagePaidBy ?? 'government',
      },
      beijingDate(at),
    );
    const document: ManifestOriginal = {
      materialId: 'result',
      name: RESULT_DOCUMENT,
      pages: null,
      form: 'original',
    };
    // The case's papers left the window long ago: no parcel of the window still holds it packed.
    await parcels.unpackEverywhere(caseId);
    await parcels.pack(parcel.id, caseId, [document], by);
    const sealed = await this.seal(tx, parcel, waybillNumber, at, by);
    const transfer = await new TransferRepository(tx.m).startInTransit({
      caseId,
      direction: 'result',
      channel: 'mail',
      waybillNumber,
      scanDigests: null,
      parcelId: sealed.id,
    });
    await parcels.attachTransfer(sealed.id, caseId, transfer.id);
    return transfer.id;
  }

  /**
   * Seals open parcel `parcel` under `waybillNumber` at `at` (its packed lines travel): fixes its
   * manifest's SHA-256, its carrier and delivery due moment, plans its tracking job, and signs the
   * hand-over receipt with the sending party's key (window → courier, window → archive, home
   * jurisdiction → applicant).
   * @throws Conflict (waybill_in_use) the waybill names another parcel (the transaction must end)
   */
  async seal(
    tx: CaseWrite,
    parcel: ParcelEntity,
    waybillNumber: string,
    at: Date,
    by: string,
  ): Promise<ParcelEntity> {
    const parcels = new ParcelRepository(tx.m);
    const lines = (await parcels.lines(parcel.id)).filter((line) => line.status === 'packed');
    const cases = new Map<string, { caseNumber: string; itemCode: string }>();
    for (const line of lines) {
      const kase = await tx.cases.getInScope(line.caseId, { kind: 'all' });
      cases.set(line.caseId, { caseNumber: kase.caseNumber, itemCode: kase.itemCode });
    }
    const manifest = manifestOf(parcel, waybillNumber, at, lines, (id) => cases.get(id)!);
    const dueAt = await this.deliveryDue(tx.m, at);
    const seal = {
      waybillNumber,
      carrier: this.courier.carrier,
      sealedBy: by,
      sealedAt: at,
      dueAt,
      manifestSha256: manifestSha256(manifest),
    };
    if (!(await parcels.seal(parcel.id, seal))) throw waybillInUse(waybillNumber);
    const sealed: ParcelEntity = { ...parcel, ...seal, status: 'sealed' };
    await this.planTracking(tx.m, sealed, at);
    await this.signHandover(tx, sealed, manifest, lines, 'sealing', manifest, at);
    return sealed;
  }

  /**
   * Signs the receipt of check-in (签收) of `parcel` at `at` with the receiving jurisdiction's key:
   * courier → home jurisdiction for papers, `archiveCheckIn` for the archive leg. `findings` is
   * the manifest's hash with each line's originals as found; it is what the receipt signs.
   */
  async signCheckIn(
    tx: CaseWrite,
    parcel: ParcelEntity,
    lines: readonly { caseId: string; caseNumber: string; status: string; originals: ManifestOriginal[] }[],
    at: Date,
  ): Promise<void> {
    const findings = {
      parcelNumber: parcel.parcelNumber,
      manifestSha256: parcel.manifestSha256,
      checkedInAt: at.toISOString(),
      cases: lines.map((line) => ({
        caseNumber: line.caseNumber,
        status: line.status,
        originals: line.originals.map(({ name, outcome, note }) => ({ name, outcome, note: note ?? null })),
      })),
    };
    await this.signHandover(tx, parcel, null, lines, 'checkIn', findings, at);
  }

  /** Signs a hand-over of `parcel`'s `lines` at its sealing or its check-in (HandoverSigner). */
  private async signHandover(
    tx: CaseWrite,
    parcel: ParcelEntity,
    sealedManifest: Manifest | null,
    lines: readonly { caseId: string }[],
    moment: 'sealing' | 'checkIn',
    signed: unknown,
    at: Date,
  ): Promise<void> {
    const numbers = sealedManifest
      ? sealedManifest.cases.map((c) => c.caseNumber)
      : await Promise.all(
          lines.map(async (l) => (await tx.cases.getInScope(l.caseId, { kind: 'all' })).caseNumber),
        );
    const carrier = { kind: 'courier' as const, code: parcel.carrier ?? this.courier.carrier };
    const sender = { kind: parcel.fromKind, code: parcel.fromCode };
    const receiver = { kind: parcel.toKind, code: parcel.toCode };
    const route =
      moment === 'checkIn'
        ? parcel.leg === 'archive'
          ? { kind: 'archiveCheckIn' as const, from: sender, to: receiver, signer: receiver }
          : { kind: 'courierToJurisdiction' as const, from: carrier, to: receiver, signer: receiver }
        : parcel.leg === 'materials'
          ? { kind: 'windowToCourier' as const, from: sender, to: carrier, signer: sender }
          : parcel.leg === 'archive'
            ? { kind: 'windowToArchive' as const, from: sender, to: receiver, signer: sender }
            : { kind: 'jurisdictionToApplicant' as const, from: sender, to: receiver, signer: sender };
    await this.signer.sign(tx.m, {
      ...route,
      signer: route.signer as { kind: 'window' | 'jurisdiction'; code: string },
      caseIds: lines.map((l) => l.caseId),
      caseNumbers: numbers,
      parcelId: parcel.id,
      parcelNumber: parcel.parcelNumber,
      waybillNumber: parcel.waybillNumber ?? undefined,
      manifest: signed,
      at,
    });
  }

  /**
   * Plans the tracking job of sealed `parcel` for `next` (when its carrier said a leg may next be
   * reported), or, with none (at sealing, or a carrier that cannot say), a quarter of its leg's
   * transit time after `now`. The carrier is not called here: this runs inside a transaction.
   */
  async planTracking(
    m: EntityManager,
    parcel: ParcelEntity,
    now: Date,
    next: Date | null = null,
  ): Promise<void> {
    const at = next ?? new Date(now.getTime() + Math.round(this.transitMs(parcel.leg) / 4));
    await new OutboxRepository(m).add(
      planJob(
        'parcel-tracking',
        { parcelId: parcel.id, waitMs: Math.max(0, at.getTime() - now.getTime()) },
        this.config,
      ),
    );
  }

  /** What the carrier is told of sealed `parcel`: its waybill, its seal, from where to where, who signs. */
  async route(m: EntityManager, parcel: ParcelEntity): Promise<ParcelOnRoute> {
    const catalogue = new CatalogueRepository(m);
    const name = async (kind: string, code: string) =>
      kind === 'window'
        ? ((await catalogue.window(code))?.name ?? code)
        : kind === 'jurisdiction'
          ? ((await catalogue.jurisdiction(code))?.name ?? code)
          : '申请人';
    const to = await name(parcel.toKind, parcel.toCode);
    return {
      leg: parcel.leg,
      waybillNumber: parcel.waybillNumber ?? '',
      sealedAt: parcel.sealedAt ?? parcel.openedAt,
      from: await name(parcel.fromKind, parcel.fromCode),
      to,
      recipient: parcel.toKind === 'applicant' ? await this.recipientOf(m, parcel) : `${to}收发室`,
    };
  }

  /**
   * Who signs for a mailed result, as the carrier is told: the recipient of the case's mailing
   * address (邮寄地址), or else the applicant. (What the carrier reports back is stored masked.)
   */
  private async recipientOf(m: EntityManager, parcel: ParcelEntity): Promise<string> {
    const [line] = await new ParcelRepository(m).lines(parcel.id);
    const applicants = new ApplicantRepository(m, this.pii);
    const address = await applicants.mailingAddressOf(line.caseId);
    return address?.recipient ?? (await applicants.nameOf(line.caseId));
  }

  /**
   * The check-in of case `caseId`'s line (effect `recordCheckIn`): each original of the manifest
   * line as the officer found it; the line is received, or a discrepancy.
   * @throws InvalidInput (400, field `originals`) the originals named are not the line's, each once
   */
  async recordCheckIn(
    tx: CaseWrite,
    caseId: string,
    params: CaseEffectParams['recordCheckIn'],
  ): Promise<void> {
    const parcels = new ParcelRepository(tx.m);
    const line = (await parcels.lines(params.parcelId)).find((l) => l.caseId === caseId);
    if (!line || line.transferId !== params.transferId) {
      throw invalidField('parcelId', `case is not travelling in parcel ${params.parcelId}`);
    }
    const found = checkedAgainst(line.originals, params.originals);
    await parcels.setLine(
      params.parcelId,
      caseId,
      allReceived(params.originals) ? 'received' : 'discrepancy',
      found,
    );
  }

  /**
   * The case leaves any parcel not yet sealed: it was withdrawn (effect `cancelTransfersInTransit`),
   * or its papers went by scan while a clerk had it packed.
   */
  async takeOutOfOpenParcels(m: EntityManager, caseId: string): Promise<void> {
    await new ParcelRepository(m).unpackEverywhere(caseId);
  }

  /** The due moment of a parcel sealed at `at`: the end of the COURIER_DELIVERY_WORKING_DAYS-th working day after. */
  private async deliveryDue(m: EntityManager, at: Date): Promise<Date> {
    const calendar = await this.calendar.calendar(m);
    const period = clockPeriod(calendar, {
      startedAt: at,
      workingDays: this.config.COURIER_DELIVERY_WORKING_DAYS,
      pauses: [],
      officeClosesAt: this.config.OFFICE_CLOSES_AT,
    });
    return period!.dueAt;
  }

  private transitMs(leg: ParcelLeg): number {
    return leg === 'result' ? this.config.RESULT_MAIL_TRANSIT_MS : this.config.COURIER_TRANSIT_MS;
  }
}

/**
 * The manifest line's originals with the outcome the check-in gave each.
 * @throws InvalidInput (400, field `originals`) an original named twice, not on the line, or left out
 */
export function checkedAgainst(
  listed: readonly ManifestOriginal[],
  checked: CaseEffectParams['recordCheckIn']['originals'],
): ManifestOriginal[] {
  const byName = new Map(checked.map((o) => [o.name, o]));
  if (byName.size !== checked.length) throw invalidField('originals', 'name each original once');
  const unknown = checked.filter((o) => !listed.some((l) => l.name === o.name)).map((o) => o.name);
  if (unknown.length) throw invalidField('originals', `not on the manifest: ${unknown.join('、')}`);
  const left = listed.filter((l) => !byName.has(l.name)).map((l) => l.name);
  if (left.length)
    throw invalidField('originals', `check every original of the manifest; left out: ${left.join('、')}`);
  return listed.map((l) => {
    const o = byName.get(l.name)!;
    return { ...l, outcome: o.outcome, ...(o.note ? { note: o.note } : {}) };
  });
}
