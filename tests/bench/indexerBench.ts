// Indexer benchmark: FIM events per second read from the project's test indexer (HTTPS, the Wazuh 4.x preset,
// pages of 500 with PIT + search_after) into SQLite by the real engine, beside the file ingest figure. The test
// indexer runs in this process too, so the figure is a floor for the engine's side (a real cluster answers from
// its own machine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEngine } from '../../electron/core/engine';
import { startIndexerServer, TLS_FILES } from '../emulator/indexer/indexerServer';
import { summarize } from '../generators/indexerCorpus';
import { feedCorpus4, generateIndexer4Corpus } from '../generators/wazuhIndexer4';
import { memorySecretStore } from '../helpers/engine';

export interface IndexerFigures {
  indexerDocuments: number;
  indexerFimEvents: number;
  indexerSeconds: number;
  indexerFimEventsPerSec: number;
}

export async function indexerBench(documents: number, log: (m: string) => void): Promise<IndexerFigures> {
  const corpus = generateIndexer4Corpus({
    seed: 7,
    count: documents,
    otherShare: 0,
    startEpochMs: Date.now() - 20 * 3_600_000,
  });
  const fim = summarize(corpus.entries).fim;
  const ix = await startIndexerServer({ preset: 'wazuh-4.x' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-bench-ix-'));
  try {
    feedCorpus4(ix, corpus);
    log(`indexer: ${documents} documents (${fim} FIM events) in the test indexer`);
    const started = process.hrtime.bigint();
    const engine = await startEngine({
      dataDir,
      secrets: memorySecretStore(),
      transport: 'http',
      indexer: {
        urls: [ix.url],
        trust: { kind: 'ca-file', path: TLS_FILES.rootCa },
        wazuhVersion: '4',
        fromEnd: false,
      },
      indexerCredentialsFromEnv: { username: 'admin', password: 'admin' },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const check = async () => {
          const s = await engine.backend.handlers.getStats({});
          if (s.fimEvents >= fim) resolve();
          else if (s.sources[0]?.state === 'error' || s.sources[0]?.state === 'permission-denied')
            reject(new Error(s.sources[0].message));
          else setTimeout(() => void check().catch(reject), 20);
        };
        void check().catch(reject);
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return {
        indexerDocuments: documents,
        indexerFimEvents: fim,
        indexerSeconds: Math.round(seconds * 100) / 100,
        indexerFimEventsPerSec: Math.round(fim / seconds),
      };
    } finally {
      await engine.stop();
    }
  } finally {
    await ix.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
