import { canonicalResidentId } from './resident-id';

// Invented numbers with valid check characters (no real person).
const ID = '330902199003072157';

describe('resident ID numbers (GB 11643)', () => {
  it('keeps a valid 18-character number and raises a lowercase x', () => {
    expect(canonicalResidentId(ID)).toBe(ID);
    expect(canonicalResidentId('11010519491231002x')).toBe('11010519491231002X');
  });

  it('turns a 15-digit first-generation number into the same person’s 18-character number', () => {
    expect(canonicalResidentId('330902900307215')).toBe(ID);
  });

  it('refuses a wrong check character, repeated digits, an impossible date, a date to come, a bad division', () => {
    expect(canonicalResidentId('330902199003072150')).toBeNull();
    expect(canonicalResidentId('111111111111111111')).toBeNull();
    expect(canonicalResidentId('330902190002292157')).toBeNull(); // 1900-02-29 never was
    expect(canonicalResidentId('330902210001012155')).toBeNull();
    expect(canonicalResidentId('99090219900307215X')).toBeNull();
    expect(canonicalResidentId('33090219900307215')).toBeNull();
  });

  it('answers the same whatever the server’s time zone', () => {
    const zone = process.env.TZ;
    try {
      const answers = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((tz) => {
        process.env.TZ = tz;
        return [ID, '330902200002292153', '330902190002292157', '330902900307215'].map(canonicalResidentId);
      });
      for (const a of answers) expect(a).toEqual(answers[0]);
    } finally {
      process.env.TZ = zone;
    }
  });
});
