/**
 * 扫描传送 is trusted only when every page arrives with the SHA-256 it was sent with: the window
 * hashes each scan at capture, the home jurisdiction re-hashes it on arrival.
 */

/** The first page (1-based) whose arrival digest differs from the digest sent, with both. */
export interface ScanMismatch {
  page: number;
  sent: string;
  received: string | undefined;
}

/** Compares sent and received digests page by page; null when all arrived intact. */
export function firstScanMismatch(sent: string[], received: string[]): ScanMismatch | null {
  for (let i = 0; i < Math.max(sent.length, received.length); i++) {
    if (sent[i] !== received[i]) return { page: i + 1, sent: sent[i] ?? '', received: received[i] };
  }
  return null;
}

/** The reason TRANSFER_FAILED carries for a mismatch, in words the window understands. */
export function describeScanMismatch(m: ScanMismatch): string {
  const got = m.received ? m.received.slice(0, 12) : 'nothing';
  return `scan digest mismatch on page ${m.page} (sent ${m.sent.slice(0, 12)}…, received ${got}…)`;
}
