// The formatting lives in shared/format.ts (the headless server's first screen writes the same words).
export * from '../../../shared/format';
