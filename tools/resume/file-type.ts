import { ResumeInputError } from './errors.ts';

export type DetectedFormat = 'pdf' | 'docx' | 'text' | 'markdown';

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((b, i) => data[i] === b);

// Formats people upload by mistake, named so the refusal says what the file is.
const KNOWN_BINARIES: Array<{ magic: number[]; what: string }> = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Word .doc file; save it as .docx or PDF' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image; upload a PDF or DOCX, or paste the text' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image; upload a PDF or DOCX, or paste the text' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image; upload a PDF or DOCX, or paste the text' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image; upload a PDF or DOCX, or paste the text' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF file; save it as .docx or PDF' },
];

const TEXT_EXTENSIONS = new Set(['txt', 'text', '']);
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown']);
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function hasPdfHeader(data: Uint8Array): boolean {
  // The spec lets the header sit anywhere in the first 1024 bytes (some tools prepend junk).
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** Decides how to read a file from its bytes first, then its name and MIME type. */
export function detectFormat(name: string, data: Uint8Array, mimeType?: string): DetectedFormat {
  const ext = extensionOf(name);
  const mime = (mimeType ?? '').toLowerCase().split(';')[0]!.trim();
  if (hasPdfHeader(data)) return 'pdf';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) {
    if (ext === 'docx' || ext === 'docm' || mime === DOCX_MIME || ext === '') return 'docx';
    throw new ResumeInputError(
      'unsupported_type',
      `"${name}" is a ZIP-based .${ext} file; upload a PDF, DOCX, TXT or Markdown file`,
    );
  }
  for (const known of KNOWN_BINARIES) {
    if (startsWith(data, known.magic))
      throw new ResumeInputError('unsupported_type', `"${name}" is ${known.what}`);
  }
  if (ext === 'pdf' || mime === 'application/pdf') {
    throw new ResumeInputError(
      'corrupt',
      'could not read this PDF: the file does not start with a PDF header',
    );
  }
  if (ext === 'docx' || mime === DOCX_MIME) {
    throw new ResumeInputError('corrupt', 'could not read this DOCX: the file is not a ZIP archive');
  }
  if (MARKDOWN_EXTENSIONS.has(ext) || mime === 'text/markdown' || mime === 'text/x-markdown')
    return 'markdown';
  if (TEXT_EXTENSIONS.has(ext) || mime.startsWith('text/')) return 'text';
  throw new ResumeInputError(
    'unsupported_type',
    `files of type .${ext} are not supported; upload a PDF, DOCX, TXT or Markdown file`,
  );
}
