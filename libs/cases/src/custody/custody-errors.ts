import { Conflict, NotFound } from '@app/common';
import type { ParcelEntity } from '@app/db';

/** 404: no such parcel, or none the caller's window or jurisdiction sends or receives (the same answer). */
export const parcelNotFound = () => new NotFound('parcel', 'parcel not found');

/** 409: the parcel is sealed (or further): nothing is packed into it or taken out; a withdrawn case travels and is returned. */
export const parcelNotOpen = (parcel: Pick<ParcelEntity, 'parcelNumber' | 'status'>) =>
  new Conflict(
    'parcel_not_open',
    `parcel ${parcel.parcelNumber} is ${parcel.status}: only an open parcel is packed, unpacked or sealed`,
    { status: parcel.status },
  );

/** 409: the parcel is not with the carrier or at the door: it cannot be checked in (again). */
export const parcelNotInTransit = (parcel: Pick<ParcelEntity, 'parcelNumber' | 'status'>) =>
  new Conflict(
    'parcel_not_in_transit',
    `parcel ${parcel.parcelNumber} is ${parcel.status}: only a sealed or delivered parcel is checked in`,
    { status: parcel.status },
  );

/** 409: sealing a parcel with nothing packed in it. */
export const parcelEmpty = (parcelNumber: string) =>
  new Conflict('parcel_empty', `parcel ${parcelNumber} holds no case: pack one before sealing`);

/** 409: the case lies in another parcel not yet sealed (take it out there first). */
export const packedElsewhere = (caseNumber: string) =>
  new Conflict('packed_elsewhere', `case ${caseNumber} is already packed in another open parcel`, {
    caseNumber,
  });

/** 409: the parcel's packed cases are not those the caller saw (someone packed or took one out meanwhile). */
export const parcelChanged = (parcelNumber: string) =>
  new Conflict(
    'parcel_changed',
    `parcel ${parcelNumber} was packed or unpacked meanwhile: check its cases again before sealing`,
  );

/**
 * 409: the case cannot travel in this parcel now, with why; `details.why` names which rule:
 * `jurisdiction` (another home jurisdiction), `state` (not ready: `details.state`), `noOriginals`.
 */
export const notPackable = (caseNumber: string, why: string, details: Record<string, unknown> = {}) =>
  new Conflict('not_packable', `case ${caseNumber} cannot be packed: ${why}`, { caseNumber, ...details });
