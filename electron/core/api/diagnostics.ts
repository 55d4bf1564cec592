// The status bar's figures and the Diagnostics view.
import type { WebhookService } from '../output/webhook/webhookService';
import type { StatsService } from '../stats/statsService';
import type { ApiHandlers } from './types';

export function diagnosticsHandlers(
  stats: StatsService,
  webhook: Pick<WebhookService, 'diagnostics'>,
): Pick<ApiHandlers, 'getStats' | 'getDiagnostics'> {
  return {
    getStats: () => stats.build(),
    // every webhook delivery and failure beside the rest of the run's state
    getDiagnostics: () => ({ ...stats.diagnostics(), webhook: webhook.diagnostics() }),
  };
}
