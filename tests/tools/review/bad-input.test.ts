import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtsReview } from '../../../tools/review/review-schema.ts';
import { createSkillExtractor } from '../../../tools/skills/extract.ts';
import { NotFoundError } from '../../../tools/tool.ts';
import { BACKEND_JOB, inputError, openReviewFixture, PRIYA, type ReviewFixture } from './review-fixture.ts';

const extractor = createSkillExtractor();
let t: ReviewFixture;
const TOOLS = ['ats_review', 'tailor_resume', 'write_cover_letter'] as const;
const ats = (args: Record<string, unknown>) => t.call<AtsReview>('ats_review', args);

const RECIPE = `Grandma's banana bread

Ingredients
- 3 ripe bananas
- 2 cups flour
- 1 teaspoon baking soda
- 2 tablespoons butter

Preheat the oven to 180C. Whisk the eggs, fold in the flour and bake in a loaf tin for 50 minutes.`;

const GERMAN_JOB = `Senior Backend Entwickler (m/w/d)

Wir suchen ab sofort einen Senior Backend Entwickler für unser Team in Berlin.

Deine Aufgaben
- Du entwickelst und betreibst Microservices in Go
- Du betreust unsere Kubernetes-Plattform

Dein Profil
- Mehrjährige Erfahrung mit Go und PostgreSQL
- Erfahrung mit Kubernetes und Terraform
- Kenntnisse in Rust sind von Vorteil
`;

/** Every skill the review says the resume shows must be written in the resume. */
function expectNoInventedMatches(r: AtsReview, resumeText: string) {
  const inResume = new Set(extractor.skills(resumeText));
  for (const skill of [...r.matchedSkills.required, ...r.matchedSkills.preferred]) {
    const h = r.highlights.find((x) => x.skill === skill)!;
    if (h.known) expect(inResume, skill).toContain(skill);
    for (const s of h.resume) expect(resumeText.slice(s.start, s.end)).toBe(s.text);
  }
}

beforeAll(async () => {
  t = await openReviewFixture();
});
afterAll(() => t.close());

