import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';

// Elements that carry no readable posting text, or that could run code if the HTML is shown again.
const DROPPED_ELEMENTS = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'noscript',
  'object',
  'embed',
  'template',
  'svg',
  'canvas',
  'link',
  'meta',
];

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
  });
  // Turndown's core has no table support; keep each row on its own line with cells apart.
  service.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content) => ` ${content.replace(/\s+/g, ' ').trim()} |`,
  });
  service.addRule('tableRow', {
    filter: 'tr',
    replacement: (content) => `\n|${content}`,
  });
  service.addRule('table', {
    filter: 'table',
    replacement: (content) => {
      // A header separator after the first row makes it a GFM table that renders as one.
      const [header = '', ...rows] = content.trim().split('\n');
      const columns = Math.max(1, (header.match(/\|/g)?.length ?? 1) - 1);
      return `\n\n${[header, `|${' --- |'.repeat(columns)}`, ...rows].join('\n')}\n\n`;
    },
  });
  return service;
}

type HtmlElement = ReturnType<typeof parseHTML>['document']['body'];

function sanitize(root: HtmlElement): void {
  for (const element of root.querySelectorAll(DROPPED_ELEMENTS.join(','))) element.remove();
  for (const element of root.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      const scriptUrl =
        /^\s*(?:javascript|vbscript|data):/i.test(value) && (name === 'href' || name === 'src');
      if (name.toLowerCase().startsWith('on') || scriptUrl) element.removeAttribute(name);
    }
  }
}

/** Some ATS APIs (Greenhouse) return the HTML entity-escaped ("&lt;p&gt;"); undo that once. */
function unescapeIfEncoded(html: string): string {
  if (/<[a-z!/]/i.test(html) || !/&lt;\/?[a-z]/i.test(html)) return html;
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const holder = document.createElement('div');
  holder.innerHTML = html;
  return holder.textContent ?? html;
}

/** Collapses runs of blank lines and trailing spaces that HTML layout leaves behind. */
function tidyMarkdown(markdown: string): string {
  return markdown
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A posting's HTML description as Markdown, without scripts, styles, frames, forms or event handlers.
 */
export function htmlToMarkdown(html: string): string {
  const source = unescapeIfEncoded(html);
  if (!source.trim()) return '';
  const { document } = parseHTML(
    `<!doctype html><html><body><div id="jobhound-root">${source}</div></body></html>`,
  );
  const root = document.getElementById('jobhound-root');
  if (!root) return '';
  sanitize(root);
  return tidyMarkdown(createTurndown().turndown(root as unknown as TurndownService.Node));
}

/** Plain text of a Markdown description for full-text indexing: no syntax, links reduced to their text. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^```[^\n]*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*(?:[-*_]\s*){3,}$/gm, '')
    .replace(/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*$/gm, '')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(?<![\w*])([*_])(?=\S)([^*_\n]*?\S)\1(?![\w*])/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/[ \t]*\|[ \t]*/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
