// An export saved as a file without ever holding it in the page: over HTTP the browser downloads it from the server
// (which streams it a page of the database at a time; the rows it holds are counted by a count request first),
// in the desktop app the main process writes it to the file the analyst chooses in the native Save dialog. The
// answer is what to tell the analyst: the file's name and rows, or that the export was cancelled.
import { ApiCallError } from '../../../shared/apiError';
import type { ApiInput } from '../../../shared/contract';
import type { ExportMethod } from '../../../shared/exports';
import { buildRequest } from '../api/httpTransport';
import { downloadFromServer } from '../views/history/download';
import { countOf } from './format';

const NAME: Record<ExportMethod, string> = {
  exportAlerts: 'alerts',
  exportFiles: 'files',
  exportHistory: 'history',
};

/** What a download holds, asked before it starts (HTTP only). */
export interface ExportCount {
  n: number;
  /** what was counted: rows, or files (a Files export has a row per file and place) */
  noun: 'row' | 'file';
  /** narrows the download to what was counted (the Live export's snapshot: maxId) */
  input?: Record<string, unknown>;
}

export async function exportToFile<M extends ExportMethod>(
  transport: 'ipc' | 'http',
  method: M,
  input: ApiInput<M>,
  count: () => Promise<ExportCount>,
): Promise<string> {
  if (transport === 'http') {
    const counted = await count();
    const format = (input as { format: 'csv' | 'json' }).format;
    const filename = `fim-verdict-${NAME[method]}-${new Date().toISOString().slice(0, 10)}.${format}`;
    downloadFromServer(buildRequest(method, { ...input, ...counted.input, download: 1 }).url, filename);
    return `${filename}: ${countOf(counted.n, counted.noun)}`;
  }
  const bridge = window.fimVerdict;
  if (!bridge) throw new Error('The desktop bridge is missing: restart FIM Verdict');
  const result = await bridge.saveExport(method, input);
  if (!result.ok) throw new ApiCallError(result.error, method);
  const saved = result.value;
  return saved.saved ? `${saved.filename}: ${countOf(saved.rows, 'row')}` : 'Export cancelled';
}
