// Which indexer the server plays: its OpenSearch version (which decides what it can do: PIT from 2.4,
// `_shard_doc` from 3.3) and what `GET /` says. Wazuh 4.x indexers run OpenSearch 2.x with
// `compatibility.override_main_response_version: true` in opensearch.yml (for Filebeat OSS 7.10.2), so their
// `GET /` answers "number": "7.10.2" and no `distribution` at all (seen in wazuh/wazuh release test issues,
// e.g. #30320, #35503); Wazuh 5.x runs OpenSearch 3.6 where that setting is gone (wazuh-indexer-plugins
// docs/guide/migration) and `GET /` tells the truth. Wazuh 4.3 ran OpenSearch 1.2.4: no PIT at all.

export type IndexerPreset = 'wazuh-4.x' | 'wazuh-5.x' | 'wazuh-4.3';

export interface ClusterConfig {
  /** the OpenSearch version whose behaviour is emulated */
  opensearchVersion: string;
  /** what GET / reports as version.number instead (and then without `distribution`); null: the real one */
  mainResponseVersion: string | null;
  luceneVersion: string;
  clusterName: string;
  nodeName: string;
  /** default: from the version (2.4 and later) */
  pointInTime: boolean;
  /** an unknown route's status: 400 as OpenSearch answers "no handler found" */
  noHandlerStatus: number;
  maxResultWindow: number;
  /** search.max_open_pit_context */
  maxOpenPits: number;
  /** the security plugin's do_not_fail_on_forbidden: reduce a wildcard to the readable indices instead of 403 */
  doNotFailOnForbidden: boolean;
  /** order of hits that tie on every sort value outside a PIT: 'stable' (shard, then document), or 'shuffled'
   * per request, as a cluster answering from different replicas does */
  tieOrder: 'stable' | 'shuffled';
}

const PRESETS: Record<IndexerPreset, Partial<ClusterConfig>> = {
  'wazuh-4.x': {
    opensearchVersion: '2.19.3',
    mainResponseVersion: '7.10.2',
    luceneVersion: '9.12.3',
    clusterName: 'wazuh-cluster',
  },
  'wazuh-5.x': {
    opensearchVersion: '3.6.0',
    mainResponseVersion: null,
    luceneVersion: '10.3.2',
    clusterName: 'wazuh-cluster',
  },
  'wazuh-4.3': {
    opensearchVersion: '1.2.4',
    mainResponseVersion: '7.10.2',
    luceneVersion: '8.10.1',
    clusterName: 'wazuh-cluster',
  },
};

export function versionAtLeast(version: string, wanted: string): boolean {
  const a = version.split(/[.-]/).map((p) => Number(p) || 0);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
  }
  return true;
}

export function clusterConfig(preset: IndexerPreset, patch: Partial<ClusterConfig> = {}): ClusterConfig {
  const base = { ...PRESETS[preset], ...patch };
  const opensearchVersion = base.opensearchVersion ?? '2.19.3';
  return {
    opensearchVersion,
    mainResponseVersion: base.mainResponseVersion ?? null,
    luceneVersion: base.luceneVersion ?? '9.12.3',
    clusterName: base.clusterName ?? 'wazuh-cluster',
    nodeName: base.nodeName ?? 'node-1',
    pointInTime: base.pointInTime ?? versionAtLeast(opensearchVersion, '2.4'),
    noHandlerStatus: base.noHandlerStatus ?? 400,
    maxResultWindow: base.maxResultWindow ?? 10_000,
    maxOpenPits: base.maxOpenPits ?? 300,
    doNotFailOnForbidden: base.doNotFailOnForbidden ?? false,
    tieOrder: base.tieOrder ?? 'stable',
  };
}

/** `_shard_doc` exists from OpenSearch 3.3 (opensearch-project/OpenSearch#18924). */
export function supportsShardDoc(config: ClusterConfig): boolean {
  return versionAtLeast(config.opensearchVersion, '3.3');
}

/** The body of GET /. */
export function mainResponse(config: ClusterConfig): Record<string, unknown> {
  const overridden = config.mainResponseVersion !== null;
  return {
    name: config.nodeName,
    cluster_name: config.clusterName,
    cluster_uuid: 'p3-RnHWaQCGjfSzyAlpfEw',
    version: {
      ...(overridden ? {} : { distribution: 'opensearch' }),
      number: config.mainResponseVersion ?? config.opensearchVersion,
      build_type: 'rpm',
      build_hash: 'b37377d643adecae9ca26400094372bd02b5c5dc',
      build_date: '2025-07-02T10:33:08.562269004Z',
      build_snapshot: false,
      lucene_version: config.luceneVersion,
      minimum_wire_compatibility_version: overridden
        ? '7.10.0'
        : versionAtLeast(config.opensearchVersion, '3.0')
          ? '2.19.0'
          : '7.10.0',
      minimum_index_compatibility_version: overridden
        ? '7.0.0'
        : versionAtLeast(config.opensearchVersion, '3.0')
          ? '2.0.0'
          : '7.0.0',
    },
    tagline: 'The OpenSearch Project: https://opensearch.org/',
  };
}
