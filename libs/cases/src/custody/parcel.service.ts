import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '@app/catalogue';
import { renderManifest } from '@app/documents';
import { assertMay, beijingDate, invalidField } from '@app/common';
import type { ParcelEntity, ParcelItemEntity, ParcelLegEntity } from '@app/db';
import { ParcelRepository, type ListedParcel, type ParcelListing } from '@app/transfer';
import {
  restoreSnapshot,
  stateHasTag,
  takesEvent,
  type CaseEvent,
  type OriginalCheckedIn,
} from '@app/workflow';
import type { Actor } from '../actor';
import { CaseService } from '../case.service';
import { CaseWriter, type CaseWrite } from '../case-writer';
import { DocumentViews, type RenderedDocument } from '../documents/document-views';
import { checkedAgainst, Custody } from './custody';
import {
  notPackable,
  packedElsewhere,
  parcelChanged,
  parcelEmpty,
  parcelNotFound,
  parcelNotInTransit,
  parcelNotOpen,
} from './custody-errors';

/**
 * A parcel as the api shows it: its row, its lines with their case numbers and each case's state
 * now (so that the officer who checked a case in sees where it went, also when a discrepancy sent it
 * back to the window), its carrier's legs.
 */
export interface ParcelView {
  parcel: ParcelEntity;
  lines: (ParcelItemEntity & { caseNumber: string; itemCode: string; state: string })[];
  legs: ParcelLegEntity[];
}

/** One case's line as the officer checks it in: its originals, each as found. */
export interface CheckInLine {
  caseId: string;
  originals: OriginalCheckedIn[];
}

/**
 * The parcels a staff member's desk lists: `current` what is in hand (a clerk's parcels being
 * packed, newest first; an officer's parcels on the way or at the door, soonest due first),
 * `recent` what is done (a clerk's latest sent; an officer's latest checked in or failed).
 */
export interface ParcelDesk {
  current: ListedParcel[];
  recent: ListedParcel[];
}

/** Parcels each part of a desk lists at most. */
export const DESK_ROWS = 30;

/** The legs a window opens parcels for: papers to a home jurisdiction, or kept originals to its archive. */
export type WindowLeg = 'materials' | 'archive';

/**
 * Parcels as clerks and officers handle them (issue 13 items 3, 5, 6): a clerk opens a parcel at
 * their window for one home jurisdiction, packs cases into it (their originals become its manifest
 * lines), takes a case out before sealing, and seals it under a waybill: every case in it is
 * forwarded (FORWARD, or REDISPATCH after a failed transfer) in the seal's one transaction. An
 * officer of that jurisdiction checks the parcel in against its manifest, case by case and original
 * by original (CHECK_IN, one transaction for the parcel): a case whose originals are all there moves
 * to the inbox; a discrepancy keeps that case out (its transfer fails, naming the leg); a case
 * withdrawn after sealing travelled anyway and is returned. The archive leg (归档) carries the
 * originals a window kept (cases forwarded by scan) to the home jurisdiction after conclusion, with
 * its own manifest and check-in, and moves no case.
 */
