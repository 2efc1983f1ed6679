import { parseInstant } from './instant';

describe('an ISO 8601 instant', () => {
  it.each([
    ['2027-02-03T10:00:00+08:00', '2027-02-03T02:00:00.000Z'],
    ['2027-02-03T10:00+08:00', '2027-02-03T02:00:00.000Z'],
    ['2027-02-02T18:00:00.5Z', '2027-02-02T18:00:00.500Z'],
  ])('reads %s', (value, instant) => {
    expect(parseInstant(value)?.toISOString()).toBe(instant);
  });

  it.each(['2027-02-03T10:00:00', '2027-02-03', '2027-02-30T10:00Z', '2027-02-03T24:00Z', 'yesterday', 5])(
    'refuses %s (no offset, no time, not a day, not an hour)',
    (value) => {
      expect(parseInstant(value)).toBeUndefined();
    },
  );
});
