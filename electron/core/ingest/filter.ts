// Which FIM events are looked up: integratord's filters plus file filters, compiled once, run per alert.
//
// All present filters are ANDed, in this order (the first that fails gives the reason):
// 1. groups      rule.groups contains at least one of them (integratord's <group>); empty = any.
// 2. minLevel    rule.level >= minLevel (integratord's <level>).
// 3. ruleIds     rule.id is one of them (integratord's <rule_id>); "0550" equals "550"; empty = any.
// 4. location    integratord's <event_location>, an OS_Match-style pattern on `location`, case-insensitive:
//                - `a|b|c`  alternatives: any may match;
//                - `abc`    substring ("sys" matches "syscheck"); `^abc` starts with; `abc$` ends with;
//                - `a*c`    an alternative with `*` is a glob on the whole location (`*` = any run of characters);
//                - `!...`   a leading `!` negates the whole expression (as OS_Match does): `!a|b` = neither a nor b.
//                Empty = any. (No other OS_Match/OS_Regex syntax: `\.` etc. are taken literally.)
// 5. extensions  the file's extension, case-insensitive, listed with or without the dot (".exe" or "exe").
//                The extension is what follows the last dot of the last path segment ('/' or '\'); a name that
//                starts with its only dot (".bashrc") has none.
// 6. pathInclude when set, the path must match one of these globs;
// 7. pathExclude the path must match none.
// Globs (shared/glob.ts, picomatch's syntax without extglobs): `*` within a segment, `**` across segments, `?`,
// `[...]`, `{a,b}`, dotfiles included. A pattern without a `/` matches the file name only (`*.tmp` = any .tmp
// file). Backslashes in patterns and in Windows paths (`C:\Windows\...`, `\\server\share`) are turned into `/` for
// matching (so `\` cannot escape glob characters; use `[*]`), and Windows paths match case-insensitively.
// Every pattern, location or path, is matched in time linear in what it is matched against: no setting can make
// an alert take seconds (shared/glob.ts says how; shared/settings.ts bounds how many patterns there are).
import type { FimEvent } from '../../../shared/domain';
import { compileGlob, matchWildcard, parseWildcard } from '../../../shared/glob';
import type { FilterSettings } from '../../../shared/settings';

export type FilterResult = { pass: true } | { pass: false; reason: string };
export type FimFilter = (e: FimEvent) => FilterResult;

const PASS: FilterResult = Object.freeze({ pass: true });
const no = (reason: string): FilterResult => ({ pass: false, reason });

/** Name a list in a reason without flooding it. */
function listed(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

// ---- location (integratord's event_location) ----------------------------------------------------------------

function compileAlternative(raw: string): (loc: string) => boolean {
  const alt = raw.toLowerCase();
  if (alt.includes('*')) {
    // `*` = any run of characters, `/` included; nothing else is special
    const wildcard = parseWildcard(alt, false);
    return (loc) => matchWildcard(wildcard, loc);
  }
  const start = alt.startsWith('^');
  const end = alt.length > (start ? 1 : 0) && alt.endsWith('$');
  const core = alt.slice(start ? 1 : 0, end ? -1 : undefined);
  if (start && end) return (loc) => loc === core;
  if (start) return (loc) => loc.startsWith(core);
  if (end) return (loc) => loc.endsWith(core);
  return (loc) => loc.includes(core);
}

/** integratord-style location pattern -> predicate on a location; null when the pattern accepts everything. */
export function compileLocationPattern(pattern: string): ((location: string) => boolean) | null {
  let p = pattern.trim();
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1).trim();
  const alternatives = p
    .split('|')
    .map((a) => a.trim())
    .filter((a) => a !== '')
    .map(compileAlternative);
  if (alternatives.length === 0) return null;
  return (location) => {
    const loc = location.toLowerCase();
    const hit = alternatives.some((m) => m(loc));
    return negate ? !hit : hit;
  };
}

// ---- paths and extensions --------------------------------------------------------------------------------------

const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/** True for `C:\...`, `c:/...` and UNC `\\server\share` paths. */
export function isWindowsPath(path: string): boolean {
  return WINDOWS_PATH.test(path);
}

/** The lower-cased extension without the dot, or null ("C:\\x\\Y.EXE" -> "exe", "/etc/.bashrc" -> null). */
export function extensionOf(path: string): string | null {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(cut + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}

type PathMatcher = { pattern: string; posix: (p: string) => boolean; windows: (p: string) => boolean };

function compilePaths(patterns: readonly string[]): PathMatcher[] {
  return patterns
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((pattern) => {
      const glob = pattern.replace(/\\/g, '/');
      return { pattern, posix: compileGlob(glob), windows: compileGlob(glob, { nocase: true }) };
    });
}

/** The form of `path` the globs see, and which matcher to use. */
function forMatching(path: string): { p: string; windows: boolean } {
  return isWindowsPath(path) ? { p: path.replace(/\\/g, '/'), windows: true } : { p: path, windows: false };
}

function firstMatch(matchers: PathMatcher[], p: string, windows: boolean): PathMatcher | undefined {
  return matchers.find((m) => (windows ? m.windows(p) : m.posix(p)));
}

// ---- the filter ------------------------------------------------------------------------------------------------

function normalizeRuleId(id: string): string {
  const t = id.trim();
  return /^\d+$/.test(t) ? String(Number(t)) : t;
}

/** Compile the filter settings into one predicate. Never throws on valid FilterSettings. */
export function compileFilter(f: FilterSettings): FimFilter {
  const groups = f.groups.map((g) => g.trim()).filter((g) => g !== '');
  const groupSet = new Set(groups);
  const minLevel = f.minLevel;
  const ruleIds = new Set(f.ruleIds.map(normalizeRuleId).filter((r) => r !== ''));
  const location = compileLocationPattern(f.location);
  const extensions = new Set(
    f.extensions.map((e) => e.trim().replace(/^\./, '').toLowerCase()).filter((e) => e !== ''),
  );
  const extList = listed([...extensions].map((e) => `.${e}`));
  const include = compilePaths(f.pathInclude);
  const exclude = compilePaths(f.pathExclude);

  return (e) => {
    if (groupSet.size > 0 && !e.rule.groups.some((g) => groupSet.has(g))) {
      if (e.rule.groups.length === 0) return no(`the rule has no groups (one of ${listed(groups)} is required)`);
      return no(`rule groups ${listed(e.rule.groups)} include none of ${listed(groups)}`);
    }
    if (e.rule.level < minLevel) return no(`rule level ${e.rule.level} is below the minimum ${minLevel}`);
    if (ruleIds.size > 0 && !ruleIds.has(normalizeRuleId(e.rule.id)))
      return no(`rule ${e.rule.id} is not in the rule id list`);
    if (location && !location(e.location))
      return no(`location "${e.location}" does not match the location pattern "${f.location.trim()}"`);
    if (extensions.size > 0) {
      const ext = extensionOf(e.path);
      if (ext === null) return no(`the file has no extension (only ${extList} are looked up)`);
      if (!extensions.has(ext)) return no(`extension .${ext} is not in the list`);
    }
    if (include.length > 0 || exclude.length > 0) {
      const { p, windows } = forMatching(e.path);
      if (include.length > 0 && !firstMatch(include, p, windows))
        return no(`path matches none of the include patterns (${listed(include.map((m) => m.pattern))})`);
      const excluded = firstMatch(exclude, p, windows);
      if (excluded) return no(`path matches exclude pattern ${excluded.pattern}`);
    }
    return PASS;
  };
}
