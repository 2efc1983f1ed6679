import { createHash } from 'node:crypto';

/** A JSON value as canonical JSON writes it: Dates become ISO 8601 instants, `undefined` fields are left out. */
type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical };

function canonicalValue(value: unknown, path: string): Canonical {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonical JSON: ${path} is not a finite number`);
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.map((v, i) => canonicalValue(v === undefined ? null : v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const out: { [key: string]: Canonical } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalValue(v, `${path}.${key}`);
    }
    return out;
  }
  throw new Error(`canonical JSON: ${path} is a ${typeof value}, which JSON cannot hold`);
}

/**
 * The canonical JSON of `value`: object keys sorted by UTF-16 code units (as `Array.sort` does) at
 * every depth, no whitespace (or, with `indent`, that many spaces a level), Dates as ISO 8601
 * instants (`toISOString`), `undefined` fields left out and `undefined` array entries as null, as
 * JSON.stringify would. Equal values give equal bytes whatever the order their keys were written in,
 * so a hash or a signature over it survives a round trip through a database (jsonb reorders keys).
 * In the spirit of RFC 8785 (JSON Canonicalization Scheme) for the values this project writes (no
 * numbers beyond what JSON.stringify prints the same everywhere).
 * @throws Error naming the path of a value JSON cannot hold (a function, a bigint, NaN, Infinity)
 */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(canonicalValue(value, '$'), null, indent);
}

/** The SHA-256 of `value`'s canonical JSON (UTF-8), 64 lowercase hex: a manifest's hash. */
export function sha256OfCanonical(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
