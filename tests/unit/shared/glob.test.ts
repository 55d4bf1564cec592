// The path globs and location wildcards of the filters (shared/glob.ts): picomatch's meaning where the app used
// picomatch before, and a time linear in the path for every pattern, however hostile.
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, expandBraces, matchWildcard, parseWildcard } from '../../../shared/glob';
import { DEFAULT_SETTINGS, FilterSettings } from '../../../shared/settings';
import { compileLocationPattern } from '../../../electron/core/ingest/filter';

describe('compileGlob: the glob language', () => {
  const cases: [string, string, boolean][] = [
    ['/var/www/**', '/var/www/a/b', true],
    ['/var/www/**', '/var/www', true],
    ['/var/www/**', '/var/wwwx/a', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['**', '/x/y', true],
    ['**/x', 'x', true],
    ['**/x', '/a/x', true],
    ['*', '.bashrc', true],
    ['*.tmp', '/a/b/c.tmp', true],
    ['*.tmp', '/a/b.tmp/c', false],
    ['a**b', 'axxb', true],
    ['a**b', 'ax/xb', false],
    ['/a/*', '/a/b/c', false],
    ['/a/?', '/a/b', true],
    ['/a/?', '/a/bc', false],
    ['/a/[bc]', '/a/c', true],
    ['/a/[!bc]', '/a/c', false],
    ['/a/[!bc]', '/a/d', true],
    ['/a/[^bc]', '/a/d', true],
    ['/a/[a-c]', '/a/b', true],
    ['/a/[]]', '/a/]', true],
    ['/a/[*]', '/a/*', true],
    ['/a/[*]', '/a/x', false],
    ['/a/[', '/a/[', true],
    ['/a/{b,c}', '/a/c', true],
    ['/a/{b,c}/**', '/a/c/d', true],
    ['/a/{b,{c,d}}', '/a/d', true],
    ['/a/{b}', '/a/{b}', true],
    ['/a/{b', '/a/{b', true],
    ['!*.tmp', '/a/b.txt', true],
    ['!*.tmp', '/a/b.tmp', false],
    // parentheses are plain text (picomatch took them for a group: "Program Files (x86)" never matched)
    ['C:/Program Files (x86)/**', 'C:/Program Files (x86)/app/x.exe', true],
    ['/a/+(x)|y', '/a/+(x)|y', true],
    ['/a/x.y', '/a/xzy', false],
    ['/srv/共有/**', '/srv/共有/データ/請求書.exe', true],
    ['*', '', false],
  ];
  it.each(cases)('%s ~ %s: %s', (glob, path, want) => {
    expect(compileGlob(glob)(path)).toBe(want);
  });

  it('nocase compares lower-cased', () => {
    expect(compileGlob('C:/Windows/**', { nocase: true })('c:/WINDOWS/x.dll')).toBe(true);
    expect(compileGlob('C:/Windows/**')('c:/WINDOWS/x.dll')).toBe(false);
  });

  it('agrees with picomatch (the matcher the app used before) on the syntax both have', () => {
    // picomatch's own quirks are left out: a leading `./` (it drops it), `*.*` first or after `**/` (it wants
    // a character after the dot there, not in `x/*.*`), `[!a]` (picomatch reads it as "! or a"), a trailing `*/**` (it then
    // wants at least one more segment), empty brace alternatives, paths ending in `/` or holding `.`/`..` segments
    const token = fc.constantFrom('a', 'b', '*', '?', '[ab]', '[^a]', '{a,b}', '{a,bb}', 'x', '.');
    const segment = fc.oneof(
      fc.constant('**'),
      fc
        .array(token, { minLength: 1, maxLength: 4 })
        .map((t) => t.join(''))
        .filter((s) => !s.includes('**')),
    );
    const glob = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const path = fc
      .array(fc.constantFrom('a', 'b', '/', 'x', '.', 'ab'), { minLength: 1, maxLength: 10 })
      .map((p) => p.join(''))
      .filter((p) => !p.endsWith('/') && !/(^|\/)\.{1,2}(\/|$)/.test(p));
    fc.assert(
      fc.property(
        glob.filter((g) => !/\*\/\*\*$/.test(g) && !g.startsWith('./') && !/(^|\*\*\/)\*+\.\*/.test(g)),
        path,
        (g, p) => {
          const want = picomatch(g, { dot: true, windows: false, basename: !g.includes('/') })(p);
          expect(compileGlob(g)(p), `${g} ~ ${p}`).toBe(want);
        },
      ),
      { numRuns: Number(process.env.GLOB_RUNS ?? 20_000) },
    );
  });

  it('long pieces of ? and classes (several 32-bit words) find what a naive search finds', () => {
    const naive = (tests: string, s: string): boolean => {
      // the piece between two stars, anywhere in s: a brute-force oracle
      const re = new RegExp(tests.replace(/\?/g, '.').replace(/\[!/g, '[^'));
      return re.test(s);
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '?', '[ab]', '[!a]'), { minLength: 30, maxLength: 100 }),
        fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 0, maxLength: 300 }),
        (t, s) => {
          const piece = t.join('');
          const text = s.join('');
          expect(compileGlob(`*${piece}*`)(text), piece).toBe(naive(piece, text));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('expandBraces', () => {
  it('expands, nests, and stops past the bound', () => {
    expect(expandBraces('x{a,b}y')).toEqual(['xay', 'xby']);
    expect(expandBraces('{a,b}{c,d}')).toEqual(['ac', 'ad', 'bc', 'bd']);
    expect(expandBraces('{a,{b,c}}')).toEqual(['a', 'b', 'c']);
    expect(expandBraces('{a}')).toEqual(['{a}']);
    expect(expandBraces('{a,b}'.repeat(5))).toHaveLength(32);
    expect(expandBraces('{a,b}'.repeat(6))).toBeNull();
    // sixty-four brace pairs would be 2^64 patterns: refused at once, not built
    expect(expandBraces('{,}'.repeat(64))).toBeNull();
  });
});

describe('no pattern takes long, whatever it is', () => {
  /**
   * The median of seven runs: a loaded machine (two cores, other tests beside) or a garbage collection slows one run
   * or two, not most; a backtracking matcher takes seconds on every run.
   */
  function typicalMs(run: () => unknown, times = 7): number {
    const ms: number[] = [];
    for (let i = 0; i < times; i++) {
      const t = performance.now();
      run();
      ms.push(performance.now() - t);
    }
    return ms.sort((x, y) => x - y)[times >> 1];
  }
  const a = (n: number) => 'a'.repeat(n);
  const path4k = '/' + a(4095);

  it('a pathological location pattern decides on a 4 KiB location in under 10 ms', () => {
    // forty `*` then `!`: `.*` forty times in a RegExp, which never returned
    const location = compileLocationPattern('*'.repeat(40) + '!')!;
    expect(typicalMs(() => expect(location(a(4096))).toBe(false))).toBeLessThan(10);
    const several = compileLocationPattern(Array.from({ length: 32 }, () => '*a'.repeat(16) + '*!').join('|'))!;
    expect(typicalMs(() => several(a(4096)))).toBeLessThan(10);
  });

  it.each([
    ['stars within a segment (picomatch: seconds)', '*a*a*b', path4k],
    ['many stars', '*' + 'a*'.repeat(120) + 'b', path4k],
    ['a long piece of ? and classes', '*' + '[a]?'.repeat(60) + 'b*', path4k],
    ['globstars', '**/'.repeat(80) + 'b', '/a'.repeat(2048)],
    ['globstars around many segments', '**/' + 'a/'.repeat(120) + 'b/**', '/a'.repeat(2048)],
    ['extglob-like text', '*(a|a)*' + '*(a|a)'.repeat(30), a(4096)],
    ['braces', '{a,b}'.repeat(5) + '*b', a(4096)],
  ])('%s: a 4 KiB path decides in under 10 ms', (_what, glob, path) => {
    expect(glob.length).toBeLessThanOrEqual(256);
    const m = compileGlob(glob);
    expect(typicalMs(() => expect(m(path)).toBe(false))).toBeLessThan(10);
  });

  it('matchWildcard (location): stars match anything, `/` too', () => {
    expect(matchWildcard(parseWildcard('/var/*.log', false), '/var/log/a/b.log')).toBe(true);
    expect(matchWildcard(parseWildcard('a*?', false), 'ab')).toBe(false); // `?` is plain text here
  });
});

describe('the settings bound the patterns, with a message for the field', () => {
  const base: FilterSettings = { ...DEFAULT_SETTINGS.filters, groups: [] };
  const message = (over: Partial<typeof base>) => {
    const r = FilterSettings.safeParse({ ...base, ...over });
    return r.success ? null : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
  };
  it('refuses too long, too many, and braces that stand for too many', () => {
    expect(message({ pathInclude: ['/a/' + 'x'.repeat(300)] })).toBe(
      'pathInclude.0: a pattern has at most 256 characters',
    );
    expect(message({ pathExclude: Array.from({ length: 51 }, (_, i) => `/p${i}/**`) })).toBe(
      'pathExclude: at most 50 patterns',
    );
    expect(message({ pathInclude: ['/{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}/**'] })).toMatch(
      /^pathInclude.0: its \{a,b\} braces stand for more than 32 patterns/,
    );
    expect(
      message({ pathInclude: ['/{a,b}{a,b}{a,b}{a,b}{a,b}/**', '/{a,b}{a,b}{a,b}{a,b}{a,b}/x/**', '/y'] }),
    ).toMatch(/^pathInclude: with their \{a,b\} braces, these patterns stand for more than 64/);
    expect(message({ location: 'x'.repeat(513) })).toBe('location: the location pattern has at most 512 characters');
    expect(message({ location: Array.from({ length: 33 }, (_, i) => `l${i}`).join('|') })).toBe(
      'location: the location pattern has at most 32 alternatives (separated by |)',
    );
    expect(message({ location: '*'.repeat(40) + '!', pathInclude: ['/var/www/**'] })).toBeNull();
  });
});
