import { InvalidInput } from '@app/common';
import { calendarEntryOf, daysOf } from './admin-calendar';

describe('the calendar form', () => {
  it('reads days separated by spaces, new lines, commas or 、', () => {
    expect(daysOf(' 2027-01-01\n2027-02-05, 2027-02-06、2027-02-07 ')).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
    ]);
    expect(daysOf('   ')).toEqual([]);
  });

  it('takes a four-digit year and refuses anything else, naming the field', () => {
    expect(
      calendarEntryOf({
        year: '2027',
        holidays: '2027-01-01',
        adjustedWorkingDays: '',
        source: '国办发明电〔2026〕7号',
      }),
    ).toEqual({
      year: 2027,
      entry: { holidays: ['2027-01-01'], adjustedWorkingDays: [], source: '国办发明电〔2026〕7号' },
    });
    expect(() => calendarEntryOf({ year: '27' })).toThrow(InvalidInput);
  });
});
