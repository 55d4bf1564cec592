// An error the analyst may read: a code the transports map (HTTP: a status) and a message in words, with the
// fields it concerns. Thrown by the services, kept as it is across both transports (api/dispatch.ts).
import type { ApiErrorBody } from '../../../shared/contract';

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
