import applicantsFile from '../../../../seeds/demo-applicants.json';

type Applicant = (typeof applicantsFile.applicants)[number];

/** One demo case: which item, from which Zhoushan window, to which home jurisdiction, and how. */
export interface DemoCase {
  title: string;
  itemCode: string;
  windowCode: string;
  jurisdictionCode: string;
  applicant: Applicant;
  forward: { channel: 'courier'; waybillNumber: string } | { channel: 'scan' };
  result: { documentType: string; documentNumber: string; eLicenceId?: string };
  delivery: { method: 'mail'; waybillNumber: string } | { method: 'online' };
}

const [a1, a2, a3, a4, a5] = applicantsFile.applicants;

/**
 * Five real catalogue items, one from each Zhoushan window, to five home jurisdictions in four
 * provinces. Applicants, waybills and document numbers are invented.
 */
export const DEMO_CASES: DemoCase[] = [
  {
    title: '学历公证: 定海区 → 上海市浦东新区 市司法局 (courier, result by mail)',
    itemCode: 'KS1-001',
    windowCode: 'W330902',
    jurisdictionCode: 'J310115-SFJ',
    applicant: a1,
    forward: { channel: 'courier', waybillNumber: 'SF7310000000001' },
    result: { documentType: '公证书', documentNumber: '(2026)沪浦证字第10241号' },
    delivery: { method: 'mail', waybillNumber: 'EMS9310000000001' },
  },
  {
    title: '失业登记: 普陀区 → 安徽省合肥市 市人社局 (scan, result online)',
    itemCode: 'KS1-005',
    windowCode: 'W330903',
    jurisdictionCode: 'J340100-RSJ',
    applicant: a2,
    forward: { channel: 'scan' },
    result: {
      documentType: '失业登记证明',
      documentNumber: 'HF-SYDJ-2026-008812',
      eLicenceId: 'EL-340100-SY-0008812',
    },
    delivery: { method: 'online' },
  },
  {
    title: '购房提取住房公积金: 岱山县 → 福建省福州市 市公积金中心 (courier, result online)',
    itemCode: 'KS2-048',
    windowCode: 'W330921',
    jurisdictionCode: 'J350100-GJJ',
    applicant: a3,
    forward: { channel: 'courier', waybillNumber: 'YT7350000000003' },
    result: { documentType: '住房公积金提取审批表', documentNumber: 'FZGJJ-TQ-2026-031415' },
    delivery: { method: 'online' },
  },
  {
    title: '残疾人证新办: 嵊泗县 → 江苏省南京市 市残联 (courier, card by mail)',
    itemCode: 'KS2-070',
    windowCode: 'W330922',
    jurisdictionCode: 'J320100-CL',
    applicant: a4,
    forward: { channel: 'courier', waybillNumber: 'SF7320000000004' },
    result: { documentType: '中华人民共和国残疾人证', documentNumber: '32010019821130071X42' },
    delivery: { method: 'mail', waybillNumber: 'EMS9320000000004' },
  },
  {
    title: '异地就医结算备案: 舟山市行政服务中心 → 江苏省南京市 市医保局 (scan, result online)',
    itemCode: 'KS2-064',
    windowCode: 'W330900',
    jurisdictionCode: 'J320100-YBJ',
    applicant: a5,
    forward: { channel: 'scan' },
    result: { documentType: '异地就医备案回执', documentNumber: 'NJYB-BA-2026-000555' },
    delivery: { method: 'online' },
  },
];
