// Control characters made visible. A path from an alert can hold any bytes: a right-to-left override turns
// "evil\u202Etxt.exe" into what reads as "evilexe.txt", a newline or an escape sequence hides what follows.
// Every string that came from an alert or a remote answer goes through these before an analyst reads it: the
// renderer shows each such character as a visible `\u202E` in a distinct style (renderer/src/components/
// VisibleText.tsx), and the exports write it as that text (CSV) or as a JSON `\u` escape (JSON). Pure.

/**
 * What is made visible: C0 controls (a path has no business holding a tab or a newline either), DEL, C1, and the
 * bidi controls (Arabic letter mark, LRM/RLM, the embeddings and overrides U+202A-U+202E, the isolates
 * U+2066-U+2069).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** Is `ch` (one UTF-16 unit) one of the characters made visible? */
export function isControl(ch: string): boolean {
  return ch.length === 1 && CONTROL.test(ch);
}

export function hasControls(text: string): boolean {
  return CONTROL.test(text);
}

/** How many characters of `text` are made visible (each becomes an escape of its own). */
export function controlCount(text: string): number {
  return text.match(CONTROLS)?.length ?? 0;
}

/** "\u202E": the visible form of one control character. */
export function controlEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE" (a tooltip, a screen reader's words). */
export function controlName(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const name = NAMES[code] ?? (code < 0x20 || code === 0x7f ? 'CONTROL CHARACTER' : code <= 0x9f ? 'C1 CONTROL' : '');
  return name ? `U+${hex} ${name}` : `U+${hex}`;
}

/** A `\` followed by u and four hex digits already in the text: doubled in escapeControls, so no one takes it for an escape. */
const LITERAL_ESCAPE = /\\(?=u[0-9a-fA-F]{4})/g;

/**
 * The text with every control character written as `\uXXXX` (plain text: CSV exports, title attributes, the
 * options of a <select>). A backslash already followed by `uXXXX` in the text is doubled (`C:\Users\ubeef1` ->
 * `C:\Users\\ubeef1`), so an escape written here is never confused with what the path held.
 */
export function escapeControls(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(LITERAL_ESCAPE, '\\\\').replace(CONTROLS, controlEscape);
}

export interface TextPart {
  /** the text itself, or the visible escapes of a run of control characters */
  text: string;
  /** this part stands for these control characters (one or more, in a row) */
  control: string | null;
}

/**
 * The text cut into plain runs and runs of control characters (the renderer styles each of the latter as one
 * element: a name made of 4,000 DELs is one marked run, not 4,000 elements to draw).
 */
export function splitControls(text: string): TextPart[] {
  if (!CONTROL.test(text)) return [{ text, control: null }];
  const parts: TextPart[] = [];
  let plain = '';
  let controls = '';
  const flushControls = () => {
    if (controls) parts.push({ text: [...controls].map(controlEscape).join(''), control: controls });
    controls = '';
  };
  for (const ch of text) {
    if (ch.length === 1 && CONTROL.test(ch)) {
      if (plain) parts.push({ text: plain, control: null });
      plain = '';
      controls += ch;
    } else {
      flushControls();
      plain += ch;
    }
  }
  flushControls();
  if (plain) parts.push({ text: plain, control: null });
  return parts;
}

/**
 * The names of a run of control characters (a tooltip): "U+202E RIGHT-TO-LEFT OVERRIDE" for one; for more, each
 * different one once, in order, with how many times when more than once ("U+007F DELETE ×4090, U+0000 NULL").
 */
export function controlsName(run: string): string {
  const counts = new Map<string, number>();
  for (const ch of run) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return [...counts].map(([ch, n]) => (n > 1 ? `${controlName(ch)} ×${n}` : controlName(ch))).join(', ');
}

/** The controls JSON.stringify writes raw (C0 it escapes already; a newline outside strings is layout). */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (as JSON.stringify wrote it, indented or not) with the control characters JSON.stringify leaves raw
 * (DEL, C1, bidi) written as `\u` escapes: the same value for a JSON parser, and nothing that reorders or hides
 * text in an editor or a terminal. (They can only occur inside strings, where `\uXXXX` is their exact escape.)
 */
export function escapeControlsInJson(json: string): string {
  return json.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
