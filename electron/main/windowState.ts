// The window's size and position, remembered in userData/window-state.json and brought back onto a display that
// exists now (a monitor unplugged since must not leave the window off screen). Pure logic + two small file helpers.
import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}
export interface DisplayLike {
  workArea: Rect;
}

export const STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 800, height: 500 };
/** how much of the window's top strip must lie on a display for the saved place to count as visible */
const MIN_VISIBLE = { width: 160, height: 40 };

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as { bounds?: Partial<Rect>; maximized?: unknown };
  if (!bounds || ![bounds.x, bounds.y, bounds.width, bounds.height].every(finite)) return null;
  return { bounds: bounds as Rect, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function centred(area: Rect, width: number, height: number): Rect {
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where the window opens: the saved bounds when their title strip is visible on a display (size capped to that
 * display), else the saved or default size centred on the primary display (displays[0]).
 */
export function clampToDisplays(saved: WindowState | null, displays: DisplayLike[]): WindowState {
  const primary = displays[0]?.workArea ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (area: Rect, w: number, h: number) => ({
    width: Math.round(Math.min(Math.max(w, MIN_SIZE.width), area.width)),
    height: Math.round(Math.min(Math.max(h, MIN_SIZE.height), area.height)),
  });
  if (!saved) {
    const size = fit(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);
    return { bounds: centred(primary, size.width, size.height), maximized: false };
  }
  const { bounds } = saved;
  const titleStrip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: MIN_VISIBLE.height };
  for (const { workArea } of displays) {
    const o = overlap(titleStrip, workArea);
    if (o.width >= Math.min(MIN_VISIBLE.width, bounds.width) && o.height >= MIN_VISIBLE.height) {
      const size = fit(workArea, bounds.width, bounds.height);
      const x = Math.min(Math.max(bounds.x, workArea.x), workArea.x + workArea.width - size.width);
      const y = Math.min(Math.max(bounds.y, workArea.y), workArea.y + workArea.height - size.height);
      return { bounds: { x: Math.round(x), y: Math.round(y), ...size }, maximized: saved.maximized };
    }
  }
  const size = fit(primary, bounds.width, bounds.height);
  return { bounds: centred(primary, size.width, size.height), maximized: saved.maximized };
}

export function loadWindowState(dataDir: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')));
  } catch {
    return null;
  }
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, STATE_FILE);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  } catch (error) {
    console.warn(`[window] could not save the window state: ${(error as Error).message}`);
  }
}