describe('review tools: arguments', () => {
  it.each(TOOLS)('%s refuses both jobId and jobText, naming jobId', async (tool) => {
    const error = await inputError(t.call(tool, { jobId: randomUUID(), jobText: BACKEND_JOB }));
    expect(error.field).toBe('jobId');
    expect(error.message).toMatch(/jobId or jobText/);
  });

  it.each(TOOLS)('%s refuses a call with neither jobId nor jobText, naming jobId', async (tool) => {
    const error = await inputError(t.call(tool, { resumeText: PRIYA }));
    expect(error.field).toBe('jobId');
    expect(error.message).toMatch(/jobId or jobText/);
  });

  it.each(TOOLS)('%s refuses resumeFileBase64 without fileName, naming fileName', async (tool) => {
    const file = Buffer.from(PRIYA).toString('base64');
    const error = await inputError(t.call(tool, { jobText: BACKEND_JOB, resumeFileBase64: file }));
    expect(error.field).toBe('fileName');
    expect(error.message).toMatch(/fileName is needed with resumeFileBase64/);
  });

  it.each(TOOLS)('%s refuses two resumes at once, naming resumeId', async (tool) => {
    const error = await inputError(
      t.call(tool, { jobText: BACKEND_JOB, resumeId: randomUUID(), resumeText: PRIYA }),
    );
    expect(error.field).toBe('resumeId');
  });

  it('refuses a job id that is not a UUID, naming jobId', async () => {
    const error = await inputError(ats({ jobId: 'job-42' }));
    expect(error.field).toBe('jobId');
  });

  it('says a job id that is not stored was not found', async () => {
    const id = randomUUID();
    const error = await inputError(ats({ jobId: id, resumeText: PRIYA }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.field).toBe('jobId');
    expect(error.message).toContain(id);
  });

  it('says to upload a resume first when the user has none', async () => {
    const user = await t.fx.services.accounts.createUser('no-resume-yet');
    const error = await inputError(t.call('ats_review', { jobText: BACKEND_JOB }, user.id));
    expect(error.field).toBe('resumeId');
    expect(error.message).toMatch(/upload_resume/);
  });

  it('does not let one user review with another user’s resume', async () => {
    const owner = await t.fx.services.accounts.createUser('resume-owner');
    const { resume } = await t.fx.services.resumes.add(owner.id, { kind: 'text', text: PRIYA });
    const other = await t.fx.services.accounts.createUser('someone-else');
    const error = await inputError(
      t.call('ats_review', { jobText: BACKEND_JOB, resumeId: resume.id }, other.id),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.field).toBe('resumeId');
  });

  it('explains an unreadable file, naming resumeFileBase64', async () => {
    const error = await inputError(
      ats({
        jobText: BACKEND_JOB,
        resumeFileBase64: Buffer.from('just some words').toString('base64'),
        fileName: 'cv.pdf',
      }),
    );
    expect(error.field).toBe('resumeFileBase64');
    expect(error.message).toMatch(/PDF/);
  });

  it('refuses an empty pasted resume, naming resumeText', async () => {
    const error = await inputError(ats({ jobText: BACKEND_JOB, resumeText: ' \n\t ' }));
    expect(error.field).toBe('resumeText');
    expect(error.message).toMatch(/empty/);
  });
});

describe('review tools: a job text that cannot be reviewed', () => {
  it.each(TOOLS)('%s says an empty job text is empty', async (tool) => {
    for (const jobText of ['', '   \n  ']) {
      const error = await inputError(t.call(tool, { jobText, resumeText: PRIYA }));
      expect(error.field).toBe('jobText');
      expect(error.message).toMatch(/empty/);
    }
  });

  it.each(TOOLS)('%s says a recipe is not a job posting', async (tool) => {
    const error = await inputError(t.call(tool, { jobText: RECIPE, resumeText: PRIYA }));
    expect(error.field).toBe('jobText');
    expect(error.message).toMatch(/recipe, not a job posting/);
  });

  it('says prose with no role or skills is not a job posting', async () => {
    const error = await inputError(
      ats({
        resumeText: PRIYA,
        jobText:
          'The quick brown fox jumps over the lazy dog while the sun sets behind distant hills and rivers flow quietly to the sea.',
      }),
    );
    expect(error.field).toBe('jobText');
    expect(error.message).toMatch(/does not look like a job posting/);
  });

  it('asks for the whole posting when given a couple of words', async () => {
    const error = await inputError(ats({ resumeText: PRIYA, jobText: 'hello there' }));
    expect(error.field).toBe('jobText');
    expect(error.message).toMatch(/paste the whole posting/);
  });
});

describe('review tools: best effort where something cannot be judged', () => {
  it('reviews a German posting by skill name and says so', async () => {
    const r = await ats({ jobText: GERMAN_JOB, resumeText: PRIYA, company: 'Beispiel GmbH' });
    expect(r.job.language).toBe('de');
    expect(r.limitations.join('\n')).toMatch(/German/);
    expect(r.matchedSkills.required).toEqual(
      expect.arrayContaining(['go', 'kubernetes', 'postgresql', 'terraform']),
    );
    expect(r.missingSkills.preferred).toContain('rust');
    expectNoInventedMatches(r, PRIYA);
    for (const h of r.highlights) {
      for (const s of h.job) expect(GERMAN_JOB.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('tailors for a German posting without claiming anything new', async () => {
    const out = await t.call<{ markdown: string; removed: unknown[] }>('tailor_resume', {
      jobText: GERMAN_JOB,
      resumeText: PRIYA,
      includePdf: false,
    });
    expect(out.removed).toEqual([]);
    expect(extractor.skills(out.markdown).filter((s) => !extractor.skills(PRIYA).includes(s))).toEqual([]);
  });

  it('reviews a resume with no skills section, saying skills were read from the whole text', async () => {
    const noSkills = PRIYA.replace(/\n\nSkills\n[^\n]*$/, '');
    const r = await ats({ jobText: BACKEND_JOB, resumeText: noSkills });
    expect(r.limitations.join('\n')).toMatch(/no skills section/);
    // k8s, Terraform and Postgres are all in her bullets, so they still count.
    expect(r.matchedSkills.required).toEqual(
      expect.arrayContaining(['kubernetes', 'postgresql', 'terraform']),
    );
    expect(r.components.sections.note).toMatch(/skills/);
    expectNoInventedMatches(r, noSkills);
  });

  it('leaves out of the score what it cannot judge, and names it', async () => {
    const noRoles = `Priya Raman
priya.raman@example.com | +44 20 7946 0018

Skills
Go, JS, Terraform, k8s, Postgres`;
    const jobText = 'We need someone who knows Kubernetes, PostgreSQL and Rust to join our team.';
    const r = await ats({ jobText, resumeText: noRoles });
    expect(r.components.titleAlignment.value).toBeNull();
    expect(r.components.seniorityFit.value).toBeNull();
    expect(r.components.measurableResults.value).toBeNull();
    expect(r.limitations.join('\n')).toMatch(/title alignment not judged/);
    expect(r.limitations.join('\n')).toMatch(/seniority not judged/);
    expect(r.matchedSkills.required).toEqual(expect.arrayContaining(['kubernetes', 'postgresql']));
    expect(r.missingSkills.required).toContain('rust');
    expect(r.score).toBeGreaterThan(0);
    expectNoInventedMatches(r, noRoles);
  });

  it('reviews a resume that is not one without crashing or crediting it with skills', async () => {
    const r = await ats({ jobText: BACKEND_JOB, resumeText: RECIPE });
    expect(r.matchedSkills).toEqual({ required: [], preferred: [] });
    expect(r.band).toBe('low');
    expectNoInventedMatches(r, RECIPE);
  });
});
