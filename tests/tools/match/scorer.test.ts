import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { annualInCurrency } from '../../../tools/jobs/currency.ts';
import { parseLocation } from '../../../tools/jobs/location.ts';
import { normalizeSalary } from '../../../tools/jobs/salary.ts';
import { inferSeniority } from '../../../tools/jobs/seniority.ts';
import type { EmploymentType, Seniority } from '../../../tools/jobs/types.ts';
import {
  DEALBREAKER_CAP,
  SCORER_VERSION,
  type ScoreContext,
  scoreMatch,
  sponsorshipBlocked,
  titleSimilarity,
  WEIGHTS,
} from '../../../tools/match/scorer.ts';
import type { JobForScoring, SeekerForScoring } from '../../../tools/match/types.ts';
import { DEFAULT_PROFILE, type Profile } from '../../../tools/profile/profile.ts';
import { parseResume } from '../../../tools/resume/parse.ts';
import { createSkillExtractor, type SkillExtractor } from '../../../tools/skills/extract.ts';
import { classifySkills } from '../../../tools/skills/requirements.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const GO_SKILLS = ['go', 'kubernetes', 'postgresql', 'kafka', 'grpc', 'terraform', 'docker', 'prometheus'];

function job(overrides: Partial<JobForScoring> = {}): JobForScoring {
  return {
    id: 'job-1',
    title: 'Senior Backend Engineer',
    company: 'Kiezkraft GmbH',
    descriptionMd: 'We build Go services on Kubernetes.',
    skills: [...GO_SKILLS],
    requiredSkills: GO_SKILLS.slice(0, 6),
    preferredSkills: GO_SKILLS.slice(6),
    seniority: 'senior',
    remote: 'remote',
    city: null,
    region: null,
    country: null,
    locationText: 'Remote',
    employmentType: 'full_time',
    salaryMinUsdYear: 110_000,
    salaryMaxUsdYear: 130_000,
    postedAt: daysAgo(2),
    firstSeen: daysAgo(2),
    ...overrides,
  };
}

function seeker(overrides: Partial<SeekerForScoring> = {}, profile: Partial<Profile> = {}): SeekerForScoring {
  return {
    skills: [...GO_SKILLS, 'python', 'redis'],
    titles: ['Senior Backend Engineer', 'Backend Engineer'],
    totalYears: 9,
    seniority: 'senior',
    minSalaryUsdYear: 100_000,
    ...overrides,
    profile: {
      ...DEFAULT_PROFILE,
      roles: ['Senior Backend Engineer'],
      locations: ['Berlin, Germany'],
      remote: 'any',
      seniority: ['senior', 'staff'],
      ...profile,
    },
  };
}

const ctx = (overrides: Partial<ScoreContext> = {}): ScoreContext => ({
  similarity: 0.6,
  now: NOW,
  ...overrides,
});
const score = (s: SeekerForScoring, j: JobForScoring, c: Partial<ScoreContext> = {}) =>
  scoreMatch(s, j, ctx(c));

