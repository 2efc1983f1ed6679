import ipaddr from 'ipaddr.js';

/** Bits of an IPv6 address that name one subscriber: a /64 is the smallest prefix one is given. */
const IPV6_SUBSCRIBER_PREFIX_BITS = 64;

/**
 * The client a per-client rate limit counts, from the request's address (`req.ip`, which names
 * the client behind a trusted proxy, TRUST_PROXY):
 * - an IPv4 address, and an IPv4-mapped IPv6 address (`::ffff:203.0.113.7`), is the IPv4 address;
 * - any other IPv6 address is its /64 (`2001:db8:1:2::/64`): an ordinary subscriber holds a whole
 *   /64 (RFC 6177, RIPE-690 recommend a /56 or /48 per site, never less than a /64) and can use any
 *   address in it, so counting each address alone would let one guesser rotate through 2^64 of them;
 * - anything else (no address) is kept as it is, so such requests still share one count.
 * Every per-client count of the api (the throttlers' trackers, ReceiptGuessingLimit) goes through
 * here, so one client is one count everywhere.
 */
export function clientKey(ip: string | undefined): string {
  const address = String(ip);
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 → IPv4; zone ids dropped
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const mask = ipaddr.IPv6.subnetMaskFromPrefixLength(IPV6_SUBSCRIBER_PREFIX_BITS).toByteArray();
  const network = parsed.toByteArray().map((byte, i) => byte & mask[i]);
  return `${ipaddr.fromByteArray(network).toString()}/${IPV6_SUBSCRIBER_PREFIX_BITS}`;
}
