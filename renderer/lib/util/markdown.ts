// Markdown → SAFE HTML for teaching notes (untrusted: a scenario file comes from anyone). Raw HTML is escaped,
// links are kept only for http(s)/mailto (opened via the platform), images become their alt text.
import { Marked, type Tokens } from 'marked';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

const SAFE_URL = /^(https?:|mailto:)/i;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens as Tokens.Generic[]);
      const href = token.href.trim();
      if (!SAFE_URL.test(href)) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title} rel="noopener noreferrer" target="_blank">${text}</a>`;
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text);
    },
  },
});

/** Render untrusted Markdown to HTML that is safe for {@html}. */
export const renderMarkdown = (source: string): string => {
  const html = marked.parse(source ?? '', { async: false });
  return typeof html === 'string' ? html : '';
};
