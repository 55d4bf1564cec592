// The headless server on a real engine whose Live table holds millions of made-up alerts (manyAlertRows.ts): the
// two questions of the Live table (a page of /api/alerts, GET /api/alerts/position) are answered by arithmetic,
// every other method by the engine. Run as a child process like the headless CLI, for the browser test of a table
// taller than the browser's height cap (tests/e2e/reachable.spec.ts):
//   node --import tsx tests/helpers/manyAlertsServer.ts --port 0 --token T --data-dir D --rows N --newest MS
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError, type ApiHandlers } from '../../electron/core/api/types';
import { startEngine } from '../../electron/core/engine';
import { startHttpServer } from '../../electron/headless/server';
import { memorySecretStore } from './engine';
import { REPO_ROOT } from './headlessProcess';
import { manyAlertRows } from './manyAlertRows';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
    'data-dir': { type: 'string' },
    rows: { type: 'string' },
    newest: { type: 'string' },
  },
});
const rows = manyAlertRows(Number(values.rows), Number(values.newest));

const listAlerts: ApiHandlers['listAlerts'] = ({ limit, offset }) => {
  const items = [];
  for (let i = offset; i < Math.min(rows.rows, offset + limit); i++) items.push(rows.at(i));
  return { total: rows.rows, items, maxId: rows.rows };
};

const locateAlert: ApiHandlers['locateAlert'] = ({ at, alertId }) => {
  const index = alertId !== undefined ? rows.indexOfAlertId(alertId) : rows.indexAtOrBefore(Date.parse(at!));
  if (index === null) {
    throw new ApiError(
      'not-found',
      alertId !== undefined
        ? `no alert ${alertId} among the alerts shown (the filters may hide it)`
        : `no alert at or before ${at} among the alerts shown`,
    );
  }
  const row = rows.at(index);
  return { offset: index, id: row.id, alertId: row.alertId, epochMs: row.epochMs };
};

const engine = await startEngine({ dataDir: values['data-dir']!, transport: 'http', secrets: memorySecretStore() });
const server = await startHttpServer({
  backend: { ...engine.backend, handlers: { ...engine.backend.handlers, listAlerts, locateAlert } },
  token: values.token!,
  port: Number(values.port),
  staticDir: path.join(REPO_ROOT, 'out/renderer'),
});
console.log(`listening on ${server.url}`);

process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => engine.stop())
    .then(() => process.exit(0));
});
