import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isLikelyResume, parsedResumeSchema, parseResume } from '../../../tools/resume/parse.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/resumes/${name}`, import.meta.url), 'utf8');

// A tiny stand-in for the skills extractor: a few canonical names and one alias.
const SKILLS: Record<string, RegExp> = {
  typescript: /\btypescript\b/i,
  go: /\bGo\b/,
  kubernetes: /\b(?:kubernetes|k8s)\b/i,
  postgresql: /\b(?:postgresql|postgres)\b/i,
  kafka: /\bkafka\b/i,
  react: /\breact\b/i,
  java: /\bjava\b/i,
};
const extractSkills = (text: string) => Object.keys(SKILLS).filter((name) => SKILLS[name]!.test(text));
const now = new Date('2025-06-15T00:00:00Z');
const parse = (text: string) => parseResume(text, { extractSkills, now });
const experienceOf = (body: string) => parse(`Jane Doe\n\nExperience\n${body}\n`).experience;

describe('parseResume: a whole resume', () => {
  const text = fixture('jane-doe.txt');
  const resume = parse(text);

  it('produces output that satisfies the schema', () => {
    expect(parsedResumeSchema.safeParse(resume).success).toBe(true);
  });

  it('reads the name and contact details from the header', () => {
    expect(resume.name).toBe('JANE DOE');
    expect(resume.contact).toEqual({
      email: 'jane.doe@example.com',
      phone: '+49 30 1234 5678',
      location: 'Berlin, Germany',
      links: ['linkedin.com/in/janedoe', 'https://github.com/janedoe'],
    });
  });

  it('finds every section with offsets that point at its heading', () => {
    expect(resume.sections.map((s) => [s.heading, s.kind])).toEqual([
      ['PROFILE', 'summary'],
      ['WORK EXPERIENCE', 'experience'],
      ['EDUCATION', 'education'],
      ['SKILLS & TOOLS', 'skills'],
      ['LICENSES & CERTIFICATIONS', 'certifications'],
      ['LANGUAGES', 'languages'],
    ]);
    for (const s of resume.sections) expect(text.slice(s.start, s.start + s.heading.length)).toBe(s.heading);
    for (const [a, b] of resume.sections.slice(0, -1).map((s, i) => [s, resume.sections[i + 1]!] as const)) {
      expect(a.end).toBe(b.start);
    }
  });

  it('reads the summary as one paragraph', () => {
    expect(resume.summary).toMatch(/^Backend engineer with a decade .* on Kubernetes\.$/);
  });

  it('reads experience entries in several layouts', () => {
    expect(
      resume.experience.map(({ title, employer, start, end }) => ({ title, employer, start, end })),
    ).toEqual([
      { title: 'Staff Engineer', employer: 'Acme Corp', start: '2020-01', end: 'present' },
      { title: 'Senior Backend Engineer', employer: 'Globex GmbH', start: '2016-01', end: '2019-01' },
      { title: 'Software Developer', employer: 'Initech Ltd', start: '2013-03', end: '2016-12' },
      { title: 'Freelance Web Developer', employer: 'Self-employed', start: '2012-03', end: '2013-12' },
    ]);
    expect(resume.experience[0]!.bullets).toEqual([
      'Led the migration of 40 services to Kubernetes, cutting hosting costs by 30%.',
      'Designed the event pipeline on Kafka and PostgreSQL.',
    ]);
  });

  it('reads education with degree, field and dates', () => {
    expect(resume.education).toEqual([
      {
        institution: 'Technical University of Munich',
        degree: 'M.Sc.',
        field: 'Computer Science',
        start: '2010-01',
        end: '2012-01',
      },
      { institution: 'LMU Munich', degree: 'B.Sc.', field: 'Informatics', start: '2007-01', end: '2010-01' },
    ]);
  });

  it('collects canonical skills from the skills section and the rest of the text', () => {
    expect(resume.skills).toEqual(['typescript', 'go', 'kubernetes', 'postgresql', 'kafka', 'java']);
  });

  it('lists certifications and languages', () => {
    expect(resume.certifications).toEqual([
      'Certified Kubernetes Administrator (CKA)',
      'AWS Certified Solutions Architect – Associate',
    ]);
    expect(resume.languages).toEqual(['German (native)', 'English (C2)', 'Spanish (B1)']);
  });

  it('counts years without double-counting overlapping jobs', () => {
    // Mar 2012–Jan 2019 (overlaps merged) is 83 months, Jan 2020–Jun 2025 is 66: 149 months.
    expect(resume.totalYears).toBe(12.4);
  });

  it('estimates staff seniority from the current title', () => {
    expect(resume.seniority).toBe('staff');
  });
});

