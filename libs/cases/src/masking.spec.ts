import { maskIdNumber, maskName, maskPhone } from './masking';

describe('masking personal data for the applicant view', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('33010219900101123X')).toBe('3301**********123X');
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks a name by character, also outside the BMP', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('王')).toBe('王*');
  });
});
