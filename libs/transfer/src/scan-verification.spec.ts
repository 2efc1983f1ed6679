import { describeScanMismatch, firstScanMismatch } from './scan-verification';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);
const c = 'c'.repeat(64);

describe('scan verification on arrival', () => {
  it('accepts scans that arrive with the digests they were sent with', () => {
    expect(firstScanMismatch([a, b], [a, b])).toBeNull();
  });
  it('names the first page that changed, and a missing page', () => {
    expect(firstScanMismatch([a, b, c], [a, c, c])).toEqual({ page: 2, sent: b, received: c });
    expect(firstScanMismatch([a, b], [a])).toEqual({ page: 2, sent: b, received: undefined });
    expect(describeScanMismatch({ page: 2, sent: b, received: undefined })).toBe(
      'scan digest mismatch on page 2 (sent bbbbbbbbbbbb…, received nothing…)',
    );
  });
});
