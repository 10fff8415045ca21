import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtsReview } from '../../../tools/review/review-schema.ts';
import { makeDocx } from '../../fixtures/resumes/make-docx.ts';
import { linesAt, makePdf, type PdfTextItem } from '../../fixtures/resumes/make-pdf.ts';
import { BACKEND_JOB, openReviewFixture, PRIYA, type ReviewFixture } from './review-fixture.ts';

let t: ReviewFixture;
const ats = (args: Record<string, unknown>) =>
  t.call<AtsReview>('ats_review', { jobText: BACKEND_JOB, ...args });
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const codes = (r: AtsReview) => r.formattingRisks.map((risk) => risk.code);
const risk = (r: AtsReview, code: string) => r.formattingRisks.find((x) => x.code === code);

const LAYOUT_CODES = ['multi_column', 'tables', 'text_in_images', 'header_footer_text'];
const LAYOUT_NOT_CHECKED = /layout .*not checked/;

// PDF text is drawn in Helvetica (WinAnsi), so these lines keep to plain hyphens.
const PDF_LINES = [
  'Priya Raman',
  'priya.raman@example.com | +44 20 7946 0018',
  'Summary',
  'Backend engineer building payment platforms in JS and Go.',
  'Experience',
  'Senior Backend Engineer - Northwind Payments (Mar 2019 - Present)',
  '- Led a team of 4 engineers through the move of 40 services to k8s.',
  '- Automated our cloud accounts with Terraform, saving 12 hours a week.',
  '- Tuned Postgres queries for the ledger, handling 2,000 payments a second.',
  'Education',
  'BSc Computer Science, University of Leeds (Sep 2012 - Jun 2015)',
  'Skills',
  'Go, JS, Terraform, k8s, Postgres',
];

/** A sidebar layout: short lines on the left, a skills column on the right at the same heights. */
function twoColumnPdf(): Uint8Array {
  const left = linesAt([
    'Priya Raman',
    'priya.raman@example.com',
    '+44 20 7946 0018',
    'Experience',
    'Senior Backend Engineer',
    'Northwind Payments, Mar 2019 - Present',
    '- Moved 40 services to k8s.',
    '- Automated cloud accounts with Terraform.',
    'Education',
    'BSc Computer Science, Leeds, 2012 - 2015',
  ]);
  const right: PdfTextItem[] = linesAt(['Skills', 'JS', 'Postgres', 'Go', 'Docker'], 400);
  return makePdf([{ items: [...left, ...right] }]);
}

beforeAll(async () => {
  t = await openReviewFixture();
});
afterAll(() => t.close());

