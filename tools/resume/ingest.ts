import mammoth from 'mammoth';
import { extractText, extractTextItems, getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { formatBytes, ResumeInputError } from './errors.ts';
import { detectFormat } from './file-type.ts';
import { analysePdfLayout, stripRepeatedLines } from './pdf-layout.ts';
import { readZipSafely } from './zip-guard.ts';

export { ResumeInputError } from './errors.ts';

/** Formatting facts the ATS reviewer turns into risks (columns and tables get scrambled by many ATSs). */
export interface LayoutSignals {
  multiColumn: boolean;
  tables: boolean;
  images: boolean;
  headerFooterText: boolean;
  pages?: number;
}

export type ResumeFormat = 'pdf' | 'docx' | 'text' | 'markdown';

export interface ResumeFileInput {
  name: string;
  data: Uint8Array;
  mimeType?: string;
}

export interface ExtractedResume {
  text: string;
  format: ResumeFormat;
  layout: LayoutSignals;
}

export const MAX_RESUME_BYTES = 5 * 1024 * 1024;

const noLayout = (): LayoutSignals => ({
  multiColumn: false,
  tables: false,
  images: false,
  headerFooterText: false,
});

/** Tidies whitespace the same way for every format, so the parser sees one shape of text. */
export function normaliseExtractedText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const LETTER = /\p{L}/gu;
/** Fewer letters than this and a PDF has no usable text layer (a scan, perhaps with a page number). */
const MIN_PDF_LETTERS = 20;

async function readPdf(data: Uint8Array): Promise<ExtractedResume> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may detach the buffer it is given; the caller's bytes stay theirs.
    doc = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
  } catch (error) {
    throw pdfError(error);
  }
  try {
    const { totalPages, text: pageTexts } = await extractText(doc, { mergePages: false });
    const { items } = await extractTextItems(doc);
    const analysis = analysePdfLayout(items);
    const text = normaliseExtractedText(stripRepeatedLines(pageTexts, analysis.repeatedLines).join('\n\n'));
    if ((text.match(LETTER)?.length ?? 0) < MIN_PDF_LETTERS) {
      throw new ResumeInputError(
        'no_text_layer',
        'this PDF has no text layer — it looks like a scan; export it as a text PDF or paste the text',
      );
    }
    const images = await hasPdfImages(doc, totalPages);
    return {
      text,
      format: 'pdf',
      layout: {
        multiColumn: analysis.multiColumn,
        tables: false,
        images,
        headerFooterText: analysis.headerFooterText,
        pages: totalPages,
      },
    };
  } catch (error) {
    throw error instanceof ResumeInputError ? error : pdfError(error);
  } finally {
    await doc.loadingTask.destroy();
  }
}

async function hasPdfImages(
  doc: Awaited<ReturnType<typeof getDocumentProxy>>,
  pages: number,
): Promise<boolean> {
  const { OPS } = await getResolvedPDFJS();
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
  ]);
  for (let n = 1; n <= pages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    if (ops.fnArray.some((fn) => imageOps.has(fn))) return true;
  }
  return false;
}

function pdfError(error: unknown): ResumeInputError {
  const name = error instanceof Error ? error.name : '';
  const detail =
    name === 'PasswordException'
      ? 'it is password-protected; remove the password and upload it again'
      : error instanceof Error
        ? error.message
        : String(error);
  return new ResumeInputError('corrupt', `could not read this PDF: ${detail}`, { cause: error });
}

const HEADER_FOOTER_PART = /^word\/(?:header|footer)\d*\.xml$/;
const HAS_TEXT_RUN = /<w:t(?:\s[^>]*)?>[^<]*\S/;

async function readDocx(data: Uint8Array): Promise<ExtractedResume> {
  const entries = readZipSafely(data);
  const documentXml = entries.get('word/document.xml')?.toString('utf8');
  if (documentXml === undefined) {
    throw new ResumeInputError(
      'unsupported_type',
      'this ZIP file is not a Word document (no word/document.xml)',
    );
  }
  const buffer = Buffer.from(data);
  let raw: string;
  let html: string;
  try {
    raw = (await mammoth.extractRawText({ buffer })).value;
    // Images are only noted, never decoded: an empty src keeps mammoth from base64-encoding them.
    const convertImage = mammoth.images.imgElement(async () => ({ src: '' }));
    html = (await mammoth.convertToHtml({ buffer }, { convertImage })).value;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ResumeInputError('corrupt', `could not read this DOCX: ${detail}`, { cause: error });
  }
  const text = normaliseExtractedText(raw);
  if (text === '') throw new ResumeInputError('empty', 'this DOCX contains no text');
  const pages = Number(
    entries
      .get('docProps/app.xml')
      ?.toString('utf8')
      .match(/<Pages>(\d+)<\/Pages>/)?.[1],
  );
  const headerFooterText = [...entries].some(
    ([name, bytes]) => HEADER_FOOTER_PART.test(name) && HAS_TEXT_RUN.test(bytes.toString('utf8')),
  );
  const layout: LayoutSignals = {
    multiColumn: /<w:cols\b[^>]*\bw:num="(?:[2-9]|\d{2,})"/.test(documentXml),
    tables: html.includes('<table'),
    images: html.includes('<img') || /<w:(?:drawing|pict)\b/.test(documentXml),
    headerFooterText,
  };
  if (Number.isInteger(pages) && pages > 0) layout.pages = pages;
  return { text, format: 'docx', layout };
}

/** Control characters that never appear in text files (tab, newlines and form feed excluded). */
function countBinaryControls(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 8 || (c >= 14 && c <= 31) || c === 127) count++;
  }
  return count;
}

function decodeText(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    // Not UTF-8: older editors save Windows-1252; binary data is caught by the control-character check.
    text = new TextDecoder('windows-1252').decode(data);
  }
  const controls = countBinaryControls(text);
  if (text.includes('\0') || controls > Math.max(2, text.length * 0.01)) {
    throw new ResumeInputError(
      'unsupported_type',
      'this file looks like binary data, not text; upload a PDF, DOCX, TXT or Markdown file',
    );
  }
  return text;
}

function readPlain(data: Uint8Array, format: 'text' | 'markdown'): ExtractedResume {
  const text = normaliseExtractedText(decodeText(data));
  if (text === '') throw new ResumeInputError('empty', 'this file contains only whitespace');
  const layout = noLayout();
  if (format === 'markdown') {
    layout.tables = /^\s*\|?\s*:?-{3,}:?\s*\|/m.test(text);
    layout.images = /!\[[^\]]*\]\([^)]*\)/.test(text);
  }
  return { text, format, layout };
}

/** Reads a resume file (PDF, DOCX, TXT, Markdown) into plain text plus layout risk signals. */
export async function extractResumeText(input: ResumeFileInput): Promise<ExtractedResume> {
  if (typeof input?.name !== 'string') throw new TypeError('resume input: name must be a string');
  if (!(input.data instanceof Uint8Array)) throw new TypeError('resume input: data must be a Uint8Array');
  const { data } = input;
  if (data.byteLength > MAX_RESUME_BYTES) {
    throw new ResumeInputError(
      'too_large',
      `this file is ${formatBytes(data.byteLength)}; the limit is ${formatBytes(MAX_RESUME_BYTES)}`,
    );
  }
  if (data.byteLength === 0) throw new ResumeInputError('empty', 'this file is empty (0 bytes)');
  const format = detectFormat(input.name, data, input.mimeType);
  if (format === 'pdf') return readPdf(data);
  if (format === 'docx') return readDocx(data);
  return readPlain(data, format);
}
