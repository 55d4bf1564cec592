import { ApiCallError } from '../../../shared/apiError';

/** One sentence for the analyst, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Field path -> message from a server answer (ApiCallError.body.fields), or {}. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiCallError ? (error.body.fields ?? {}) : {};
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiCallError && error.body.code === 'not-found';
}
