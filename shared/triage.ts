// Triage: the analyst's decision about a file (new, acknowledged, false positive, escalated, resolved), with a note,
// who and when; every change kept. And the Files view's row: one file with its places, counts and times.
// Pure: zod and nothing else. Field names are part of the public contract (docs/API.md).
import { z } from 'zod';
import { analystNameProblem, TRIAGE_LIMITS, TRIAGE_STATES, type TriageState } from './triageWords';
import { VerdictSchema, VerdictStateSchema } from './verdict';

export { CLOSED_TRIAGE_STATES, TRIAGE_LABELS, TRIAGE_LIMITS, TRIAGE_STATES, type TriageState } from './triageWords';
export const TriageStateSchema = z.enum(TRIAGE_STATES, {
  error: `the triage state is one of ${TRIAGE_STATES.join(', ')}`,
});

const isoTime = z.string();

/** A file's triage now. A file nobody triaged is `new` with `by`, `at` and `note` null. */
export const TriageSchema = z.object({
  state: TriageStateSchema,
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: isoTime.nullable(),
});
export type Triage = z.infer<typeof TriageSchema>;

export const UNTRIAGED: Triage = { state: 'new', note: null, by: null, at: null };

/** One change of a file's triage (the file page's history, beside the verdicts). */
export const TriageChangeSchema = z.object({
  id: z.number().int().min(0),
  at: isoTime,
  state: TriageStateSchema,
  previous: TriageStateSchema,
  note: z.string().nullable(),
  by: z.string(),
  /** null: set by the analyst; otherwise why FIM Verdict changed it ("reopened: 3 -> 9 engines say malicious") */
  reason: z.string().nullable(),
});
export type TriageChange = z.infer<typeof TriageChangeSchema>;

/** A name, a note: trimmed, bounded. Control characters are kept (and shown visibly), never removed. */
const note = z
  .string()
  .max(TRIAGE_LIMITS.noteLength, `a note has at most ${TRIAGE_LIMITS.noteLength} characters`)
  .transform((s) => s.trim())
  .transform((s) => (s === '' ? null : s));
export const AnalystName = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = analystNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const SetTriageInput = z
  .object({
    hashes: z
      .array(z.string().max(200), { error: 'hashes: a list of file hashes' })
      .min(1, 'name at least one file hash')
      .max(TRIAGE_LIMITS.hashes, `at most ${TRIAGE_LIMITS.hashes} files at a time`),
    state: TriageStateSchema,
    note: note.optional(),
    /** who decides (headless: the name the analyst set in this browser); the desktop app's OS user when absent */
    by: AnalystName.optional(),
  })
  .strict();

export const SetTriageOutput = z.object({
  /** the files whose triage changed (a file already in that state with the same note is left alone) */
  changed: z.number().int().min(0),
  files: z.array(
    z.object({
      sha256: z.string().nullable(),
      sha1: z.string().nullable(),
      md5: z.string().nullable(),
      triage: TriageSchema,
    }),
  ),
  /** files with a malicious or suspicious verdict nobody triaged yet */
  untriaged: z.number().int().min(0),
});

// ---- the Files view

/** A verdict state, or `detected`: malicious or suspicious. */
export const FileStateFilterSchema = z.union([VerdictStateSchema, z.literal('detected')]);

export const FILE_SORT_KEYS = [
  'risk',
  'name',
  'verdict',
  'triage',
  'agents',
  'alerts',
  'first',
  'last',
  'ttv',
  'provider',
] as const;
export type FileSortKey = (typeof FILE_SORT_KEYS)[number];
/** `alerts` ascending, `-alerts` descending; risk: verdict, then untriaged, then newest. */
export const FileSortSchema = z.enum([...FILE_SORT_KEYS, ...FILE_SORT_KEYS.map((k) => `-${k}` as const)], {
  error: `sort by one of ${FILE_SORT_KEYS.join(', ')} (a leading - for descending)`,
});
export type FileSort = z.infer<typeof FileSortSchema>;

export const FilesFilterSchema = z.object({
  triage: TriageStateSchema.optional(),
  state: FileStateFilterSchema.optional(),
  agent: z.string().trim().max(200).optional(),
  q: z.string().trim().max(1000).optional(),
  sort: FileSortSchema.default('risk'),
});
export type FilesFilter = z.infer<typeof FilesFilterSchema>;

export const FileAgentSchema = z.object({ id: z.string().nullable(), name: z.string().nullable() });

export const FileRowSchema = z.object({
  sha256: z.string().nullable(),
  sha1: z.string().nullable(),
  md5: z.string().nullable(),
  /** the names VirusTotal knows, then the file names of its paths */
  names: z.array(z.string()),
  /** the newest paths it was seen at (at most 5) and how many in all */
  paths: z.array(z.string()),
  pathsTotal: z.number().int().min(0),
  verdict: VerdictSchema,
  /** who gave the verdict (the answer's origin: virustotal, wazuh) */
  provider: z.string().nullable(),
  triage: TriageSchema,
  agents: z.number().int().min(0),
  alerts: z.number().int().min(0),
  firstSeen: isoTime.nullable(),
  lastSeen: isoTime.nullable(),
  /** from the first alert to the first answer, in milliseconds (null: no answer yet, or no alert) */
  timeToVerdictMs: z.number().int().min(0).nullable(),
});
export type FileRow = z.infer<typeof FileRowSchema>;

/** Where a file was seen: one agent, its paths and times (the file page's prevalence). */
export const FilePlaceSchema = z.object({
  agent: FileAgentSchema,
  paths: z.array(
    z.object({ path: z.string(), alerts: z.number().int().min(0), firstSeen: isoTime, lastSeen: isoTime }),
  ),
  alerts: z.number().int().min(0),
  firstSeen: isoTime,
  lastSeen: isoTime,
});
export type FilePlace = z.infer<typeof FilePlaceSchema>;

export const FileTriageDetailSchema = z.object({
  triage: TriageSchema,
  triageHistory: z.array(TriageChangeSchema),
  places: z.array(FilePlaceSchema),
});

/** One row of an export of the Files view: a file at one place (agent, path), with its newest alert there. */
export interface FileExportRow {
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  state: string;
  positives: number | null;
  total: number | null;
  provider: string | null;
  triage: TriageState;
  triageNote: string | null;
  triageBy: string | null;
  triageAt: string | null;
  agentId: string | null;
  agentName: string | null;
  path: string | null;
  alertId: string | null;
  alertAt: string | null;
  alerts: number;
}
