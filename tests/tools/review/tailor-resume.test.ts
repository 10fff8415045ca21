import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/config.ts';
import { extractResumeText } from '../../../tools/resume/ingest.ts';
import { createTailorResumeTool } from '../../../tools/review/tailor-resume.ts';
import { createWriteCoverLetterTool } from '../../../tools/review/write-cover-letter.ts';
import { createSkillExtractor } from '../../../tools/skills/extract.ts';
import { callTool, ToolRegistry } from '../../../tools/tool.ts';
import { BACKEND_JOB, GO_JOB, openReviewFixture, PRIYA, type ReviewFixture } from './review-fixture.ts';

// No Chromium here, whatever the machine has installed: the PDF must come from the pdf-lib
// fallback. (pdf.test.ts prints with a real Chromium where there is one.)
vi.mock('../../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

interface Tailored {
  markdown: string;
  pdfBase64?: string;
  pdfRenderer: 'chromium' | 'pdf-lib';
  emphasised: string[];
  gaps: { required: string[]; preferred: string[] };
  removed: Array<{ claim: string; kind: string; reason: string }>;
  job: { title: string; company: string | null };
  cached: boolean;
}
type Letter = Omit<Tailored, 'pdfBase64' | 'pdfRenderer'>;

const extractor = createSkillExtractor();
let t: ReviewFixture;
let tailored: Tailored;

const tailor = (args: Record<string, unknown>) => t.call<Tailored>('tailor_resume', args);
const letter = (args: Record<string, unknown>) => t.call<Letter>('write_cover_letter', args);

const squash = (text: string) => text.replace(/\s+/g, ' ');
/** Lines (or list items, or sentences) of an output that are not written in the resume. */
function untracedPieces(markdown: string, resume: string): string[] {
  const source = squash(resume);
  const out: string[] = [];
  for (const raw of markdown.split('\n')) {
    const line = raw
      .replace(/^#+\s+|^-\s+/, '')
      .replace(/\*\*([^*]+):\*\*/, '$1:')
      .trim();
    if (!line) continue;
    const pieces = /[.!?]$/.test(line) ? line.split(/(?<=[.!?])\s+/) : line.split(/,\s*/);
    for (const piece of pieces) if (!source.includes(squash(piece.trim()))) out.push(piece);
  }
  return out;
}
const numbersIn = (text: string) => new Set(text.match(/\d+(?:[.,]\d+)*/g) ?? []);
const newSkills = (output: string, resume: string) => {
  const held = new Set(extractor.skills(resume));
  return extractor.skills(output).filter((s) => !held.has(s));
};
const newNumbers = (output: string, resume: string) => {
  const held = numbersIn(resume);
  return [...numbersIn(output)].filter((n) => !held.has(n));
};
/** The bullets of one role in the Markdown, in order. */
function bulletsUnder(markdown: string, roleHeader: string): string[] {
  const from = markdown.indexOf(roleHeader);
  expect(from, roleHeader).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(from).split('\n').slice(1);
  const end = rest.findIndex((l) => /^#{2,3}\s/.test(l));
  return (end < 0 ? rest : rest.slice(0, end)).filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
}

beforeAll(async () => {
  t = await openReviewFixture();
  await t.fx.services.resumes.add(t.userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
  tailored = await tailor({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
});
afterAll(() => t.close());

describe('tailor_resume: what changes', () => {
  it('puts the bullets the job asks for first within each role', () => {
    const northwind = bulletsUnder(tailored.markdown, 'Senior Backend Engineer — Northwind Payments');
    const relevant = (b: string) => /k8s|Terraform|Postgres/.test(b);
    expect(northwind).toHaveLength(5);
    expect(northwind.slice(0, 3).every(relevant)).toBe(true);
    expect(northwind.slice(3).some(relevant)).toBe(false);
    expect(
      northwind.indexOf('Introduced weekly incident reviews that halved repeat outages.'),
    ).toBeGreaterThan(2);
    const contoso = bulletsUnder(tailored.markdown, 'Backend Developer — Contoso Retail');
    expect(contoso[0]).toBe('Wrote the order API in Node.js and JS for 1.2 million customers.');
  });

  it('keeps the roles in date order and every bullet of the resume', () => {
    const md = tailored.markdown;
    expect(md.indexOf('Northwind Payments')).toBeLessThan(md.indexOf('Contoso Retail'));
    for (const bullet of PRIYA.split('\n').filter((l) => l.startsWith('- '))) {
      expect(md).toContain(bullet);
    }
  });

  it('leads with the skills and summary sentence the job asks for', () => {
    const md = tailored.markdown;
    expect(md.indexOf('## Skills')).toBeLessThan(md.indexOf('## Experience'));
    const skills = md.split('\n').find((l) => l.startsWith('- ') && l.includes('Docker'))!;
    const items = skills.slice(2).split(', ');
    expect(items.slice(0, 4).sort()).toEqual(['JS', 'Postgres', 'Terraform', 'k8s'].sort());
    expect(items.sort()).toEqual(PRIYA.split('\n').at(-1)!.split(', ').sort());
    const summary = md.split('## Summary\n\n')[1]!.split('\n')[0]!;
    expect(summary.startsWith('I run services on k8s and keep data in Postgres.')).toBe(true);
  });

  it('moves a Go bullet up for a Go job', async () => {
    const out = await tailor({ jobText: GO_JOB, includePdf: false });
    const northwind = bulletsUnder(out.markdown, 'Senior Backend Engineer — Northwind Payments');
    expect(northwind[0]).toBe('Cut checkout latency by 35% by rewriting the pricing service in Go.');
  });

  it('names the job and what it emphasised', () => {
    expect(tailored.job).toEqual({ title: 'Senior Backend Engineer', company: 'Acme Robotics' });
    expect(tailored.emphasised).toEqual(
      expect.arrayContaining(['Kubernetes', 'JavaScript', 'PostgreSQL', 'Terraform']),
    );
  });
});

describe('tailor_resume: nothing is added', () => {
  it('writes only what the resume says, line by line', () => {
    expect(untracedPieces(tailored.markdown, PRIYA)).toEqual([]);
    expect(tailored.removed).toEqual([]);
  });

  it('adds no skill, date or number that is not in the resume', () => {
    expect(newSkills(tailored.markdown, PRIYA)).toEqual([]);
    expect(newNumbers(tailored.markdown, PRIYA)).toEqual([]);
  });

  it('returns the skills the resume lacks as gaps, and does not write them into the resume', () => {
    expect(tailored.gaps.required).toContain('Rust');
    expect(tailored.gaps.preferred).toEqual(expect.arrayContaining(['GraphQL', 'Apache Kafka']));
    for (const gap of [...tailored.gaps.required, ...tailored.gaps.preferred]) {
      expect(tailored.markdown.toLowerCase()).not.toContain(gap.toLowerCase());
    }
  });
});

describe('tailor_resume: the PDF', () => {
  it('returns a text PDF drawn with pdf-lib when there is no Chromium', async () => {
    expect(tailored.pdfRenderer).toBe('pdf-lib');
    const bytes = new Uint8Array(Buffer.from(tailored.pdfBase64!, 'base64'));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // An ATS can read it back: the text layer holds the tailored resume.
    const { text } = await extractResumeText({ name: 'tailored.pdf', data: bytes });
    expect(text).toContain('Priya Raman');
    expect(squash(text)).toContain('Led a team of 4 engineers through the move of 40 services to k8s.');
    expect(squash(text).indexOf('Northwind Payments')).toBeLessThan(squash(text).indexOf('Contoso Retail'));
  });

  it('leaves the PDF out when asked to', async () => {
    const out = await tailor({ jobText: BACKEND_JOB, company: 'Acme Robotics', includePdf: false });
    expect(out.pdfBase64).toBeUndefined();
    expect(out.markdown).toBe(tailored.markdown);
  });
});

describe('tailor_resume and write_cover_letter: the cache', () => {
  it('serves a second identical call from the cache', async () => {
    expect(tailored.cached).toBe(false);
    const again = await tailor({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
    expect(again.cached).toBe(true);
    expect({ ...again, cached: false }).toEqual(tailored);
  });

  it('serves the same resume pasted as text from the cache too', async () => {
    const pasted = await tailor({ jobText: BACKEND_JOB, company: 'Acme Robotics', resumeText: PRIYA });
    expect(pasted.cached).toBe(true);
  });

  it('does not serve a changed resume, or another job, from the cache', async () => {
    const changed = PRIYA.replace('halved repeat outages', 'cut repeat outages');
    const user = await t.fx.services.accounts.createUser('changed-resume');
    await t.fx.services.resumes.add(user.id, { kind: 'text', text: changed });
    const fresh = await t.call<Tailored>(
      'tailor_resume',
      { jobText: BACKEND_JOB, company: 'Acme Robotics' },
      user.id,
    );
    expect(fresh.cached).toBe(false);
    expect(fresh.markdown).toContain('cut repeat outages');
    expect(fresh.markdown).not.toContain('halved');
    const otherCompany = await tailor({ jobText: BACKEND_JOB, company: 'Globex' });
    expect(otherCompany.cached).toBe(false);
    const otherJob = await tailor({
      jobText: BACKEND_JOB.replace('Rust', 'Elixir'),
      company: 'Acme Robotics',
    });
    expect(otherJob.cached).toBe(false);
    expect(otherJob.gaps.required).toContain('Elixir');
  });

  it('caches cover letters by resume, job and addressGaps', async () => {
    const first = await letter({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
    const second = await letter({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
    const withGaps = await letter({ jobText: BACKEND_JOB, company: 'Acme Robotics', addressGaps: true });
    const edited = await letter({
      jobText: BACKEND_JOB,
      company: 'Acme Robotics',
      resumeText: PRIYA.replace('clear docs', 'clear design docs'),
    });
    expect([first.cached, second.cached, withGaps.cached, edited.cached]).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect({ ...second, cached: false }).toEqual(first);
    expect(withGaps.markdown).not.toBe(first.markdown);
  });
});

describe('write_cover_letter', () => {
  it('writes to the company about the role, from the resume’s own work, signed with her name', async () => {
    const out = await letter({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
    expect(out.markdown).toMatch(/^Dear Acme Robotics hiring team,/);
    expect(out.markdown).toContain('Senior Backend Engineer role at Acme Robotics');
    expect(out.markdown).toContain('Led a team of 4 engineers through the move of 40 services to k8s');
    expect(out.markdown.trim().endsWith('Priya Raman')).toBe(true);
    expect(out.emphasised).toEqual(expect.arrayContaining(['Kubernetes', 'Terraform']));
    expect(out.removed).toEqual([]);
  });

  it('claims no skill, employer or number the resume does not hold, and leaves gaps out by default', async () => {
    const out = await letter({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
    expect(newSkills(out.markdown, PRIYA)).toEqual([]);
    expect(newNumbers(out.markdown, PRIYA)).toEqual([]);
    expect(out.markdown).not.toMatch(/Rust|GraphQL|Kafka/);
    expect(out.gaps.required).toContain('Rust');
    // The work it quotes is quoted as written.
    for (const line of out.markdown.split('\n').filter((l) => l.startsWith('- '))) {
      const quoted = line.slice(2).replace(/ \(.*\)$/, '');
      expect(squash(PRIYA)).toContain(quoted);
    }
  });

  it('quotes the work the job asks for, even where the resume names the skill only in passing', async () => {
    const out = await letter({ jobText: GO_JOB });
    expect(out.markdown).toContain('- Cut checkout latency by 35% by rewriting the pricing service in Go');
    expect(out.markdown).not.toContain('incident reviews');
  });

  it('with addressGaps, names the missing skills as gaps, never as experience', async () => {
    const out = await letter({ jobText: BACKEND_JOB, company: 'Acme Robotics', addressGaps: true });
    const rust = out.markdown.split('\n').filter((l) => l.includes('Rust'));
    expect(rust).toHaveLength(1);
    expect(rust[0]).toMatch(/my resume does not show/);
    expect(out.removed).toEqual([]);
  });
});

describe('rewrite seam: a model that invents is caught', () => {
  // A configured model, as in production: its outputs are cached apart from the templates'.
  const config = loadConfig({
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    MODEL: 'openai/gpt-test',
    OPENAI_API_KEY: 'sk-test',
  });

  it('removes and reports every invented claim a rewrite adds to the tailored resume', async () => {
    const seen: Array<{ emphasised: string[]; gaps: string[] }> = [];
    const rewrite = async (draft: string, facts: { emphasised: string[]; gaps: string[] }) => {
      seen.push(facts);
      return draft
        .replace('- JS, Terraform', '- Rust, JS, Terraform')
        .replace(
          '- Led a team of 4 engineers',
          '- Rebuilt the fraud engine in Rust, cutting losses by 70%.\n- Led a team of 4 engineers',
        )
        .replace('Backend Developer — Contoso Retail', 'Backend Developer — Amazon')
        .replace('BSc Computer Science', 'MSc Computer Science')
        .replace('## Education', '## Certifications\n\n- AWS Certified Solutions Architect\n\n## Education')
        .replace('I mentor new hires', 'Promoted to Principal Engineer in 2023. I mentor new hires');
    };
    const tool = createTailorResumeTool({ ...t.fx.services, config, rewrite });
    const registry = new ToolRegistry([tool]);
    const out = (await callTool(
      registry.require('tailor_resume'),
      { jobText: BACKEND_JOB, company: 'Acme Robotics', includePdf: false },
      { userId: t.userId },
    )) as Tailored;

    expect(seen).toHaveLength(1);
    expect(seen[0]!.emphasised).toContain('Kubernetes');
    expect(seen[0]!.gaps).toContain('Rust');
    expect(out.cached).toBe(false);
    const removed = out.removed.map((r) => `${r.kind}:${r.claim}`);
    expect(removed).toEqual(
      expect.arrayContaining([
        'skill:Rust',
        'number:70%',
        'employer:Amazon',
        'degree:MSc Computer Science',
        'certification:AWS Certified Solutions Architect',
        'date:2023',
      ]),
    );
    expect(out.removed.map((r) => r.kind)).toContain('title');
    for (const word of ['Rust', '70%', 'Amazon', 'MSc', 'AWS Certified', 'Principal Engineer', '2023']) {
      expect(out.markdown).not.toContain(word);
    }
    expect(untracedPieces(out.markdown, PRIYA)).toEqual([]);
    expect(newSkills(out.markdown, PRIYA)).toEqual([]);
    // The Contoso bullets went with their tampered header: none is credited to Northwind.
    expect(bulletsUnder(out.markdown, 'Senior Backend Engineer — Northwind Payments')).not.toContain(
      'Wrote the order API in Node.js and JS for 1.2 million customers.',
    );
    expect(out.markdown).not.toContain('## Certifications');
    // What was true survives the rewrite.
    expect(out.markdown).toContain('- Led a team of 4 engineers through the move of 40 services to k8s.');
    expect(out.markdown).toContain('JS, Terraform');
    // The same call again is served from the cache, with the report.
    const again = (await callTool(
      registry.require('tailor_resume'),
      { jobText: BACKEND_JOB, company: 'Acme Robotics', includePdf: false },
      { userId: t.userId },
    )) as Tailored;
    expect(again.cached).toBe(true);
    expect(again.removed).toEqual(out.removed);
    expect(seen).toHaveLength(1);
  });

  it('removes and reports what a rewrite invents in a cover letter', async () => {
    const rewrite = async (draft: string) =>
      draft.replace(
        'Thank you for your time.',
        'At Google I also shipped Rust services to 5 million users. Thank you for your time.',
      );
    const tool = createWriteCoverLetterTool({ ...t.fx.services, config, rewrite });
    const out = (await callTool(
      new ToolRegistry([tool]).require('write_cover_letter'),
      { jobText: BACKEND_JOB, company: 'Acme Robotics' },
      { userId: t.userId },
    )) as Letter;
    const removed = out.removed.map((r) => `${r.kind}:${r.claim}`);
    expect(removed).toEqual(expect.arrayContaining(['skill:Rust', 'employer:Google', 'number:5 million']));
    expect(out.markdown).not.toMatch(/Google|Rust|5 million/);
    expect(out.markdown).toContain('Dear Acme Robotics hiring team,');
    expect(out.markdown).toContain('Kind regards,');
  });
});