@Injectable()
export class ParcelService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly cases: CaseService,
    private readonly custody: Custody,
    private readonly documents: DocumentViews,
  ) {}

  /**
   * Opens a parcel of `leg` at the clerk's window for home jurisdiction `jurisdictionCode`.
   * @throws NotAllowed (403) not a clerk
   * @throws InvalidInput (400, jurisdictionCode) an unknown home jurisdiction
   */
  open(leg: WindowLeg, jurisdictionCode: string, actor: Actor): Promise<ParcelView> {
    assertMay(actor, 'packParcels');
    return this.writer.write(async (tx) => {
      if (!(await new CatalogueRepository(tx.m).jurisdiction(jurisdictionCode))) {
        throw invalidField('jurisdictionCode', `unknown home jurisdiction ${jurisdictionCode}`);
      }
      const parcel = await new ParcelRepository(tx.m).open(
        {
          leg,
          fromKind: 'window',
          fromCode: actor.scope.windowCode,
          toKind: 'jurisdiction',
          toCode: jurisdictionCode,
          openedBy: actor.id,
        },
        beijingDate(new Date()),
      );
      return this.viewIn(tx, parcel);
    });
  }

  /**
   * Packs case `caseId` into open parcel `parcelId` of the clerk's window.
   * @throws NotFound (404) the parcel or the case is not the clerk's window's
   * @throws Conflict (409) parcel_not_open; packed_elsewhere (in another open parcel); not_packable
   *   (another home jurisdiction; for papers, a case that is not ready to be forwarded by courier;
   *   for the archive, a case not concluded, or whose originals already left the window)
   */
  pack(parcelId: string, caseId: string, actor: Actor): Promise<ParcelView> {
    assertMay(actor, 'packParcels');
    return this.writer.write(async (tx) => {
      const parcel = await this.openParcelOf(tx, parcelId, actor);
      const kase = await tx.cases.getInScope(caseId, actor.scope);
      if (kase.jurisdictionCode !== parcel.toCode) {
        throw notPackable(
          kase.caseNumber,
          `its home jurisdiction is ${kase.jurisdictionCode}, the parcel goes to ${parcel.toCode}`,
          { why: 'jurisdiction', jurisdictionCode: kase.jurisdictionCode },
        );
      }
      const why = parcel.leg === 'archive' ? await this.notArchivable(tx, kase) : this.notForwardable(kase);
      if (why) throw notPackable(kase.caseNumber, why, { why: 'state', state: kase.state });
      const originals = await this.custody.originalsOf(tx, caseId);
      if (originals.length === 0) {
        throw notPackable(kase.caseNumber, 'it has no paper materials to send', { why: 'noOriginals' });
      }
      if (!(await new ParcelRepository(tx.m).pack(parcel.id, caseId, originals, actor.id))) {
        throw packedElsewhere(kase.caseNumber);
      }
      return this.viewIn(tx, parcel);
    });
  }

  /**
   * Takes case `caseId` out of open parcel `parcelId` (not once sealed: then it travels, and a
   * withdrawn case's originals are returned at check-in).
   * @throws NotFound (404) the parcel or the case is not the clerk's window's
   * @throws InvalidInput (400, caseId) the case is not packed in this parcel
   * @throws Conflict (409 parcel_not_open) the parcel is sealed
   */
  unpack(parcelId: string, caseId: string, actor: Actor): Promise<ParcelView> {
    assertMay(actor, 'packParcels');
    return this.writer.write(async (tx) => {
      const parcel = await this.openParcelOf(tx, parcelId, actor);
      if (!(await new ParcelRepository(tx.m).unpack(parcel.id, caseId))) {
        throw invalidField('caseId', 'the case is not packed in this parcel');
      }
      return this.viewIn(tx, parcel);
    });
  }

  /**
   * Seals open parcel `parcelId` under `waybillNumber`: its manifest is fixed and hashed, its
   * tracking job planned, and each case packed in it forwarded by courier (FORWARD, or REDISPATCH
   * after a failed transfer) in this one transaction; an archive parcel's lines simply travel.
   * @throws NotFound (404) the parcel is not the clerk's window's
   * With `expectedCases` (the case ids the caller saw packed), a parcel whose packed cases are no
   * longer exactly those is refused: the clerk seals what they checked, never a parcel changed since.
   * @throws Conflict (409) parcel_not_open, parcel_empty, waybill_in_use, parcel_changed
   *   (`expectedCases` differ); event_not_allowed from a case that can no longer be forwarded
   *   (nothing is sealed then)
   */
  seal(
    parcelId: string,
    waybillNumber: string,
    actor: Actor,
    expectedCases?: readonly string[],
  ): Promise<ParcelView> {
    assertMay(actor, 'packParcels');
    return this.writer.write(async (tx) => {
      const parcels = new ParcelRepository(tx.m);
      const parcel = await this.openParcelOf(tx, parcelId, actor);
      const packed = (await parcels.lines(parcel.id)).filter((line) => line.status === 'packed');
      if (expectedCases && !sameCases(packed, expectedCases)) throw parcelChanged(parcel.parcelNumber);
      if (packed.length === 0) throw parcelEmpty(parcel.parcelNumber);
      const at = new Date();
      const sealed = await this.custody.seal(tx, parcel, waybillNumber, at, actor.id);
      for (const line of packed) {
        if (parcel.leg === 'archive') {
          await parcels.setLine(parcel.id, line.caseId, 'sealed');
          continue;
        }
        const kase = await tx.cases.getInScope(line.caseId, { kind: 'all' });
        const forward: CaseEvent = {
          type: 'FORWARD',
          channel: 'courier',
          waybillNumber,
          parcelId: parcel.id,
        };
        const event = takesEvent(restoreSnapshot(kase.snapshot), forward)
          ? forward
          : { ...forward, type: 'REDISPATCH' as const };
        await this.cases.applyWithin(tx, line.caseId, event, actor);
      }
      return this.viewIn(tx, sealed);
    });
  }

  /**
   * Checks parcel `parcelId` in (签收) against its manifest: `lines` must give every travelling
   * case once, each with every original of its line. Cases whose originals are all there move to
   * the inbox (CHECK_IN); a discrepancy fails that case's transfer, naming the originals and the
   * leg; a case withdrawn after sealing is recorded returned; an archive parcel's lines are
   * recorded as found. One transaction for the parcel.
   * @throws NotAllowed (403) not an officer
   * @throws NotFound (404) the parcel is not addressed to the officer's jurisdiction
   * @throws InvalidInput (400, `cases` or `originals`) a case of the manifest left out, named twice
   *   or not in it; an original left out, named twice or not on the line
   * @throws Conflict (409 parcel_not_in_transit) already checked in, failed, or not sealed
   */
  checkIn(parcelId: string, lines: CheckInLine[], actor: Actor): Promise<ParcelView> {
    assertMay(actor, 'checkInParcels');
    return this.writer.write(async (tx) => {
      const parcels = new ParcelRepository(tx.m);
      const parcel = await parcels.find(parcelId, true);
      if (!parcel || parcel.toKind !== 'jurisdiction' || parcel.toCode !== actor.scope.jurisdictionCode) {
        throw parcelNotFound();
      }
      if (parcel.status !== 'sealed' && parcel.status !== 'delivered') throw parcelNotInTransit(parcel);
      const travelling = (await parcels.lines(parcel.id)).filter((line) => line.status === 'sealed');
      const byCase = linesByCase(travelling, lines);
      for (const line of travelling) {
        const checked = byCase.get(line.caseId)!;
        const kase = await tx.cases.getInScope(line.caseId, { kind: 'all' });
        if (parcel.leg === 'materials' && !stateHasTag(kase.state, 'final')) {
          const event: CaseEvent = {
            type: 'CHECK_IN',
            parcelId: parcel.id,
            transferId: line.transferId!,
            originals: checked.originals,
          };
          await this.cases.applyWithin(tx, line.caseId, event, actor);
          continue;
        }
        // An archive line, or the originals of a case withdrawn after sealing (returned to the window).
        const found = checkedAgainst(line.originals, checked.originals);
        const whole = found.every((o) => o.outcome === 'received');
        const status = parcel.leg === 'archive' ? (whole ? 'received' : 'discrepancy') : 'returned';
        await parcels.setLine(parcel.id, line.caseId, status, found);
      }
      const at = new Date();
      await parcels.markCheckedIn(parcel.id, actor.id, at);
      const view = await this.viewIn(tx, {
        ...parcel,
        status: 'checkedIn',
        checkedInBy: actor.id,
        checkedInAt: at,
      });
      const checked = view.lines.filter((line) => travelling.some((t) => t.caseId === line.caseId));
      await this.custody.signCheckIn(tx, view.parcel, checked, at);
      return view;
    });
  }

  /**
   * Parcel `parcelId` with its lines and legs, for a clerk of the window it leaves from or an
   * officer of the jurisdiction it goes to.
   * @throws NotFound (404) unknown, or neither theirs
   */
  view(parcelId: string, actor: Actor): Promise<ParcelView> {
    assertMay(actor, 'readParcels');
    return this.writer.write(async (tx) => {
      const parcel = await new ParcelRepository(tx.m).find(parcelId);
      if (!parcel || !isParty(parcel, actor)) throw parcelNotFound();
      return this.viewIn(tx, parcel);
    });
  }

  /**
   * The parcels of `actor`'s desk (ParcelDesk): a clerk's window's outgoing parcels (materials and
   * archive), an officer's jurisdiction's incoming ones; at most DESK_ROWS in each part. With
   * `waybillNumber` (scanned from a parcel's label), only the parcel under it.
   * @throws NotAllowed (403) neither a clerk nor an officer
   */
  async desk(actor: Actor, waybillNumber?: string): Promise<ParcelDesk> {
    assertMay(actor, 'readParcels');
    const parcels = new ParcelRepository(this.writer.manager);
    const list = (
      party: ParcelListing['party'],
      statuses: ParcelListing['statuses'],
      order: ParcelListing['order'],
    ) => parcels.list({ party, statuses, order, limit: DESK_ROWS, waybillNumber });
    if (actor.role === 'clerk') {
      const from = { fromKind: 'window', fromCode: actor.scope.windowCode } as const;
      return {
        current: await list(from, ['open'], { by: 'openedAt', direction: 'DESC' }),
        recent: await list(from, ['sealed', 'delivered', 'checkedIn', 'failed'], {
          by: 'sealedAt',
          direction: 'DESC',
        }),
      };
    }
    if (actor.role !== 'officer') return { current: [], recent: [] };
    const to = { toKind: 'jurisdiction', toCode: actor.scope.jurisdictionCode } as const;
    return {
      current: await list(to, ['sealed', 'delivered'], { by: 'dueAt', direction: 'ASC' }),
      recent: await list(to, ['checkedIn', 'failed'], { by: 'checkedInAt', direction: 'DESC' }),
    };
  }

  /**
   * The manifest (材料交接单) of parcel `parcelId` as PDF, for the courier and for check-in: each case
   * packed (removed ones left out) with each original, the hash its hand-over receipt signed, lines
   * to sign. Open parcels print their packing list so far.
   * @throws NotFound (404) unknown, or neither the caller's window's nor jurisdiction's
   */
  async manifest(parcelId: string, actor: Actor): Promise<RenderedDocument> {
    const { parcel, lines } = await this.view(parcelId, actor);
    const catalogue = new CatalogueRepository(this.writer.manager);
    const partyName = async (kind: string, code: string) =>
      kind === 'window'
        ? ((await catalogue.window(code))?.name ?? code)
        : kind === 'jurisdiction'
          ? ((await catalogue.jurisdiction(code))?.name ?? code)
          : `申请人（${code}）`;
    const listed = lines.filter((line) => line.status !== 'removed');
    const itemNames = await catalogue.itemNames([...new Set(listed.map((l) => l.itemCode))]);
    const pdf = await renderManifest(
      {
        parcelNumber: parcel.parcelNumber,
        waybillNumber: parcel.waybillNumber,
        leg: parcel.leg,
        from: { code: parcel.fromCode, name: await partyName(parcel.fromKind, parcel.fromCode) },
        to: { code: parcel.toCode, name: await partyName(parcel.toKind, parcel.toCode) },
        sealedAt: parcel.sealedAt,
        cases: listed.map((line) => ({
          caseNumber: line.caseNumber,
          itemName: itemNames.get(line.itemCode) ?? line.itemCode,
          originals: line.originals.map(({ name, pages, form }) => ({ name, pages, form })),
        })),
        ...(parcel.manifestSha256 ? { manifestSha256: parcel.manifestSha256 } : {}),
      },
      this.documents.renderOptions,
    );
    return { filename: `${parcel.parcelNumber}-manifest.pdf`, pdf };
  }

  private async viewIn(tx: CaseWrite, parcel: ParcelEntity): Promise<ParcelView> {
    const parcels = new ParcelRepository(tx.m);
    const lines = [];
    for (const line of await parcels.lines(parcel.id)) {
      const kase = await tx.cases.getInScope(line.caseId, { kind: 'all' });
      lines.push({ ...line, caseNumber: kase.caseNumber, itemCode: kase.itemCode, state: kase.state });
    }
    return { parcel, lines, legs: await parcels.legs(parcel.id) };
  }

  /** Open parcel `parcelId` of the clerk's window, locked. */
  private async openParcelOf(tx: CaseWrite, parcelId: string, actor: Actor): Promise<ParcelEntity> {
    const parcel = await new ParcelRepository(tx.m).find(parcelId, true);
    if (!parcel || parcel.fromKind !== 'window' || !isParty(parcel, actor)) throw parcelNotFound();
    if (parcel.status !== 'open') throw parcelNotOpen(parcel);
    return parcel;
  }

  /** Why a case cannot be forwarded by courier now; null when it can (FORWARD or REDISPATCH). */
  private notForwardable(kase: { snapshot: unknown; state: string }): string | null {
    const snapshot = restoreSnapshot(kase.snapshot);
    const order = { channel: 'courier' as const, waybillNumber: 'PROBE00000', parcelId: 'probe' };
    return takesEvent(snapshot, { type: 'FORWARD', ...order }) ||
      takesEvent(snapshot, { type: 'REDISPATCH', ...order })
      ? null
      : `it is ${kase.state}: only a case whose identity was checked, or whose transfer failed, is forwarded`;
  }

  /** Why a case's kept originals cannot go to the archive now; null when they can. */
  private async notArchivable(tx: CaseWrite, kase: { id: string; state: string }): Promise<string | null> {
    if (!stateHasTag(kase.state, 'final')) return `it is ${kase.state}: only a concluded case is archived`;
    const lines = await new ParcelRepository(tx.m).linesOfCase(kase.id);
    const gone = lines.some((l) => ['sealed', 'received', 'discrepancy'].includes(l.status));
    return gone ? 'its originals already left the window' : null;
  }
}

