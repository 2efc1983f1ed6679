import {
  isForeignPermanentResidenceId,
  isIdNumberOf,
  isPassportNumberOf,
  isResidencePermitNumber,
  isUnifiedSocialCreditCode,
} from './id-numbers';
import { canonicalResidentId } from './resident-id';

// Invented numbers whose check characters were computed apart from this code (no real person or
// company); the USCC 91350100M000100Y43 is the example printed in guides to GB 32100-2015.
const HK = '810000199003071237';
const MACAO = '820000198511114560';
const TAIWAN = '830000200102037893';
const PR_2023 = '931826198804150016';
const PR_2017 = 'GBR310188041516';
const USCC = '91330902MA2B3C4D1G';

/** `id` with its last character replaced by another one of the same kind. */
const wrongLast = (id: string) => id.slice(0, -1) + (id.endsWith('1') ? '2' : '1');

describe('identity document numbers', () => {
  it('港澳 / 台湾居民居住证: 81/82/83 0000, a real birth date, a GB 11643 check character', () => {
    expect(isResidencePermitNumber(HK, 'hk_macao')).toBe(true);
    expect(isResidencePermitNumber(MACAO, 'hk_macao')).toBe(true);
    expect(isResidencePermitNumber(TAIWAN, 'taiwan')).toBe(true);
    expect(isResidencePermitNumber(TAIWAN, 'hk_macao')).toBe(false);
    expect(isResidencePermitNumber(HK, 'taiwan')).toBe(false);
    expect(isResidencePermitNumber(wrongLast(HK), 'hk_macao')).toBe(false);
    // a resident ID is not a permit, and a permit is not a resident ID
    expect(isResidencePermitNumber('330902199003072157', 'hk_macao')).toBe(false);
    expect(canonicalResidentId(HK)).toBeNull();
    expect(canonicalResidentId(PR_2023)).toBeNull();
  });

  it('外国人永久居留身份证: the 2017 form (ICAO check digit) and the 2023 form (MOD 11-2)', () => {
    expect(isForeignPermanentResidenceId(PR_2017)).toBe(true);
    expect(isForeignPermanentResidenceId(PR_2023)).toBe(true);
    expect(isForeignPermanentResidenceId(wrongLast(PR_2017))).toBe(false);
    expect(isForeignPermanentResidenceId(wrongLast(PR_2023))).toBe(false);
    expect(isForeignPermanentResidenceId('QQQ310188041516')).toBe(false); // no such country
    expect(isForeignPermanentResidenceId('931826198802300018')).toBe(false); // 30 February
  });

  it('passport: ICAO 9303 letters and digits, a Chinese one in its series', () => {
    expect(isPassportNumberOf('123456789', 'GBR')).toBe(true);
    expect(isPassportNumberOf('E12345678', 'CHN')).toBe(true);
    expect(isPassportNumberOf('123456789', 'CHN')).toBe(false);
    expect(isPassportNumberOf('12-345', 'GBR')).toBe(false);
    expect(isPassportNumberOf('1234567890', 'GBR')).toBe(false);
  });

  it('统一社会信用代码 (GB 32100-2015): MOD 31 check character and the organisation code’s own', () => {
    expect(isUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(isUnifiedSocialCreditCode(USCC)).toBe(true);
    expect(isUnifiedSocialCreditCode(wrongLast(USCC))).toBe(false);
    expect(isUnifiedSocialCreditCode('91330902MA2B3C4D2G')).toBe(false); // organisation code check
    expect(isUnifiedSocialCreditCode('91330902MA2B3C4DIG')).toBe(false); // I is not in the alphabet
  });

  it('dispatches on the ID type', () => {
    expect(isIdNumberOf('hk_macao_residence_permit', HK)).toBe(true);
    expect(isIdNumberOf('passport', 'X1234567', 'DEU')).toBe(true);
    expect(isIdNumberOf('unified_social_credit_code', USCC)).toBe(true);
    expect(isIdNumberOf('resident_id', HK)).toBe(false);
    expect(isIdNumberOf('driving_licence', HK)).toBe(false);
  });
});
