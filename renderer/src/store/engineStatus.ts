// The engine's state as the shell shows it: getInfo (version, demo, data folder), the counters ('stats' events,
// at most twice a second from the engine), and the alert sources. Sources come from three places: each 'stats'
// event carries the whole list (in order with 'source' events on the same stream, so it is the truth when it
// arrives), a 'source' event updates one, and listSources answers after an add or a removal.
import type { Api, ApiOutput, SourceStatus, Stats } from '../../../shared/contract';

export type AppInfo = ApiOutput<'getInfo'>;

export class EngineStatus {
  info: AppInfo | null = null;
  infoError: unknown = null;
  stats: Stats | null = null;
  statsError: unknown = null;
  /** null until a list arrived (a stats event or answer, or listSources) */
  sources: readonly SourceStatus[] | null = null;
  sourcesError: unknown = null;
  /** a view asked for the list: it is asked again after a reconnection */
  sourcesWanted = false;

  /** counts 'stats' events, and 'source' events by id: an answer asked before one of them is older than it */
  private statsEvents = 0;
  private sourceEvents = new Map<number, number>();
  private events = 0;
  /** removed here: a late 'source' event about one must not bring it back (the next stats event decides) */
  private removed = new Set<number>();

  constructor(
    private readonly api: Api,
    /** `soon`: an event (drawn at the next frame); otherwise an answer or an action (drawn now) */
    private readonly changed: (soon: boolean) => void,
  ) {}

  fetchInfo(): void {
    this.api.getInfo({}).then(
      (info) => {
        this.info = info;
        this.infoError = null;
        this.changed(false);
      },
      (error: unknown) => {
        this.infoError = error;
        this.changed(false);
      },
    );
  }

  fetchStats(): void {
    const asked = this.statsEvents;
    this.api.getStats({}).then(
      (stats) => {
        if (this.statsEvents !== asked) return; // a 'stats' event that came meanwhile is newer than this answer
        this.setStats(stats);
        this.changed(false);
      },
      (error: unknown) => {
        this.statsError = error;
        this.changed(false);
      },
    );
  }

  loadSources(): void {
    this.sourcesWanted = true;
    const asked = this.events;
    const askedStats = this.statsEvents;
    this.api.listSources({}).then(
      (list) => {
        if (this.statsEvents !== askedStats) return; // a whole list came by event meanwhile
        const current = new Map((this.sources ?? []).map((s) => [s.id, s]));
        // a source that changed by event after the question keeps what the event said
        this.sources = list.map((s) => ((this.sourceEvents.get(s.id) ?? 0) > asked ? (current.get(s.id) ?? s) : s));
        this.sourcesError = null;
        this.changed(false);
      },
      (error: unknown) => {
        this.sourcesError = error;
        this.changed(false);
      },
    );
  }

  onStats(stats: Stats): void {
    this.statsEvents += 1;
    this.removed.clear();
    this.setStats(stats);
    this.changed(true);
  }

  onSource(source: SourceStatus): void {
    if (this.removed.has(source.id)) return;
    this.events += 1;
    this.sourceEvents.set(source.id, this.events);
    this.upsert(source);
    this.changed(true);
  }

  /** An answer about one source (addSource): shown at once, the next list confirms it. */
  sourceAnswered(source: SourceStatus): void {
    this.removed.delete(source.id);
    this.upsert(source);
    this.changed(false);
  }

  sourceRemoved(id: number): void {
    this.removed.add(id);
    if (this.sources) this.sources = this.sources.filter((s) => s.id !== id);
    this.changed(false);
  }

  private setStats(stats: Stats): void {
    this.stats = stats;
    this.statsError = null;
    this.sources = stats.sources;
    this.sourcesError = null;
  }

  private upsert(source: SourceStatus): void {
    const list = this.sources ?? [];
    this.sources = list.some((s) => s.id === source.id)
      ? list.map((s) => (s.id === source.id ? source : s))
      : [...list, source];
  }
}
