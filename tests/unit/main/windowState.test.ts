import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_SIZE,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  type DisplayLike,
} from '../../../electron/main/windowState';

const laptop: DisplayLike = { workArea: { x: 0, y: 0, width: 1440, height: 875 } };
const right: DisplayLike = { workArea: { x: 1440, y: 0, width: 2560, height: 1415 } };

describe('window state', () => {
  it('centres the default size on the primary display the first time', () => {
    const s = clampToDisplays(null, [laptop]);
    expect(s.bounds).toEqual({ x: 80, y: 28, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
    expect(s.maximized).toBe(false);
  });

  it('keeps a saved place that is visible', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: true };
    expect(clampToDisplays(saved, [laptop, right])).toEqual(saved);
  });

  it('brings a window from an unplugged monitor back to the primary display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: false };
    const s = clampToDisplays(saved, [laptop]);
    expect(s.bounds.x).toBeGreaterThanOrEqual(0);
    expect(s.bounds.x + s.bounds.width).toBeLessThanOrEqual(1440);
    expect(s.bounds.y + s.bounds.height).toBeLessThanOrEqual(875);
    expect(s.bounds.width).toBe(1200);
  });

  it('pulls a window whose title bar is above the screen back in, and caps its size to the display', () => {
    const s = clampToDisplays({ bounds: { x: 100, y: -500, width: 5000, height: 3000 }, maximized: false }, [laptop]);
    expect(s.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('moves a barely visible window fully onto its display', () => {
    const s = clampToDisplays({ bounds: { x: 1200, y: 700, width: 1000, height: 700 }, maximized: false }, [laptop]);
    expect(s.bounds).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
  });

  it('enforces a minimum size and survives no displays at all', () => {
    const s = clampToDisplays({ bounds: { x: 10, y: 10, width: 5, height: 5 }, maximized: false }, [laptop]);
    expect(s.bounds.width).toBe(800);
    expect(s.bounds.height).toBe(500);
    expect(clampToDisplays(null, []).bounds.width).toBe(DEFAULT_SIZE.width);
  });

  it('ignores a damaged state file', () => {
    expect(parseWindowState({ bounds: { x: 'a', y: 0, width: 1, height: 1 } })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: Infinity, height: 1 } })).toBeNull();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-ws-'));
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{not json');
    expect(loadWindowState(dir)).toBeNull();
    const state = { bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: true };
    saveWindowState(dir, state);
    expect(loadWindowState(dir)).toEqual(state);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
