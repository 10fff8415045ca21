import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractResumeText, MAX_RESUME_BYTES, ResumeInputError } from '../../../tools/resume/ingest.ts';
import { makeDocx, makeZip, makeZipBombDocx, zerosEntry } from '../../fixtures/resumes/make-docx.ts';
import { linesAt, makePdf } from '../../fixtures/resumes/make-pdf.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/resumes/${name}`, import.meta.url)));
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

async function refusal(input: Parameters<typeof extractResumeText>[0]): Promise<ResumeInputError> {
  const error = await extractResumeText(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResumeInputError);
  return error as ResumeInputError;
}

const RESUME_LINES = [
  'Jane Doe',
  'jane.doe@example.com',
  'Experience',
  'Staff Engineer - Acme Corp (Jan 2020 - Present)',
  'Led the migration to Kubernetes.',
  'Education',
  'Technical University of Munich',
];

describe('extractResumeText: text and Markdown', () => {
  it('reads a plain-text resume as UTF-8 with no layout risks', async () => {
    const result = await extractResumeText({ name: 'jane-doe.txt', data: fixture('jane-doe.txt') });
    expect(result.format).toBe('text');
    expect(result.text).toContain('Staff Engineer — Acme Corp (Jan 2020 – Present)');
    expect(result.layout).toEqual({
      multiColumn: false,
      tables: false,
      images: false,
      headerFooterText: false,
    });
  });

  it('reads a Markdown resume and keeps its text', async () => {
    const result = await extractResumeText({ name: 'cv.md', data: fixture('max-mustermann.md') });
    expect(result.format).toBe('markdown');
    expect(result.text).toContain('## Berufserfahrung');
    expect(result.text).toContain('München, Deutschland');
  });

  it('notices tables and images in Markdown', async () => {
    const md = '# Jane\n\n![photo](me.png)\n\n| Skill | Years |\n| --- | --- |\n| Go | 5 |\n';
    const { layout } = await extractResumeText({ name: 'cv.md', data: bytes(md) });
    expect(layout.tables).toBe(true);
    expect(layout.images).toBe(true);
  });

  it('normalises Windows line endings', async () => {
    const { text } = await extractResumeText({ name: 'cv.txt', data: bytes('Jane Doe\r\nEngineer\r\n') });
    expect(text).toBe('Jane Doe\nEngineer');
  });

  it('decodes a Windows-1252 file instead of refusing it', async () => {
    const data = new Uint8Array(Buffer.from('Ren\xe9 M\xfcller\nSoftware Engineer', 'latin1'));
    const { text } = await extractResumeText({ name: 'cv.txt', data });
    expect(text).toBe('René Müller\nSoftware Engineer');
  });

  it('decodes a UTF-16 file with a byte-order mark', async () => {
    const data = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Jürgen Engineer', 'utf16le')]),
    );
    const { text } = await extractResumeText({ name: 'cv.txt', data });
    expect(text).toBe('Jürgen Engineer');
  });

  it('refuses binary data named .txt', async () => {
    const error = await refusal({
      name: 'cv.txt',
      data: new Uint8Array([0x4a, 0x00, 0x01, 0x02, 0x03, 0x9f, 0x00]),
    });
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/binary/);
  });

  it('refuses a text file holding only whitespace as empty', async () => {
    expect((await refusal({ name: 'cv.txt', data: bytes('  \n\t\n ') })).code).toBe('empty');
  });
});

describe('extractResumeText: limits and unknown types', () => {
  it('refuses an empty file', async () => {
    const error = await refusal({ name: 'cv.pdf', data: new Uint8Array(0) });
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/empty/);
  });

  it('refuses a 6 MB file, naming its size and the limit', async () => {
    const error = await refusal({ name: 'cv.pdf', data: new Uint8Array(6 * 1024 * 1024) });
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('6.0 MB');
    expect(error.message).toContain('5.0 MB');
  });

  it('accepts a file of exactly the size limit', async () => {
    const data = new Uint8Array(MAX_RESUME_BYTES).fill(0x61);
    const { text } = await extractResumeText({ name: 'cv.txt', data });
    expect(text.length).toBe(MAX_RESUME_BYTES);
  });

  it('refuses an unknown file type, naming the extension', async () => {
    const error = await refusal({ name: 'setup.exe', data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]) });
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toContain('.exe');
  });

  it('says a photo of a resume is an image', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const error = await refusal({ name: 'resume.png', data: png });
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/PNG image/);
  });

  it('says an old .doc file must be saved as .docx', async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refusal({ name: 'cv.doc', data: doc })).message).toMatch(/\.docx/);
  });

  it('rejects input that is not bytes with a TypeError naming the field', async () => {
    const bad = { name: 'cv.txt', data: 'text' as unknown as Uint8Array };
    await expect(extractResumeText(bad)).rejects.toThrow(/data must be a Uint8Array/);
  });
});

