import type { CaseView } from '@app/cases';
import { stateHasTag, stateLabel } from '@app/workflow';

/**
 * What the scan-upload partial (`views/partials/scan-upload.eta`) takes: the case and the version
 * the page shows (sent back with the file: a case changed since is refused), the materials handed
 * in (a scan belongs to one), and whether the window holds the papers now (the machine's tag
 * `atWindow`: elsewhere uploads are refused, and the partial says so instead of offering the form).
 * The including page adds `csrf` (its frame's token) and may add `back: 'case'`.
 */
export interface ScanUploadForm {
  caseId: string;
  version: number;
  materials: string[];
  open: boolean;
}

/** A scan already uploaded, as the scans page lists it. */
export interface ScanRow {
  materialName: string;
  contentType: string;
  kilobytes: string;
  sha256: string;
  uploadedAt: Date;
  originalCheckedBy: string | null;
}

/** The scans page of a case (and the partial's data), from the case as the clerk reads it. */
export interface ScanUploadPanel {
  kase: { id: string; caseNumber: string; stateLabel: string; version: number };
  upload: ScanUploadForm;
  scans: ScanRow[];
}

/** Case `view` (CaseQueryService.getCase) as its scans page shows it. Pure. */
export function scanUploadPanel(view: CaseView): ScanUploadPanel {
  return {
    kase: {
      id: view.id,
      caseNumber: view.caseNumber,
      stateLabel: stateLabel(view.state)?.label ?? view.state,
      version: view.version,
    },
    upload: {
      caseId: view.id,
      version: view.version,
      materials: [...new Set(view.materials.map((m) => m.name))],
      open: stateHasTag(view.state, 'atWindow'),
    },
    scans: view.scans.map((s) => ({
      materialName: s.materialName,
      contentType: s.contentType,
      kilobytes: (s.bytes / 1024).toFixed(1),
      sha256: s.sha256,
      uploadedAt: s.uploadedAt,
      originalCheckedBy: s.originalCheckedBy,
    })),
  };
}
