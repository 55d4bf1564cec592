// Starts the engine: the database, the sources given on the command line, the tailers, the scheduler.
import path from 'node:path';
import { createHandlers } from './api/handlers';
import { EngineCore } from './engineCore';
import type { Engine, EngineOptions } from './engineTypes';
import { sourcePathProblem } from './sources/regularFile';
import { followedPath, sourceKindOf } from './sources/sourceManager';

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const core = new EngineCore(options);
  if (core.recovered) {
    core.log.warn(
      `database rebuilt: the damaged one is kept at ${core.recovered.movedTo}; alerts are read again from the sources`,
    );
  }
  for (const s of options.sources ?? []) {
    const resolved = path.resolve(s.path);
    const kind = sourceKindOf(resolved);
    // kept all the same: its tailer shows the same message as its state, and reads it once it is a regular file
    const problem = sourcePathProblem(resolved, followedPath({ path: resolved, kind }));
    if (problem) core.log.warn(problem);
    core.sources.add(resolved, kind, s.fromEnd, core.clock.now());
  }
  core.saveMirror();
  const handlers = createHandlers(core);
  core.sourceManager.startAll();
  core.scheduler.start();
  let stopped: Promise<void> | null = null;
  return {
    dataDir: options.dataDir,
    backend: { handlers, subscribe: (listener) => core.subscribe(listener) },
    stop: () => (stopped ??= core.stop()),
    release: () => core.release(),
  };
}
