// What only the desktop shell can do. The seam for a native file/folder picker: when the preload adds
// `pickPath(kind)` to window.fimVerdict (not in the shared contract yet: see renderer/CONTRACT-REQUESTS.md),
// Settings shows a "Browse…" button next to the source path. In the browser there is none: the path is typed.
export type PickKind = 'file' | 'folder';

type Picker = (kind: PickKind) => Promise<string | null>;

function findPicker(): Picker | null {
  const bridge = window.fimVerdict as unknown as { pickPath?: unknown } | undefined;
  const pick = bridge?.pickPath;
  if (typeof pick !== 'function') return null;
  return async (kind) => {
    const answer: unknown = await (pick as (kind: PickKind) => Promise<unknown>)(kind);
    // the bridge answers an ApiResult like every other call, or a bare string
    if (answer && typeof answer === 'object' && 'ok' in answer) {
      const result = answer as { ok: boolean; value?: unknown };
      return result.ok && typeof result.value === 'string' ? result.value : null;
    }
    return typeof answer === 'string' ? answer : null;
  };
}

export const platform = {
  /** null when there is no native picker (the browser, or a preload without it) */
  pickPath: findPicker(),
};
