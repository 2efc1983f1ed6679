/** Deepest nesting a request body may have; real bodies here are at most 4 levels deep. */
export const MAX_JSON_DEPTH = 16;

/**
 * True when `value` nests objects or arrays deeper than `limit`. Iterative, so a hostile body
 * thousands of levels deep cannot overflow the stack (validation libraries recurse).
 */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