describe('parseResume: a German Markdown resume', () => {
  const resume = parse(fixture('max-mustermann.md'));

  it('recognises German headings and bold title lines', () => {
    expect(resume.sections.map((s) => s.kind)).toEqual([
      'summary',
      'experience',
      'education',
      'skills',
      'languages',
    ]);
    expect(resume.name).toBe('Max Mustermann');
    expect(resume.experience.map((e) => [e.title, e.employer, e.start, e.end, e.location])).toEqual([
      ['Senior Frontend Engineer', 'Beispiel AG', '2021-03', 'present', undefined],
      ['Frontend Developer', 'Muster GmbH', '2018-01', '2021-01', 'Hamburg'],
    ]);
  });

  it('maps k8s to the canonical skill through the extractor', () => {
    expect(resume.skills).toContain('kubernetes');
  });
});

describe('parseResume: section headings', () => {
  const cases: Array<[string, string]> = [
    ['Work Experience', 'experience'],
    ['Professional Experience', 'experience'],
    ['EXPERIENCE', 'experience'],
    ['Employment History', 'experience'],
    ['Berufserfahrung', 'experience'],
    ['Skills & Tools', 'skills'],
    ['Technical Skills', 'skills'],
    ['Core Competencies', 'skills'],
    ['Education', 'education'],
    ['Ausbildung', 'education'],
    ['Certifications', 'certifications'],
    ['Licenses & Certifications', 'certifications'],
    ['Languages', 'languages'],
    ['Summary', 'summary'],
    ['Profile', 'summary'],
    ['About me', 'summary'],
    ['## Projects', 'projects'],
    ['**Skills:**', 'skills'],
    ['VOLUNTEERING', 'other'],
  ];
  it.each(cases)('recognises "%s" as %s', (heading, kind) => {
    const { sections } = parse(`Jane Doe\n\n${heading}\nSome content here\n`);
    expect(sections.map((s) => s.kind)).toEqual([kind]);
  });

  it('reads "Skills: a, b" with the content on the heading line', () => {
    const { sections, skills } = parse('Jane Doe\nSkills: TypeScript, React\n');
    expect(sections).toMatchObject([{ heading: 'Skills', kind: 'skills' }]);
    expect(skills).toEqual(['typescript', 'react']);
  });

  it('does not end a job at a "Tools:" line inside it', () => {
    const { sections } = parse(
      'Jane\n\nExperience\nEngineer — Acme Corp (2019 – 2021)\nTools: Go, Kafka\n- Built things.\n',
    );
    expect(sections.map((s) => s.kind)).toEqual(['experience']);
  });

  it('does not take an ordinary sentence for a heading', () => {
    const { sections } = parse('Jane Doe\n\nExperience\nI have experience with large systems.\n');
    expect(sections).toHaveLength(1);
  });

  it('keeps offsets valid for text with Windows line endings', () => {
    const text = 'Jane Doe\r\n\r\nEducation\r\nMIT\r\n\r\nSkills\r\nGo\r\n';
    const { sections } = parse(text);
    expect(sections.map((s) => text.slice(s.start, s.start + s.heading.length))).toEqual([
      'Education',
      'Skills',
    ]);
  });
});

