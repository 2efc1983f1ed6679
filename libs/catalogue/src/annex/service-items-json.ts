import type { ServiceItemSeed } from '../catalogue.types';

/**
 * The checked-in form of `seeds/service-items.json`: the items as 2-space JSON with a trailing newline.
 * The generator writes it and a test compares it byte for byte, so the file cannot drift from the parser.
 */
export function serializeServiceItems(items: ServiceItemSeed[]): string {
  return `${JSON.stringify(items, null, 2)}\n`;
}