describe('ats_review: layout risks read from the file', () => {
  it('flags columns, tables, images and header text in a DOCX', async () => {
    const docx = makeDocx({
      paragraphs: PRIYA.split('\n').filter(Boolean),
      table: [
        ['Go', '8 years'],
        ['Kubernetes', '5 years'],
      ],
      image: true,
      header: 'Priya Raman — Curriculum Vitae',
      columns: 2,
    });
    const r = await ats({ resumeFileBase64: base64(docx), fileName: 'priya.docx' });
    expect(codes(r)).toEqual(expect.arrayContaining(LAYOUT_CODES));
    expect(risk(r, 'multi_column')?.severity).toBe('high');
    expect(r.limitations.join('\n')).not.toMatch(LAYOUT_NOT_CHECKED);
    // The file was still read: the same skills are found as in the text.
    expect(r.matchedSkills.required).toEqual(
      expect.arrayContaining(['kubernetes', 'javascript', 'postgresql', 'terraform']),
    );
    // The most serious risk comes first among the suggestions.
    const formatting = r.suggestions.filter((s) => s.kind === 'formatting');
    expect(formatting[0]?.facts.risk).toBe('multi_column');
    expect(r.suggestions[0]?.kind).toBe('formatting');
  });

  it('keeps the layout of a stored file, so reviewing the active resume later still flags it', async () => {
    const docx = makeDocx({ paragraphs: PRIYA.split('\n').filter(Boolean), table: [['Go', '8 years']] });
    const user = await t.fx.services.accounts.createUser('layout-user');
    await t.fx.services.resumes.add(user.id, { kind: 'file', name: 'priya.docx', data: docx });
    const r = await t.call<AtsReview>('ats_review', { jobText: BACKEND_JOB }, user.id);
    expect(codes(r)).toContain('tables');
    expect(codes(r)).not.toContain('multi_column');
    expect(r.limitations.join('\n')).not.toMatch(LAYOUT_NOT_CHECKED);
  });

  it('flags a two-column PDF', async () => {
    const r = await ats({ resumeFileBase64: base64(twoColumnPdf()), fileName: 'priya.pdf' });
    expect(codes(r)).toContain('multi_column');
    expect(codes(r)).not.toContain('text_in_images');
  });

  it('flags images in a PDF', async () => {
    const pdf = makePdf([{ items: linesAt(PDF_LINES), image: true }]);
    const r = await ats({ resumeFileBase64: base64(pdf), fileName: 'priya.pdf' });
    expect(codes(r)).toContain('text_in_images');
    expect(codes(r)).not.toContain('multi_column');
  });

  it('flags text repeated in the header of every page of a PDF', async () => {
    const header = { text: 'Priya Raman - Curriculum Vitae', x: 72, y: 770 };
    const pdf = makePdf([
      { items: [header, ...linesAt(PDF_LINES.slice(0, 8))] },
      { items: [header, ...linesAt(PDF_LINES.slice(8))] },
    ]);
    const r = await ats({ resumeFileBase64: base64(pdf), fileName: 'priya.pdf' });
    expect(codes(r)).toContain('header_footer_text');
  });

  it('raises no layout risk for a plain one-column PDF, and reads its skills', async () => {
    const pdf = makePdf([{ items: linesAt(PDF_LINES) }]);
    const r = await ats({ resumeFileBase64: base64(pdf), fileName: 'priya.pdf' });
    expect(codes(r).filter((c) => LAYOUT_CODES.includes(c))).toEqual([]);
    expect(codes(r)).not.toContain('missing_email');
    expect(r.matchedSkills.required).toEqual(
      expect.arrayContaining(['kubernetes', 'javascript', 'postgresql', 'terraform']),
    );
  });

  it('says layout was not checked when there is only pasted text', async () => {
    const r = await ats({ resumeText: PRIYA });
    expect(r.limitations.join('\n')).toMatch(LAYOUT_NOT_CHECKED);
    expect(codes(r).filter((c) => LAYOUT_CODES.includes(c))).toEqual([]);
  });
});

describe('ats_review: risks read from the text', () => {
  it('raises none for a clean resume', async () => {
    const r = await ats({ resumeText: PRIYA });
    expect(r.formattingRisks).toEqual([]);
  });

  it('flags a missing email (high) and a missing phone (low)', async () => {
    const r = await ats({
      resumeText: PRIYA.replace('priya.raman@example.com | +44 20 7946 0018 | ', ''),
    });
    expect(risk(r, 'missing_email')?.severity).toBe('high');
    expect(risk(r, 'missing_phone')?.severity).toBe('low');
    const kinds = r.suggestions.map((s) => s.facts.risk);
    expect(kinds.indexOf('missing_email')).toBeLessThan(kinds.indexOf('missing_phone'));
  });

  it('flags headings an ATS will not recognise, naming them', async () => {
    const odd = PRIYA.replace('\nExperience\n', '\n## My Journey So Far\n').replace(
      '\nSkills\n',
      '\nTHINGS I AM GOOD AT\n',
    );
    const r = await ats({ resumeText: odd });
    const headings = risk(r, 'unusual_headings');
    expect(headings?.evidence).toEqual(expect.arrayContaining(['My Journey So Far', 'THINGS I AM GOOD AT']));
    expect(headings?.evidence).not.toContain('Education');
    expect(headings?.message).toMatch(/Experience/);
  });

  it('flags dates written in more than one style, quoting each', async () => {
    const mixed = PRIYA.replace('(Jan 2016 – Feb 2019)', '(01/2016 – 02/2019)');
    const r = await ats({ resumeText: mixed });
    const dates = risk(r, 'inconsistent_dates');
    expect(dates?.severity).toBe('low');
    expect(dates?.evidence).toEqual(expect.arrayContaining(['Mar 2019 – Present', '01/2016 – 02/2019']));
    expect(dates?.message).toMatch(/2 styles/);
  });
});
