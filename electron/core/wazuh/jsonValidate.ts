// Is a line of bytes exactly one JSON object, by the same rules as JSON.parse? Used for the alerts.json lines that
// are only counted (not FIM, not VirusTotal): they are checked without decoding them to a string or building any
// object, so a line broken anywhere inside is a parse error as it would be for JSON.parse, at a fraction of its cost.
//
// Bytes are checked as RFC 8259 grammar. Bytes >= 0x80 are accepted inside strings whatever they are: JSON.parse
// sees the decoded text, where invalid UTF-8 has become U+FFFD, which a string may hold. Outside strings only ASCII
// is valid. A raw control character (< 0x20) inside a string is an error, as for JSON.parse.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const isWhitespace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const isDigit = (b: number): boolean => b >= ZERO && b <= NINE;
const isHexDigit = (b: number): boolean =>
  (b >= ZERO && b <= NINE) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46);

/** Simple escapes after a backslash: " \ / b f n r t (u is handled apart). */
const SIMPLE_ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') SIMPLE_ESCAPE[c.charCodeAt(0)] = 1;

/** Bytes that may stand for themselves inside a string: not a quote, a backslash or a control character. */
const STRING_PLAIN = new Uint8Array(256);
for (let b = 0x20; b < 256; b++) STRING_PLAIN[b] = b === QUOTE || b === BACKSLASH ? 0 : 1;

/** The position after the string whose opening quote is at `i`, or -1. */
function skipString(buf: Buffer, i: number, end: number): number {
  i++;
  for (;;) {
    // the hot loop: no bound check, the byte after a record is a newline (not plain), past the buffer undefined
    while (STRING_PLAIN[buf[i]] === 1) i++;
    if (i >= end) return -1;
    const b = buf[i];
    if (b === QUOTE) return i + 1;
    if (b !== BACKSLASH) return -1; // a control character
    if (i + 1 >= end) return -1;
    const e = buf[i + 1];
    if (SIMPLE_ESCAPE[e] === 1) i += 2;
    else if (e === 0x75) {
      if (i + 6 > end) return -1;
      for (let k = 2; k < 6; k++) if (!isHexDigit(buf[i + k])) return -1;
      i += 6;
    } else return -1;
  }
}

/** The position after the number starting at `i`, or -1. */
function skipNumber(buf: Buffer, i: number, end: number): number {
  if (buf[i] === MINUS) i++;
  if (i >= end) return -1;
  if (buf[i] === ZERO) i++;
  else if (isDigit(buf[i])) while (i < end && isDigit(buf[i])) i++;
  else return -1;
  if (i < end && buf[i] === DOT) {
    i++;
    if (i >= end || !isDigit(buf[i])) return -1;
    while (i < end && isDigit(buf[i])) i++;
  }
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < end && (buf[i] === PLUS || buf[i] === MINUS)) i++;
    if (i >= end || !isDigit(buf[i])) return -1;
    while (i < end && isDigit(buf[i])) i++;
  }
  return i;
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

function skipLiteral(buf: Buffer, i: number, end: number, word: Buffer): number {
  if (i + word.length > end) return -1;
  for (let k = 0; k < word.length; k++) if (buf[i + k] !== word[k]) return -1;
  return i + word.length;
}

/** A scalar (string, number, true, false, null) at `i`: the position after it, or -1. */
function skipScalar(buf: Buffer, i: number, end: number): number {
  const b = buf[i];
  if (b === QUOTE) return skipString(buf, i, end);
  if (b === MINUS || isDigit(b)) return skipNumber(buf, i, end);
  if (b === 0x74) return skipLiteral(buf, i, end, TRUE);
  if (b === 0x66) return skipLiteral(buf, i, end, FALSE);
  if (b === 0x6e) return skipLiteral(buf, i, end, NULL);
  return -1;
}

/** A top-level member a counted-only alert must have: its key, and the first byte of its value (`"`, `{`, ...). */
export interface RequiredMember {
  key: Buffer;
  firstByte: number;
}

