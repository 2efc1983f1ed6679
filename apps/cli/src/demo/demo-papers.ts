import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CASE_DOCUMENTS, type HandoverView } from '@app/cases';
import type { AppConfig } from '@app/common';
import { HandoverRoot, verifyReceiptFile } from '@app/transfer';
import { ApiError, type HttpClient } from './http-client';

/** A case of the demo whose papers are written: its id, number, query code, and a clerk of its window. */
export interface CaseWithPapers {
  id: string;
  caseNumber: string;
  queryCode: string;
  clerk: string;
}

/** What was written: the folder, and how many documents, manifests and receipts (all receipts verified). */
export interface PapersWritten {
  folder: string;
  documents: number;
  manifests: number;
  receipts: number;
}

/**
 * Writes the papers the demo's cases produced into `folder` (issue 13): for each case, every
 * document that applies to it as the applicant downloads it (`<case>-<document>.pdf`: 收件回执 with its
 * query code, 一次性告知书, 不予受理通知书, 受理通知书; one that does not apply, 409, is skipped), the
 * manifest of every parcel it travelled in (`<parcel>-manifest.pdf`) and every signed hand-over
 * receipt (`<receipt id>.json`, as `verify-receipt <file>` reads it), each receipt verified against
 * the deployment's root (HANDOVER_ROOT_KEY) before it is counted.
 * @throws Error when a receipt does not verify; ApiError for any other refusal
 */
export async function writeDemoPapers(
  http: HttpClient,
  cases: readonly CaseWithPapers[],
  folder: string,
  config: Pick<AppConfig, 'HANDOVER_ROOT_KEY'>,
): Promise<PapersWritten> {
  await mkdir(folder, { recursive: true });
  const root = HandoverRoot.fromSeed(config.HANDOVER_ROOT_KEY);
  const written: PapersWritten = { folder, documents: 0, manifests: 0, receipts: 0 };
  const parcels = new Map<string, { parcelNumber: string; clerk: string }>();
  const receipts = new Map<string, string>();
  for (const c of cases) {
    for (const document of CASE_DOCUMENTS) {
      const pdf = await applicable(
        http.bytes(`/track/${c.caseNumber}/documents/${document}.pdf?code=${c.queryCode}`),
      );
      if (!pdf) continue;
      await writeFile(join(folder, `${c.caseNumber}-${document}.pdf`), pdf);
      written.documents++;
    }
    const view = await http.call<{ parcels: { parcelId: string; parcelNumber: string; leg: string }[] }>(
      'GET',
      `/applications/${c.id}`,
      c.clerk,
    );
    // The window's own parcels (papers, archive); a mailed result's parcel is the home jurisdiction's.
    for (const p of view.parcels.filter((x) => x.leg !== 'result')) {
      parcels.set(p.parcelId, { parcelNumber: p.parcelNumber, clerk: c.clerk });
    }
    const handovers = await http.call<HandoverView[]>('GET', `/applications/${c.id}/handovers`, c.clerk);
    for (const h of handovers) receipts.set(h.id, c.clerk);
  }
  for (const [parcelId, { parcelNumber, clerk }] of parcels) {
    const pdf = await http.bytes(`/parcels/${parcelId}/manifest.pdf`, clerk);
    await writeFile(join(folder, `${parcelNumber}-manifest.pdf`), pdf);
    written.manifests++;
  }
  for (const [id, clerk] of receipts) {
    const text = (await http.bytes(`/handovers/${id}/receipt`, clerk)).toString('utf8');
    const verdict = verifyReceiptFile(text, root);
    if (!verdict.intact) throw new Error(`hand-over receipt ${id} does not verify: ${verdict.reason}`);
    await writeFile(join(folder, `${id}.json`), text);
    written.receipts++;
  }
  return written;
}

/** The document's bytes, or null when it does not apply to the case yet (409). */
async function applicable(download: Promise<Buffer>): Promise<Buffer | null> {
  try {
    return await download;
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) return null;
    throw e;
  }
}
