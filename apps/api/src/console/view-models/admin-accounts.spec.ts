import { bindingChoices, newAccountOf } from './admin-accounts';

describe('the accounts form', () => {
  it('sends only the binding the role takes', () => {
    const form = {
      username: 'clerk-2',
      password: 'a-long-password-1',
      windowCode: 'W330902',
      jurisdictionCode: 'J310115-SFJ',
      divisionCode: '330900',
    };
    expect(newAccountOf({ ...form, role: 'clerk' })).toEqual({
      username: 'clerk-2',
      password: 'a-long-password-1',
      role: 'clerk',
      windowCode: 'W330902',
    });
    expect(newAccountOf({ ...form, role: 'supervisor' })).toMatchObject({ divisionCode: '330900' });
    expect(newAccountOf({ ...form, role: 'admin' })).not.toHaveProperty('windowCode');
    expect(newAccountOf({ ...form, role: 'pilot' })).toEqual({
      username: 'clerk-2',
      password: 'a-long-password-1',
      role: 'pilot',
    });
  });

  it('offers each division of the windows and jurisdictions once', () => {
    const place = (code: string, divisionCode: string, divisionName: string) => ({
      code,
      name: `${code} 中心`,
      divisionCode,
      divisionName,
    });
    const choices = bindingChoices(
      [place('W330902', '330902', '舟山市定海区'), place('W330900', '330900', '舟山市')],
      [place('J330902-A', '330902', '舟山市定海区')],
    );
    expect(choices.divisionCode).toEqual([
      { code: '330900', label: '舟山市（330900）' },
      { code: '330902', label: '舟山市定海区（330902）' },
    ]);
    expect(choices.windowCode[0]).toEqual({ code: 'W330902', label: 'W330902 中心（W330902）' });
  });
});
