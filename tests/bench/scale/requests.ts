// Every request the UI makes, timed over HTTP against the headless server: the Live table's pages at several depths
// (the first page as the table asks it, without maxId; the pages it reads while scrolling, with maxId), each filter
// (state, agent, event, path and hash search) first and last page, stats, agents, history pages and filters, the
// summary, file pages, the Files view's pages (sorts, filters, a deep page), and what the status and settings views
// ask. One untimed round first (statements prepared, pages cached), then `rounds` rounds over all kinds in turn, so
// that noise spreads over every kind.
import type { AlertItem } from '../../../shared/contract';
import type { Manifest } from './simulate';
import { summarize, timedGet, type Server, type Summary } from './timing';

export interface RequestKind {
  name: string;
  route: string;
}

interface Page {
  total: number;
  maxId: number;
  items: AlertItem[];
}

const PAGE = 100;
const lastOffset = (total: number) => Math.max(0, Math.floor((total - 1) / PAGE) * PAGE);
const middleOffset = (total: number) => Math.floor(total / 2 / PAGE) * PAGE;

/** The routes, with depths, agents and search terms taken from the data itself. */
export async function requestKinds(server: Server, manifest: Manifest): Promise<RequestKind[]> {
  const first = (await timedGet<Page>(server, `/api/alerts?limit=${PAGE}&offset=0`)).body;
  const { total, maxId } = first;
  const agents = (await timedGet<{ id: string; name: string; alerts: number }[]>(server, '/api/agents')).body;
  const busyAgent = agents[0];
  const quietAgent = agents[agents.length - 1];
  const middle = (
    await timedGet<Page>(server, `/api/alerts?limit=${PAGE}&offset=${middleOffset(total)}&maxId=${maxId}`)
  ).body.items;
  // a rare search: a file name seen a few times; a common one: a folder on every Windows machine
  const rare = middle.map((a) => a.path.split(/[\\/]/).pop() ?? '').find((name) => name.length >= 8) ?? 'invoice';
  const hashPrefix = (middle.find((a) => a.sha256)?.sha256 ?? manifest.busiest.sha256).slice(0, 12);
  const typicalFile = middle.find((a) => a.sha256 && a.verdict.state === 'clean')?.sha256 ?? manifest.busiest.sha256;
  const kinds: RequestKind[] = [
    { name: 'alerts: first page', route: `/api/alerts?limit=${PAGE}&offset=0` },
    { name: 'alerts: page 2 (maxId)', route: `/api/alerts?limit=${PAGE}&offset=${PAGE}&maxId=${maxId}` },
    { name: 'alerts: middle (maxId)', route: `/api/alerts?limit=${PAGE}&offset=${middleOffset(total)}&maxId=${maxId}` },
    { name: 'alerts: last (maxId)', route: `/api/alerts?limit=${PAGE}&offset=${lastOffset(total)}&maxId=${maxId}` },
    { name: 'alerts: middle', route: `/api/alerts?limit=${PAGE}&offset=${middleOffset(total)}` },
    { name: 'alerts: last', route: `/api/alerts?limit=${PAGE}&offset=${lastOffset(total)}` },
  ];
  const filters: [string, string][] = [
    ['state=malicious', 'state=malicious'],
    ['state=clean', 'state=clean'],
    ['state=pending', 'state=pending'],
    ['state=skipped', 'state=skipped'],
    ['agent (busiest)', `agent=${encodeURIComponent(busyAgent.id)}`],
    ['agent (quietest, by name)', `agent=${encodeURIComponent(quietAgent.name)}`],
    ['event=deleted', 'event=deleted'],
    ['q= common folder', `q=${encodeURIComponent('System32')}`],
    ['q= rare file name', `q=${encodeURIComponent(rare)}`],
    ['q= hash prefix', `q=${hashPrefix}`],
  ];
  for (const [name, query] of filters) {
    const page = (await timedGet<Page>(server, `/api/alerts?limit=${PAGE}&offset=0&${query}`)).body;
    kinds.push({ name: `alerts ${name}: first page`, route: `/api/alerts?limit=${PAGE}&offset=0&${query}` });
    kinds.push({
      name: `alerts ${name}: last (maxId)`,
      route: `/api/alerts?limit=${PAGE}&offset=${lastOffset(page.total)}&maxId=${page.maxId}&${query}`,
    });
  }
  // Live's "Jump to": a date in the middle of the year, and the id of an alert half way down (their positions)
  const middleAlert = middle[Math.floor(middle.length / 2)] ?? first.items[0];
  kinds.push(
    {
      name: 'jump: to a date',
      route: `/api/alerts/position?at=${encodeURIComponent(middleAlert.timestamp.slice(0, 10))}&maxId=${maxId}`,
    },
    {
      name: 'jump: to an alert id',
      route: `/api/alerts/position?alertId=${encodeURIComponent(middleAlert.alertId)}&maxId=${maxId}`,
    },
    {
      name: 'jump: to a date, agent filter',
      route: `/api/alerts/position?at=${encodeURIComponent(middleAlert.timestamp.slice(0, 10))}&agent=${encodeURIComponent(busyAgent.id)}&maxId=${maxId}`,
    },
  );
  // the Files view: one row per file, sorted and filtered as its header and filter bar ask
  const files = (await timedGet<{ total: number }>(server, `/api/files?limit=${PAGE}&offset=0`)).body.total;
  kinds.push(
    { name: 'files: first page', route: `/api/files?limit=${PAGE}&offset=0` },
    { name: 'files: sort by name', route: `/api/files?limit=${PAGE}&offset=0&sort=name` },
    { name: 'files: sort by time to verdict', route: `/api/files?limit=${PAGE}&offset=0&sort=-ttv` },
    { name: 'files: last page', route: `/api/files?limit=${PAGE}&offset=${lastOffset(files)}` },
    {
      name: 'files agent (busiest): first page',
      route: `/api/files?limit=${PAGE}&offset=0&agent=${encodeURIComponent(busyAgent.id)}`,
    },
    { name: 'files q= rare file name', route: `/api/files?limit=${PAGE}&offset=0&q=${encodeURIComponent(rare)}` },
  );
  const history = (await timedGet<{ total: number }>(server, `/api/history?limit=${PAGE}&offset=0`)).body.total;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lastMonth = `from=${day(Date.now() - 30 * 86_400_000)}&to=${day(Date.now())}`;
  kinds.push(
    { name: 'stats', route: '/api/stats' },
    { name: 'agents', route: '/api/agents' },
    { name: 'history: first page', route: `/api/history?limit=${PAGE}&offset=0` },
    { name: 'history: middle', route: `/api/history?limit=${PAGE}&offset=${middleOffset(history)}` },
    { name: 'history: last', route: `/api/history?limit=${PAGE}&offset=${lastOffset(history)}` },
    { name: 'history state=malicious', route: `/api/history?limit=${PAGE}&offset=0&state=malicious` },
    { name: 'history origin=wazuh', route: `/api/history?limit=${PAGE}&offset=0&origin=wazuh` },
    { name: 'history q= file name', route: `/api/history?limit=${PAGE}&offset=0&q=${encodeURIComponent(rare)}` },
    { name: 'history last 30 days', route: `/api/history?limit=${PAGE}&offset=0&${lastMonth}` },
    { name: 'history summary (30 days)', route: '/api/history/summary?days=30' },
    { name: 'file page: busiest file', route: `/api/hashes/${manifest.busiest.sha256}` },
    { name: 'file page: a typical file', route: `/api/hashes/${typicalFile}` },
    { name: 'info', route: '/api/info' },
    { name: 'settings', route: '/api/settings' },
    { name: 'sources', route: '/api/sources' },
    { name: 'diagnostics', route: '/api/diagnostics' },
  );
  return kinds;
}

export async function timeRequests(
  server: Server,
  kinds: RequestKind[],
  rounds: number,
  log: (m: string) => void,
): Promise<Record<string, Summary>> {
  const times = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
  for (let round = 0; round <= rounds; round++) {
    log(round === 0 ? `requests: ${kinds.length} kinds, warm-up round` : `requests: round ${round} of ${rounds}`);
    for (const k of kinds) {
      const { ms } = await timedGet(server, k.route);
      if (round > 0) times.get(k.name)!.push(ms);
    }
  }
  return Object.fromEntries([...times].map(([name, values]) => [name, summarize(values)]));
}
