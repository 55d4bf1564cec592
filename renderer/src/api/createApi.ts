// Chooses the transport once, at start: the Electron preload's bridge when it exists, else HTTP + SSE against
// the headless server this page came from. Views only ever see the `Api` type.
import type { Api } from '../../../shared/contract';
import { createConnection, type Connection } from './connection';
import { createEventStream } from './eventStream';
import { createHttpApi } from './httpTransport';
import { createIpcApi } from './ipcTransport';

export interface ApiRuntime {
  api: Api;
  connection: Connection;
  transport: 'ipc' | 'http';
}

/** The token in ?token=… has done its job once the server set its cookie: keep it out of the address bar. */
function forgetTokenInAddress(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

export function createApiRuntime(): ApiRuntime {
  const bridge = window.fimVerdict;
  if (bridge && bridge.transport === 'ipc') {
    return { api: createIpcApi(bridge), connection: createConnection('open'), transport: 'ipc' };
  }
  forgetTokenInAddress();
  const connection = createConnection('connecting');
  const events = createEventStream('/api/events', connection);
  return { api: createHttpApi(events), connection, transport: 'http' };
}
