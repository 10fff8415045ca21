import { describe, expect, it } from 'vitest';
import type { ClaimKind } from '../../../tools/review/claims.ts';
import { createFaithfulnessGuard } from '../../../tools/review/faithfulness.ts';
import { createSkillExtractor } from '../../../tools/skills/extract.ts';
import { PRIYA } from './review-fixture.ts';

const guard = createFaithfulnessGuard(createSkillExtractor());
const strip = (output: string, allowed?: string[]) => guard.guard(PRIYA, output, allowed ? { allowed } : {});

describe('faithfulness guard: invented claims are removed and reported', () => {
  const invented: Array<[string, string, ClaimKind, string]> = [
    ['a skill in a sentence', '- Built the fraud engine in Rust.', 'skill', 'Rust'],
    ['an employer', 'Led a team of 4 engineers at Google.', 'employer', 'Google'],
    ['an employer with a legal suffix', 'Consulted for Initech Ltd on payments.', 'employer', 'Initech Ltd'],
    [
      'a swapped employer in a role header',
      '### Senior Backend Engineer — Stripe (Mar 2019 – Present)',
      'employer',
      'Stripe',
    ],
    [
      'a swapped employer leading a role line',
      'Globex, Senior Backend Engineer, Mar 2019 – Present',
      'employer',
      'Globex',
    ],
    [
      'a promoted title',
      '### Staff Engineer — Northwind Payments (Mar 2019 – Present)',
      'title',
      'Staff Engineer',
    ],
    ['a new title', 'Principal Architect at Northwind Payments.', 'title', 'Principal Architect'],
    ['a higher degree', 'MSc Computer Science, University of Leeds', 'degree', 'MSc Computer Science'],
    ['a degree in another field', 'BSc Physics, University of Leeds', 'degree', 'BSc Physics'],
    ['a doctorate', 'PhD in Machine Learning.', 'degree', 'PhD in Machine Learning'],
    [
      'a certification',
      'AWS Certified Solutions Architect.',
      'certification',
      'AWS Certified Solutions Architect',
    ],
    ['a certification by name', 'PMP Certification holder.', 'certification', 'PMP Certification'],
    ['an earlier start date', 'Backend Developer — Contoso Retail (Jan 2014 – Feb 2019)', 'date', '2014'],
    ['a year', 'Built the ledger in 2021.', 'date', '2021'],
    [
      'an inflated figure',
      'Cut checkout latency by 60% by rewriting the pricing service in Go.',
      'number',
      '60%',
    ],
    ['a new amount', 'Managed a budget of $2M.', 'number', '$2M'],
    ['a bigger audience', 'Wrote the order API for 3 million customers.', 'number', '3 million'],
  ];

  it.each(invented)('removes %s', (_what, output, kind, claim) => {
    const result = strip(output);
    expect(result.removed).toContainEqual(expect.objectContaining({ kind, claim }));
    expect(result.removed.every((r) => r.reason.length > 0)).toBe(true);
    expect(result.text).not.toContain(claim);
  });

  it('removes only the invented item from a skills list', () => {
    const result = strip('- Go, Rust, Terraform, k8s, Postgres');
    expect(result.text).toBe('- Go, Terraform, k8s, Postgres');
    expect(result.removed).toEqual([
      { claim: 'Rust', kind: 'skill', reason: 'the resume does not show this skill' },
    ]);
  });

  it('removes only the sentence that makes the claim', () => {
    const result = strip(
      'Backend engineer with eight years building payment platforms in JS and Go. Also fluent in Rust. I mentor new hires and write clear docs.',
    );
    expect(result.text).toBe(
      'Backend engineer with eight years building payment platforms in JS and Go. I mentor new hires and write clear docs.',
    );
    expect(result.removed.map((r) => r.claim)).toEqual(['Rust']);
  });

  it('cleans a whole document: invented lines go, the rest stays word for word', () => {
    const output = [
      '## Experience',
      '',
      '### Senior Backend Engineer — Northwind Payments (Mar 2019 – Present)',
      '',
      '- Led a team of 4 engineers through the move of 40 services to k8s.',
      '- Rebuilt the fraud engine in Rust, cutting losses by 70%.',
      '- Automated our cloud accounts with Terraform, saving 12 hours a week of manual work.',
      '',
      '## Certifications',
      '',
      '- Certified Kubernetes Administrator (2022)',
    ].join('\n');
    const result = strip(output);
    expect(result.text).toContain('- Led a team of 4 engineers through the move of 40 services to k8s.');
    expect(result.text).toContain('Automated our cloud accounts with Terraform, saving 12 hours a week');
    expect(result.text).toContain('### Senior Backend Engineer — Northwind Payments (Mar 2019 – Present)');
    expect(result.text).not.toMatch(/Rust|70%|Certified Kubernetes Administrator|2022/);
    const removed = result.removed.map((r) => `${r.kind}:${r.claim}`);
    expect(removed).toEqual(
      expect.arrayContaining([
        'skill:Rust',
        'number:70%',
        'certification:Certified Kubernetes Administrator',
        'date:2022',
      ]),
    );
  });

  it('removes a role whose employer was swapped with its bullets, so none is credited to the role above', () => {
    const output = [
      '### Senior Backend Engineer — Northwind Payments (Mar 2019 – Present)',
      '',
      '- Led a team of 4 engineers through the move of 40 services to k8s.',
      '',
      '### Backend Developer — Amazon (Jan 2016 – Feb 2019)',
      '',
      '- Wrote the order API in Node.js and JS for 1.2 million customers.',
      '',
      '## Education',
      '',
      'BSc Computer Science, University of Leeds (Sep 2012 – Jun 2015)',
    ].join('\n');
    const result = strip(output);
    expect(result.removed).toEqual([
      { claim: 'Amazon', kind: 'employer', reason: 'no employer of this name in the resume' },
    ]);
    expect(result.text).not.toContain('order API');
    expect(result.text).toContain('- Led a team of 4 engineers through the move of 40 services to k8s.');
    expect(result.text).toContain('## Education\n\nBSc Computer Science');
  });

  it('drops a heading whose whole section was invented, and keeps the sections around it', () => {
    const output = [
      '## Skills',
      '',
      '- Go, Terraform, k8s',
      '',
      '## Certifications',
      '',
      '- AWS Certified Solutions Architect',
      '',
      '## Education',
      '',
      'BSc Computer Science, University of Leeds (Sep 2012 – Jun 2015)',
      '',
    ].join('\n');
    const result = strip(output);
    expect(result.text).toBe(
      '## Skills\n\n- Go, Terraform, k8s\n\n## Education\n\nBSc Computer Science, University of Leeds (Sep 2012 – Jun 2015)\n',
    );
  });

  it('does not accept a skill the resume only aims for', () => {
    const aiming = `${PRIYA}\n\nLearning\nCurrently learning Rust in the evenings.`;
    const result = guard.guard(aiming, '- Built services in Rust.');
    expect(result.removed).toContainEqual(expect.objectContaining({ kind: 'skill', claim: 'Rust' }));
    // Copying the aim as written is no claim.
    expect(guard.guard(aiming, 'Currently learning Rust in the evenings.').removed).toEqual([]);
  });

  it('reports with check() without changing anything', () => {
    const found = guard.check(PRIYA, 'Led a team of 4 engineers at Google.');
    expect(found.map((c) => [c.kind, c.text])).toEqual([['employer', 'Google']]);
  });
});

