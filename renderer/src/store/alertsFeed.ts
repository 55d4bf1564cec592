// Every FIM alert, newest first, for the virtualized Live table, without ever holding them all:
// - a snapshot (rows with id <= maxId, counted once) read page by page as rows come into view, the pages kept
//   in a small LRU;
// - rows that arrive by 'alerts' events after the snapshot, batched per animation frame, shown on top while the
//   analyst follows, or held in `waiting` (the "N new alerts — show" pill) while they read further down;
// - each row's verdict read from the store's verdict cache, so a 'verdict' event shows in every row of that file.
// Part of the engine store (one per app), so that the Live view keeps its place across route changes.
import type { AlertItem, Api, Verdict } from '../../../shared/contract';
import { NO_FILTER, filterQuery, matchesFilter, sameFilter, type AlertFilter } from './alertFilter';
import type { VerdictCache } from './verdictCache';

export const PAGE_SIZE = 100;
const MAX_PAGES = 80;
/** beyond this many rows added by events, start a new snapshot (while following: nothing moves on screen) */
const MAX_LIVE = 20_000;
/** after a reconnection, how many of the newest rows to ask for (more missed: a new snapshot) */
const CATCH_UP = 1000;

/** What the feed needs from the page: frames, and the benchmark's marks (renderer/src/perf.ts). */
export interface FeedEnvironment {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  /** the first page of alerts has arrived */
  firstPage(): void;
  /** rows added by events are on screen */
  batchPainted(rows: number): void;
}

export class AlertsFeed {
  filter: AlertFilter = NO_FILTER;
  /** total rows of the snapshot (id <= maxId) matching the filter; null until the first page answers */
  total: number | null = null;
  maxId = 0;
  live: AlertItem[] = [];
  waiting: AlertItem[] = [];
  /** rows the server stored but left out of its events (a large catch-up): shown by reading the first page again */
  missed = 0;
  following = true;
  error: unknown = null;
  version = 0;
  /** kept across route changes: where the table was scrolled, which row had the keyboard */
  scrollOffset = 0;
  activeIndex = -1;
  /** the analyst opened a file from the table: on return, the keyboard goes back to that row */
  private returnToRow = false;

  private generation = 0;
  private pages = new Map<number, AlertItem[]>();
  private inflight = new Set<number>();
  private seen = new Set<number>();
  private inbox: AlertItem[] = [];
  private frame = 0;
  private rebasing = false;

  constructor(
    private readonly api: Api,
    private readonly verdicts: VerdictCache,
    private readonly env: FeedEnvironment,
    /** tell the store: it draws now, or once at the end of the frame this runs in */
    private readonly changed: () => void,
  ) {}

  private notify(): void {
    this.version += 1;
    this.changed();
  }

  stop(): void {
    if (this.frame) this.env.cancelFrame(this.frame);
    this.frame = 0;
  }

  // --- reading rows
  get loaded(): boolean {
    return this.total !== null;
  }

  get count(): number {
    return this.live.length + (this.total ?? 0);
  }

  rowAt(index: number): AlertItem | undefined {
    if (index < this.live.length) return this.live[index];
    const offset = index - this.live.length;
    return this.pages.get(Math.floor(offset / PAGE_SIZE))?.[offset % PAGE_SIZE];
  }

  /** the newest verdict of the row's file (a 'verdict' event may be newer than the page) */
  verdictOf(row: AlertItem): Verdict {
    return this.verdicts.verdictOf(row);
  }

  // --- filters and paging
  setFilter(filter: AlertFilter): void {
    if (sameFilter(filter, this.filter)) return;
    this.filter = filter;
    this.scrollOffset = 0;
    this.activeIndex = -1;
    this.reset();
  }

  /**
   * A new snapshot. Hard: forget every page and row, then read the first page. Soft (while following, at the
   * top): keep showing what is there until the new first page arrives, then swap without anything moving.
   */
  reset(soft = false): void {
    this.generation += 1;
    this.inflight.clear();
    this.rebasing = soft;
    if (!soft) {
      this.pages.clear();
      this.live = [];
      this.waiting = [];
      this.missed = 0;
      this.seen.clear();
      this.total = null;
      this.error = null;
      this.notify();
    }
    const generation = this.generation;
    this.api.listAlerts({ ...filterQuery(this.filter), limit: PAGE_SIZE, offset: 0 }).then(
      (page) => {
        if (generation !== this.generation) return;
        this.env.firstPage();
        this.rebasing = false;
        this.maxId = page.maxId;
        this.total = page.total;
        this.pages = new Map([[0, page.items]]);
        this.live = this.live.filter((row) => row.id > page.maxId);
        this.waiting = this.waiting.filter((row) => row.id > page.maxId);
        this.seen = new Set([...this.live, ...this.waiting].map((row) => row.id));
        this.error = null;
        this.notify();
        if (this.inbox.length) this.schedule();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.rebasing = false;
        this.error = error;
        this.notify();
      },
    );
  }

