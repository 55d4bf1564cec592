// What the engine offers to the transports: one handler per contract method, taking the zod-parsed input.
// Transports (electron/main/ipc.ts, electron/headless/server.ts) validate the payload with the shared schema,
// call the handler, and wrap the answer as ApiResult; a thrown ApiError keeps its code and message.
import type { ApiErrorBody, ApiEvent, ApiMethod, ApiOutput, ApiParsedInput } from '../../../shared/contract';

export type ApiHandlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

export interface ApiBackend {
  handlers: ApiHandlers;
  /** push events (new alerts, verdicts, stats, source states); returns the unsubscribe function */
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export const HTTP_STATUS_BY_CODE: Record<ApiErrorBody['code'], number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  internal: 500,
};
