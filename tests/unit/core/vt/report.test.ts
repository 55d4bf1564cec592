import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { VT_FIXTURES } from '../../../helpers/fixtures';
import {
  parseAnalyseAccepted,
  parseAnalysisStatus,
  parseOverallQuotas,
  parseV2Date,
  parseV2Report,
  parseV3File,
} from '../../../../electron/core/vt/report';
import { verdictOf } from '../../../../electron/core/vt/types';

const FIXTURES = pathToFileURL(VT_FIXTURES + '/');
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
const SHA256 = '0821a97827a25e3694134ac261189f61f06b010b741d66c933833a7ea53bad3c';
const clone = <T>(v: T): T => structuredClone(v);
type Json = { data: { id: string; attributes: Record<string, unknown> } };

describe('parseV3File with the 2020 malicious fixture', () => {
  const report = parseV3File(fixture('v3-file-malicious-2020.json'))!;

  it('reads hashes, names, type, dates', () => {
    expect(report).not.toBeNull();
    expect(report.api).toBe('v3');
    expect(report.sha256).toBe(SHA256);
    expect(report.md5).toBe('000052c5b5ff444f543689508df67340');
    expect(report.sha1).toBe('b24508e3d24c3ea319132871c218267f0bb80dd1');
    expect(report.names).toEqual([
      '000052c5b5ff444f543689508df67340.virobj',
      SHA256,
      '000052c5b5ff444f543689508df67340',
    ]);
    expect(report.typeDescription).toBe('Win32 DLL');
    expect(report.size).toBe(3584);
    expect(report.tags).toEqual(['pedll']);
    expect(report.reputation).toBe(0);
    expect(report.firstSubmissionMs).toBe(1408464826000);
    expect(report.lastAnalysisMs).toBe(1580829374000);
    expect(report.threatLabel).toBeNull();
  });

  it('counts from last_analysis_stats (hyphenated keys), not from the trimmed results', () => {
    expect(report.stats).toEqual({
      malicious: 68,
      suspicious: 0,
      undetected: 4,
      harmless: 0,
      timeout: 0,
      confirmedTimeout: 0,
      failure: 0,
      typeUnsupported: 3,
    });
    expect(report.engines).toHaveLength(4);
    expect(report.engines[2]).toEqual({
      engine: 'Cybereason',
      category: 'type-unsupported',
      result: null,
      version: null,
      update: '20180308',
    });
    expect(verdictOf(report, 1)).toEqual({ state: 'malicious', positives: 68, total: 72 });
  });

  it('builds the GUI permalink from data.id, never from the md5', () => {
    expect(report.permalink).toBe(`https://www.virustotal.com/gui/file/${SHA256}`);
  });

  it('lower-cases hashes and takes attributes.sha256 when data.id is not one', () => {
    const json = clone(fixture('v3-file-malicious-2020.json')) as Json;
    json.data.id = 'not-a-hash';
    json.data.attributes.md5 = '000052C5B5FF444F543689508DF67340';
    const r = parseV3File(json)!;
    expect(r.sha256).toBe(SHA256);
    expect(r.md5).toBe('000052c5b5ff444f543689508df67340');
  });
});

describe('parseV3File defensively', () => {
  const base = () => clone(fixture('v3-file-malicious-2020.json')) as Json;

  it('gives null for other shapes', () => {
    for (const bad of [null, 1, 'x', [], {}, { data: [] }, { data: { id: SHA256 } }, { error: { code: 'X' } }]) {
      expect(parseV3File(bad)).toBeNull();
    }
    const analysis = base() as unknown as { data: { type: string } };
    analysis.data.type = 'analysis';
    expect(parseV3File(analysis)).toBeNull();
    const noHash = base();
    noHash.data.id = 'x';
    delete noHash.data.attributes.sha256;
    expect(parseV3File(noHash)).toBeNull();
  });

  it('reads the suggested threat label, or builds one from old lists of pairs', () => {
    const modern = base();
    modern.data.attributes.popular_threat_classification = {
      suggested_threat_label: 'trojan.razy/msil',
      popular_threat_category: [{ count: 12, value: 'trojan' }],
    };
    expect(parseV3File(modern)!.threatLabel).toBe('trojan.razy/msil');
    const old = base();
    old.data.attributes.popular_threat_classification = {
      popular_threat_category: [
        ['adware', 2],
        ['trojan', 9],
      ],
      popular_threat_name: [['emotet', 5]],
    };
    expect(parseV3File(old)!.threatLabel).toBe('trojan.emotet');
    const junk = base();
    junk.data.attributes.popular_threat_classification = { suggested_threat_label: 5, popular_threat_name: 'x' };
    expect(parseV3File(junk)!.threatLabel).toBeNull();
  });

  it('caps and cleans names and tags, refuses odd numbers', () => {
    const j = base();
    j.data.attributes.names = [...Array.from({ length: 80 }, (_, i) => `n${i}`), 5, null, ''];
    j.data.attributes.meaningful_name = 'n3';
    j.data.attributes.tags = ['a', 'a', 7, 'b'];
    j.data.attributes.size = -1;
    j.data.attributes.reputation = 'bad';
    j.data.attributes.last_analysis_date = 'yesterday';
    const r = parseV3File(j)!;
    expect(r.names).toHaveLength(50);
    expect(r.names.slice(0, 3)).toEqual(['n3', 'n0', 'n1']);
    expect(r.tags).toEqual(['a', 'b']);
    expect(r.size).toBeNull();
    expect(r.reputation).toBeNull();
    expect(r.lastAnalysisMs).toBeNull();
  });

  it('counts the engines only when the stats are missing', () => {
    const j = base();
    delete j.data.attributes.last_analysis_stats;
    const r = parseV3File(j)!;
    expect(r.stats.malicious).toBe(2);
    expect(r.stats.undetected).toBe(1);
    expect(r.stats.typeUnsupported).toBe(1);
    const garbage = base();
    garbage.data.attributes.last_analysis_stats = { malicious: -3, undetected: 'x', harmless: 2.7 };
    expect(parseV3File(garbage)!.stats).toMatchObject({ malicious: 0, undetected: 0, harmless: 2 });
  });
});

