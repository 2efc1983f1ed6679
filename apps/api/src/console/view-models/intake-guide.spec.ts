import type { ServiceItemEntity } from '@app/db';
import { itemSearchOf, serviceGuide } from './intake-guide';

describe('itemSearchOf', () => {
  it('reads Chinese as a name, anything else as a code (in capitals), blank as no search', () => {
    expect(itemSearchOf(' 学历 ')).toEqual({ by: 'name', text: '学历' });
    expect(itemSearchOf('ks1-00')).toEqual({ by: 'code', text: 'KS1-00' });
    expect(itemSearchOf('  ')).toEqual({ by: 'none' });
    expect(itemSearchOf(['a', 'b'])).toEqual({ by: 'none' });
    expect(itemSearchOf('长'.repeat(80))).toEqual({ by: 'name', text: '长'.repeat(50) });
  });
});

/** An invented catalogue row with the rules the guide reads. */
const item = (over: Partial<ServiceItemEntity> = {}) =>
  ({
    code: 'KS1-001',
    name: '学历公证',
    scenario: '异地申请学历公证',
    leadDepartment: '市司法局',
    authorityNote: null,
    handlingModes: ['proxy', 'online'],
    negativeList: false,
    originalsMustTravel: true,
    timeLimitWorkingDays: 15,
    promisedLimitWorkingDays: 5,
    resultDeliveryMethods: ['mail', 'online'],
    postagePaidBy: 'government',
    checklist: [
      { name: '公证申请表', form: 'original', required: true },
      { name: '申请人居民身份证', form: 'copy', required: true },
      { name: '授权委托书(代理人办理时)', form: 'original', required: false },
    ],
    checklistIsDefault: false,
    ...over,
  }) as ServiceItemEntity;

const jurisdiction = (code: string, department: string) => ({
  code,
  name: `上海市浦东新区${department}`,
  divisionCode: '310115',
  divisionName: '浦东新区',
  department,
});

describe('serviceGuide', () => {
  it('shows the limits, fee, delivery, materials with form and notes, and only the jurisdictions holding the authority', () => {
    const g = serviceGuide(item(), [
      jurisdiction('J310115-SFJ', '市司法局'),
      jurisdiction('J310115-GAJ', '市公安局'),
    ]);
    expect(g).toMatchObject({
      receivable: true,
      promisedWorkingDays: 5,
      statutoryWorkingDays: 15,
      deliveryMethods: ['邮寄送达', '网上送达'],
      fee: '目录未列收费项目；邮寄费用：政府承担（包邮）',
      jurisdictions: [{ code: 'J310115-SFJ', label: '上海市浦东新区市司法局（浦东新区）' }],
    });
    expect(g.conditions).toContain('原件须随件寄递至业务属地部门（不可扫描传递）');
    expect(g.materials.map((m) => [m.name, m.formLabel, m.note])).toEqual([
      ['公证申请表', '原件', '必交；原件随件寄递'],
      ['申请人居民身份证', '复印件', '必交；复印件须与原件核验'],
      ['授权委托书(代理人办理时)', '原件', '视情形提交；原件随件寄递'],
    ]);
  });

  it('says when an item may not be received for others', () => {
    const g = serviceGuide(item({ negativeList: true, promisedLimitWorkingDays: null }), []);
    expect(g.receivable).toBe(false);
    expect(g.conditions[0]).toMatch(/^不可异地代收代办/);
    expect(g.promisedWorkingDays).toBeNull();
  });
});
