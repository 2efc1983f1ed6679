import { scopeCondition } from './case.repository';

describe('scopeCondition', () => {
  it('binds the value as a parameter, never into the SQL text', () => {
    const hostile = "W330902' OR TRUE --";
    const { sql, params } = scopeCondition({ kind: 'window', windowCode: hostile }, 'a');
    expect(sql).not.toContain(hostile);
    expect(Object.values(params)).toEqual([hostile]);
  });

  it('a supervisor of 舟山市 matches windows and jurisdictions by the city prefix', () => {
    expect(scopeCondition({ kind: 'division', divisionCode: '330900' }, 'a').params).toEqual({
      scopeDivision: '3309%',
    });
  });

  it('the system reaches every case', () => {
    expect(scopeCondition({ kind: 'all' }, 'a')).toEqual({ sql: 'TRUE', params: {} });
  });
});