describe('parseV2Report', () => {
  it('reads a found answer: positives 7 of 67, UTC scan_date, GUI permalink', () => {
    const parsed = parseV2Report(fixture('v2-file-report-found.json'))!;
    expect(parsed.responseCode).toBe(1);
    const r = parsed.found!;
    expect(r.api).toBe('v2');
    expect(r.sha256).toBe('8604adffc091a760deb4f4d599ab07540c300a0ccb5581de437162e940663a1e');
    expect(r.md5).toBe('9519135089d69ad7ae6b00a78480bb2b');
    expect(r.permalink).toBe(
      'https://www.virustotal.com/gui/file/8604adffc091a760deb4f4d599ab07540c300a0ccb5581de437162e940663a1e',
    );
    expect(r.lastAnalysisMs).toBe(Date.UTC(2017, 10, 14, 17, 24, 37));
    expect(r.engines).toEqual([
      { engine: 'ALYac', category: 'malicious', result: 'Trojan.Agent.EBDQ', version: '1.1.1.5', update: '20171114' },
      { engine: 'Antiy-AVL', category: 'undetected', result: null, version: '3.0.0.1', update: '20171114' },
    ]);
    expect(verdictOf(r, 1)).toEqual({ state: 'malicious', positives: 7, total: 67 });
    expect(verdictOf(r, 10)).toEqual({ state: 'suspicious', positives: 7, total: 67 });
  });

  it('reads not found (0) and queued (-2) without a report', () => {
    expect(parseV2Report(fixture('v2-file-report-not-found.json'))).toEqual({ found: null, responseCode: 0 });
    expect(parseV2Report({ response_code: -2, resource: 'x' })).toEqual({ found: null, responseCode: -2 });
  });

  it('gives null for other shapes', () => {
    for (const bad of [null, [], {}, { response_code: '1' }, { response_code: 1, md5: 'x' }]) {
      expect(parseV2Report(bad)).toBeNull();
    }
  });

  it('parses v2 dates as UTC and refuses others', () => {
    expect(parseV2Date('2017-11-14 17:24:37')).toBe(Date.UTC(2017, 10, 14, 17, 24, 37));
    expect(parseV2Date('14/11/2017')).toBeNull();
    expect(parseV2Date(5)).toBeNull();
  });
});

describe('analysis and quota answers', () => {
  it('reads the analyse answer and the analysis status', () => {
    expect(parseAnalyseAccepted(fixture('v3-analyse-accepted.json'), 'v3')).toBe(
      'NjY0MjRlOTFjMDIyYTkyNWM0NjU2NWQzYWNlMzFmZmI6MTQ3NTA0ODI3Nw==',
    );
    expect(parseAnalyseAccepted({ data: { type: 'file', id: 'x' } }, 'v3')).toBeNull();
    expect(parseAnalyseAccepted({ response_code: 1, scan_id: 'abc-1' }, 'v2')).toBe('abc-1');
    expect(parseAnalysisStatus(fixture('v3-analysis-queued.json'))).toBe('queued');
    expect(parseAnalysisStatus({ data: { attributes: { status: 'done' } } })).toBeNull();
  });

  it('reads overall_quotas into an Allowance', () => {
    const json = {
      data: {
        api_requests_hourly: { user: { allowed: 240, used: 3 } },
        api_requests_daily: { user: { allowed: 500, used: 7 } },
        api_requests_monthly: { group: { allowed: 1, used: 1 } },
      },
    };
    expect(parseOverallQuotas(json, Date.UTC(2024, 0, 2, 3, 4, 5))).toEqual({
      readAt: '2024-01-02T03:04:05.000Z',
      hourly: { allowed: 240, used: 3 },
      daily: { allowed: 500, used: 7 },
      monthly: null,
    });
    expect(parseOverallQuotas({ data: {} }, 0)).toBeNull();
    expect(parseOverallQuotas('x', 0)).toBeNull();
  });
});