function sameBytes(buf: Buffer, at: number, key: Buffer): boolean {
  for (let k = 0; k < key.length; k++) if (buf[at + k] !== key[k]) return false;
  return true;
}

/** Set by skipKey: the bits of the required members the key just read is (a number, not an object per key). */
let keyBits = 0;

/**
 * The key at `i` (an opening quote) and its colon: the position after the colon, or -1. At the top level, sets
 * `keyBits` to the bit of each required member whose key this is and whose value starts with the expected byte.
 */
function skipKey(buf: Buffer, i: number, end: number, topLevel: boolean, required: readonly RequiredMember[]): number {
  keyBits = 0;
  const keyStart = i + 1;
  i = skipString(buf, i, end);
  if (i < 0) return -1;
  const keyEnd = i - 1;
  while (i < end && isWhitespace(buf[i])) i++;
  if (i >= end || buf[i] !== COLON) return -1;
  i++;
  if (topLevel && required.length > 0) {
    let v = i;
    while (v < end && isWhitespace(buf[v])) v++;
    for (let k = 0; k < required.length; k++) {
      const r = required[k];
      if (keyEnd - keyStart === r.key.length && buf[v] === r.firstByte && sameBytes(buf, keyStart, r.key))
        keyBits |= 1 << k;
    }
  }
  return i;
}

/**
 * Would JSON.parse accept buf[start, end) and give an object? -1 when not; else a bit mask: bit k is set when the
 * object's top level has required[k] (its key, with a value starting with its byte). Iterative (a stack of open
 * containers), so a deeply nested line costs memory, not the call stack.
 */
export function scanJsonObject(
  buf: Buffer,
  start: number,
  end: number,
  required: readonly RequiredMember[] = [],
): number {
  let i = start;
  while (i < end && isWhitespace(buf[i])) i++;
  if (i >= end || buf[i] !== OPEN_OBJECT) return -1;
  // open containers: true = object, false = array
  const stack: boolean[] = [];
  let found = 0;
  // what may come next: a value, or (just after an open brace / bracket) its close
  let expectValue = true;
  for (;;) {
    while (i < end && isWhitespace(buf[i])) i++;
    if (i >= end) return -1;
    let b = buf[i];
    if (expectValue) {
      if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        const isObject = b === OPEN_OBJECT;
        stack.push(isObject);
        i++;
        while (i < end && isWhitespace(buf[i])) i++;
        if (i >= end) return -1;
        b = buf[i];
        if (b === (isObject ? CLOSE_OBJECT : CLOSE_ARRAY)) {
          stack.pop();
          i++;
        } else if (isObject) {
          // the first key
          if (b !== QUOTE) return -1;
          i = skipKey(buf, i, end, stack.length === 1, required);
          if (i < 0) return -1;
          found |= keyBits;
          continue; // a value follows
        } else continue; // the first element
      } else {
        i = skipScalar(buf, i, end);
        if (i < 0) return -1;
      }
      expectValue = false;
      if (stack.length === 0) break;
      continue;
    }
    // after a value: a comma (then a key or an element) or the close of the innermost container
    const inObject = stack[stack.length - 1];
    if (b === COMMA) {
      i++;
      if (inObject) {
        while (i < end && isWhitespace(buf[i])) i++;
        if (i >= end || buf[i] !== QUOTE) return -1;
        i = skipKey(buf, i, end, stack.length === 1, required);
        if (i < 0) return -1;
        found |= keyBits;
      }
      expectValue = true;
    } else if (b === (inObject ? CLOSE_OBJECT : CLOSE_ARRAY)) {
      stack.pop();
      i++;
      if (stack.length === 0) break;
    } else return -1;
  }
  while (i < end && isWhitespace(buf[i])) i++;
  return i === end ? found : -1;
}

/** Would JSON.parse accept buf[start, end) and give an object? */
export function isJsonObject(buf: Buffer, start: number, end: number): boolean {
  return scanJsonObject(buf, start, end) >= 0;
}
