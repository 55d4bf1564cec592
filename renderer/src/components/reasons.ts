const WHY: Record<string, string> = {
  rescan: 'asked by hand',
  reanalyse: 'reanalysis',
  live: 'new alert',
  backfill: 'backfill',
  refresh: 'stale answer refreshed',
  wazuh: 'Wazuh’s own alert',
  'engine-count': 'engine count after a malicious answer',
  'known-good-check': 'known good, asked anyway',
};

/** Why a look-up happened, in words (unknown reasons pass through). */
export const reasonText = (reason: string | null | undefined): string => (reason ? (WHY[reason] ?? reason) : '');
