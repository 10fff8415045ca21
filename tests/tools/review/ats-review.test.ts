import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseExtractedText } from '../../../tools/resume/ingest.ts';
import type { AtsReview } from '../../../tools/review/review-schema.ts';
import { createSkillExtractor } from '../../../tools/skills/extract.ts';
import { insertJob } from '../../mcp-server/jobhound-fixture.ts';
import {
  BACKEND_JOB,
  GO_JOB,
  openReviewFixture,
  PRIYA,
  REQUIRED_HELD,
  type ReviewFixture,
} from './review-fixture.ts';

const extractor = createSkillExtractor();
let t: ReviewFixture;
let review: AtsReview;

const ats = (args: Record<string, unknown>) => t.call<AtsReview>('ats_review', args);
const highlight = (r: AtsReview, skill: string) => {
  const h = r.highlights.find((x) => x.skill === skill);
  expect(h, `a highlight for ${skill}`).toBeDefined();
  return h!;
};

beforeAll(async () => {
  t = await openReviewFixture();
  await t.fx.services.resumes.add(t.userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
  review = await ats({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
});
afterAll(() => t.close());

describe('ats_review: the score', () => {
  it('is a whole number from 0 to 100 with the band it falls in', () => {
    expect(Number.isInteger(review.score)).toBe(true);
    expect(review.score).toBeGreaterThanOrEqual(0);
    expect(review.score).toBeLessThanOrEqual(100);
    const band = review.score >= 60 ? 'high' : review.score >= 40 ? 'medium' : 'low';
    expect(review.band).toBe(band);
  });

  it('names each component, with a value from 0 to 1 and a note', () => {
    expect(Object.keys(review.components).sort()).toEqual(
      [
        'length',
        'measurableResults',
        'preferredSkills',
        'requiredSkills',
        'sections',
        'seniorityFit',
        'titleAlignment',
      ].sort(),
    );
    for (const [name, c] of Object.entries(review.components)) {
      expect(c.value, name).not.toBeNull();
      expect(c.value!, name).toBeGreaterThanOrEqual(0);
      expect(c.value!, name).toBeLessThanOrEqual(1);
      expect(c.note.length, name).toBeGreaterThan(0);
    }
  });

  it('reads each component off the resume: skills, title, years, sections, figures, length', () => {
    const c = review.components;
    // Four of the five required skills (Rust is missing), none of the two preferred ones.
    expect(c.requiredSkills.note).toMatch(/4 of 5 required/);
    expect(c.requiredSkills.value).toBeGreaterThan(0.5);
    expect(c.requiredSkills.value).toBeLessThan(1);
    expect(c.preferredSkills.value).toBe(0);
    expect(c.preferredSkills.note).toMatch(/0 of 2 preferred/);
    // Her current title is the job's title.
    expect(c.titleAlignment.value).toBe(1);
    expect(c.titleAlignment.note).toContain('Senior Backend Engineer');
    // The job asks 5+ years; she has worked since 2016.
    expect(c.seniorityFit.value).toBe(1);
    expect(c.seniorityFit.note).toMatch(/asks 5\+ years/);
    expect(c.sections.value).toBe(1);
    // Five of seven bullets carry a figure (35%, 4 engineers, 12 hours, 2,000, 1.2 million).
    expect(c.measurableResults.note).toMatch(/of 7 bullets carry a number/);
    expect(c.measurableResults.value).toBe(1);
    expect(c.length.note).toMatch(/^\d+ words/);
  });

  it('is lower for a resume that lacks required skills, and its required-skill share drops', async () => {
    const without = PRIYA.replace(/k8s/g, 'VMs').replace(/Terraform/g, 'shell scripts');
    const weaker = await ats({ jobText: BACKEND_JOB, resumeText: without });
    expect(weaker.matchedSkills.required).not.toContain('kubernetes');
    expect(weaker.missingSkills.required).toEqual(expect.arrayContaining(['kubernetes', 'terraform']));
    expect(weaker.components.requiredSkills.value!).toBeLessThan(review.components.requiredSkills.value!);
    expect(weaker.score).toBeLessThan(review.score);
  });

  it('scores a resume for another field low, and says why', async () => {
    const designer = `Mia Chen
mia.chen@example.com | +1 415 555 0134

Summary
Product designer who turns research into simple mobile flows.

Experience
Product Designer — Bloom Studio (Jun 2019 – Present)
- Redesigned onboarding in Figma, lifting week-one retention by 18%.
- Ran 30 usability interviews a quarter.

Education
BA Graphic Design, Parsons School of Design (Sep 2014 – May 2018)

Skills
Figma, Sketch, user research, prototyping`;
    const r = await ats({ jobText: BACKEND_JOB, resumeText: designer });
    expect(r.band).toBe('low');
    expect(r.score).toBeLessThan(30);
    expect(r.matchedSkills.required).toEqual([]);
    expect(r.components.titleAlignment.value!).toBeLessThan(0.5);
    expect(r.suggestions.some((s) => s.kind === 'title')).toBe(true);
  });

  it('marks a junior resume down on seniority against a 5+ years job', async () => {
    const junior = PRIYA.replace(
      /Senior Backend Engineer — Northwind Payments \(Mar 2019 – Present\)/,
      'Junior Backend Engineer — Northwind Payments (Mar 2024 – Present)',
    ).replace(/\nBackend Developer — Contoso Retail[^\n]*\n[^\n]*\n[^\n]*\n/, '\n');
    const r = await ats({ jobText: BACKEND_JOB, resumeText: junior });
    expect(r.components.seniorityFit.value!).toBeLessThan(1);
    expect(r.components.seniorityFit.note).toMatch(/asks 5\+ years, resume shows [0-4]\b/);
  });

  it('names the sections and contact details a resume lacks', async () => {
    const bare = PRIYA.replace(' | +44 20 7946 0018', '').replace(/\nEducation\n[^\n]*\n/, '\n');
    const r = await ats({ jobText: BACKEND_JOB, resumeText: bare });
    expect(r.components.sections.value!).toBeLessThan(1);
    expect(r.components.sections.note).toMatch(/missing: .*phone/);
    expect(r.components.sections.note).toMatch(/education/);
  });

  it('reviews a stored job by id, with its title and company', async () => {
    const jobId = randomUUID();
    await insertJob(t.fx.db, {
      id: jobId,
      title: 'Senior Backend Engineer',
      company: 'Acme Robotics',
      description: BACKEND_JOB,
      skills: ['kubernetes', 'rust'],
      remote: 'remote',
    });
    const r = await ats({ jobId });
    expect(r.job).toMatchObject({ title: 'Senior Backend Engineer', company: 'Acme Robotics' });
    expect(r.matchedSkills).toEqual(review.matchedSkills);
    expect(r.missingSkills).toEqual(review.missingSkills);
  });
});

describe('ats_review: matched and missing skills', () => {
  it('splits what the job requires from what it would like', () => {
    expect(review.matchedSkills.required).toEqual(expect.arrayContaining(REQUIRED_HELD));
    expect(review.missingSkills.required).toContain('rust');
    expect(review.missingSkills.preferred).toEqual(expect.arrayContaining(['graphql', 'kafka']));
    expect(review.matchedSkills.preferred).toEqual([]);
    // Nothing is both matched and missing, and nothing is required and preferred at once.
    const matched = [...review.matchedSkills.required, ...review.matchedSkills.preferred];
    const missing = [...review.missingSkills.required, ...review.missingSkills.preferred];
    expect(matched.filter((s) => missing.includes(s))).toEqual([]);
    expect(review.matchedSkills.required.filter((s) => review.missingSkills.preferred.includes(s))).toEqual(
      [],
    );
  });

  it('counts synonyms and abbreviations: k8s is Kubernetes, JS is JavaScript, Postgres is PostgreSQL', () => {
    expect(highlight(review, 'kubernetes').resume.map((s) => s.text)).toContain('k8s');
    expect(highlight(review, 'javascript').resume.map((s) => s.text)).toContain('JS');
    expect(highlight(review, 'postgresql').resume.map((s) => s.text)).toContain('Postgres');
    for (const skill of ['kubernetes', 'javascript', 'postgresql']) {
      expect(highlight(review, skill).status).toBe('matched');
    }
  });

  it('counts the abbreviation in the job too: a posting asking for k8s matches a resume saying Kubernetes', async () => {
    const resume = PRIYA.replace(/k8s/g, 'Kubernetes');
    const job = BACKEND_JOB.replace('Kubernetes in production', 'k8s in production');
    const r = await ats({ jobText: job, resumeText: resume });
    expect(r.matchedSkills.required).toContain('kubernetes');
    expect(highlight(r, 'kubernetes').job.map((s) => s.text)).toEqual(['k8s']);
  });

  it('does not read "years of professional experience" as a skill to have', async () => {
    for (const line of [
      '5+ years of professional experience',
      '3+ years of industry experience',
      'Prior experience required',
    ]) {
      const r = await ats({
        jobText: BACKEND_JOB.replace('5+ years of experience', line),
        resumeText: PRIYA,
      });
      expect(r.missingSkills.required, line).toEqual(['rust']);
      expect(r.components.requiredSkills.note, line).toMatch(/4 of 5 required/);
    }
  });

  it('keeps a requirement the skills list does not know, matched word for word', async () => {
    const job = BACKEND_JOB.replace('- Rust', '- Incident reviews');
    const r = await ats({ jobText: job, resumeText: PRIYA });
    const h = highlight(r, 'incident reviews');
    expect(h).toMatchObject({ known: false, status: 'matched', importance: 'required' });
    for (const s of h.resume) expect(PRIYA.slice(s.start, s.end)).toBe(s.text);
    expect(h.resume.map((s) => s.text)).toEqual(['incident reviews']);
    const lacking = await ats({ jobText: job.replace('Incident reviews', 'Ventilator management') });
    expect(lacking.missingSkills.required).toContain('ventilator management');
  });

  it('does not count a skill the resume only aims for', async () => {
    const aiming = PRIYA.replace(
      'I mentor new hires and write clear docs.',
      'I am currently learning Rust in the evenings.',
    );
    const r = await ats({ jobText: BACKEND_JOB, resumeText: aiming });
    expect(r.missingSkills.required).toContain('rust');
    expect(r.matchedSkills.required).not.toContain('rust');
  });
});

describe('ats_review: highlights', () => {
  it('points into the pasted job text: each span slices to the skill as the posting writes it', () => {
    for (const h of review.highlights) {
      for (const s of h.job) {
        expect(BACKEND_JOB.slice(s.start, s.end)).toBe(s.text);
        if (h.known) expect(extractor.canonicalize(s.text)).toBe(h.skill);
      }
    }
    expect(highlight(review, 'rust').job).toEqual([
      { start: BACKEND_JOB.indexOf('Rust'), end: BACKEND_JOB.indexOf('Rust') + 4, text: 'Rust' },
    ]);
  });

  it('points into the resume: each span slices to the words that show the skill', () => {
    // The stored resume is the normalised upload; this one is already normal.
    expect(normaliseExtractedText(PRIYA)).toBe(PRIYA);
    for (const h of review.highlights) {
      for (const s of h.resume) {
        expect(PRIYA.slice(s.start, s.end)).toBe(s.text);
        if (h.known) expect(extractor.canonicalize(s.text)).toBe(h.skill);
      }
    }
    const k8s = highlight(review, 'kubernetes').resume;
    const everyK8s = [...PRIYA.matchAll(/k8s/g)].map((m) => m.index);
    expect(k8s.map((s) => s.start)).toEqual(everyK8s);
  });

  it('colours matched skills in both texts and missing ones only in the job', () => {
    for (const h of review.highlights) {
      if (h.status === 'matched') expect(h.resume.length, h.skill).toBeGreaterThan(0);
      else expect(h.resume, h.skill).toEqual([]);
      expect(h.job.length, h.skill).toBeGreaterThan(0);
    }
    const byStatus = (status: 'matched' | 'missing') =>
      review.highlights
        .filter((h) => h.status === status)
        .map((h) => h.skill)
        .sort();
    expect(byStatus('matched')).toEqual(
      [...review.matchedSkills.required, ...review.matchedSkills.preferred].sort(),
    );
    expect(byStatus('missing')).toEqual(
      [...review.missingSkills.required, ...review.missingSkills.preferred].sort(),
    );
  });
});

describe('ats_review: suggestions', () => {
  const mentions = (text: string, label: string) => new RegExp(`\\b${label}\\b`, 'i').test(text);

  it('never tells the user to add a skill they lack as if they had it', () => {
    const missing = review.highlights.filter((h) => h.status === 'missing').map((h) => h.label);
    expect(missing).toContain('Rust');
    for (const s of review.suggestions) {
      const named = missing.filter((l) => mentions(s.text, l));
      if (named.length === 0) continue;
      // Only a gap suggestion names a skill she lacks, and it names it as a gap.
      expect(['missing_required', 'missing_preferred'], `${s.kind}: ${s.text}`).toContain(s.kind);
      expect(s.facts.skills).toEqual(expect.arrayContaining(named));
      expect(s.text).toMatch(/does not show/);
      expect(s.text).toMatch(/only add .* if you have real experience/i);
    }
    const gap = review.suggestions.find((s) => s.kind === 'missing_required');
    expect(gap?.text).toContain('Rust');
  });

  it('lists only skills the resume shows when it suggests a skills section or summary', async () => {
    const noSkills = PRIYA.replace(/\n\nSkills\n[^\n]*$/, '');
    const r = await ats({ jobText: BACKEND_JOB, resumeText: noSkills });
    const section = r.suggestions.find((s) => s.kind === 'add_section' && s.facts.section === 'Skills');
    expect(section).toBeDefined();
    const held = r.highlights.filter((h) => h.status === 'matched').map((h) => h.label);
    const lacked = r.highlights.filter((h) => h.status === 'missing').map((h) => h.label);
    for (const label of section!.facts.skills as string[]) expect(held).toContain(label);
    for (const label of lacked) expect(mentions(section!.text, label), label).toBe(false);
  });

  it('tells the user to move a skill they bury up the role, naming where it is', () => {
    const moveUp = review.suggestions.filter((s) => s.kind === 'move_up');
    // Her Kubernetes work is the third bullet of her Northwind role.
    const k8s = moveUp.find((s) => s.facts.skill === 'Kubernetes');
    expect(k8s).toBeDefined();
    expect(k8s!.text).toMatch(/move/i);
    expect(k8s!.text).toContain('Northwind Payments');
    expect(k8s!.facts).toMatchObject({ role: 'Northwind Payments', bullet: 3 });
    // Only skills she has are to be moved.
    for (const s of moveUp) {
      expect(review.matchedSkills.required).toContain(extractor.canonicalize(String(s.facts.skill)));
    }
  });

  it('does not tell the user to move a skill that already leads its role', async () => {
    const leading = PRIYA.replace('- Introduced weekly incident reviews that halved repeat outages.\n', '')
      .replace('- Led a team of 4 engineers through the move of 40 services to k8s.\n', '')
      .replace(
        '- Cut checkout latency',
        '- Led a team of 4 engineers through the move of 40 services to k8s.\n- Cut checkout latency',
      );
    const r = await ats({ jobText: BACKEND_JOB, resumeText: leading });
    const moved = r.suggestions.filter((s) => s.kind === 'move_up').map((s) => s.facts.skill);
    expect(moved).not.toContain('Kubernetes');
  });

  it('suggests the job’s wording where the resume abbreviates a skill', () => {
    const wording = review.suggestions.filter((s) => s.kind === 'use_job_wording');
    expect(wording.map((s) => [s.facts.jobForm, s.facts.resumeForm])).toEqual(
      expect.arrayContaining([
        ['Kubernetes', 'k8s'],
        ['JavaScript', 'JS'],
        ['PostgreSQL', 'Postgres'],
      ]),
    );
  });

  it('never claims a skill the resume shows in a role is shown in no role', async () => {
    // Go is in her second Northwind bullet, written as just "Go".
    const r = await ats({ jobText: GO_JOB });
    expect(r.matchedSkills.required).toContain('go');
    const showInRole = r.suggestions.filter((s) => s.kind === 'show_in_role').map((s) => s.facts.skill);
    expect(showInRole).not.toContain('Go');
    const moveUp = r.suggestions.find((s) => s.kind === 'move_up' && s.facts.skill === 'Go');
    expect(moveUp?.facts.bullet).toBe(2);
  });

  it('ranks suggestions 1, 2, 3… with the gaps the job requires near the top', () => {
    expect(review.suggestions.map((s) => s.priority)).toEqual(review.suggestions.map((_, i) => i + 1));
    const kinds = review.suggestions.map((s) => s.kind);
    expect(kinds.indexOf('missing_required')).toBeLessThan(kinds.indexOf('missing_preferred'));
    expect(kinds.indexOf('missing_required')).toBeLessThan(kinds.indexOf('use_job_wording'));
  });
});

describe('ats_review: determinism', () => {
  it('gives the same review for the same resume and job, every time', async () => {
    const again = await ats({ jobText: BACKEND_JOB, company: 'Acme Robotics' });
    const pasted = await ats({ jobText: BACKEND_JOB, company: 'Acme Robotics', resumeText: PRIYA });
    expect(again).toEqual(review);
    expect(pasted).toEqual(review);
  });

  it('does not write anything: reviewing is read-only', () => {
    const tool = t.fx.registry.require('ats_review');
    expect(tool.annotations.readOnlyHint).toBe(true);
  });
});
