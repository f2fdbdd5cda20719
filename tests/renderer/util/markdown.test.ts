import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from '../../../renderer/lib/util/markdown';

describe('renderMarkdown (teaching notes are untrusted)', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown(
      '# Title\n\nSome **bold** and a [link](https://example.org "t").\n\n- a\n- b',
    );
    expect(html).toContain('<h1');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain(
      '<a href="https://example.org" title="t" rel="noopener noreferrer" target="_blank">link</a>',
    );
    expect(html).toContain('<li>a</li>');
  });

  it('escapes raw HTML blocks and inline tags', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops unsafe link targets and images', () => {
    const html = renderMarkdown(
      '[x](javascript:alert(1)) [y](data:text/html,hi) ![alt](https://e.org/a.png)',
    );
    expect(html).not.toMatch(/href/);
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('alt');
  });

  it('escapeHtml escapes the five specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
