// The error an API call gives: its body on the wire, and the Error the renderer throws with it. Apart from the
// contract's zod schemas (shared/contract.ts re-exports both), so that the renderer's start does not build them.

export interface ApiErrorBody {
  /** 'unavailable' (503): a bounded resource of the server is full (event streams); try again later */
  code: 'bad-request' | 'not-found' | 'unauthorized' | 'forbidden' | 'conflict' | 'internal' | 'unavailable';
  message: string;
  /** field path -> message, for forms */
  fields?: Record<string, string>;
}

/** An error thrown by an Api call in the renderer, carrying the server's message and field errors. */
export class ApiCallError extends Error {
  constructor(
    readonly body: ApiErrorBody,
    readonly method: string,
  ) {
    super(body.message);
    this.name = 'ApiCallError';
  }
}