describe('scoreMatch: overall', () => {
  it('scores a strong fit at 75 or more and explains it without dealbreakers', () => {
    const result = score(seeker(), job());
    expect(result.score).toBeGreaterThanOrEqual(75);
    expect(result.reasons.dealbreakers).toEqual([]);
    expect(result.reasons.summary).toMatch(/^Strong fit: /);
  });

  it('scores a clear mismatch at 35 or less', () => {
    const nurse = job({
      title: 'Registered Nurse',
      skills: ['registered nurse', 'patient care', 'bls'],
      requiredSkills: ['registered nurse', 'patient care', 'bls'],
      preferredSkills: [],
      seniority: 'mid',
      remote: 'onsite',
      city: 'Chicago',
      region: 'IL',
      country: 'US',
      locationText: 'Chicago, IL, USA',
    });
    const result = score(seeker(), nurse, { similarity: 0.2 });
    expect(result.score).toBeLessThanOrEqual(35);
    expect(result.reasons.summary).toMatch(/^Weak fit: /);
  });

  it('reports eight components whose weights sum to 1 and whose values stay within 0..1', () => {
    const result = score(seeker(), job());
    const names = Object.keys(result.components).sort();
    expect(names).toEqual(
      [
        'location',
        'preferredSkills',
        'recency',
        'requiredSkills',
        'salary',
        'semantic',
        'seniority',
        'title',
      ].sort(),
    );
    const total = Object.values(result.components).reduce((sum, c) => sum + c.weight, 0);
    expect(total).toBeCloseTo(1, 10);
    for (const c of Object.values(result.components)) {
      expect(c.value).toBeGreaterThanOrEqual(0);
      expect(c.value).toBeLessThanOrEqual(1);
      expect(c.note.length).toBeGreaterThan(0);
    }
    const weighted = Object.values(result.components).reduce((sum, c) => sum + c.weight * c.value, 0);
    expect(result.score).toBe(Math.round(100 * weighted));
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(SCORER_VERSION).toBe('det-1');
  });

  it('gives the same result for the same input and leaves the input untouched', () => {
    const s = seeker();
    const j = job();
    const before = JSON.stringify([s, j]);
    expect(score(s, j)).toEqual(score(s, j));
    expect(JSON.stringify([s, j])).toBe(before);
  });

  it('rejects bad input with an error naming the field', () => {
    expect(() => scoreMatch(seeker(), job(), { similarity: Number.NaN, now: NOW })).toThrow(
      /context\.similarity/,
    );
    expect(() => scoreMatch(seeker(), { ...job(), skills: null as never }, ctx())).toThrow(/job\.skills/);
    expect(() => scoreMatch({ ...seeker(), profile: undefined as never }, job(), ctx())).toThrow(
      /seeker\.profile/,
    );
    expect(() => scoreMatch(seeker(), job(), { similarity: 0.5, now: new Date('nope') })).toThrow(
      /context\.now/,
    );
  });
});

