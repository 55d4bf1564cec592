// The status bar's figures and the Diagnostics view.
import type { StatsService } from '../stats/statsService';
import type { ApiHandlers } from './types';

export function diagnosticsHandlers(stats: StatsService): Pick<ApiHandlers, 'getStats' | 'getDiagnostics'> {
  return {
    getStats: () => stats.build(),
    getDiagnostics: () => stats.diagnostics(),
  };
}
