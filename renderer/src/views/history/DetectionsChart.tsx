// Detections per day (malicious and suspicious answers), stacked bars, with the day's look-ups in the tooltip.
import type { ChartConfiguration } from 'chart.js';
import { useMemo, useRef, useState } from 'react';
import type { ApiOutput } from '../../../../shared/contract';
import { localDay } from '../../components/format';
import { useChart, useChartColors } from '../../hooks/useChart';

type Day = ApiOutput<'historySummary'>['days'][number];

const dayLabel = (day: string) => {
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
};

/** Every day of the period, the quiet ones at zero (the summary lists only days with answers). */
export function fillDays(days: Day[], count: number, today = new Date()): Day[] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  for (let i = count - 1; i >= 0; i -= 1) {
    const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    const day = localDay(date);
    if (!byDay.has(day)) byDay.set(day, { day, lookups: 0, malicious: 0, suspicious: 0 });
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)).slice(-Math.max(count, days.length));
}

export function DetectionsChart({ days: answered, period }: { days: Day[]; period: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colors = useChartColors();
  const [today] = useState(() => new Date());
  const days = useMemo(() => fillDays(answered, period, today), [answered, period, today]);
  const config = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: days.map((d) => dayLabel(d.day)),
        datasets: [
          {
            label: 'Malicious',
            data: days.map((d) => d.malicious),
            backgroundColor: colors.malicious,
            stack: 'd',
            maxBarThickness: 28,
          },
          {
            label: 'Suspicious',
            data: days.map((d) => d.suspicious),
            backgroundColor: colors.suspicious,
            stack: 'd',
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: {
            stacked: true,
            ticks: { color: colors.muted, maxRotation: 0, autoSkipPadding: 12 },
            grid: { display: false },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            ticks: { color: colors.muted, precision: 0 },
            grid: { color: colors.grid },
            title: { display: true, text: 'answers', color: colors.muted },
          },
        },
        plugins: {
          legend: { labels: { color: colors.text } },
          tooltip: {
            callbacks: {
              footer: (items) => {
                const day = days[items[0]?.dataIndex ?? -1];
                return day ? `${day.lookups} look-ups that day` : '';
              },
            },
          },
        },
      },
    }),
    [days, colors],
  );
  useChart(canvasRef, config);

  const malicious = days.reduce((n, d) => n + d.malicious, 0);
  const suspicious = days.reduce((n, d) => n + d.suspicious, 0);
  return (
    <div className="chart chart--days">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`Detections per day over ${days.length} days: ${malicious} malicious and ${suspicious} suspicious answers.`}
      />
    </div>
  );
}
