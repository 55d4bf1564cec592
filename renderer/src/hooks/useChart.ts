// Chart.js without a wrapper: one Chart per canvas, created on mount, updated in place when the config changes,
// destroyed on unmount, rebuilt when the theme flips (its colours come from the CSS custom properties).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useResolvedTheme } from './useTheme';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);
Chart.defaults.animation = false;
Chart.defaults.font.family =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";
Chart.defaults.font.size = 12;

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  malicious: string;
  suspicious: string;
  clean: string;
  unknown: string;
  accent: string;
}

/** A custom property resolved to a colour the canvas understands (light-dark() and var() included). */
function resolveColor(probe: HTMLElement, name: string): string {
  probe.style.color = `var(${name})`;
  return getComputedStyle(probe).color;
}

// `_theme` only keys the memo: the values come from the CSS of the theme on screen
function readColors(_theme: string): ChartColors {
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  try {
    return {
      text: resolveColor(probe, '--text'),
      muted: resolveColor(probe, '--text-muted'),
      grid: resolveColor(probe, '--border'),
      malicious: resolveColor(probe, '--malicious'),
      suspicious: resolveColor(probe, '--suspicious'),
      clean: resolveColor(probe, '--clean'),
      unknown: resolveColor(probe, '--unknown'),
      accent: resolveColor(probe, '--accent'),
    };
  } finally {
    probe.remove();
  }
}

/** The chart palette for the theme on screen. */
export function useChartColors(): ChartColors {
  const theme = useResolvedTheme();
  return useMemo(() => readColors(theme), [theme]);
}

export function useChart<T extends ChartType>(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  config: ChartConfiguration<T>,
): void {
  const chartRef = useRef<Chart<T> | null>(null);
  const theme = useResolvedTheme();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = new Chart(canvas, config);
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
    // a new chart only for a new canvas or a new theme; data changes are applied below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canvasRef, theme]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data = config.data;
    if (config.options) chart.options = config.options;
    chart.update('none');
  }, [config]);
}