describe('scoreMatch: components move the way a person expects', () => {
  it('scores higher when more of the required skills are covered', () => {
    const few = score(seeker({ skills: ['go', 'kubernetes'] }), job());
    const many = score(seeker({ skills: ['go', 'kubernetes', 'postgresql', 'kafka', 'grpc'] }), job());
    expect(many.components.requiredSkills.value).toBeGreaterThan(few.components.requiredSkills.value);
    expect(many.score).toBeGreaterThan(few.score);
    expect(few.components.requiredSkills.note).toBe('2 of 6 required skills');
  });

  it('falls back to overall skill overlap, never a perfect score, when no skills are marked required', () => {
    const unsplit = job({ requiredSkills: [], preferredSkills: [] });
    const overlap = score(seeker(), unsplit).components.requiredSkills;
    const none = score(seeker({ skills: [] }), unsplit).components.requiredSkills;
    expect(overlap.value).toBeGreaterThan(none.value);
    expect(overlap.value).toBeLessThan(1);
    expect(none.value).toBeGreaterThan(0);
  });

  it('counts a missing spoken language or soft skill for less than a missing technology', () => {
    const info = (name: string) => ({ category: name === 'english' ? 'spoken-language' : 'backend' });
    const j = job({ requiredSkills: ['go', 'english'], preferredSkills: [], skills: ['go', 'english'] });
    const lacksEnglish = score(seeker({ skills: ['go'] }), j, { skillInfo: info });
    const lacksGo = score(seeker({ skills: ['english'] }), j, { skillInfo: info });
    expect(lacksEnglish.components.requiredSkills.value).toBeGreaterThan(
      lacksGo.components.requiredSkills.value,
    );
  });

  it('scores lower pay lower, and pay below the minimum lower still', () => {
    const generous = score(seeker(), job({ salaryMaxUsdYear: 150_000 }));
    const justBelow = score(seeker(), job({ salaryMinUsdYear: 90_000, salaryMaxUsdYear: 98_500 }));
    const low = score(seeker(), job({ salaryMinUsdYear: 60_000, salaryMaxUsdYear: 70_000 }));
    expect(generous.components.salary.value).toBe(1);
    expect(justBelow.components.salary.value).toBeLessThan(1);
    expect(justBelow.reasons.dealbreakers).toEqual([]);
    expect(low.components.salary.value).toBeLessThan(justBelow.components.salary.value);
    expect(low.score).toBeLessThan(justBelow.score);
  });

  it('treats a job without pay, or a person without a minimum, as neutral on salary', () => {
    expect(
      score(seeker(), job({ salaryMinUsdYear: null, salaryMaxUsdYear: null })).components.salary.value,
    ).toBe(0.7);
    expect(score(seeker({ minSalaryUsdYear: null }), job()).components.salary.value).toBe(0.7);
  });

  it('prefers a remote job to an onsite job in another city', () => {
    const remote = score(seeker(), job());
    const paris = score(
      seeker(),
      job({ remote: 'onsite', city: 'Paris', country: 'FR', locationText: 'Paris, France' }),
    );
    expect(remote.components.location.value).toBe(1);
    expect(paris.components.location.value).toBeLessThan(0.3);
    expect(paris.score).toBeLessThan(remote.score);
  });

  it('accepts an office job in one of the person’s places, including suburbs named with the city', () => {
    const s = seeker({}, { locations: ['Madrid, Spain'], remote: 'onsite' });
    const madrid = job({
      remote: 'onsite',
      city: 'Getafe',
      region: 'Madrid',
      country: 'ES',
      locationText: 'Getafe, Madrid, Spain',
    });
    const barcelona = job({
      remote: 'onsite',
      city: 'El Prat de Llobregat',
      region: 'Barcelona',
      country: 'ES',
      locationText: 'El Prat de Llobregat, Barcelona, Spain',
    });
    expect(score(s, madrid).components.location.value).toBe(1);
    expect(score(s, barcelona).reasons.dealbreakers).toEqual([
      "Onsite in El Prat de Llobregat; you're looking in Madrid, Spain",
    ]);
  });

  it('matches a country-level place against a city in that country', () => {
    const s = seeker({}, { locations: ['Germany'] });
    const berlin = job({ remote: 'hybrid', city: 'Berlin', country: 'DE', locationText: 'Berlin, Germany' });
    const vienna = job({ remote: 'hybrid', city: 'Vienna', country: 'AT', locationText: 'Vienna, Austria' });
    expect(score(s, berlin).components.location.value).toBe(1);
    expect(score(s, vienna).components.location.value).toBe(0);
  });

  it('rules out remote jobs limited to a country or region the person does not live in', () => {
    const usOnly = job({ country: 'US', locationText: 'Remote - US only' });
    const eu = job({ locationText: 'Remote (EU)' });
    const mustReside = job({
      locationText: 'Remote',
      descriptionMd: '## Requirements\n- Must reside in Canada',
    });
    expect(score(seeker(), usOnly).reasons.dealbreakers[0]).toMatch(/^Remote only for people in/);
    expect(score(seeker(), eu).reasons.dealbreakers).toEqual([]);
    expect(score(seeker(), mustReside).reasons.dealbreakers[0]).toMatch(/Canada/);
    const usOnlyText = job({ locationText: 'Remote', descriptionMd: 'This position is US-only.' });
    expect(score(seeker(), usOnlyText).reasons.dealbreakers[0]).toMatch(/^Remote only for people in US/);
    expect(score(seeker({}, { locations: ['Austin, TX, USA'] }), usOnlyText).reasons.dealbreakers).toEqual(
      [],
    );
  });

  it('makes a remote job a weak fit, not a dealbreaker, for someone who wants an office', () => {
    const result = score(seeker({}, { remote: 'onsite' }), job());
    expect(result.components.location.value).toBeLessThan(0.5);
    expect(result.reasons.dealbreakers).toEqual([]);
  });

  it('scores a senior job lower for a junior than a junior job', () => {
    const junior = seeker({ seniority: 'junior', totalYears: 1 }, { seniority: ['junior'] });
    const juniorJob = score(junior, job({ seniority: 'junior', title: 'Junior Backend Engineer' }));
    const seniorJob = score(junior, job({ seniority: 'senior' }));
    expect(seniorJob.components.seniority.value).toBeLessThan(juniorJob.components.seniority.value);
    expect(seniorJob.score).toBeLessThan(juniorJob.score);
    expect(seniorJob.reasons.dealbreakers).toContain("Senior role; you're looking for junior roles");
  });

  it('infers the level from the title when the job gives none, and is neutral when nothing says', () => {
    const s = seeker({}, { seniority: ['junior'] });
    expect(score(s, job({ seniority: null, title: 'Principal Engineer' })).components.seniority.value).toBe(
      0,
    );
    expect(score(s, job({ seniority: null, title: 'Backend Engineer' })).components.seniority.value).toBe(
      0.7,
    );
  });

  it('scores a step into management as a stretch but not a dealbreaker for a staff engineer', () => {
    const result = score(seeker(), job({ title: 'Engineering Manager, Backend', seniority: 'manager' }));
    expect(result.components.seniority.value).toBeGreaterThan(0.3);
    expect(result.components.seniority.value).toBeLessThan(1);
    expect(result.reasons.dealbreakers).toEqual([]);
  });

  it('ranks newer postings a little higher, down to 0.3 at 60 days', () => {
    const fresh = score(seeker(), job({ postedAt: daysAgo(3) }));
    const month = score(seeker(), job({ postedAt: daysAgo(30) }));
    const old = score(seeker(), job({ postedAt: daysAgo(90) }));
    expect(fresh.components.recency.value).toBe(1);
    expect(month.components.recency.value).toBeLessThan(1);
    expect(month.components.recency.value).toBeGreaterThan(0.3);
    expect(old.components.recency.value).toBe(0.3);
    expect(score(seeker(), job({ postedAt: null, firstSeen: daysAgo(30) })).components.recency.value).toBe(
      month.components.recency.value,
    );
  });

  it('moves with the resume-to-posting similarity', () => {
    const close = score(seeker(), job(), { similarity: 0.8 });
    const far = score(seeker(), job(), { similarity: 0.2 });
    expect(close.components.semantic.value).toBeGreaterThan(far.components.semantic.value);
    expect(close.score).toBeGreaterThan(far.score);
  });
});

