import { describe, expect, it } from 'vitest';
import { createSkillExtractor, type SkillMention } from '../../../tools/skills/extract.ts';
import type { SkillDef } from '../../../tools/skills/taxonomy/index.ts';

const extractor = createSkillExtractor();
const skillsIn = (text: string) => extractor.skills(text);

function spanTexts(mentions: SkillMention[], skill: string): string[] {
  return mentions.find((m) => m.skill === skill)?.spans.map((s) => s.text) ?? [];
}

describe('aliases and abbreviations', () => {
  // [field, written form, canonical skill]
  const cases: Array<[string, string, string]> = [
    ['engineering', 'We run k8s in production', 'kubernetes'],
    ['engineering', 'kube clusters', 'kubernetes'],
    ['engineering', 'Postgres and psql', 'postgresql'],
    ['engineering', 'ECMAScript modules', 'javascript'],
    ['engineering', 'JS and CSS', 'javascript'],
    ['engineering', 'Golang services', 'go'],
    ['engineering', 'ReactJS or React.js', 'react'],
    ['engineering', 'nodejs backends', 'node.js'],
    ['engineering', 'Amazon Web Services', 'aws'],
    ['engineering', 'GCP and BigQuery', 'google cloud'],
    ['engineering', 'continuous integration pipelines', 'ci/cd'],
    ['engineering', 'csharp developers', 'c#'],
    ['engineering', 'cpp codebase', 'c++'],
    ['data', 'ML engineers', 'machine learning'],
    ['data', 'sklearn pipelines', 'scikit-learn'],
    ['data', 'NLP research', 'natural language processing'],
    ['data', 'PowerBI dashboards', 'power bi'],
    ['design', 'user research studies', 'ux research'],
    ['product', 'split testing of onboarding flows', 'a/b testing'],
    ['product', 'owning the product roadmap', 'roadmapping'],
    ['sales', 'SFDC hygiene', 'salesforce'],
    ['sales', 'making cold calls', 'cold calling'],
    ['marketing', 'search engine optimisation', 'seo'],
    ['marketing', 'AdWords campaigns', 'google ads'],
    ['finance', 'financial modelling in spreadsheets', 'financial modeling'],
    ['finance', 'M&A transactions', 'mergers and acquisitions'],
    ['finance', 'GAAP reporting', 'us gaap'],
    ['finance', 'Certified Public Accountant', 'cpa'],
    ['hr', 'talent acquisition partner', 'recruiting'],
    ['hr', 'Workday HCM rollout', 'workday'],
    ['healthcare', 'basic life support', 'bls'],
    ['healthcare', 'charting in the EMR', 'electronic health records'],
    ['healthcare', 'experienced phlebotomist', 'phlebotomy'],
    ['operations', 'Lean Six Sigma Green Belt', 'six sigma'],
    ['operations', 'S/4HANA migration', 'sap'],
    ['education', 'curriculum development for grade 5', 'curriculum design'],
    ['education', 'TEFL certificate', 'esl'],
    ['languages', 'fließend Deutsch', 'german'],
    ['certifications', 'Certified Kubernetes Administrator', 'cka'],
  ];

  it.each(cases)('recognises a %s skill written as "%s" as %s', (_field, text, skill) => {
    expect(skillsIn(text)).toContain(skill);
  });

  it('covers at least 25 skills across 8 fields', () => {
    expect(new Set(cases.map((c) => c[2])).size).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c[0])).size).toBeGreaterThanOrEqual(8);
  });

  it('ignores case for ordinary words', () => {
    expect(skillsIn('KUBERNETES, python and TypeScript')).toEqual(['kubernetes', 'python', 'typescript']);
  });

  it('treats hyphens and spaces in multi-word skills alike', () => {
    expect(skillsIn('react-native and React  Native')).toEqual(['react native']);
    expect(skillsIn('Machine-learning')).toEqual(['machine learning']);
  });
});

describe('ambiguous short tokens', () => {
  it('reads Go as the language next to other programming skills or a cue', () => {
    expect(skillsIn('We are hiring a Go developer.')).toContain('go');
    expect(skillsIn('Our services are written in Go.')).toContain('go');
    expect(skillsIn('Stack: Python, Go, PostgreSQL')).toContain('go');
  });

  it('does not read go as the language in everyday phrases', () => {
    expect(skillsIn('You will own our go to market plan')).not.toContain('go');
    expect(skillsIn('Build the go-to-market strategy with Python tooling')).not.toContain('go');
    expect(skillsIn("Ship Python and Docker services. Let's go!")).not.toContain('go');
    expect(skillsIn('Ready, set, go: join our sales floor')).not.toContain('go');
    expect(skillsIn('Python engineers who go above and beyond for customers')).not.toContain('go');
  });

  it('reads a capital R as the language only in a programming context', () => {
    expect(skillsIn('Statistical analysis in Python or R')).toContain('r');
    expect(skillsIn('We fund R&D across Python and Rust teams')).not.toContain('r');
    expect(skillsIn('Statistical analysis in Python or r')).not.toContain('r');
    expect(skillsIn('Our cinema shows films rated R on weekends')).not.toContain('r');
  });

  it('reads a capital C as the language only in a programming context', () => {
    expect(skillsIn('Firmware written in C and Rust')).toContain('c');
    expect(skillsIn('Present to C-level executives about our Python platform')).not.toContain('c');
    expect(skillsIn('firmware written in c and rust')).not.toContain('c');
    expect(skillsIn('Candidates with grade C or better')).not.toContain('c');
  });

  it('reads RN as registered nurse only where the context is clinical', () => {
    expect(skillsIn('RN with current BLS and ACLS')).toContain('registered nurse');
    expect(skillsIn('Licensed RN wanted for night shifts')).toContain('registered nurse');
    expect(skillsIn('Our mobile app is built in RN with TypeScript')).not.toContain('registered nurse');
    expect(skillsIn('Night shifts, rn, with patients')).not.toContain('registered nurse');
  });

  it('does not see Java inside JavaScript', () => {
    expect(skillsIn('JavaScript and TypeScript')).not.toContain('java');
    expect(skillsIn('JavaScript and Java')).toEqual(['javascript', 'java']);
  });

  it('respects word boundaries', () => {
    expect(skillsIn('a scalable, excellent platform')).toEqual([]);
    expect(skillsIn('We use postgresql')).toEqual(['postgresql']);
    expect(skillsIn('You excel at communication and know Excel well')).toEqual([
      'communication',
      'microsoft excel',
    ]);
  });
});

