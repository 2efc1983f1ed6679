import { divisionPrefix } from './division-code';

describe('divisionPrefix (GB/T 2260 levels)', () => {
  it.each([
    ['330000', '33'], // 浙江省: every division of the province
    ['310000', '31'], // 上海市: its districts 3101xx
    ['330900', '3309'], // 舟山市: its districts and counties
    ['330902', '330902'], // 定海区: only itself
    ['310115', '310115'],
  ])('%s covers codes starting %s', (code, prefix) => {
    expect(divisionPrefix(code)).toBe(prefix);
  });
});
