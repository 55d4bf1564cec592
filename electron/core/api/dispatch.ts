// The one dispatcher both transports call (electron/main/ipc.ts, electron/headless/server.ts): the raw input is
// checked against the method's schema, the handler runs, and its answer is checked against the contract too (a
// mismatch is a bug we want loud; parsing also drops every field the contract does not name, so nothing outside it,
// a key or a raw answer, leaves through this door). The answer is an ApiResult: an ApiError keeps its code and
// message; anything else is an internal error, logged with its stack. HTTP only maps the codes to statuses.
import {
  apiContract,
  describeZodError,
  type ApiErrorBody,
  type ApiMethod,
  type ApiResult,
} from '../../../shared/contract';
import { ApiError, type ApiBackend } from './types';

export interface DispatchOptions {
  log?: (message: string) => void;
  /**
   * The message an internal error gets instead of its own (HTTP: whoever holds the token learns only that one
   * happened; the log has it). Unset: the error's own message, without its stack (the desktop app's window).
   */
  internalMessage?: string;
}

/** Any thrown value -> the error body the caller sees (an ApiError keeps its code; nothing leaks a stack). */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  const message = error instanceof Error && error.message ? error.message : 'internal error';
  return { code: 'internal', message };
}

export async function dispatch(
  backend: ApiBackend,
  method: ApiMethod,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  const log = options.log ?? (() => {});
  const spec = apiContract[method];
  const input = spec.input.safeParse(rawInput ?? {});
  if (!input.success) return { ok: false, error: describeZodError(input.error) };
  let result: unknown;
  try {
    const handler = backend.handlers[method] as (input: unknown) => unknown;
    result = await handler.call(backend.handlers, input.data);
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const body = toErrorBody(error);
    return {
      ok: false,
      error: options.internalMessage ? { code: 'internal', message: options.internalMessage } : body,
    };
  }
  const output = spec.output.safeParse(result);
  if (!output.success) {
    const where = output.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    log(`${method} returned an answer outside the contract (${where})`);
    return {
      ok: false,
      error: { code: 'internal', message: options.internalMessage ?? 'internal error: an answer outside the contract' },
    };
  }
  return { ok: true, value: output.data };
}
