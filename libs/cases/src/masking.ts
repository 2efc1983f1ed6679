/**
 * Masks for personal data shown outside staff screens. Characters are counted as code points, so a
 * name with characters outside the BMP (𠮷) is masked by character, not by UTF-16 unit.
 */

/** `330102199001011234` → `3301**********1234`. */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber);
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('');
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone);
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** `王小明` → `王**`: the family name only. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}