describe('punctuation and longest match', () => {
  it('keeps the punctuation that is part of a skill name', () => {
    const text = 'C++, C#, .NET, ASP.NET, Node.js, CI/CD and A/B testing';
    expect(skillsIn(text)).toEqual(['c++', 'c#', '.net', 'asp.net', 'node.js', 'ci/cd', 'a/b testing']);
  });

  it('prefers React Native over React for the same words', () => {
    const mentions = extractor.extract('React Native apps, and React on the web');
    expect(spanTexts(mentions, 'react native')).toEqual(['React Native']);
    expect(spanTexts(mentions, 'react')).toEqual(['React']);
  });

  it('never returns two mentions that overlap', () => {
    const text =
      'React Native, React, Spring Boot, Spring, Lean Six Sigma, SAP FI, SAP, Google Cloud Platform, ' +
      'Amazon Web Services, ASP.NET Core, .NET, Objective-C, C, C++, machine learning and deep learning in Python.';
    const spans = extractor
      .extract(text)
      .flatMap((m) => m.spans)
      .sort((a, b) => a.start - b.start);
    expect(spans.length).toBeGreaterThan(10);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });
});

describe('spans', () => {
  it('points at the exact characters in the original text', () => {
    const text = 'Senior engineer: Kubernetes (k8s), Postgres, then more Kubernetes.';
    const mentions = extractor.extract(text);
    const kube = mentions.find((m) => m.skill === 'kubernetes')!;
    expect(kube.spans.map((s) => [s.start, s.end])).toEqual([
      [17, 27],
      [29, 32],
      [55, 65],
    ]);
    for (const m of mentions) for (const s of m.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(kube.label).toBe('Kubernetes');
    expect(kube.category).toBe('devops');
  });

  it('orders mentions by first occurrence', () => {
    expect(skillsIn('Terraform, then Python, then Terraform again, then Docker')).toEqual([
      'terraform',
      'python',
      'docker',
    ]);
  });

  it('keeps offsets right after characters that change length when lowercased', () => {
    const text = 'İstanbul office: Python and Kafka';
    const mentions = extractor.extract(text);
    for (const m of mentions) for (const s of m.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(mentions.map((m) => m.skill)).toEqual(['python', 'kafka']);
  });

  it('handles a 200 KB posting dump and finds every occurrence', () => {
    const block =
      'Backend role: Go developer with Kubernetes, PostgreSQL and CI/CD; excellent scalable systems. ';
    const repeats = Math.ceil(200_000 / block.length);
    const text = block.repeat(repeats);
    const mentions = extractor.extract(text);
    expect(mentions.map((m) => m.skill)).toEqual(['go', 'kubernetes', 'postgresql', 'ci/cd']);
    for (const m of mentions) expect(m.spans).toHaveLength(repeats);
    const last = mentions.find((m) => m.skill === 'ci/cd')!.spans.at(-1)!;
    expect(last.start).toBe((repeats - 1) * block.length + block.indexOf('CI/CD'));
  });
});

describe('canonicalize and get', () => {
  it('maps one typed skill name to its canonical name', () => {
    expect(extractor.canonicalize('k8s')).toBe('kubernetes');
    expect(extractor.canonicalize(' ReactJS ')).toBe('react');
    expect(extractor.canonicalize('Go')).toBe('go');
    expect(extractor.canonicalize('RN')).toBe('registered nurse');
    expect(extractor.canonicalize('Python 3.12')).toBe('python');
    expect(extractor.canonicalize('underwater basket weaving')).toBeNull();
  });

  it('returns display details for a skill under any of its names', () => {
    expect(extractor.get('psql')).toMatchObject({
      name: 'postgresql',
      label: 'PostgreSQL',
      category: 'database',
    });
    expect(extractor.get('nothing-like-a-skill')).toBeUndefined();
  });

  it('names the bad argument instead of crashing on it', () => {
    expect(() => extractor.extract(42 as unknown as string)).toThrow(
      /extract: text must be a string, got number/,
    );
    expect(() => extractor.canonicalize(null as unknown as string)).toThrow(
      /canonicalize: name must be a string/,
    );
  });
});

describe('custom taxonomies', () => {
  it('works with a caller-supplied skill list', () => {
    const own: SkillDef[] = [
      { name: 'knitting', label: 'Knitting', category: 'design', aliases: ['purling'] },
    ];
    expect(createSkillExtractor(own).skills('Knitting and purling, also Python')).toEqual(['knitting']);
  });

  it('refuses a list where two skills claim the same alias', () => {
    const clash: SkillDef[] = [
      { name: 'a', label: 'A', category: 'design', aliases: ['x'] },
      { name: 'b', label: 'B', category: 'design', aliases: ['x'] },
    ];
    expect(() => createSkillExtractor(clash)).toThrow(/"x" belongs to both "a" and "b"/);
  });
});
