// The real alert lines and VirusTotal answers the tests use: a copy of the workspace's shared fixtures, kept in
// the repository (tests/fixtures/README.md names the source of each) so a clean clone tests on its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const WAZUH_FIXTURES = path.join(FIXTURES_DIR, 'wazuh');
export const VT_FIXTURES = path.join(FIXTURES_DIR, 'virustotal');
export const WAZUH5_FIXTURES = path.join(FIXTURES_DIR, 'wazuh5');
export const REPUTATION_FIXTURES = path.join(FIXTURES_DIR, 'reputation');
/** the test CA and certificates the test indexer serves (tests/fixtures/tls/README.md) */
export const TLS_FIXTURES = path.join(FIXTURES_DIR, 'tls');
