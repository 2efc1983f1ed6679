import { clientKey } from './client-key';

describe('clientKey', () => {
  it('keeps an IPv4 address, and takes an IPv4-mapped IPv6 address as it', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('takes an IPv6 address as its /64, however it is written', () => {
    expect(clientKey('2001:db8:1:2::1f')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0DB8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('keeps what is not an address as it is, so such requests still share one count', () => {
    expect(clientKey(undefined)).toBe('undefined');
    expect(clientKey('unknown')).toBe('unknown');
  });
});
