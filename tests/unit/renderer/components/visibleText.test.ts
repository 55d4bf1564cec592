// The renderer's VisibleText, rendered to markup: every control character escaped and marked, a run of them in a
// row one element (a name of thousands of DELs must not become thousands of elements to draw).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VisibleText } from '../../../../renderer/src/components/VisibleText';

const markup = (text: string) => renderToStaticMarkup(createElement(VisibleText, { text }));

describe('VisibleText', () => {
  it('marks a run of controls as one element, named in its tooltip', () => {
    const html = markup(`/tmp/${'\x7f'.repeat(4090)}.sh`);
    expect(html.match(/class="ctl"/g)).toHaveLength(1);
    expect(html).toContain('title="U+007F DELETE ×4090"');
    expect(html).toContain(`>${'\\u007F'.repeat(4090)}</span>.sh`);
  });

  it('marks controls apart from each other as elements of their own, and leaves clean text alone', () => {
    const html = markup('a\u202Eb\u2066c');
    expect(html).toBe(
      'a<span class="ctl" title="U+202E RIGHT-TO-LEFT OVERRIDE">\\u202E</span>b' +
        '<span class="ctl" title="U+2066 LEFT-TO-RIGHT ISOLATE">\\u2066</span>c',
    );
    expect(markup('/etc/passwd')).toBe('/etc/passwd');
  });
});
