import type { ServiceItemSeed } from '../catalogue.types';

/**
 * Links the rows that list the same item in two sections: rows of different sections whose scenario
 * (应用场景) is identical after trimming get each other's codes in `linkedCodes` (sorted). Rows of the same
 * section are never linked. E.g. 一-21 商品房预售、抵押涉及的不动产预告登记(在市本级实现) ↔ 二-29.
 * Returns new objects; the input is not changed.
 */
export function linkSameScenario(items: ServiceItemSeed[]): ServiceItemSeed[] {
  const byScenario = new Map<string, ServiceItemSeed[]>();
  for (const item of items) {
    const key = item.scenario.trim();
    byScenario.set(key, [...(byScenario.get(key) ?? []), item]);
  }
  return items.map((item) => {
    const linkedCodes = (byScenario.get(item.scenario.trim()) ?? [])
      .filter((other) => other.batch !== item.batch)
      .map((other) => other.code)
      .sort();
    return { ...item, linkedCodes };
  });
}
