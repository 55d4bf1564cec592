// Positives at each answer, oldest to newest (one step per answer: answers can be minutes or months apart, and
// each one matters); Wazuh-imported answers drawn as triangles. The list below has the exact times.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { useMemo, useRef } from 'react';
import type { HistoryEntry } from '../../../../shared/contract';
import { formatLocal, formatLocalFull, toMs } from '../../components/format';
import { useChart, useChartColors } from '../../hooks/useChart';

interface Answer {
  at: number;
  positives: number;
  total: number | null;
  origin: HistoryEntry['origin'];
}

export function HistoryChart({ history }: { history: HistoryEntry[] }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colors = useChartColors();
  const answers = useMemo(() => {
    const list: Answer[] = [];
    for (const entry of history) {
      const at = toMs(entry.at);
      if (at === null || entry.positives === null) continue;
      list.push({ at, positives: entry.positives, total: entry.total, origin: entry.origin });
    }
    return list.sort((a, b) => a.at - b.at);
  }, [history]);

  const config = useMemo<ChartConfiguration<'line', (number | null)[], string>>(() => {
    const newest = answers.length ? answers[answers.length - 1].at : 0;
    return {
      type: 'line',
      data: {
        labels: answers.map((a) => formatLocal(a.at, newest)),
        datasets: [
          {
            label: 'VirusTotal answers',
            data: answers.map((a) => (a.origin === 'virustotal' ? a.positives : null)),
            borderColor: colors.accent,
            backgroundColor: colors.accent,
            pointRadius: 4,
            spanGaps: true,
            tension: 0,
          },
          {
            label: 'From Wazuh',
            data: answers.map((a) => (a.origin === 'wazuh' ? a.positives : null)),
            borderColor: colors.muted,
            backgroundColor: colors.muted,
            pointStyle: 'triangle',
            pointRadius: 6,
            showLine: false,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: { ticks: { color: colors.muted, maxRotation: 0, autoSkipPadding: 16 }, grid: { color: colors.grid } },
          y: {
            beginAtZero: true,
            suggestedMax: Math.max(...answers.map((a) => a.total ?? a.positives), 1),
            title: { display: true, text: 'engines saying malicious', color: colors.muted },
            ticks: { color: colors.muted, precision: 0 },
            grid: { color: colors.grid },
          },
        },
        plugins: {
          legend: { labels: { color: colors.text, usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: (items: TooltipItem<'line'>[]) => {
                const answer = answers[items[0]?.dataIndex ?? -1];
                return answer ? formatLocalFull(answer.at) : '';
              },
              label: (item: TooltipItem<'line'>) => {
                const answer = answers[item.dataIndex];
                return `${item.dataset.label}: ${answer.positives}${answer.total !== null ? `/${answer.total}` : ''}`;
              },
            },
          },
        },
      },
    };
  }, [answers, colors]);
  useChart(canvasRef, config);

  const latest = answers[answers.length - 1];
  return (
    <div className="chart chart--history">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`Positives over time: ${answers.length} ${answers.length === 1 ? 'answer' : 'answers'}${
          latest ? `, the latest ${latest.positives}/${latest.total ?? '?'}` : ''
        }. The list below has every answer.`}
      />
    </div>
  );
}
