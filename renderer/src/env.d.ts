/// <reference types="vite/client" />
import type { BridgeApi } from '../../shared/bridge';

declare global {
  interface Window {
    /** the Electron preload's bridge; absent in the browser (headless mode) */
    fimVerdict?: BridgeApi;
    /** figures for `npm run bench` (see renderer/src/perf.ts) */
    __fimvPerf?: import('./perf').PerfFigures;
  }
}
