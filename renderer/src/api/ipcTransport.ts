// The desktop transport: the preload's `window.fimVerdict` answers ApiResult values; unwrap them into the
// contract's Api (a failed call throws ApiCallError, like the HTTP transport).
import type { BridgeApi } from '../../../shared/bridge';
import { ApiCallError } from '../../../shared/apiError';
import { API_METHODS } from '../../../shared/apiRoutes';
import type { Api, ApiMethod } from '../../../shared/contract';
import { checkEvent, checkOutput } from './devValidate';

export function createIpcApi(bridge: BridgeApi): Api {
  const api: Partial<Record<ApiMethod, (input: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    api[method] = async (input: unknown) => {
      const result = await bridge[method](input ?? {});
      if (!result.ok) throw new ApiCallError(result.error, method);
      checkOutput(method, result.value);
      return result.value;
    };
  }
  return {
    ...(api as Omit<Api, 'subscribe'>),
    subscribe: (listener) =>
      bridge.subscribe((event) => {
        checkEvent(event);
        listener(event);
      }),
  };
}