  retry(): void {
    this.reset();
  }

  /** Make sure the rows [start, end] (table indexes) are loaded or on their way. */
  ensureRange(start: number, end: number): void {
    if (this.total === null) return;
    const from = Math.max(0, start - this.live.length);
    const to = Math.min(this.total - 1, end - this.live.length);
    if (to < from) return;
    for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page += 1) {
      const rows = this.pages.get(page);
      if (rows) {
        // most recently used last
        this.pages.delete(page);
        this.pages.set(page, rows);
      } else if (!this.inflight.has(page)) {
        this.fetchPage(page);
      }
    }
  }

  private fetchPage(page: number): void {
    const generation = this.generation;
    this.inflight.add(page);
    this.api
      .listAlerts({ ...filterQuery(this.filter), limit: PAGE_SIZE, offset: page * PAGE_SIZE, maxId: this.maxId })
      .then(
        (answer) => {
          if (generation !== this.generation) return;
          this.inflight.delete(page);
          this.pages.set(page, answer.items);
          this.total = answer.total;
          while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
          this.notify();
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          this.inflight.delete(page);
          this.error = error;
          this.notify();
        },
      );
  }

  // --- live updates
  private schedule(): void {
    if (!this.frame) this.frame = this.env.requestFrame(this.flush);
  }

  onAlerts(items: AlertItem[], dropped = 0): void {
    for (const item of items) this.inbox.push(item);
    this.missed += dropped;
    this.schedule();
  }

  private flush = (): void => {
    this.frame = 0;
    let added = 0;
    if (this.total !== null && this.inbox.length) {
      const fresh: AlertItem[] = [];
      for (const item of this.inbox) {
        if (item.id <= this.maxId || this.seen.has(item.id)) continue;
        this.seen.add(item.id);
        if (matchesFilter(this.filter, item, this.verdictOf(item))) fresh.push(item);
      }
      this.inbox = [];
      fresh.sort((a, b) => b.id - a.id);
      added = fresh.length;
      if (added && this.following) {
        this.live = fresh.concat(this.live);
        if (this.activeIndex >= 0) this.activeIndex += added;
      } else if (added) {
        this.waiting = fresh.concat(this.waiting);
      }
    }
    if (this.following && (this.live.length > MAX_LIVE || this.missed > 0) && !this.rebasing) {
      this.missed = 0;
      this.reset(true);
    }
    this.notify();
    if (added && this.following) this.env.requestFrame(() => this.env.batchPainted(added));
  };

  /** Following: new rows go on top. Not following: they wait behind the pill. */
  setFollowing(following: boolean): void {
    if (following === this.following) return;
    this.following = following;
    if (following && this.waitingCount) this.showWaiting();
    else this.notify();
  }

  /** Rows waiting behind the pill, counting those only a new first page shows. */
  get waitingCount(): number {
    return this.waiting.length + this.missed;
  }

  /** The pill's "show": the waiting rows go on top. */
  showWaiting(): void {
    if (this.missed > 0) {
      this.missed = 0;
      this.reset();
      return;
    }
    if (!this.waiting.length) return;
    const count = this.waiting.length;
    this.live = this.waiting.concat(this.live);
    this.waiting = [];
    if (this.activeIndex >= 0) this.activeIndex += count;
    this.notify();
  }

  rememberScroll(offset: number): void {
    this.scrollOffset = offset;
  }

  openedFromTable(): void {
    this.returnToRow = true;
  }

  /** true once after a file was opened from the table */
  takeReturnToRow(): boolean {
    const value = this.returnToRow;
    this.returnToRow = false;
    return value;
  }

  setActive(index: number): void {
    if (index === this.activeIndex) return;
    this.activeIndex = index;
    this.notify();
  }

  /** After the event stream came back: fetch what may have been missed, or start over. */
  catchUp(): void {
    if (this.total === null) return;
    if (this.following) {
      this.reset(true);
      return;
    }
    const generation = this.generation;
    this.api.listAlerts({ ...filterQuery(this.filter), limit: CATCH_UP, offset: 0 }).then(
      (answer) => {
        if (generation !== this.generation) return;
        const newest = this.live[0]?.id ?? this.maxId;
        const missed = answer.items.filter((item) => item.id > newest);
        if (missed.length >= CATCH_UP) this.reset(this.following);
        else this.onAlerts(missed);
      },
      () => undefined,
    );
  }
}
