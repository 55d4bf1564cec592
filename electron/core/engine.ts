// Starts the engine: the database and its services, the sources given on the command line, the sources and the
// scheduler.
import { EngineCore } from './engineCore';
import type { Engine, EngineOptions } from './engineTypes';

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const core = new EngineCore(options);
  if (core.recovered) {
    core.log.warn(
      `database rebuilt: the damaged one is kept at ${core.recovered.movedTo}; alerts are read again from the sources`,
    );
  }
  for (const s of options.sources ?? []) core.sources.addAtStart(s.path, s.fromEnd);
  if (options.indexer) core.indexers.atStart(options.indexer);
  core.saveMirror();
  core.start();
  let stopped: Promise<void> | null = null;
  return {
    dataDir: options.dataDir,
    backend: {
      handlers: core.handlers,
      subscribe: (listener) => core.events.subscribe(listener),
      exports: core.exports,
    },
    stop: () => (stopped ??= core.stop()),
    release: () => core.release(),
  };
}
