import applicantsFile from '../../../../seeds/demo-applicants.json';

type Applicant = (typeof applicantsFile.applicants)[number];

/** One demo case: which item, from which Zhoushan window, to which home jurisdiction, and how. */
export interface DemoCase {
  title: string;
  itemCode: string;
  windowCode: string;
  jurisdictionCode: string;
  applicant: Applicant;
  /**
   * How the papers go: by courier in a parcel of their own (sealed at once under the waybill), by
   * scan, or packed with the other demo cases naming the same shared parcel (`parcel`: its waybill
   * script) into one parcel for their common home jurisdiction, sealed once all are in (ParcelDesk).
   */
  forward:
    | { channel: 'courier'; waybillNumber: string }
    | { channel: 'scan' }
    | { channel: 'parcel'; parcel: string };
  /** Approve with this result document, or refuse (不予受理) with reason and legal basis. */
  decision:
    | { approve: { documentType: string; documentNumber: string; eLicenceId?: string } }
    | { refuse: { reason: string; legalBasis: string } };
  delivery: { method: 'mail'; waybillNumber: string } | { method: 'online' };
  /** The first parcel is lost in transit (the simulated carrier loses waybills starting LOST); redispatched. */
  lostFirstParcel?: boolean;
  /** How many times the home jurisdiction asks for a supplement (一次性告知补正) before accepting. */
  supplementRounds?: number;
  /** Accepted and left in review (no decision yet): the case whose decision clock the demo warns about. */
  leftInReview?: boolean;
}

const [a1, a2, a3, a4, a5, a6, a7] = applicantsFile.applicants;

/**
 * Seven real catalogue items, from every Zhoushan window, to home jurisdictions in four provinces:
 * three straight through, one supplement loop, one lost parcel, one refusal, and one left in review
 * (its decision clock running); the two 定海区 cases for 浦东新区 travel in one parcel, checked in
 * once against its manifest. Applicants, waybills and document numbers are invented.
 */
export const DEMO_CASES: DemoCase[] = [
  {
    title: '学历公证: 定海区 → 上海市浦东新区 市司法局 (one parcel with 学位公证, result by mail)',
    itemCode: 'KS1-001',
    windowCode: 'W330902',
    jurisdictionCode: 'J310115-SFJ',
    applicant: a1,
    forward: { channel: 'parcel', parcel: 'SF7310000000001' },
    decision: { approve: { documentType: '公证书', documentNumber: '(2026)沪浦证字第10241号' } },
    delivery: { method: 'mail', waybillNumber: 'EMS9310000000001' },
  },
  {
    title: '失业登记: 普陀区 → 安徽省合肥市 市人社局 (scan, result online)',
    itemCode: 'KS1-005',
    windowCode: 'W330903',
    jurisdictionCode: 'J340100-RSJ',
    applicant: a2,
    forward: { channel: 'scan' },
    decision: {
      approve: {
        documentType: '失业登记证明',
        documentNumber: 'HF-SYDJ-2026-008812',
        eLicenceId: 'EL-340100-SY-0008812',
      },
    },
    delivery: { method: 'online' },
  },
  {
    title:
      '购房提取住房公积金: 岱山县 → 福建省福州市 市公积金中心 (courier, one supplement loop, result online)',
    supplementRounds: 1,
    itemCode: 'KS2-048',
    windowCode: 'W330921',
    jurisdictionCode: 'J350100-GJJ',
    applicant: a3,
    forward: { channel: 'courier', waybillNumber: 'YT7350000000003' },
    decision: { approve: { documentType: '住房公积金提取审批表', documentNumber: 'FZGJJ-TQ-2026-031415' } },
    delivery: { method: 'online' },
  },
  {
    title: '残疾人证新办: 嵊泗县 → 江苏省南京市 市残联 (first parcel lost, redispatched; card by mail)',
    lostFirstParcel: true,
    itemCode: 'KS2-070',
    windowCode: 'W330922',
    jurisdictionCode: 'J320100-CL',
    applicant: a4,
    forward: { channel: 'courier', waybillNumber: 'SF7320000000004' },
    decision: { approve: { documentType: '中华人民共和国残疾人证', documentNumber: '32010019821130071X42' } },
    delivery: { method: 'mail', waybillNumber: 'EMS9320000000004' },
  },
  {
    title: '异地就医结算备案: 舟山市行政服务中心 → 江苏省南京市 市医保局 (scan, result online)',
    itemCode: 'KS2-064',
    windowCode: 'W330900',
    jurisdictionCode: 'J320100-YBJ',
    applicant: a5,
    forward: { channel: 'scan' },
    decision: { approve: { documentType: '异地就医备案回执', documentNumber: 'NJYB-BA-2026-000555' } },
    delivery: { method: 'online' },
  },
  {
    title: '开具有无犯罪记录证明: 普陀区 → 安徽省合肥市 市公安局 (scan, refused, notice online)',
    itemCode: 'KS2-001',
    windowCode: 'W330903',
    jurisdictionCode: 'J340100-GAJ',
    applicant: a6,
    forward: { channel: 'scan' },
    decision: {
      refuse: {
        reason: '申请人户籍不在本机关辖区，依法不属于本机关职权范围，请向户籍地公安机关申请',
        legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第(二)项',
      },
    },
    delivery: { method: 'online' },
  },
  {
    title:
      '学位公证: 定海区 → 上海市浦东新区 市司法局 (one parcel with 学历公证; accepted, left in review: its clock warns)',
    leftInReview: true,
    itemCode: 'KS1-002',
    windowCode: 'W330902',
    jurisdictionCode: 'J310115-SFJ',
    applicant: a7,
    forward: { channel: 'parcel', parcel: 'SF7310000000001' },
    decision: { approve: { documentType: '公证书', documentNumber: '(2026)沪浦证字第10242号' } },
    delivery: { method: 'mail', waybillNumber: 'EMS9310000000007' },
  },
];
