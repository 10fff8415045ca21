import { describe, expect, it } from 'vitest';
import { htmlToMarkdown, markdownToText } from '../../../tools/jobs/description.ts';

describe('htmlToMarkdown', () => {
  it('turns headings, emphasis, links and lists into Markdown', () => {
    const md = htmlToMarkdown(
      '<h2>About</h2><p>We build <strong>tools</strong> for <a href="https://example.com">teams</a>.</p>' +
        '<ul><li>TypeScript</li><li><em>Postgres</em></li></ul>',
    );
    expect(md).toContain('## About');
    expect(md).toContain('We build **tools** for [teams](https://example.com).');
    expect(md).toMatch(/^-\s+TypeScript$/m);
    expect(md).toMatch(/^-\s+_Postgres_$/m);
  });

  it('drops scripts, styles, frames and forms with their content', () => {
    const md = htmlToMarkdown(
      '<p>Hello</p><script>alert("x")</script><style>.a{color:red}</style>' +
        '<iframe src="https://tracker.example"></iframe><form><input value="secret"><button>Send</button></form>',
    );
    expect(md).toBe('Hello');
  });

  it('drops event handlers and script links but keeps the text', () => {
    const md = htmlToMarkdown(
      '<p onclick="steal()">Read <a href="javascript:alert(1)" onmouseover="x()">this</a></p>',
    );
    expect(md).toBe('Read this');
    expect(md).not.toMatch(/javascript|onclick|steal/);
  });

  it('collapses runs of blank lines that layout HTML leaves behind', () => {
    const md = htmlToMarkdown('<p>One</p><p>&nbsp;</p><br><br><br><div></div><p>Two</p>');
    expect(md).not.toMatch(/\n{3,}/);
    expect(md).toMatch(/One\n\n+Two/);
  });

  it('keeps tables readable as Markdown tables', () => {
    const md = htmlToMarkdown(
      '<table><tr><th>Perk</th><th>Value</th></tr><tr><td>Budget</td><td>€1,000</td></tr></table>',
    );
    expect(md).toBe('| Perk | Value |\n| --- | --- |\n| Budget | €1,000 |');
  });

  it('decodes HTML that an ATS sent entity-escaped', () => {
    expect(htmlToMarkdown('&lt;p&gt;Hello &lt;strong&gt;world&lt;/strong&gt;&lt;/p&gt;')).toBe(
      'Hello **world**',
    );
  });

  it('returns an empty string for empty input', () => {
    expect(htmlToMarkdown('')).toBe('');
    expect(htmlToMarkdown('   ')).toBe('');
  });

  it('keeps code blocks fenced', () => {
    expect(htmlToMarkdown('<pre><code>npm test</code></pre>')).toBe('```\nnpm test\n```');
  });
});

describe('markdownToText', () => {
  it('strips Markdown syntax and keeps the words', () => {
    const md =
      '## About\n\nWe build **tools** for [teams](https://example.com).\n\n-   _TypeScript_\n-   Node.js\\_stuff';
    expect(markdownToText(md)).toBe('About\nWe build tools for teams.\nTypeScript\nNode.js_stuff');
  });

  it('keeps image alt text and drops table pipes', () => {
    expect(markdownToText('![Team photo](a.png)\n\n| A | B |\n| --- | --- |\n| 1 | 2 |')).toBe(
      'Team photo\nA B\n1 2',
    );
  });

  it('round-trips HTML to plain text without markup', () => {
    const text = markdownToText(
      htmlToMarkdown('<h1>Title</h1><p>Some <b>bold</b> &amp; <i>italic</i> text.</p>'),
    );
    expect(text).toBe('Title\nSome bold & italic text.');
  });
});
