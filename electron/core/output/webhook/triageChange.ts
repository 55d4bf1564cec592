// A triage change as the webhook tells it (webhookService.ts triageChanged): the file, the path it was last seen
// at, its verdict now, and the triage's new and previous state, note and who. Pure.
import { verdictOfStored } from '../../../../shared/verdict';
import type { FileRecord } from '../../store/filesStore';
import type { TriageChange } from './webhookService';

/** What the triage service says of one change (triage/triageService.ts's TriageNotice; output may not import triage). */
export interface TriageNotice {
  file: FileRecord;
  /** the path it was last seen at */
  path: string | null;
  state: string;
  previousState: string;
  /** the analyst's note, or why FIM Verdict reopened the file */
  note: string | null;
  by: string;
}

export function webhookTriageChange(n: TriageNotice): TriageChange {
  const verdict = verdictOfStored(n.file);
  return {
    fileId: n.file.id,
    sha256: n.file.sha256,
    sha1: n.file.sha1,
    md5: n.file.md5,
    path: n.path,
    state: n.state,
    previousState: n.previousState,
    note: n.note,
    by: n.by,
    verdict: {
      state: verdict.state,
      // a triage change is no change of the verdict
      previousState: null,
      malicious: verdict.positives,
      // VirusTotal's suspicious count and threat label: the webhook adds them from the stored answer
      suspicious: null,
      engines: verdict.total,
      threatLabel: null,
      permalink: verdict.permalink,
      origin: verdict.origin,
      checkedAt: verdict.checkedAt,
    },
  };
}
