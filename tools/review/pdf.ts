// Markdown → PDF: Chromium's print-to-PDF when a Chromium is installed, else a plain but
// readable layout drawn with pdf-lib. Both are text PDFs, so an ATS can read them back.

import { Marked, type Token, type Tokens } from 'marked';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';
import { chromium } from 'playwright-core';
import type { Logger } from '../../config/logger.ts';
import { CHROMIUM_ARGS } from '../crawl/browser-pool.ts';

export interface RenderedPdf {
  bytes: Uint8Array;
  renderer: 'chromium' | 'pdf-lib';
}

export interface PdfOptions {
  title: string;
  /** From findChromium(config); null draws with pdf-lib. */
  chromiumPath: string | null;
  logger?: Pick<Logger, 'warn'>;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:10.5pt;line-height:1.4;color:#111;margin:0}
h1{font-size:20pt;margin:0 0 4pt}h2{font-size:12.5pt;border-bottom:1px solid #999;margin:14pt 0 6pt;padding-bottom:2pt}
h3{font-size:11pt;margin:10pt 0 2pt}p{margin:0 0 6pt}ul{margin:2pt 0 6pt;padding-left:16pt}li{margin:0 0 2pt}`;

/** The Markdown as a standalone HTML page; raw HTML in it is shown as text, never run. */
export function markdownToHtml(markdown: string, title: string): string {
  // Images become their alt text: a picture in a resume PDF is text an ATS cannot read.
  const marked = new Marked({
    renderer: { html: ({ text }) => escapeHtml(text), image: ({ text }) => escapeHtml(text) },
  });
  const body = marked.parse(markdown, { async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

async function renderWithChromium(html: string, executablePath: string): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
    const page = await context.newPage();
    // Nothing in a resume needs the network: images or links must not fetch anything.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: 20_000 });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '16mm', right: '16mm' },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

// ---- pdf-lib fallback ------------------------------------------------------------------------

const PAGE = { width: 595.28, height: 841.89, margin: 48 };

interface Writer {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
}

/** Standard fonts speak WinAnsi only: accents are folded, anything else becomes "?". */
function encodable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text]
    .map((c) => {
      if (supported.has(c.codePointAt(0)!)) return c;
      const folded = c.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return folded && [...folded].every((f) => supported.has(f.codePointAt(0)!)) ? folded : '?';
    })
    .join('');
}

function inlineText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__|\*|_|`)/g, '');
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function write(
  w: Writer,
  text: string,
  opts: { size: number; bold?: boolean; indent?: number; gap?: number },
) {
  const font = opts.bold ? w.bold : w.regular;
  const indent = opts.indent ?? 0;
  const width = PAGE.width - 2 * PAGE.margin - indent;
  for (const line of wrap(font, opts.size, encodable(font, inlineText(text)), width)) {
    if (w.y - opts.size < PAGE.margin) {
      w.page = w.doc.addPage([PAGE.width, PAGE.height]);
      w.y = PAGE.height - PAGE.margin;
    }
    w.y -= opts.size * 1.35;
    w.page.drawText(line, { x: PAGE.margin + indent, y: w.y, size: opts.size, font });
  }
  w.y -= opts.gap ?? 0;
}

const HEADING_SIZE: Record<number, number> = { 1: 18, 2: 13, 3: 11 };

function drawToken(w: Writer, token: Token): void {
  if (token.type === 'heading') {
    const h = token as Tokens.Heading;
    w.y -= h.depth === 1 ? 0 : 6;
    write(w, h.text, { size: HEADING_SIZE[h.depth] ?? 10.5, bold: true, gap: 3 });
  } else if (token.type === 'paragraph') {
    for (const line of (token as Tokens.Paragraph).text.split('\n')) write(w, line, { size: 10 });
    w.y -= 5;
  } else if (token.type === 'list') {
    for (const item of (token as Tokens.List).items)
      write(w, `• ${item.text}`, { size: 10, indent: 10, gap: 1 });
    w.y -= 4;
  } else if ('text' in token && typeof token.text === 'string' && token.type !== 'space') {
    write(w, token.text, { size: 10, gap: 4 });
  }
}

export async function renderWithPdfLib(markdown: string, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('Jobhound');
  const writer: Writer = {
    doc,
    page: doc.addPage([PAGE.width, PAGE.height]),
    y: PAGE.height - PAGE.margin,
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  for (const token of new Marked().lexer(markdown)) drawToken(writer, token);
  return doc.save();
}

/** Renders Markdown to a PDF; falls back to pdf-lib when Chromium is missing or fails. */
export async function renderMarkdownPdf(markdown: string, options: PdfOptions): Promise<RenderedPdf> {
  if (options.chromiumPath) {
    try {
      const bytes = await renderWithChromium(markdownToHtml(markdown, options.title), options.chromiumPath);
      return { bytes, renderer: 'chromium' };
    } catch (error) {
      options.logger?.warn({ err: error }, 'Chromium could not print the PDF; drawing it with pdf-lib');
    }
  }
  return { bytes: await renderWithPdfLib(markdown, options.title), renderer: 'pdf-lib' };
}