describe('scoreMatch: dealbreakers', () => {
  const cases: Array<[string, SeekerForScoring, JobForScoring, string]> = [
    [
      'an office job for someone who wants remote',
      seeker({}, { remote: 'remote', locations: ['Paris, France'] }),
      job({ remote: 'onsite', city: 'Paris', country: 'FR', locationText: 'Paris, France' }),
      'Onsite in Paris; you want remote',
    ],
    [
      'pay below the minimum',
      seeker({ minSalaryUsdYear: 90_000 }),
      job({ salaryMinUsdYear: 60_000, salaryMaxUsdYear: 70_000 }),
      'Pays up to $70,000/yr, below your minimum of $90,000',
    ],
    [
      'no sponsorship for someone who needs it',
      seeker({}, { needsSponsorship: true }),
      job({ descriptionMd: 'Great team.\n\nWe are unable to sponsor visas for this role.' }),
      'Says it cannot sponsor visas; you need sponsorship',
    ],
    [
      'a director role for a mid-level individual contributor',
      seeker({ seniority: 'mid', totalYears: 4 }, { seniority: [] }),
      job({ title: 'Director of Engineering', seniority: 'director' }),
      'Director role; your experience is mid-level',
    ],
    [
      'an excluded company, however its legal form is written',
      seeker({}, { excludedCompanies: ['Globex'] }),
      job({ company: 'Globex, Inc.' }),
      'At Globex, Inc., which you excluded',
    ],
    [
      'an excluded keyword',
      seeker({}, { excludedKeywords: ['crypto'] }),
      job({ descriptionMd: 'We build a crypto exchange in Go.' }),
      'Mentions "crypto", which you excluded',
    ],
    [
      'an employment type the person does not want',
      seeker({}, { employmentTypes: ['full_time'] satisfies EmploymentType[] }),
      job({ employmentType: 'part_time' }),
      'Part-time job; you want full-time',
    ],
  ];

  it.each(cases)('reports %s and caps the score', (_, s, j, sentence) => {
    const clean = score(seeker(), job());
    const result = score(s, j);
    expect(result.reasons.dealbreakers).toContain(sentence);
    expect(result.score).toBeLessThanOrEqual(DEALBREAKER_CAP);
    expect(clean.score).toBeGreaterThan(DEALBREAKER_CAP);
    expect(result.reasons.summary).toMatch(/^Weak fit: /);
  });

  it('caps harder when several things rule a job out', () => {
    const one = score(seeker({ minSalaryUsdYear: 200_000 }), job());
    const two = score(seeker({ minSalaryUsdYear: 200_000 }, { excludedCompanies: ['Kiezkraft'] }), job());
    expect(one.reasons.dealbreakers).toHaveLength(1);
    expect(two.reasons.dealbreakers).toHaveLength(2);
    expect(two.score).toBeLessThan(one.score);
  });

  it('does not flag a company whose name merely starts the same way', () => {
    const result = score(seeker({}, { excludedCompanies: ['Kiez'] }), job({ company: 'Kiezkraft GmbH' }));
    expect(result.reasons.dealbreakers).toEqual([]);
  });

  it('ranks a job offering sponsorship above one that says nothing, for someone who needs it', () => {
    const s = seeker({}, { needsSponsorship: true });
    const offers = score(s, job({ descriptionMd: 'Visa sponsorship available.' }));
    const silent = score(s, job({ descriptionMd: 'A nice team.' }));
    expect(offers.score).toBeGreaterThan(silent.score);
    expect(silent.reasons.dealbreakers).toEqual([]);
  });
});

