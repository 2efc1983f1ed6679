import { createHash } from 'node:crypto';
import { creditCode, residentId } from './resident-id';

/** The password of every seeded demo account in tests (invented; bcrypt cost 4 keeps tests fast). */
export const TEST_STAFF_PASSWORD = 'test-staff-password-01';

/** The seeded clerk of 定海区 (W330902), where notarisationApplication is received. */
export const CLERK = { as: 'clerk-w330902' };
/** The seeded clerk of 普陀区 (W330903), where scanItemApplication is received. */
export const PUTUO_CLERK = { as: 'clerk-w330903' };
/** The seeded officer of 上海市浦东新区 市司法局 (J310115-SFJ), its home jurisdiction. */
export const OFFICER = { as: 'officer-j310115-sfj' };
/**
 * The seeded lead officer (科室负责人) of 上海市浦东新区 市司法局 (J310115-SFJ): an officer of OFFICER's
 * jurisdiction who may also reassign an absent colleague's cases.
 */
export const LEAD = { as: 'lead-j310115-sfj' };
/** The seeded supervisor of 舟山市 (330900): reads every Zhoushan window's cases, acts on none. */
export const SUPERVISOR = { as: 'supervisor-330900' };

let waybills = 0;
/**
 * A waybill number (运单号) no other transfer of this test run uses (a waybill names one parcel, so
 * a repeated one is refused): `<prefix><time><counter>`, e.g. `SF17648012345671`.
 */
export const nextWaybill = (prefix = 'SF'): string => `${prefix}${Date.now()}${++waybills}`;

/**
 * Invented applicant `n` (no real person): a valid ID check digit, unique per n below 30,000 (the
 * birth year moves every thousand), and a phone number.
 */
export const applicant = (n = 1) => ({
  name: ['林晓岚', '周海平', '陈若溪', '𠮷田一'][n % 4],
  idType: 'resident_id',
  idNumber: residentId('330902', `${1970 + Math.floor(n / 1000)}0307`, String(n % 1000).padStart(3, '0')),
  phone: `1380000${String(n % 10000).padStart(4, '0')}`,
});

/** 学历公证 (KS1-001) received at 定海区 for 上海市浦东新区 市司法局, every required material handed in. */
export const notarisationApplication = (n = 1) => ({
  itemCode: 'KS1-001',
  windowCode: 'W330902',
  jurisdictionCode: 'J310115-SFJ',
  applicant: applicant(n),
  materials: [
    { name: '公证申请表', form: 'original' },
    { name: '申请人居民身份证', form: 'copy' },
    { name: '学历证书', form: 'original', pages: 2 },
  ],
});

/** A PNG's signature and a 1×1 IHDR chunk (length, type, 13 bytes of data, CRC). */
const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000000000', 'hex');

/**
 * A scanned page: PNG bytes (as the upload judges them) that differ by `text`, carried in an IDAT
 * chunk so that a type sniffer walking the chunks finds a PNG whatever the text (any language).
 */
export const scanPage = (text: string) => {
  const data = Buffer.from(text);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([PNG_HEAD, length, Buffer.from('IDAT'), data, Buffer.alloc(4)]);
};

/**
 * A scanned page whose SHA-256 starts with `prefix`: with `dead`, the local scan channel alters it
 * in transit (SCAN_CORRUPT_DIGEST_PATTERN of the tests), so its transfer fails.
 */
export function scanPageWithDigest(prefix: string, text: string): Buffer {
  for (let i = 0; ; i++) {
    const bytes = scanPage(`${text} ${i}`);
    if (createHash('sha256').update(bytes).digest('hex').startsWith(prefix)) return bytes;
  }
}

/** An invented company (法人) applicant: a valid GB 32100 credit code, its representative a natural person. */
export const COMPANY_APPLICANT = {
  kind: 'legal_person',
  name: '舟山海澄贸易有限公司',
  idType: 'unified_social_credit_code',
  idNumber: creditCode('330902', 'MA2B3C4D'),
  phone: '13800573333',
  legalRepresentative: {
    name: '陈若溪',
    idType: 'resident_id',
    idNumber: residentId('330902', '19750612', '024'),
  },
};

/** An invented agent (代理人) with a resident ID. */
export const AGENT = {
  name: '周一鸣',
  idType: 'resident_id',
  idNumber: residentId('330903', '19880101', '013'),
  phone: '13800571111',
};

/** An invented mailing address (邮寄地址) in 舟山市定海区. */
export const MAILING_ADDRESS = {
  provinceCode: '330000',
  cityCode: '330900',
  districtCode: '330902',
  street: '环城南路 1 号 2 幢 301 室',
  recipient: '林晓岚',
  phone: '13800572222',
};
