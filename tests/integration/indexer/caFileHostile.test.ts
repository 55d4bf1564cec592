// A token holder names CA files over the HTTP API (the real headless process): an indexer source whose CA file
// cannot be read must not stop the process (it did, at every start while the source was stored), and no answer may
// tell whether a path they name exists, is a folder, a FIFO or a file that holds no certificate (a file-existence
// oracle with the rights of the user running FIM Verdict). The reason goes to the local user only: the server's
// stderr, and the desktop app's Test connection.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus, Stats } from '../../../shared/contract';
import type { IndexerTestResult } from '../../../shared/indexer';
import { caFileUnusable } from '../../../electron/core/indexer/connection';
import { startIndexerServer, TLS_FILES, type IndexerServer } from '../../emulator/indexer/indexerServer';
import { startHeadless, waitUntil, type HeadlessProcess } from '../../helpers/headlessProcess';
import { makeTempDir } from '../../helpers/tempDir';
import { startTestEngine } from '../../helpers/engine';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function indexer(): Promise<IndexerServer> {
  const ix = await startIndexerServer({ preset: 'wazuh-4.x' });
  cleanups.push(() => ix.close());
  return ix;
}

function tempDir(): string {
  const t = makeTempDir('fimv-ca-hostile-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function headless(args: string[]): Promise<HeadlessProcess> {
  const h = await startHeadless(args);
  cleanups.push(() => h.stop());
  return h;
}

async function post<T>(h: HeadlessProcess, route: string, body: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(new URL(route, h.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

const running = (h: HeadlessProcess) => h.child.exitCode === null && h.child.signalCode === null;
const sourceAt = (s: Stats, url: string): SourceStatus | undefined => s.sources.find((x) => x.path === url);

/** Paths a token holder probes: nothing there, a folder, a FIFO, a file that is not PEM, a private key. */
function probes(dir: string): Record<string, string> {
  const notPem = path.join(dir, 'notes.txt');
  fs.writeFileSync(notPem, 'a line that must never be echoed\n');
  const fifo = path.join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  return {
    missing: path.join(dir, 'nothing-here.pem'),
    folder: dir,
    fifo,
    notPem,
    privateKey: path.join(path.dirname(TLS_FILES.rootCa), 'server-key.pem'),
  };
}

describe('CA files named over the HTTP API', () => {
  it('a source whose CA file cannot be read shows an error and the process keeps running, also after a restart', async () => {
    const ix = await indexer();
    const data = tempDir();
    const missing = path.join(tempDir(), 'root-ca.pem');
    const h = await headless(['--data-dir', data]);
    const added = await post<SourceStatus>(h, '/api/sources/indexer', {
      urls: [ix.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: { kind: 'ca-file', path: missing },
    });
    expect(added.status).toBe(200);
    const url = added.json.path;
    const st = await waitUntil(
      () => h.api<Stats>('/api/stats'),
      (s) => sourceAt(s, url)?.state === 'error',
      20_000,
      'the source to fail on its CA file',
    );
    expect(sourceAt(st, url)!.indexer!.status.message).toMatch(
      new RegExp(`^${caFileUnusable(missing).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: retrying at `),
    );
    expect(running(h)).toBe(true);
    expect(await h.api('/api/health')).toMatchObject({ ok: true });
    // the reason is for the local user: on the server's stderr, never over HTTP
    expect(h.stderr()).toContain(`cannot read the CA file ${missing}: no such file`);
    expect(ix.requests).toHaveLength(0);
    await h.stop();

    // the stored source does not stop the next start either
    const again = await headless(['--data-dir', data]);
    await waitUntil(
      () => again.api<Stats>('/api/stats'),
      (s) => sourceAt(s, url)?.state === 'error',
      20_000,
      'the stored source to fail on its CA file',
    );
    expect(running(again)).toBe(true);
  });

  it('every CA file problem gets the same words, in Test connection and in the source status', async () => {
    const ix = await indexer();
    const paths = probes(tempDir());
    const h = await headless(['--data-dir', tempDir()]);
    for (const [what, p] of Object.entries(paths)) {
      const tested = await post<IndexerTestResult>(h, '/api/sources/indexer/test', {
        urls: [ix.url],
        username: 'fim-reader',
        password: 'fim-reader-password',
        trust: { kind: 'ca-file', path: p },
      });
      expect(tested.status, what).toBe(200);
      expect(tested.json.summary, what).toBe(caFileUnusable(p));
      expect(tested.json.checks.find((c) => c.check === 'certificate')!.message, what).toBe(caFileUnusable(p));
    }
    // the same as the status of sources added with them
    const urls: Record<string, string> = {};
    for (const [what, p] of Object.entries(paths)) {
      const added = await post<SourceStatus>(h, '/api/sources/indexer', {
        urls: [`${ix.url.replace(/\/$/, '')}/${what}`],
        username: 'fim-reader',
        password: 'fim-reader-password',
        trust: { kind: 'ca-file', path: p },
      });
      expect(added.status, what).toBe(200);
      urls[what] = added.json.path;
    }
    const st = await waitUntil(
      () => h.api<Stats>('/api/stats'),
      (s) => Object.values(urls).every((u) => sourceAt(s, u)?.state === 'error'),
      20_000,
      'every source to fail on its CA file',
    );
    for (const [what, p] of Object.entries(paths))
      expect(sourceAt(st, urls[what])!.indexer!.status.message.replace(/: retrying at .*$/, ''), what).toBe(
        caFileUnusable(p),
      );
    expect(JSON.stringify(await h.api('/api/sources'))).not.toContain('must never be echoed');
    expect(ix.requests).toHaveLength(0);
    expect(running(h)).toBe(true);
  });

  it("the desktop app's Test connection (the local user) says why", async () => {
    const ix = await indexer();
    const paths = probes(tempDir());
    const e = await startTestEngine({ dataDir: tempDir(), transport: 'ipc' });
    cleanups.push(() => e.stop());
    const summary = async (p: string) =>
      (
        await e.h.testIndexerSource({
          urls: [ix.url],
          username: 'fim-reader',
          password: 'fim-reader-password',
          trust: { kind: 'ca-file', path: p },
        } as never)
      ).summary;
    expect(await summary(paths.missing)).toBe(`cannot read the CA file ${paths.missing}: no such file`);
    expect(await summary(paths.folder)).toBe(`the CA file ${paths.folder} is not a regular file`);
    expect(await summary(paths.notPem)).toBe(
      `the CA file ${paths.notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  });
});
