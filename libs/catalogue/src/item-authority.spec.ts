import { loadCatalogueSeeds } from './catalogue-seeds';
import { authorityRefusal, itemAuthority } from './item-authority';

/** The real catalogue and jurisdictions of `seeds/`: one item of each kind of authority note. */
const seeds = loadCatalogueSeeds();
const item = (code: string) => seeds.items.find((i) => i.code === code)!;
const jurisdiction = (code: string) => seeds.jurisdictions.find((j) => j.code === code)!;

describe('where an item’s authority lies (事项权限)', () => {
  it('reads every note of the annex into a holder', () => {
    expect(itemAuthority(item('KS1-001'))).toEqual({
      kind: 'department',
      department: '市司法局',
      level: null,
    });
    // 省公安厅牵头实施: the province coordinates, the local 公安 still registers.
    expect(itemAuthority(item('KS2-001'))).toEqual({
      kind: 'department',
      department: '市公安局',
      level: null,
    });
    expect(itemAuthority(item('KS1-045'))).toEqual({
      kind: 'department',
      department: '市市场监管局',
      level: 'province',
    });
    expect(itemAuthority(item('KS1-055'))).toEqual({
      kind: 'department',
      department: '市市场监管局',
      level: 'county',
    });
    expect(itemAuthority(item('KS1-049'))).toEqual({ kind: 'body', body: '民航浙江安全监督管理局' });
    expect(itemAuthority(item('KS2-045'))).toEqual({ kind: 'body', body: '国家濒管办上海办事处' });
    expect(itemAuthority(item('KS2-044'))).toEqual({ kind: 'nobody' });
    // Every item of the catalogue has a holder (none throws).
    for (const i of seeds.items) expect(() => itemAuthority(i)).not.toThrow();
  });

  it('lets the lead department receive a local item, at any level', () => {
    expect(authorityRefusal(item('KS1-001'), jurisdiction('J310115-SFJ'))).toBeNull();
    expect(authorityRefusal(item('KS2-001'), jurisdiction('J340100-GAJ'))).toBeNull();
    expect(authorityRefusal(item('KS1-001'), jurisdiction('J310115-RSJ'))).toBe(
      '上海市浦东新区 市人社局 does not handle this item: its lead department is 市司法局',
    );
  });

  it('gives a provincial power only to a provincial department (a 直辖市’s bureau is one)', () => {
    expect(authorityRefusal(item('KS1-045'), jurisdiction('J310000-SCJGJ'))).toBeNull();
    expect(authorityRefusal(item('KS1-045'), jurisdiction('J320100-SCJGJ'))).toBe(
      'the authority lies with 市市场监管局 at provincial (省级, division xx0000) (属于省级权限), ' +
        'not with 江苏省南京市 市市场监管局',
    );
  });

  it('gives a devolved power only to a county or district department', () => {
    expect(authorityRefusal(item('KS1-055'), jurisdiction('J310115-SCJGJ'))).toBeNull();
    expect(authorityRefusal(item('KS1-055'), jurisdiction('J310000-SCJGJ'))).toContain('已下放县区');
    expect(authorityRefusal(item('KS1-055'), jurisdiction('J350100-SCJGJ'))).toContain(
      'county or district (县级) level',
    );
  });

  it('gives a named body’s power to no local department, and a cancelled item to nobody', () => {
    for (const j of seeds.jurisdictions) {
      expect(authorityRefusal(item('KS1-049'), j)).toBe(
        `the authority lies with 民航浙江安全监督管理局 (属于民航浙江安全监督管理局权限), not with ${j.name}`,
      );
      expect(authorityRefusal(item('KS2-044'), j)).toContain('no jurisdiction holds its authority');
    }
    const bureau = {
      name: '民航浙江安全监督管理局',
      divisionCode: '330000',
      department: '民航浙江安全监督管理局',
    };
    expect(authorityRefusal(item('KS1-049'), bureau)).toBeNull();
  });
});