describe('sponsorshipBlocked', () => {
  it.each([
    'Applicants must be authorised to work in the UK without sponsorship.',
    'We are unable to sponsor work permits for this role.',
    'We cannot sponsor visas at this time.',
    'No visa sponsorship is available.',
    'You must be authorized to work in the US without the need for employer sponsorship.',
    'You must already have the right to work in the UK.',
    'Must be based in an EU country with an existing right to work in the EU.',
    'Wir bieten leider keine Visa-Unterstützung an.',
  ])('detects "%s"', (text) => {
    expect(sponsorshipBlocked(text)).toBe(true);
  });

  it.each([
    'We are a licensed Skilled Worker visa sponsor and happy to sponsor.',
    'We sponsor Swiss work permits for non-EU candidates.',
    'Located in the US and authorised to work in the US.',
    'A friendly team that ships every day.',
  ])('does not flag "%s"', (text) => {
    expect(sponsorshipBlocked(text)).toBe(false);
  });

  it('rejects a non-string with a clear error', () => {
    expect(() => sponsorshipBlocked(undefined as never)).toThrow(/text must be a string/);
  });
});

describe('titleSimilarity', () => {
  it('normalises abbreviations and ignores levels', () => {
    expect(titleSimilarity('Sr. Software Dev', 'Senior Software Developer')).toBe(1);
    expect(titleSimilarity('Software Eng II', 'Software Engineer')).toBe(1);
    expect(titleSimilarity('Senior Backend Engineer (Go)', 'Backend Engineer')).toBe(1);
    expect(titleSimilarity('Software Engineer', 'Software Developer')).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['Software Engineer', 'Sales Engineer'],
    ['Registered Nurse', 'Nurse Practitioner'],
    ['Data Engineer', 'Data Entry Clerk'],
    ['Java Developer', 'JavaScript Developer'],
    ['Product Manager', 'Project Manager'],
    ['UX Designer', 'UI Developer'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(titleSimilarity(a, b)).toBeLessThanOrEqual(0.3);
    expect(titleSimilarity(b, a)).toBeCloseTo(titleSimilarity(a, b), 10);
  });

  it('sees related roles as closer than different professions', () => {
    const sre = titleSimilarity('Senior Backend Engineer', 'Site Reliability Engineer');
    expect(sre).toBeGreaterThan(0.5);
    expect(sre).toBeLessThan(1);
    expect(titleSimilarity('Maths Teacher', 'Teacher of Mathematics')).toBe(1);
    expect(titleSimilarity('Technical Recruiter', 'Talent Acquisition Specialist')).toBeGreaterThan(0.8);
    expect(titleSimilarity('Maths Teacher', 'Lecturer in Mathematics')).toBeGreaterThan(
      titleSimilarity('Maths Teacher', 'Teaching Assistant'),
    );
  });

  it('scores a sales engineer job below a software engineer job for a software engineer', () => {
    const s = seeker({}, { roles: ['Software Engineer'] });
    const software = score(s, job({ title: 'Software Engineer' }));
    const sales = score(s, job({ title: 'Sales Engineer' }));
    expect(sales.components.title.value).toBeLessThan(0.5);
    expect(software.score - sales.score).toBeGreaterThanOrEqual(10);
    expect(sales.reasons.summary).toContain('Sales Engineer');
  });
});

describe('scoreMatch: reasons', () => {
  it('lists matched skills required first, then preferred, then the rest, and what is missing', () => {
    const j = job({
      skills: ['terraform', 'go', 'rust', 'kubernetes', 'redis', 'kafka', 'python'],
      requiredSkills: ['go', 'rust', 'kubernetes'],
      preferredSkills: ['terraform', 'kafka'],
    });
    const s = seeker({ skills: ['python', 'terraform', 'kubernetes', 'go', 'redis'] });
    const { reasons } = score(s, j);
    expect(reasons.matchedSkills).toEqual(['go', 'kubernetes', 'terraform', 'redis', 'python']);
    expect(reasons.missingSkills).toEqual({ required: ['rust'], preferred: ['kafka'] });
  });

  describe('with the real skill extractor', () => {
    let extractor: SkillExtractor;
    beforeAll(() => {
      extractor = createSkillExtractor();
    });

    function jobFromText(title: string, description: string): JobForScoring {
      const text = `${title}\n${description}`;
      const split = classifySkills(extractor, text);
      return job({
        title,
        descriptionMd: description,
        skills: extractor.skills(text),
        requiredSkills: split.required,
        preferredSkills: split.preferred,
      });
    }

    const description = [
      '## Requirements',
      '- 5+ years with Golang and k8s',
      '- Postgres and Kafka in production',
      '- Terraform on AWS',
      '',
      '## Nice to have',
      '- Rust',
      '- Elasticsearch',
    ].join('\n');

    it('names the top matched skills, with their labels, in a strong summary', () => {
      const s = seeker({
        skills: extractor.skills('Go, Kubernetes, PostgreSQL, Kafka, Terraform, AWS, Rust'),
      });
      const result = score(s, jobFromText('Senior Backend Engineer', description), {
        skillInfo: (name) => extractor.get(name),
      });
      expect(result.reasons.summary).toMatch(
        /^Strong fit: 6 of 6 required skills including Go and Kubernetes; /,
      );
      expect(result.reasons.missingSkills).toEqual({ required: [], preferred: ['elasticsearch'] });
      expect(result.reasons.matchedSkills.slice(0, 2)).toEqual(['go', 'kubernetes']);
    });

    it('says which required skills are missing and that the title is another profession', () => {
      const s = seeker(
        { skills: extractor.skills('Go, Kubernetes') },
        { roles: ['Senior Backend Engineer'] },
      );
      const result = score(s, jobFromText('Senior Sales Engineer', description), {
        skillInfo: (name) => extractor.get(name),
      });
      expect(result.reasons.missingSkills.required).toEqual(['postgresql', 'kafka', 'terraform', 'aws']);
      expect(result.reasons.summary).not.toMatch(/^Strong fit/);
      expect(result.reasons.summary).toContain(
        'the title is Senior Sales Engineer, not a software role, and 4 required skills are missing.',
      );
    });
  });

  it('scores quickly enough to rank thousands of jobs per request', () => {
    const s = seeker({}, { needsSponsorship: true, excludedKeywords: ['crypto'] });
    const jobs = Array.from({ length: 50 }, (_, i) =>
      job({ id: `j${i}`, title: i % 2 ? 'Staff Platform Engineer' : 'Sales Engineer', postedAt: daysAgo(i) }),
    );
    for (let i = 0; i < 20; i++) for (const j of jobs) score(s, j);
    // CPU time, not wall time: other processes on a shared machine must not fail this test.
    const started = process.cpuUsage();
    let count = 0;
    while (count < 10_000) {
      for (const j of jobs) score(s, j);
      count += jobs.length;
    }
    const used = process.cpuUsage(started);
    const perSecond = count / ((used.user + used.system) / 1e6);
    // The target is 20,000/s (about 40,000/s measured); the bound leaves room for slow CI machines.
    expect(perSecond).toBeGreaterThan(5_000);
  });
});

// --- The matching evaluation dataset -------------------------------------------------------------

const DATASET = new URL('../../../evals/datasets/matching/', import.meta.url);

interface DatasetJob {
  id: string;
  title: string;
  company: string;
  location: string;
  remote: 'remote' | 'hybrid' | 'onsite';
  employmentType: string;
  seniority: Seniority | null;
  salary: { min: number; max: number; currency: string; period: 'year' | 'month' | 'hour' } | null;
  postedAt: string;
  description: string;
}

interface DatasetCase {
  id: string;
  resume: string;
  profile: Partial<Profile>;
  relevance: Record<string, number>;
}

function readJsonl<T>(name: string): T[] {
  return readFileSync(new URL(name, DATASET), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Normalised discounted cumulative gain of a ranking's first k grades, against the ideal order. */
function ndcgAt(k: number, ranked: readonly number[], grades: readonly number[]): number {
  const dcg = (gains: readonly number[]) =>
    gains.slice(0, k).reduce((sum, gain, i) => sum + (2 ** gain - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...grades].sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked) / ideal;
}

describe('ndcgAt', () => {
  it('is 1 for the ideal order and lower when a good job drops', () => {
    expect(ndcgAt(10, [3, 2, 0, 0], [3, 2])).toBe(1);
    expect(ndcgAt(10, [0, 3, 2], [3, 2])).toBeLessThan(1);
    expect(ndcgAt(2, [0, 0, 3], [3])).toBe(0);
  });
});

describe('scoreMatch on evals/datasets/matching', () => {
  let extractor: SkillExtractor;
  let jobs: JobForScoring[];
  let cases: DatasetCase[];

  function toJob(raw: DatasetJob): JobForScoring {
    const text = `${raw.title}\n${raw.description}`;
    const split = classifySkills(extractor, text);
    const place = parseLocation(raw.location, { remote: raw.remote, description: raw.description });
    // 18 jobs state pay only in the text, the way the normaliser would read it.
    const pay = normalizeSalary(raw.salary, raw.description, { country: place.country });
    const usd = (amount: number | null | undefined) =>
      amount != null && pay?.currency ? annualInCurrency(amount, pay.currency, pay.period, 'USD') : null;
    return {
      id: raw.id,
      title: raw.title,
      company: raw.company,
      descriptionMd: raw.description,
      skills: extractor.skills(text),
      requiredSkills: split.required,
      preferredSkills: split.preferred,
      seniority: raw.seniority ?? inferSeniority(raw.title, raw.description),
      remote: place.remote,
      city: place.city,
      region: place.region,
      country: place.country,
      locationText: place.text,
      employmentType: raw.employmentType,
      salaryMinUsdYear: usd(pay?.min),
      salaryMaxUsdYear: usd(pay?.max),
      postedAt: new Date(raw.postedAt),
      firstSeen: new Date(raw.postedAt),
    };
  }

  function toSeeker(c: DatasetCase): SeekerForScoring {
    const resume = parseResume(c.resume, { extractSkills: extractor.skills, now: NOW });
    const profile: Profile = { ...DEFAULT_PROFILE, ...c.profile };
    const min = profile.minSalary;
    return {
      skills: resume.skills,
      titles: resume.experience.map((e) => e.title).filter(Boolean),
      totalYears: resume.totalYears,
      seniority: resume.seniority,
      profile,
      minSalaryUsdYear: min ? annualInCurrency(min.amount, min.currency, min.period, 'USD') : null,
    };
  }

  beforeAll(() => {
    extractor = createSkillExtractor();
    jobs = readJsonl<DatasetJob>('jobs.jsonl').map(toJob);
    cases = readJsonl<DatasetCase>('cases.jsonl');
  });

  it('ranks the graded jobs well on scoring alone (mean NDCG@10 at least 0.75)', () => {
    expect(jobs).toHaveLength(122);
    expect(cases).toHaveLength(15);
    const skillInfo = (name: string) => extractor.get(name);
    const results = cases.map((c) => {
      const seekerForCase = toSeeker(c);
      const ranked = jobs
        .map((j) => ({
          id: j.id,
          score: scoreMatch(seekerForCase, j, { similarity: 0.5, now: NOW, skillInfo }).score,
        }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
      const ndcg = ndcgAt(
        10,
        ranked.map((r) => c.relevance[r.id] ?? 0),
        Object.values(c.relevance),
      );
      return { id: c.id, ndcg };
    });
    const mean = results.reduce((sum, r) => sum + r.ndcg, 0) / results.length;
    for (const r of results) console.log(`NDCG@10 ${r.ndcg.toFixed(3)}  ${r.id}`);
    console.log(`NDCG@10 mean ${mean.toFixed(3)} over ${results.length} cases`);
    expect(mean).toBeGreaterThanOrEqual(0.75);
  });

  it('ranks every good fit (grade 2 or 3) above every trap (explicit 0) in each case', () => {
    const skillInfo = (name: string) => extractor.get(name);
    const misorders = cases.flatMap((c) => {
      const seekerForCase = toSeeker(c);
      const scoreOf = (id: string) =>
        scoreMatch(seekerForCase, jobs.find((j) => j.id === id)!, { similarity: 0.5, now: NOW, skillInfo })
          .score;
      const graded = Object.entries(c.relevance).map(([id, grade]) => ({ id, grade, score: scoreOf(id) }));
      const traps = graded.filter((g) => g.grade === 0);
      return graded
        .filter((g) => g.grade >= 2)
        .flatMap((good) =>
          traps.filter((t) => t.score >= good.score).map((t) => `${c.id}: ${t.id} >= ${good.id}`),
        );
    });
    expect(misorders).toEqual([]);
  });
});