/** Whether `actor` sends (a clerk of its window) or receives (an officer of its jurisdiction) `parcel`. */
function isParty(parcel: ParcelEntity, actor: Actor): boolean {
  if (actor.role === 'clerk')
    return parcel.fromKind === 'window' && parcel.fromCode === actor.scope.windowCode;
  if (actor.role === 'officer') {
    return parcel.toKind === 'jurisdiction' && parcel.toCode === actor.scope.jurisdictionCode;
  }
  return false;
}

/** Whether the `packed` lines hold exactly the cases `expected` (any order). */
function sameCases(packed: readonly ParcelItemEntity[], expected: readonly string[]): boolean {
  const ids = new Set(packed.map((line) => line.caseId));
  return ids.size === new Set(expected).size && expected.every((id) => ids.has(id));
}

/**
 * The check-in's lines by case, each travelling case given once.
 * @throws InvalidInput (400, `cases`) a case left out, named twice, or not travelling in the parcel
 */
function linesByCase(
  travelling: readonly ParcelItemEntity[],
  lines: readonly CheckInLine[],
): Map<string, CheckInLine> {
  const byCase = new Map(lines.map((line) => [line.caseId, line]));
  if (byCase.size !== lines.length) throw invalidField('cases', 'name each case once');
  const listed = new Set(travelling.map((line) => line.caseId));
  const strangers = lines.filter((line) => !listed.has(line.caseId)).map((l) => l.caseId);
  if (strangers.length) throw invalidField('cases', `not travelling in this parcel: ${strangers.join(', ')}`);
  const left = travelling.filter((line) => !byCase.has(line.caseId)).map((l) => l.caseId);
  if (left.length)
    throw invalidField('cases', `check in every case of the manifest; left out: ${left.join(', ')}`);
  return byCase;
}