describe('parseResume: experience layouts', () => {
  it('reads "Title — Employer (Mon YYYY – Present)"', () => {
    expect(experienceOf('Senior Engineer — Acme Corp (Jan 2020 – Present)\n- Shipped.')).toMatchObject([
      {
        title: 'Senior Engineer',
        employer: 'Acme Corp',
        start: '2020-01',
        end: 'present',
        bullets: ['Shipped.'],
      },
    ]);
  });

  it('reads "Employer | Title | YYYY-YYYY"', () => {
    expect(experienceOf('Acme Corp | Senior Engineer | 2019-2021\n• Shipped.')).toMatchObject([
      { title: 'Senior Engineer', employer: 'Acme Corp', start: '2019-01', end: '2021-01' },
    ]);
  });

  it('reads a title line, an employer line and a "MM/YYYY - MM/YYYY" line', () => {
    expect(experienceOf('Senior Engineer\nAcme Corp\n03/2018 - 12/2020\n- Shipped.')).toMatchObject([
      { title: 'Senior Engineer', employer: 'Acme Corp', start: '2018-03', end: '2020-12' },
    ]);
  });

  it('reads "YYYY – now" and a location after the employer', () => {
    expect(experienceOf('Acme Corp, Berlin   2018 – now\nSenior Engineer\n- Shipped.')).toMatchObject([
      {
        title: 'Senior Engineer',
        employer: 'Acme Corp',
        location: 'Berlin',
        start: '2018-01',
        end: 'present',
      },
    ]);
  });

  it('reads "Title at Employer, City, ST" followed by "Mon YYYY to Mon YYYY"', () => {
    expect(
      experienceOf('Data Analyst at Initech, Austin, TX\nMar 2018 to Dec 2020\n- Built dashboards.'),
    ).toMatchObject([
      {
        title: 'Data Analyst',
        employer: 'Initech',
        location: 'Austin, TX',
        start: '2018-03',
        end: '2020-12',
      },
    ]);
  });

  it('splits consecutive one-line entries without bullets', () => {
    const entries = experienceOf(
      'Engineer — Acme (2020 – Present)\nDeveloper — Beta Inc (2018 – 2020)\nIntern — Gamma Labs (Jun 2017 – Aug 2017)',
    );
    expect(entries.map((e) => [e.title, e.employer, e.start, e.end])).toEqual([
      ['Engineer', 'Acme', '2020-01', 'present'],
      ['Developer', 'Beta Inc', '2018-01', '2020-01'],
      ['Intern', 'Gamma Labs', '2017-06', '2017-08'],
    ]);
  });

  it('joins a wrapped bullet line back onto its bullet', () => {
    const [entry] = experienceOf(
      'Engineer — Acme (2020 – 2021)\n- Migrated forty services to\nKubernetes on AWS.\n- Another.',
    );
    expect(entry!.bullets).toEqual(['Migrated forty services to', 'Kubernetes on AWS.', 'Another.']);
    const [wrapped] = experienceOf(
      'Engineer — Acme (2020 – 2021)\n- Migrated forty services\nto Kubernetes on AWS.',
    );
    expect(wrapped!.bullets).toEqual(['Migrated forty services to Kubernetes on AWS.']);
  });

  it('reads German "seit" dates as ongoing', () => {
    expect(experienceOf('Entwickler — Beispiel GmbH (seit 03/2019)')).toMatchObject([
      { title: 'Entwickler', employer: 'Beispiel GmbH', start: '2019-03', end: 'present' },
    ]);
  });
});

describe('parseResume: years and seniority', () => {
  const withJobs = (lines: string[]) =>
    parse(`Jane Doe\n\nExperience\n${lines.join('\n- Work.\n')}\n- Work.\n`);

  it('merges overlapping jobs and counts the gap between jobs as nothing', () => {
    const resume = withJobs([
      'Engineer — Acme (Jan 2015 – Dec 2017)',
      'Consultant — Beta Inc (Jun 2016 – Jun 2018)',
      'Engineer — Gamma Labs (Jan 2020 – Dec 2020)',
    ]);
    // Jan 2015–Jun 2018 is 42 months, 2020 is 12: 54 months.
    expect(resume.totalYears).toBe(4.5);
  });

  it('counts "present" up to the given date', () => {
    expect(withJobs(['Engineer — Acme (Jul 2024 – Present)']).totalYears).toBe(1);
  });

  it.each([
    [['Developer — Acme (2024 – Present)'], 'junior'],
    [['Developer — Acme (2021 – Present)'], 'mid'],
    [['Developer — Acme (2018 – Present)'], 'senior'],
    [['Software Engineering Intern — Acme (Jun 2024 – Aug 2024)'], 'intern'],
    [['Principal Engineer — Acme (2015 – Present)'], 'principal'],
    [['Tech Lead — Acme (2019 – Present)'], 'lead'],
    [['Engineering Manager — Acme (2016 – Present)'], 'manager'],
    [['Director of Engineering — Acme (2012 – Present)'], 'director'],
  ])('estimates %j as %s', (jobs, level) => {
    expect(withJobs(jobs).seniority).toBe(level);
  });
});

describe('isLikelyResume', () => {
  it('accepts resumes', () => {
    expect(isLikelyResume(fixture('jane-doe.txt'))).toBe(true);
    expect(isLikelyResume(fixture('max-mustermann.md'))).toBe(true);
  });

  it('refuses a recipe', () => {
    expect(isLikelyResume(fixture('recipe.txt'))).toBe(false);
  });

  it('refuses a job posting', () => {
    const posting = `Senior Backend Engineer (m/f/d)
About the role
We are looking for a senior engineer to join our team in Berlin. You will design our payment APIs
and work with our product managers. You'll own services end to end.
Requirements
- 5+ years of experience with Go or TypeScript
- Experience with Kubernetes and PostgreSQL
- A degree in computer science or equivalent experience
What we offer
- Flexible hours, remote work and a learning budget
- Benefits: 30 days of vacation
Apply now and join our team!`;
    expect(isLikelyResume(posting)).toBe(false);
  });

  it('refuses lorem ipsum and near-empty text', () => {
    expect(
      isLikelyResume(
        `Lorem ipsum dolor sit amet, consectetur adipiscing elit. ${'Sed do eiusmod tempor. '.repeat(20)}`,
      ),
    ).toBe(false);
    expect(isLikelyResume('Jane Doe, engineer')).toBe(false);
  });
});
