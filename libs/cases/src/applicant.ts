import type { PiiCipher } from '@app/common';
import type { CaseRecord } from './case.repository';
import { maskIdNumber, maskName, maskPhone } from './masking';

/** A natural person's identity document: its type (居民身份证, 居住证, 永居证, 护照), number, and a passport's nationality. */
export interface PersonIdentity {
  /** resident_id, hk_macao_residence_permit, taiwan_residence_permit, foreign_permanent_residence_id or passport. */
  idType: string;
  /** As its standard writes it (validated at the edge: apps/api/src/http/id-numbers.ts). */
  idNumber: string;
  /** ISO 3166-1 alpha-3; a passport's only. */
  nationality?: string;
}

/** 自然人 or 法人和其他组织. */
export type ApplicantKind = 'natural_person' | 'legal_person';

/**
 * The applicant as the window records them. Validated at the edge (DTO) before it gets here.
 * A natural person gives their identity document; a legal person (法人或其他组织) its name, its
 * unified social credit code (`idType` unified_social_credit_code, GB 32100-2015) and its legal
 * representative (法定代表人/负责人) as a natural person.
 */
export interface ApplicantIn extends PersonIdentity {
  /** natural_person when absent. */
  kind?: ApplicantKind;
  name: string;
  /** A mainland mobile number (the contact for the case). */
  phone: string;
  /** A legal person's representative; required for one, absent for a natural person. */
  legalRepresentative?: PersonIdentity & { name: string };
}

/** The agent (代理人) who hands the application in for the applicant with a power of attorney (授权委托书). */
export interface AgentIn extends PersonIdentity {
  name: string;
  phone: string;
}

/**
 * Where a result sent by mail goes (邮寄地址): province, city and district as GB/T 2260 codes
 * (divisionMismatch checks they lie in one another), the street address, the recipient and their phone.
 */
export interface MailingAddressIn {
  provinceCode: string;
  cityCode: string;
  /** Absent only for a city without county-level divisions (东莞市). */
  districtCode?: string;
  street: string;
  recipient: string;
  phone: string;
}

/** The part of the applicant kept in `applications.applicant_details` (encrypted JSON). */
export interface ApplicantDetails {
  nationality?: string;
  legalRepresentative?: PersonIdentity & { name: string };
}

/** The name of the material an agent must hand in (the item's checklist gets it as required). */
export const POWER_OF_ATTORNEY = '授权委托书';

/**
 * The applicant's sealed columns (PiiCipher) and their plaintext, one place for receive, the views,
 * verification and the key rotation: `applicant_details`, `agent`, `mailing_address` hold
 * encrypted JSON, or null when there is nothing to hold.
 */
export const SEALED_APPLICANT_COLUMNS = ['applicantDetails', 'agent', 'mailingAddress'] as const;
export type SealedApplicantColumn = (typeof SEALED_APPLICANT_COLUMNS)[number];

/** The plaintext of each sealed applicant column for `cmd`: canonical JSON, or null for nothing. */
export function applicantColumnsPlain(cmd: {
  applicant: ApplicantIn;
  agent?: AgentIn;
  mailingAddress?: MailingAddressIn;
}): Record<SealedApplicantColumn, string | null> {
  const { nationality, legalRepresentative } = cmd.applicant;
  const details: ApplicantDetails = { nationality, legalRepresentative };
  const json = (v: object | undefined) =>
    v === undefined || Object.values(v).every((x) => x === undefined) ? null : JSON.stringify(v);
  return {
    applicantDetails: json(details),
    agent: json(cmd.agent),
    mailingAddress: json(cmd.mailingAddress),
  };
}

/** A person of a case as a view shows them: in full, or masked (maskName, maskIdNumber). */
export interface PersonView {
  name: string;
  idType: string;
  idNumber: string;
  nationality?: string;
}

/** The applicant of a case as a view shows them (CaseView.applicant, TrackingView.applicant). */
export interface ApplicantView extends PersonView {
  kind: string;
  phone: string;
  legalRepresentative: PersonView | null;
  agent: (PersonView & { phone: string }) | null;
  /** Masked but for the division codes when not in full: street, recipient and phone. */
  mailingAddress: MailingAddressIn | null;
}

/**
 * The applicant of case `app` decrypted (`pii`), in full or masked: names to the family name (a
 * legal person's name stays whole: it is no personal data), ID numbers to their first and last
 * four characters, phones to their first three and last four, the street to its first two characters.
 * @throws PiiKeyMissingError a value under a key this process does not hold
 */
export function applicantView(app: CaseRecord, pii: PiiCipher, inFull: boolean): ApplicantView {
  const open = <T>(sealed: string | null): T | null =>
    sealed === null ? null : (JSON.parse(pii.decrypt(sealed)) as T);
  const details = open<ApplicantDetails>(app.applicantDetails) ?? {};
  const agent = open<AgentIn>(app.agent);
  const address = open<MailingAddressIn>(app.mailingAddress);
  const name = (n: string) => (inFull ? n : maskName(n));
  const id = (n: string) => (inFull ? n : maskIdNumber(n));
  const phone = (n: string) => (inFull ? n : maskPhone(n));
  const person = (p: PersonIdentity & { name: string }): PersonView => ({
    name: name(p.name),
    idType: p.idType,
    idNumber: id(p.idNumber),
    ...(p.nationality ? { nationality: p.nationality } : {}),
  });
  const legal = app.applicantKind === 'legal_person';
  return {
    kind: app.applicantKind,
    name: legal ? app.applicantName : name(app.applicantName),
    idType: app.applicantIdType,
    idNumber: legal ? pii.decrypt(app.applicantIdNumber) : id(pii.decrypt(app.applicantIdNumber)),
    ...(details.nationality ? { nationality: details.nationality } : {}),
    phone: phone(pii.decrypt(app.applicantPhone)),
    legalRepresentative: details.legalRepresentative ? person(details.legalRepresentative) : null,
    agent: agent ? { ...person(agent), phone: phone(agent.phone) } : null,
    mailingAddress: address
      ? {
          ...address,
          street: inFull ? address.street : `${Array.from(address.street).slice(0, 2).join('')}***`,
          recipient: name(address.recipient),
          phone: phone(address.phone),
        }
      : null,
  };
}
