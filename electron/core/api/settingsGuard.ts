// What the HTTP API (anyone holding the token) may not change in the settings: where a credential goes and where
// the app writes files. The desktop app's own Settings (IPC) and the command-line flags are the local user's.
import { sameDestination, type Settings, type SettingsUpdate } from '../../../shared/settings';
import { integrationLogPathProblem } from '../output/logPath';
import { ApiError } from './types';

export const BASE_URL_REFUSAL =
  'Over the HTTP API the VirusTotal address can change only together with the key to use there (type it in the ' +
  'same form): a stored key is never sent to a new address. To keep your key, choose the address with --vt-url ' +
  'when you start FIM Verdict, or in the desktop app’s Settings.';

export const INTEGRATION_LOG_REFUSAL =
  'The integration log path cannot be changed over the HTTP API (the app writes to that file with your rights): ' +
  'set it with --integration-log when you start FIM Verdict, or in the desktop app’s Settings.';

/**
 * An update from the HTTP API, checked: an unchanged base URL or log path is dropped (a form sends every field), a
 * changed base URL needs a new key in the same update (it replaces the stored key, bound to the new address), and a
 * changed integration log path is refused. Throws ApiError('forbidden') with the field and where it can be changed.
 */
export function guardHttpSettingsUpdate(update: SettingsUpdate, current: Settings): SettingsUpdate {
  const checked = { ...update };
  if (checked.baseUrl !== undefined) {
    if (sameDestination(checked.baseUrl, current.baseUrl)) delete checked.baseUrl;
    else if (typeof checked.apiKey !== 'string') {
      throw new ApiError('forbidden', BASE_URL_REFUSAL, { baseUrl: BASE_URL_REFUSAL });
    }
  }
  if (checked.integrationLog !== undefined) {
    if (checked.integrationLog === current.integrationLog) delete checked.integrationLog;
    else throw new ApiError('forbidden', INTEGRATION_LOG_REFUSAL, { integrationLog: INTEGRATION_LOG_REFUSAL });
  }
  return checked;
}

/** The desktop app's Settings: a new integration log path is checked before it is saved. */
export function checkLocalSettingsUpdate(update: SettingsUpdate, current: Settings): void {
  const log = update.integrationLog;
  if (typeof log === 'string' && log !== current.integrationLog) {
    const problem = integrationLogPathProblem(log);
    if (problem) {
      const message = `The integration log cannot be ${log}: ${problem}.`;
      throw new ApiError('bad-request', message, { integrationLog: message });
    }
  }
}
