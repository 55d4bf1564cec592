// The real alert lines and VirusTotal answers the tests use: a copy of the workspace's shared fixtures, kept in
// the repository (tests/fixtures/README.md names the source of each) so a clean clone tests on its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const WAZUH_FIXTURES = path.join(FIXTURES_DIR, 'wazuh');
export const VT_FIXTURES = path.join(FIXTURES_DIR, 'virustotal');
