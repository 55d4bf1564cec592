// The three exports (Live alerts, Files, History) as the transports name them: the contract's methods that answer
// a file, and what the desktop app says once it saved one (the file's name and rows, or that the analyst cancelled).

export const EXPORT_METHODS = ['exportAlerts', 'exportFiles', 'exportHistory'] as const;
export type ExportMethod = (typeof EXPORT_METHODS)[number];

export function isExportMethod(method: unknown): method is ExportMethod {
  return typeof method === 'string' && (EXPORT_METHODS as readonly string[]).includes(method);
}

/** The desktop app's answer to "save this export": the name of the file written (no folder) and its rows. */
export type SavedExport = { saved: true; filename: string; rows: number } | { saved: false };
