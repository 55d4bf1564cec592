// An export from the page: over HTTP the browser downloads it from the server (download=1, after a count, with
// what the count narrowed: the Live export's maxId), in the desktop app the bridge saves it through the Save
// dialog (the method and input only); the note says the file and its rows, or that it was cancelled.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../../shared/contract';
import { exportToFile } from '../../../../renderer/src/components/exportFile';

const g = globalThis as unknown as { window?: unknown; document?: unknown };
afterEach(() => {
  delete g.window;
  delete g.document;
});

/** A document whose links record what they were clicked with. */
function fakeDocument() {
  const clicked: { href: string; download: string }[] = [];
  g.document = {
    createElement: () => {
      const link = {
        href: '',
        download: '',
        rel: '',
        click: () => clicked.push({ href: link.href, download: link.download }),
        remove: () => {},
      };
      return link;
    },
    body: { append: () => {} },
  };
  return clicked;
}

describe('exportToFile', () => {
  it('over HTTP: counts, then lets the browser download from the server with download=1', async () => {
    const clicked = fakeDocument();
    const count = vi.fn(async () => ({ n: 1234, noun: 'row' as const, input: { maxId: 99 } }));
    const note = await exportToFile('http', 'exportAlerts', { format: 'csv', state: 'malicious' }, count);
    expect(count).toHaveBeenCalledTimes(1);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].href).toBe('/api/alerts/export?format=csv&state=malicious&maxId=99&download=1');
    expect(clicked[0].download).toMatch(/^fim-verdict-alerts-\d{4}-\d\d-\d\d\.csv$/);
    expect(note).toBe(`${clicked[0].download}: 1,234 rows`);

    const files = await exportToFile('http', 'exportFiles', { format: 'json', hashes: 'a,b' }, async () => ({
      n: 1,
      noun: 'file',
    }));
    expect(clicked[1].href).toBe('/api/files/export?format=json&hashes=a%2Cb&download=1');
    expect(files).toMatch(/^fim-verdict-files-.*\.json: 1 file$/);
  });

  it('in the desktop app: the bridge saves it (method and input only), no count, no link', async () => {
    const clicked = fakeDocument();
    const saveExport = vi.fn(async () => ({
      ok: true as const,
      value: { saved: true as const, filename: 'mine.csv', rows: 2 },
    }));
    g.window = { fimVerdict: { saveExport } };
    const count = vi.fn();
    const input = { format: 'csv' as const, state: 'malicious' as const };
    expect(await exportToFile('ipc', 'exportHistory', input, count)).toBe('mine.csv: 2 rows');
    expect(saveExport).toHaveBeenCalledWith('exportHistory', input);
    expect(count).not.toHaveBeenCalled();
    expect(clicked).toEqual([]);

    saveExport.mockResolvedValueOnce({ ok: true, value: { saved: false } } as never);
    expect(await exportToFile('ipc', 'exportHistory', input, count)).toBe('Export cancelled');

    saveExport.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'no room left' } } as never);
    const failed = exportToFile('ipc', 'exportHistory', input, count);
    await expect(failed).rejects.toBeInstanceOf(ApiCallError);
    await expect(failed).rejects.toThrow('no room left');
  });
});
