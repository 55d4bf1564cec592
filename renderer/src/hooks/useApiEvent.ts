import { useEffect, useEffectEvent } from 'react';
import type { ApiEvent } from '../../../shared/contract';
import { useApi } from '../api/ApiProvider';

type EventOf<T extends ApiEvent['type']> = Extract<ApiEvent, { type: T }>;

/** Call `handler` for every event of one type, for as long as the component is mounted. */
export function useApiEvent<T extends ApiEvent['type']>(type: T, handler: (event: EventOf<T>) => void): void {
  const api = useApi();
  const onEvent = useEffectEvent(handler);
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === type) onEvent(event as EventOf<T>);
      }),
    [api, type],
  );
}
