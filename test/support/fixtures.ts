import { residentId } from './resident-id';

/** An invented applicant (no real person): valid ID check digit, a reserved-looking phone. */
export const applicant = (n = 1) => ({
  name: ['林晓岚', '周海平', '陈若溪', '𠮷田一'][n % 4],
  idType: 'resident_id',
  idNumber: residentId('330902', '19900307', String(100 + n).padStart(3, '0')),
  phone: `1380000${String(n).padStart(4, '0')}`,
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
