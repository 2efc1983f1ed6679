import { beijingDate, beijingTime, withBeijingTimes } from './beijing-time';

describe('Beijing time, as people in China read it', () => {
  it('writes an instant with +08:00, the same instant as the UTC one', () => {
    const at = new Date('2026-12-01T06:05:00.000Z');
    expect(beijingTime(at)).toBe('2026-12-01T14:05:00.000+08:00');
    expect(Date.parse(beijingTime(at))).toBe(at.getTime());
  });

  it('writes the day a person in Beijing is living, also after 16:00 UTC', () => {
    expect(beijingDate(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12-01');
    expect(beijingDate(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(beijingTime(new Date('2026-12-31T16:30:00.000Z'))).toBe('2027-01-01T00:30:00.000+08:00');
  });

  it('rewrites every Date in an answer, nested or in arrays, and leaves the rest alone', () => {
    const answer = {
      at: new Date('2026-12-01T06:05:00.000Z'),
      list: [{ since: new Date('2026-12-01T00:00:00.000Z'), n: 1, none: null }],
      text: '2026-12-01T06:05:00.000Z',
    };
    expect(withBeijingTimes(answer)).toEqual({
      at: '2026-12-01T14:05:00.000+08:00',
      list: [{ since: '2026-12-01T08:00:00.000+08:00', n: 1, none: null }],
      text: '2026-12-01T06:05:00.000Z',
    });
    expect(answer.at).toBeInstanceOf(Date);
  });
});
