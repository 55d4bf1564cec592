// What the engine offers to the transports: one handler per contract method, taking the zod-parsed input, and the
// event stream. Both transports (electron/main/ipc.ts, electron/headless/server.ts) call the handlers through one
// dispatcher (dispatch.ts), which validates the input and the answer against the contract; a thrown ApiError keeps
// its code and message across the transport.
import type { ApiErrorBody, ApiEvent, ApiMethod, ApiOutput, ApiParsedInput } from '../../../shared/contract';
import type { ExportStreams } from './exportStream';

export { ApiError } from '../base/apiError';

export type ApiHandlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

export interface ApiBackend {
  handlers: ApiHandlers;
  /** push events (new alerts, verdicts, stats, source states); returns the unsubscribe function */
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /**
   * The exports as streams, for a transport that can send a body piece by piece (the HTTP download, the desktop
   * app's save to a file): the same bytes as the handler's `content`, read a page at a time. Absent (test
   * backends): the HTTP download sends the handler's answer.
   */
  exports?: ExportStreams;
}

export const HTTP_STATUS_BY_CODE: Record<ApiErrorBody['code'], number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  internal: 500,
  unavailable: 503,
};