describe('faithfulness guard: traceable claims survive', () => {
  const traceable: Array<[string, string]> = [
    ['a bullet copied as written', '- Cut checkout latency by 35% by rewriting the pricing service in Go.'],
    ['the role header as written', '### Senior Backend Engineer — Northwind Payments (Mar 2019 – Present)'],
    ['the degree as written', 'BSc Computer Science, University of Leeds (Sep 2012 – Jun 2015)'],
    ['the degree reworded', 'BSc in Computer Science from the University of Leeds.'],
    [
      'skills by their full names',
      'Senior Backend Engineer at Northwind Payments, running PostgreSQL on Kubernetes.',
    ],
    ['JS as JavaScript', 'Wrote the order API in Node.js and JavaScript for 1.2 million customers.'],
    ['a number word as digits', 'Backend engineer with 8 years building payment platforms.'],
    ['digits as a number word', 'Led a team of four engineers through the move of 40 services to k8s.'],
    ['a figure without its thousands comma', 'Tuned PostgreSQL queries, handling 2000 payments a second.'],
    ['a percentage spelled out', 'Cut checkout latency by 35 percent.'],
    ['the employer after "at"', 'Backend Developer at Contoso Retail from 2016 to 2019.'],
  ];

  it.each(traceable)('keeps %s', (_what, output) => {
    const result = strip(output);
    expect(result.removed).toEqual([]);
    expect(result.text).toBe(output);
  });

  it('keeps the whole resume when it is the output', () => {
    const result = strip(PRIYA);
    expect(result.removed).toEqual([]);
    expect(result.text).toBe(PRIYA);
  });

  it('lets a cover letter name the job’s title and company, and nothing else new', () => {
    const letter = 'I am writing to apply for the Staff Platform Engineer role at Acme Robotics.';
    expect(strip(letter, ['Staff Platform Engineer', 'Acme Robotics']).removed).toEqual([]);
    const unguarded = strip(letter);
    expect(unguarded.removed.map((r) => r.kind)).toEqual(expect.arrayContaining(['employer']));
    expect(unguarded.text).toBe('');
  });
});
