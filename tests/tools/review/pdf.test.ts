import { describe, expect, it, vi } from 'vitest';
import { findChromium } from '../../../tools/crawl/browser-pool.ts';
import { extractResumeText } from '../../../tools/resume/ingest.ts';
import { markdownToHtml, renderMarkdownPdf } from '../../../tools/review/pdf.ts';

const MARKDOWN = `# Priya Raman

priya.raman@example.com | +44 20 7946 0018

## Experience

### Senior Backend Engineer — Northwind Payments (Mar 2019 – Present)

- Led a team of 4 engineers through the move of 40 services to **k8s**.
- Tuned Postgres queries for the ledger, handling 2,000 payments a second.

## Education

BSc Computer Science, University of Leeds — with thanks to José Müller
`;

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
const textOf = async (bytes: Uint8Array) =>
  (await extractResumeText({ name: 'out.pdf', data: bytes })).text.replace(/\s+/g, ' ');

describe('renderMarkdownPdf', () => {
  it('draws with pdf-lib when there is no Chromium, as a PDF an ATS can read back', async () => {
    const pdf = await renderMarkdownPdf(MARKDOWN, {
      title: 'Priya Raman — Senior Backend Engineer',
      chromiumPath: null,
    });
    expect(pdf.renderer).toBe('pdf-lib');
    expect(isPdf(pdf.bytes)).toBe(true);
    const text = await textOf(pdf.bytes);
    expect(text).toContain('Priya Raman');
    expect(text).toContain('Senior Backend Engineer');
    // Markdown emphasis is drawn as plain text, not as asterisks.
    expect(text).toContain('move of 40 services to k8s.');
    expect(text).not.toContain('**');
    expect(text).toContain('José Müller');
    expect(text.indexOf('Experience')).toBeLessThan(text.indexOf('Education'));
  });

  it('keeps going on a long resume: pages are added, no text is lost', async () => {
    // Each line is told apart by letters, not digits (lines repeated at every page edge read as a header).
    const code = (i: number) => [...String(i)].map((d) => 'abcdefghij'[Number(d)]).join('');
    const bullets = Array.from({ length: 120 }, (_, i) => `- Shipped release ${code(i + 1)} on time.`);
    const pdf = await renderMarkdownPdf(`# Long Resume\n\n${bullets.join('\n')}\n`, {
      title: 'Long',
      chromiumPath: null,
    });
    const { text, layout } = await extractResumeText({ name: 'long.pdf', data: pdf.bytes });
    expect(layout.pages).toBeGreaterThan(1);
    for (let i = 1; i <= 120; i++) expect(text).toContain(`Shipped release ${code(i)} on time.`);
  });

  it('falls back to pdf-lib, with a warning, when Chromium cannot start', async () => {
    const warn = vi.fn();
    const pdf = await renderMarkdownPdf(MARKDOWN, {
      title: 'Priya Raman',
      chromiumPath: '/nonexistent/chromium',
      logger: { warn },
    });
    expect(pdf.renderer).toBe('pdf-lib');
    expect(isPdf(pdf.bytes)).toBe(true);
    expect(warn).toHaveBeenCalledOnce();
  });

  const chromium = findChromium(process.env);
  it.runIf(chromium)('prints with Chromium where one is installed', async () => {
    const pdf = await renderMarkdownPdf(MARKDOWN, { title: 'Priya Raman', chromiumPath: chromium });
    expect(pdf.renderer).toBe('chromium');
    expect(isPdf(pdf.bytes)).toBe(true);
    const text = await textOf(pdf.bytes);
    expect(text).toContain('Northwind Payments');
    expect(text).toContain('handling 2,000 payments a second');
  });
});

describe('markdownToHtml', () => {
  it('shows raw HTML as text and never fetches an image', () => {
    const html = markdownToHtml(
      'Hi <script>alert(1)</script> there\n\n![my photo](https://tracker.example.com/p.png)\n',
      'A <b>title</b>',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<img/);
    expect(html).not.toContain('tracker.example.com');
    expect(html).toContain('my photo');
    expect(html).toContain('<title>A &lt;b&gt;title&lt;/b&gt;</title>');
  });
});
