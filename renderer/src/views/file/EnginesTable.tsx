// Each engine's answer, detections first.
import { useState } from 'react';
import type { EngineResult } from '../../../../shared/contract';
import { formatCount } from '../../components/format';
import { enginesSentence } from '../../../../shared/verdictWords';
import { DataTable } from '../../components/DataTable';
import { VisibleText, visible } from '../../components/VisibleText';

const RANK: Record<string, number> = { malicious: 0, suspicious: 1 };
const rank = (category: string) => RANK[category] ?? 2;
const VERDICT_CATEGORIES = new Set(['malicious', 'suspicious', 'undetected', 'harmless']);

export function EnginesTable({ engines, fromWazuh }: { engines: EngineResult[]; fromWazuh: boolean }) {
  const [onlyDetections, setOnlyDetections] = useState(false);
  const sorted = [...engines].sort((a, b) => rank(a.category) - rank(b.category) || a.engine.localeCompare(b.engine));
  const detections = sorted.filter((e) => rank(e.category) < 2).length;
  const malicious = engines.filter((e) => e.category === 'malicious').length;
  const suspicious = detections - malicious;
  // the same count as the verdict's total: engines that gave a verdict (not "type-unsupported", "timeout"...)
  const answered = engines.filter((e) => VERDICT_CATEGORIES.has(e.category)).length;
  const others = engines.length - answered;
  const shown = onlyDetections ? sorted.slice(0, detections) : sorted;

  if (engines.length === 0) {
    return (
      <p className="muted">
        {fromWazuh
          ? 'Wazuh’s alert carried the counts only. “Refresh report” asks VirusTotal for each engine’s answer.'
          : 'No engine answered yet: the file has no VirusTotal report.'}
      </p>
    );
  }
  return (
    <>
      <div className="section-tools">
        <span>
          {enginesSentence(malicious, answered)}
          {suspicious > 0 ? ` · ${formatCount(suspicious)} ${suspicious === 1 ? 'says' : 'say'} suspicious` : ''}
          {others > 0 ? ` · ${formatCount(others)} could not scan it` : ''}
        </span>
        <label className="check">
          <input type="checkbox" checked={onlyDetections} onChange={(e) => setOnlyDetections(e.target.checked)} />
          Only detections
        </label>
      </div>
      <DataTable
        label="Engines"
        columns={['Engine', 'Category', 'Result']}
        wrapClassName="table-wrap table-wrap--engines"
      >
        {shown.map((engine) => (
          <tr key={engine.engine} className={`engine engine--${engine.category}`}>
            <th scope="row" title={engine.update ? `signatures of ${visible(engine.update)}` : undefined}>
              <VisibleText text={engine.engine} />
            </th>
            <td>
              <span className={`category category--${engine.category}`}>
                <VisibleText text={engine.category} />
              </span>
            </td>
            <td className="mono-soft">
              {engine.result ? <VisibleText text={engine.result} /> : <span className="muted">–</span>}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
