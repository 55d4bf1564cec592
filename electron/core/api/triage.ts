// Triage (POST /api/triage), the Files view (GET /api/files, its export), and the triage and prevalence a file's
// page shows (added to GET /api/hashes/:hash).
import type { ApiParsedInput } from '../../../shared/contract';
import { UNTRIAGED } from '../../../shared/triage';
import type { LookupsService } from '../lookups/lookupsService';
import type { TriageService } from '../triage/triageService';
import { exportAsText, type ExportStream } from './exportStream';
import { filesExport } from './filesExport';
import type { LookupsDetail } from './lookups';
import type { ApiHandlers } from './types';

export function triageHandlers(
  triage: TriageService,
  now: () => number,
): Pick<ApiHandlers, 'setTriage' | 'listFiles' | 'exportFiles'> {
  return {
    setTriage: (input) => triage.set(input),
    listFiles: ({ limit, offset, ...filter }) => triage.files(filter, limit, offset),
    exportFiles: (input) => exportAsText(filesExportOf(triage, now)(input)),
  };
}

/** The Files export of a contract input (its filters, or a selection of hashes) as a stream. */
export function filesExportOf(
  triage: Pick<TriageService, 'list' | 'fileIdsOf'>,
  now: () => number,
): (input: ApiParsedInput<'exportFiles'>) => ExportStream {
  return ({ format, hashes, ...filter }) => {
    const fileIds = hashes === undefined ? undefined : triage.fileIdsOf(hashes);
    return filesExport(triage.list, { ...filter, fileIds }, format, now());
  };
}

/** The file page's answer with the file's triage, its history and where it was seen. */
export function withTriage(
  getHash: (input: ApiParsedInput<'getHash'>) => LookupsDetail,
  lookups: Pick<LookupsService, 'fileByHash'>,
  triage: TriageService,
): ApiHandlers['getHash'] {
  return (input) => {
    const detail = getHash(input);
    const hash = detail.sha256 ?? detail.sha1 ?? detail.md5;
    const file = hash ? lookups.fileByHash(hash) : undefined;
    if (!file) return { ...detail, triage: UNTRIAGED, triageHistory: [], places: [] };
    return {
      ...detail,
      triage: triage.triageOf(file.id),
      triageHistory: triage.historyOf(file.id),
      places: triage.places(file.id),
    };
  };
}
