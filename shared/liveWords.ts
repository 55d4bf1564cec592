// Words of the Live view that the renderer and the headless server's first screen (electron/headless/firstScreen.ts)
// both write, so that the two say the same. Pure.

/** What happened to a file: added, modified, deleted, or not known (a row built from Wazuh's own VirusTotal alert). */
export type AlertEvent = 'added' | 'modified' | 'deleted' | 'unknown';

export const EVENT_LABELS: Record<AlertEvent, string> = {
  added: 'added',
  modified: 'modified',
  deleted: 'deleted',
  unknown: 'from Wazuh',
};

export const UNKNOWN_EVENT_TITLE =
  'Known from Wazuh’s own VirusTotal alert about this file: the FIM alert itself was not read';

/** The tiles above the table, before the stats have come. */
export const LOADING_TILE_LABELS = [
  'Alerts today',
  'Files looked up today',
  'Malicious files today',
  'Suspicious files today',
  'Files not on VirusTotal today',
  'Known good files today',
  'Files waiting for a look-up',
  'VirusTotal quota',
] as const;

/** In the demo, VirusTotal's answers are simulated and its links lead nowhere: said instead of linking. */
export const DEMO_LINK_TITLE =
  'DEMO: these answers come from a simulated VirusTotal on this machine; virustotal.com has no page for them';
export const DEMO_BANNER = 'DEMO — simulated agents and a simulated VirusTotal';
