// Control characters made visible: the one helper the renderer and the exports use.
import { describe, expect, it } from 'vitest';
import {
  controlName,
  escapeControls,
  escapeControlsInJson,
  hasControls,
  isControl,
  splitControls,
  controlsName,
} from '../../../shared/visibleText';

const BIDI = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];

describe('which characters are made visible', () => {
  it('every C0 control (tab and newline too), DEL, every C1 control and the bidi controls', () => {
    const expected = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      0x7f,
      ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
      ...BIDI,
    ];
    for (const code of expected) expect(isControl(String.fromCharCode(code)), code.toString(16)).toBe(true);
  });

  it('nothing else: printable ASCII, accented letters, right-to-left letters, a zero-width joiner, emoji', () => {
    for (const ch of [' ', 'a', '~', '\u00a0', 'é', 'ß', 'ش', 'א', '\u200d', '\u2028', '\u2070', '😀', '\\'])
      expect(isControl(ch), ch).toBe(false);
    expect(hasControls('/var/www/html/shell.php')).toBe(false);
    expect(hasControls('C:\\Users\\Пользователь\\файл.exe')).toBe(false);
  });
});

describe('escapeControls (plain text: CSV, titles, <option>s)', () => {
  it('writes the right-to-left override as \\u202E: what the analyst reads is what the path holds', () => {
    expect(escapeControls('/tmp/evil\u202Etxt.exe')).toBe('/tmp/evil\\u202Etxt.exe');
  });

  it('shows tabs, newlines, escape sequences, DEL and C1 controls', () => {
    expect(escapeControls('a\tb\nc\r\u001b[31mred\u007f\u0085')).toBe(
      'a\\u0009b\\u000Ac\\u000D\\u001B[31mred\\u007F\\u0085',
    );
  });

  it('leaves a clean text as it is (the same string)', () => {
    const text = 'C:\\Users\\user\\Downloads\\setup.exe';
    expect(escapeControls(text)).toBe(text);
  });

  it('doubles a backslash that already reads like an escape, so the two cannot be confused', () => {
    expect(escapeControls('C:\\Users\\ubeef1\\x\u202E')).toBe('C:\\Users\\\\ubeef1\\x\\u202E');
  });
});

describe('splitControls (the renderer styles each control part)', () => {
  it('cuts the text into runs and single controls', () => {
    expect(splitControls('evil\u202Etxt.exe')).toEqual([
      { text: 'evil', control: null },
      { text: '\\u202E', control: '\u202E' },
      { text: 'txt.exe', control: null },
    ]);
  });

  it('keeps surrogate pairs whole and handles controls at both ends', () => {
    expect(splitControls('\u2066😀\u2069')).toEqual([
      { text: '\\u2066', control: '\u2066' },
      { text: '😀', control: null },
      { text: '\\u2069', control: '\u2069' },
    ]);
  });

  it('a clean text is one part', () => {
    expect(splitControls('/etc/passwd')).toEqual([{ text: '/etc/passwd', control: null }]);
  });

  it('keeps a run of controls in a row as one part (one element to draw), every one of them escaped', () => {
    expect(splitControls('build\u202E\u2066runner')).toEqual([
      { text: 'build', control: null },
      { text: '\\u202E\\u2066', control: '\u202E\u2066' },
      { text: 'runner', control: null },
    ]);
    const dels = splitControls(`/tmp/${'\x7f'.repeat(4090)}x`);
    expect(dels).toHaveLength(3);
    expect(dels[1].text).toBe('\\u007F'.repeat(4090));
    expect(dels.map((p) => p.text).join('')).toBe(escapeControls(`/tmp/${'\x7f'.repeat(4090)}x`));
  });
});

describe('controlsName (the tooltip of a run)', () => {
  it('names one control, and each different one of a run once with its count', () => {
    expect(controlsName('\u202E')).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(controlsName('\u202E\u2066')).toBe('U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE');
    expect(controlsName(`${'\x7f'.repeat(4090)}\u0000\x7f`)).toBe('U+007F DELETE ×4091, U+0000 NULL');
  });
});

describe('escapeControlsInJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { path: '/tmp/evil\u202Etxt.exe', other: 'a\u0085b\u007f\u2066c\n' };
    const json = escapeControlsInJson(JSON.stringify(value));
    expect(json).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(json).toContain('evil\\u202etxt.exe');
    expect(JSON.parse(json)).toEqual(value);
    // indented JSON keeps its layout
    const pretty = escapeControlsInJson(JSON.stringify([value], null, 2));
    expect(JSON.parse(pretty)).toEqual([value]);
    expect(pretty).toContain('\n  {\n');
  });
});

it('names a control for a tooltip', () => {
  expect(controlName('\u202E')).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
  expect(controlName('\n')).toBe('U+000A LINE FEED');
  expect(controlName('\u0090')).toBe('U+0090 C1 CONTROL');
});