describe('extractResumeText: PDF', () => {
  it('reads the text layer of a PDF', async () => {
    const data = makePdf([{ items: linesAt(RESUME_LINES) }]);
    const result = await extractResumeText({ name: 'cv.pdf', data, mimeType: 'application/pdf' });
    expect(result.format).toBe('pdf');
    expect(result.text.split('\n')).toEqual(RESUME_LINES);
    expect(result.layout).toEqual({
      multiColumn: false,
      tables: false,
      images: false,
      headerFooterText: false,
      pages: 1,
    });
  });

  it('leaves the caller’s bytes usable after reading a PDF', async () => {
    const data = makePdf([{ items: linesAt(RESUME_LINES) }]);
    await extractResumeText({ name: 'cv.pdf', data });
    expect(data.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(data.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('flags a two-column PDF', async () => {
    const left = linesAt([
      'Experience',
      'Staff Engineer, Acme',
      'Led the platform team',
      'Built billing in Go',
    ]);
    const right = linesAt(['Skills', 'TypeScript', 'Kubernetes', 'PostgreSQL'], 380);
    const { layout } = await extractResumeText({
      name: 'cv.pdf',
      data: makePdf([{ items: [...left, ...right] }]),
    });
    expect(layout.multiColumn).toBe(true);
  });

  it('does not mistake dates set at a tab stop for a second column', async () => {
    const items = [
      ...linesAt([
        'Staff Engineer, Acme',
        'Led the platform team',
        'Senior Engineer, Globex',
        'Built billing in Go',
      ]),
      { text: 'Jan 2020 - Present', x: 450, y: 720 },
      { text: '2016 - 2019', x: 450, y: 688 },
      { text: 'Mar 2014 - Dec 2015', x: 450, y: 672 },
    ];
    const { layout } = await extractResumeText({ name: 'cv.pdf', data: makePdf([{ items }]) });
    expect(layout.multiColumn).toBe(false);
  });

  it('flags header text repeated on every page and keeps it out of later pages', async () => {
    const header = { text: 'Jane Doe - Curriculum Vitae', x: 72, y: 770 };
    const pages = [
      { items: [header, ...linesAt(RESUME_LINES.slice(0, 5))] },
      { items: [header, ...linesAt(RESUME_LINES.slice(5))] },
    ];
    const result = await extractResumeText({ name: 'cv.pdf', data: makePdf(pages) });
    expect(result.layout.headerFooterText).toBe(true);
    expect(result.layout.pages).toBe(2);
    expect(result.text.match(/Curriculum Vitae/g)).toHaveLength(1);
  });

  it('flags images in a PDF that also has text', async () => {
    const data = makePdf([{ items: linesAt(RESUME_LINES), image: true }]);
    expect((await extractResumeText({ name: 'cv.pdf', data })).layout.images).toBe(true);
  });

  it('refuses an image-only PDF as a scan without a text layer', async () => {
    const error = await refusal({ name: 'scan.pdf', data: makePdf([{ image: true }, { image: true }]) });
    expect(error.code).toBe('no_text_layer');
    expect(error.message).toMatch(/no text layer/);
  });

  it('refuses a corrupt PDF with the reason', async () => {
    const error = await refusal({
      name: 'cv.pdf',
      data: bytes('%PDF-1.4\n1 0 obj << /Type /Catalog garbage'),
    });
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^could not read this PDF: /);
  });

  it('refuses a file named .pdf that is not a PDF', async () => {
    const error = await refusal({ name: 'cv.pdf', data: bytes('just some words') });
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/PDF header/);
  });
});

describe('extractResumeText: DOCX', () => {
  it('reads the paragraphs of a DOCX', async () => {
    const result = await extractResumeText({ name: 'cv.docx', data: makeDocx({ paragraphs: RESUME_LINES }) });
    expect(result.format).toBe('docx');
    expect(result.text.split(/\n+/)).toEqual(RESUME_LINES);
    expect(result.layout).toEqual({
      multiColumn: false,
      tables: false,
      images: false,
      headerFooterText: false,
    });
  });

  it('flags tables, images, header text and columns in a DOCX', async () => {
    const data = makeDocx({
      paragraphs: RESUME_LINES,
      table: [['Go', '5 years']],
      image: true,
      header: 'Jane Doe — CV',
      columns: 2,
    });
    const { layout, text } = await extractResumeText({ name: 'cv.docx', data });
    expect(layout).toEqual({ multiColumn: true, tables: true, images: true, headerFooterText: true });
    expect(text).toContain('5 years');
  });

  it('refuses a zip bomb before decompressing it', async () => {
    const error = await refusal({ name: 'cv.docx', data: makeZipBombDocx(200) });
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toMatch(/200\.0 MB/);
  });

  it('refuses an archive whose entry inflates past the size it declares', async () => {
    const lying = { ...zerosEntry('word/document.xml', 2), size: 1000 };
    const error = await refusal({ name: 'cv.docx', data: makeZip([lying]) });
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toMatch(/more than/);
  });

  it('refuses an archive with thousands of entries', async () => {
    const entries = Array.from({ length: 1500 }, (_, i) => ({ name: `word/f${i}.xml`, data: '<x/>' }));
    const error = await refusal({ name: 'cv.docx', data: makeZip(entries) });
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toMatch(/1500 files/);
  });

  it('refuses a ZIP that is not a Word document', async () => {
    const error = await refusal({ name: 'cv.docx', data: makeZip([{ name: 'notes.txt', data: 'hello' }]) });
    expect(error.code).toBe('unsupported_type');
  });

  it('refuses a damaged DOCX as corrupt', async () => {
    const data = makeDocx({ paragraphs: RESUME_LINES }).slice(0, 200);
    expect((await refusal({ name: 'cv.docx', data })).code).toBe('corrupt');
  });
});
