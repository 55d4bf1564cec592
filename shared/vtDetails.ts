// What VirusTotal's own page shows of a file, read from the stored raw answer (electron/core/vt/details.ts): the
// engines' counts apart, the popular threat label and family, the Authenticode signature, the dates, the names, the
// tags, the sandbox verdicts and the crowdsourced YARA rules. Every text in it came from a remote answer: bounded here
// (VT_DETAIL_LIMITS), shown through VisibleText in the views, never as HTML. Pure: zod only.
import { z } from 'zod';

const nonNegInt = z.number().int().min(0);
const isoTime = z.string();

/** Bounds on what one answer can put on the page (a hostile or broken answer cannot flood it). */
export const VT_DETAIL_LIMITS = {
  /** characters of one text (a name, a tag, a signer...), "…" marking a cut */
  text: 300,
  names: 50,
  tags: 50,
  /** values of popular_threat_category / popular_threat_name kept, the most counted first */
  threatValues: 5,
  sandboxes: 20,
  /** classifications and malware names of one sandbox */
  sandboxValues: 10,
  yaraRules: 50,
  signers: 10,
} as const;

const ThreatValueSchema = z.object({ value: z.string(), count: nonNegInt });

export const VtDetailsSchema = z.object({
  /** 'v2' answers carry the counts and dates only */
  api: z.enum(['v3', 'v2']),
  /** last_analysis_stats, each category apart */
  counts: z.object({
    malicious: nonNegInt,
    suspicious: nonNegInt,
    undetected: nonNegInt,
    harmless: nonNegInt,
    timeout: nonNegInt,
    failure: nonNegInt,
    typeUnsupported: nonNegInt,
  }),
  /** engines that gave a verdict: malicious + suspicious + undetected + harmless (the "of 71") */
  enginesWithVerdict: nonNegInt,
  /** popular_threat_classification; null when the answer has none */
  threat: z
    .object({
      /** suggested_threat_label, e.g. "ransomware.hive/recyl" */
      label: z.string().nullable(),
      /** popular_threat_category: the kinds ("ransomware", "trojan"), the most counted first */
      categories: z.array(ThreatValueSchema),
      /** popular_threat_name: the families ("hive"), the most counted first */
      families: z.array(ThreatValueSchema),
    })
    .nullable(),
  /** the Authenticode signature (signature_info); null: the answer has none (unsigned, or not a PE file) */
  signature: z
    .object({
      /** signature_info.verified as VirusTotal wrote it: "Signed", "Unsigned", or what is wrong */
      verified: z.string().nullable(),
      /** the signer chain, the signing entity first ("Google LLC") */
      signers: z.array(z.string()),
      /** the signing entity's certificate status from "signers details" ("Valid", "... not time valid.") */
      signerStatus: z.string().nullable(),
      signingDate: z.string().nullable(),
      product: z.string().nullable(),
    })
    .nullable(),
  firstSubmission: isoTime.nullable(),
  lastSubmission: isoTime.nullable(),
  lastAnalysis: isoTime.nullable(),
  /** when this answer was received (our request), and how old it was when this page was read */
  answeredAt: isoTime,
  answerAgeSeconds: nonNegInt,
  /** meaningful_name first, then names */
  names: z.array(z.string()),
  namesTotal: nonNegInt,
  tags: z.array(z.string()),
  reputation: z.number().nullable(),
  timesSubmitted: nonNegInt.nullable(),
  votes: z.object({ harmless: nonNegInt, malicious: nonNegInt }).nullable(),
  /** sandbox_verdicts, when present */
  sandboxes: z.array(
    z.object({
      sandbox: z.string(),
      /** malicious, suspicious, harmless or undetected (as VirusTotal wrote it) */
      category: z.string().nullable(),
      confidence: nonNegInt.nullable(),
      classifications: z.array(z.string()),
      malwareNames: z.array(z.string()),
    }),
  ),
  /** crowdsourced_yara_results: the rules that matched */
  yara: z.array(
    z.object({
      rule: z.string(),
      ruleset: z.string().nullable(),
      author: z.string().nullable(),
      source: z.string().nullable(),
    }),
  ),
  yaraTotal: nonNegInt,
});
export type VtDetails = z.infer<typeof VtDetailsSchema>;
