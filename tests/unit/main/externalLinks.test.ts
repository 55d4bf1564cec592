import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => {});
vi.mock('electron', () => ({ shell: { openExternal: (url: string) => openExternal(url) } }));

const { checkExternalUrl, safeOpenExternal } = await import('../../../electron/main/externalLinks');

const SHA = 'a'.repeat(64);

describe('safeOpenExternal', () => {
  beforeEach(() => {
    openExternal.mockClear();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('opens VirusTotal GUI pages', () => {
    for (const url of [
      `https://www.virustotal.com/gui/file/${SHA}`,
      `https://www.virustotal.com/gui/file/${SHA}/detection`,
      'https://www.virustotal.com/gui/home/upload',
      `https://WWW.VirusTotal.com/gui/file/${SHA}?x=1#top`,
    ]) {
      expect(checkExternalUrl(url).ok, url).toBe(true);
    }
    expect(safeOpenExternal(`https://www.virustotal.com/gui/file/${SHA}`)).toBe(true);
    expect(openExternal).toHaveBeenCalledWith(`https://www.virustotal.com/gui/file/${SHA}`);
  });

  it('hands the browser the re-serialised URL it checked', () => {
    safeOpenExternal('https://WWW.VIRUSTOTAL.COM/gui/file/abc');
    expect(openExternal).toHaveBeenCalledWith('https://www.virustotal.com/gui/file/abc');
  });

  const hostile = [
    'https://www.virustotal.com.evil.com/gui/file/x',
    'https://evil.com/?https://www.virustotal.com/gui/file/x',
    'https://evil.com/#https://www.virustotal.com/gui/',
    'https://evil.com/www.virustotal.com/gui/',
    'https://virustotal.com/gui/file/x',
    'https://www.virustotal.com/api/v3/files/x',
    'https://www.virustotal.com/',
    'https://www.virustotal.com/guix/file',
    'https://www.virustotal.com:8443/gui/file/x',
    'https://www.virustotal.com:443@evil.com/gui/',
    'https://user@www.virustotal.com/gui/file/x',
    'https://user:pass@www.virustotal.com/gui/file/x',
    'https://www.virustotal.com@evil.com/gui/file/x',
    'https://evil.com\\@www.virustotal.com/gui/',
    'https://www.virustotal.com\\@evil.com/gui/',
    'https:\\\\www.virustotal.com\\gui\\file',
    'https://www.virustotal.com/gui/\\..\\..\\x',
    'http://www.virustotal.com/gui/file/x',
    'javascript:alert(1)//https://www.virustotal.com/gui/',
    'JaVaScRiPt:alert(document.domain)',
    'file:///etc/passwd',
    'file://www.virustotal.com/gui/file/x',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://www.virustotal.com/gui/file',
    'ms-msdt:/id PCWDiagnostic',
    'https://www.vіrustotal.com/gui/file/x', // Cyrillic і
    'https://www.virustotal.com。evil.com/gui/',
    'https://xn--www-virustotal-com.evil/gui/',
    'https://www.virustotal.com%2eevil.com/gui/',
    'https://www.virus\ttotal.com/gui/',
    'https://www.virustotal.com/gui/file/x\nhttps://evil.com',
    ' https://www.virustotal.com/gui/file/x',
    '//www.virustotal.com/gui/file/x',
    '/gui/file/x',
    '',
    `https://www.virustotal.com/gui/${'a'.repeat(3000)}`,
  ];
  it.each(hostile)('refuses %s', (url) => {
    expect(checkExternalUrl(url).ok).toBe(false);
    expect(safeOpenExternal(url)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses what is not a string and logs each refusal', () => {
    for (const value of [
      undefined,
      null,
      42,
      {},
      ['https://www.virustotal.com/gui/'],
      new URL('https://www.virustotal.com/gui/'),
    ]) {
      expect(safeOpenExternal(value)).toBe(false);
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(console.warn).toHaveBeenCalled();
  });
});
