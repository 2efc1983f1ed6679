import { divisionMismatch, divisionNames } from './division-table';

describe('mailing address divisions (GB/T 2260)', () => {
  it('takes a district of a city of a province, and a municipality as its own city', () => {
    expect(
      divisionMismatch({ provinceCode: '330000', cityCode: '330900', districtCode: '330902' }),
    ).toBeNull();
    expect(
      divisionMismatch({ provinceCode: '110000', cityCode: '110000', districtCode: '110105' }),
    ).toBeNull();
    expect(divisionMismatch({ provinceCode: '440000', cityCode: '441900' })).toBeNull(); // 东莞: no districts
    expect(divisionNames({ provinceCode: '330000', cityCode: '330900', districtCode: '330902' })).toEqual([
      '浙江省',
      '舟山市',
      '定海区',
    ]);
  });

  it('names the field that does not fit', () => {
    expect(
      divisionMismatch({ provinceCode: '330900', cityCode: '330900', districtCode: '330902' })?.field,
    ).toBe('provinceCode');
    expect(
      divisionMismatch({ provinceCode: '320000', cityCode: '330900', districtCode: '330902' })?.field,
    ).toBe('cityCode');
    expect(
      divisionMismatch({ provinceCode: '330000', cityCode: '330200', districtCode: '330902' })?.field,
    ).toBe('districtCode');
    expect(divisionMismatch({ provinceCode: '330000', cityCode: '330900' })?.field).toBe('districtCode');
    expect(
      divisionMismatch({ provinceCode: '110000', cityCode: '110100', districtCode: '110105' })?.field,
    ).toBe('cityCode');
  });
});
