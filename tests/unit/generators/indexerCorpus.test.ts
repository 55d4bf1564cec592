// The indexer corpus generators: deterministic, shaped like the real documents (read back by the real 4.x
// parser, the 5.x samples' field structure, the strict FIM state template), with the properties the indexer
// tests rely on (equal timestamps, several agents, shared hashes, deletions without a hash, Windows and Linux
// paths, late documents) and exact counts; and the 5.x engine file output on disk.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classifyJsonAlert } from '../../../electron/core/wazuh/alertsJson';
import { IndexStore } from '../../emulator/indexer/store';
import { fimStateId } from '../../emulator/indexer/wazuhFeed';
import { fimDocIdsWithHash, summarize } from '../../generators/indexerCorpus';
import { datedFile, ENGINE_OUTPUT_LIVE, writeEngineOutput } from '../../generators/wazuhEngineOutput5';
import { generateEvents5Corpus } from '../../generators/wazuhEvents5';
import { generateIndexer4Corpus } from '../../generators/wazuhIndexer4';
import { fimStates5 } from '../../generators/wazuhStates5';
import { FIXTURES_DIR } from '../../helpers/fixtures';
import { makeTempDir } from '../../helpers/tempDir';

const sample5 = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'wazuh5', name), 'utf8'));

/** Every leaf path of a document, arrays collapsed. */
function shape(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return [...new Set(v.flatMap((x) => shape(x, prefix)))];
  if (v !== null && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => shape(x, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

describe('4.x indexer corpus', () => {
  const corpus = generateIndexer4Corpus({ seed: 9, count: 3_000 });

  it('is deterministic per seed', () => {
    expect(generateIndexer4Corpus({ seed: 9, count: 3_000 }).docs).toEqual(corpus.docs);
    expect(generateIndexer4Corpus({ seed: 10, count: 3_000 }).docs).not.toEqual(corpus.docs);
  });

  it('holds alerts the real parser reads back as the manifest says', () => {
    corpus.docs.forEach((doc, i) => {
      const entry = corpus.entries[i];
      const parsed = classifyJsonAlert(doc);
      expect(parsed.kind === 'wazuh-vt' ? 'other' : parsed.kind).toBe(entry.kind);
      expect(String(doc.id)).toBe(entry.docId);
      if (parsed.kind === 'fim') {
        expect(parsed.event.after).toEqual(entry.hashes);
        expect([parsed.event.path, parsed.event.event, parsed.event.agent.id]).toEqual([
          entry.path,
          entry.event,
          entry.agentId,
        ]);
        expect(parsed.event.epochMs).toBe(entry.epochMs);
      }
    });
    expect(new Set(corpus.entries.map((e) => e.docId)).size).toBe(corpus.entries.length);
  });

  it('has equal timestamps, several agents, shared hashes, deletions, both OSes and late documents, counted exactly', () => {
    const s = summarize(corpus.entries);
    expect(s.documents).toBe(3_000);
    expect(s.fim + s.registry + s.other).toBe(3_000);
    expect(s.largestSameTimestamp).toBeGreaterThanOrEqual(5);
    expect(s.agents).toBe(7);
    expect(s.sharedAcrossAgents).toBeGreaterThan(5);
    expect(s.fimDeleted).toBeGreaterThan(10);
    expect(s.fimWithHash).toBe(s.fim - s.fimDeleted);
    expect(fimDocIdsWithHash(corpus.entries).size).toBe(s.fimWithHash);
    expect(s.windowsPaths).toBeGreaterThan(100);
    expect(s.linuxPaths).toBeGreaterThan(100);
    expect(s.late).toBeGreaterThan(100);
    expect(corpus.entries.every((e, i) => i === 0 || e.epochMs >= corpus.entries[i - 1].epochMs)).toBe(true);
  });
});

describe('5.x event corpus', () => {
  const corpus = generateEvents5Corpus({ seed: 4, count: 2_000 });

  it('is deterministic per seed and counts like the 4.x one', () => {
    expect(generateEvents5Corpus({ seed: 4, count: 2_000 }).docs).toEqual(corpus.docs);
    const s = summarize(corpus.entries);
    expect(s.largestSameTimestamp).toBeGreaterThanOrEqual(5);
    expect(s.sharedAcrossAgents).toBeGreaterThan(3);
    expect(s.fimDeleted).toBeGreaterThan(5);
    expect(s.windowsPaths).toBeGreaterThan(50);
    expect(s.other).toBeGreaterThan(300);
  });

  it('shapes FIM events like the real samples', () => {
    const docs = corpus.docs as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const linuxAdded = docs.find(
      (d) => d.event.action === 'file-created' && d.file.path.startsWith('/') && d.wazuh.agent.host,
    );
    const linuxChanged = docs.find(
      (d) =>
        d.event.action === 'file-modified' &&
        d.file.path.startsWith('/') &&
        !d.wazuh.agent.host &&
        d.event.changed_fields.length > 1,
    );
    expect(shape(linuxAdded).sort()).toEqual(shape(sample5('fim-added-event.json')).sort());
    expect(shape(linuxChanged).sort()).toEqual(shape(sample5('fim-modified-event.json')).sort());
    for (const [i, d] of docs.entries()) {
      const entry = corpus.entries[i];
      expect(d.wazuh.event.id).toBe(entry.docId);
      expect(d.wazuh.event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Date.parse(d['@timestamp'])).toBe(entry.epochMs);
      if (entry.kind !== 'fim') {
        expect(d.wazuh.integration.name).not.toBe('wazuh-fim');
        continue;
      }
      const original = JSON.parse(d.event.original);
      expect(original.data.event.type).toBe(entry.event);
      expect(d.event.type).toEqual([{ added: 'creation', modified: 'change', deleted: 'deletion' }[entry.event!]]);
      expect(d.file.hash ?? { md5: null, sha1: null, sha256: null }).toEqual(entry.hashes);
      expect(original.data.file.hash).toEqual(d.file.hash);
      expect(original.data.file.path).toBe(d.file.path);
    }
  });

  it('gives the fleet state as wazuh-states-fim-files documents the strict template accepts', () => {
    const states = fimStates5(corpus.fleet);
    const files = corpus.fleet.files();
    expect(states.docs).toHaveLength(files.length);
    const store = new IndexStore(() => 0);
    store.write(
      'wazuh-states-fim-files',
      states.docs.map((source) => ({ id: fimStateId(source), source })),
    );
    expect(store.live(store.indices.get('wazuh-states-fim-files')!, 1)).toHaveLength(files.length);
    expect(states.uniqueSha256).toBe(new Set(files.map((f) => f.hashes.sha256)).size);
    expect(states.uniqueSha256).toBeLessThan(files.length);
  });

  it('writes the engine file output: dated NDJSON files, past days gzipped, today behind the hard link', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const start = Date.UTC(2026, 6, 5, 23, 58, 0);
      const days = generateEvents5Corpus({ seed: 2, count: 600, startEpochMs: start });
      const last = days.entries[days.entries.length - 1].epochMs;
      const files = writeEngineOutput(dir, days.docs);
      expect(files.dated.length).toBeGreaterThanOrEqual(2);
      expect(files.dated.filter((f) => !f.gzipped).map((f) => f.file)).toEqual([path.join(dir, datedFile(last))]);
      expect(datedFile(start)).toBe(path.join('2026', 'Jul', 'wazuh-standard-wazuh-events-v5-05.json'));
      expect(files.live).toBe(path.join(dir, ENGINE_OUTPUT_LIVE));
      expect(fs.statSync(files.live!).ino).toBe(fs.statSync(path.join(dir, datedFile(last))).ino);
      const lines = files.dated.flatMap((f) => {
        const raw = fs.readFileSync(f.file);
        return (f.gzipped ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter(Boolean);
      });
      expect(lines.map((l) => JSON.parse(l))).toEqual(days.docs);
    } finally {
      cleanup();
    }
  });
});
