import { describe, expect, it } from 'vitest';
import { createSkillExtractor } from '../../../tools/skills/extract.ts';
import {
  classifySkills,
  splitRequirementRanges,
  splitRequirements,
} from '../../../tools/skills/requirements.ts';

const extractor = createSkillExtractor();

const ENGLISH_POSTING = `# Senior Backend Engineer

About us: we build logistics software in Berlin.

## What you'll do
- Design services with Kafka

## Requirements
- 5+ years with Python and PostgreSQL
- Experience with Kubernetes

## Nice to have
- Terraform
- Python type hints experience

## Benefits
- 30 days of vacation
`;

const GERMAN_POSTING = `**Deine Aufgaben**
- Entwicklung von Microservices mit Java

**Dein Profil**
- Erfahrung mit Spring Boot und Docker
- Sehr gute Deutschkenntnisse

**Pluspunkte**
- Erfahrung mit Kotlin

**Wir bieten**
- Homeoffice
`;

describe('splitRequirements', () => {
  it('splits an English posting by its headings', () => {
    const split = splitRequirements(ENGLISH_POSTING);
    expect(split.required).toContain('5+ years with Python and PostgreSQL');
    expect(split.required).toContain('Experience with Kubernetes');
    expect(split.required).not.toContain('Terraform');
    expect(split.preferred).toContain('Terraform');
    expect(split.other).toContain('Design services with Kafka');
    expect(split.other).toContain('30 days of vacation');
    expect(split.other).not.toContain('Kubernetes');
  });

  it('splits a German posting by Dein Profil and Pluspunkte', () => {
    const split = splitRequirements(GERMAN_POSTING);
    expect(split.required).toContain('Erfahrung mit Spring Boot und Docker');
    expect(split.preferred).toContain('Erfahrung mit Kotlin');
    expect(split.other).toContain('Entwicklung von Microservices mit Java');
    expect(split.other).toContain('Homeoffice');
  });

  it('recognises plain headings with a colon and Anforderungen', () => {
    const text = 'Anforderungen:\n- SQL Kenntnisse\nWünschenswert:\n- Erfahrung mit Tableau\n';
    const split = splitRequirements(text);
    expect(split.required).toBe('- SQL Kenntnisse');
    expect(split.preferred).toBe('- Erfahrung mit Tableau');
  });

  it('follows lead-in lines that carry their own content, and the bullets right under them', () => {
    const text = 'Must have: Python, SQL\nBonus points: Rust\n- Haskell\nWe offer lunch.';
    const split = splitRequirements(text);
    expect(split.required).toBe('Python, SQL');
    expect(split.preferred).toBe('Rust\n- Haskell');
    expect(split.other).toBe('We offer lunch.');
  });

  it('moves a "is a plus" sentence under Requirements to the preferred part', () => {
    const text = 'Requirements\n- Strong TypeScript\n- Experience with GraphQL is a plus\n';
    const split = splitRequirements(text);
    expect(split.required).toContain('Strong TypeScript');
    expect(split.required).not.toContain('GraphQL');
    expect(split.preferred).toContain('Experience with GraphQL is a plus');
  });

  it('reads "X a plus" and "preferred" in running prose as nice-to-haves', () => {
    const text = 'Teaching license required. Google Classroom a plus. Master degree preferred. Be kind.';
    const split = splitRequirements(text);
    expect(split.required).toBe('Teaching license required.');
    expect(split.preferred).toBe('Google Classroom a plus. Master degree preferred.');
    expect(split.other).toBe('Be kind.');
  });

  it('leaves text without recognised headings as other', () => {
    const text = 'We are a small team building Python tools. Come say hi.';
    expect(splitRequirements(text)).toEqual({ required: '', preferred: '', other: text });
  });

  it('does not mistake a requirement sentence for a heading', () => {
    const split = splitRequirements('Requirements\nYou have 5 years of Go\n');
    expect(split.required).toBe('You have 5 years of Go');
  });

  it('returns ranges whose offsets point into the original text', () => {
    const ranges = splitRequirementRanges(ENGLISH_POSTING);
    const preferred = ranges.filter((r) => r.kind === 'preferred');
    expect(preferred.map((r) => ENGLISH_POSTING.slice(r.start, r.end)).join('')).toContain('- Terraform');
    for (let i = 1; i < ranges.length; i++)
      expect(ranges[i]!.start).toBeGreaterThanOrEqual(ranges[i - 1]!.end);
  });

  it('names the bad argument instead of crashing on it', () => {
    expect(() => splitRequirements(undefined as unknown as string)).toThrow(
      /text must be a string, got undefined/,
    );
  });
});

describe('classifySkills', () => {
  it('splits skills into required and preferred', () => {
    const result = classifySkills(extractor, ENGLISH_POSTING);
    expect(result.required).toEqual(expect.arrayContaining(['python', 'postgresql', 'kubernetes']));
    expect(result.preferred).toEqual(['terraform']);
  });

  it('keeps a skill named in both parts as required', () => {
    const result = classifySkills(extractor, ENGLISH_POSTING);
    expect(result.required).toContain('python');
    expect(result.preferred).not.toContain('python');
  });

  it('counts skills outside any recognised section as required', () => {
    expect(classifySkills(extractor, ENGLISH_POSTING).required).toContain('kafka');
    expect(classifySkills(extractor, 'We use Go and Redis daily.')).toEqual({
      required: ['go', 'redis'],
      preferred: [],
    });
  });

  it('classifies a German posting', () => {
    const result = classifySkills(extractor, GERMAN_POSTING);
    expect(result.required).toEqual(expect.arrayContaining(['java', 'spring boot', 'docker', 'german']));
    expect(result.preferred).toEqual(['kotlin']);
  });

  it('refuses an extractor without extract()', () => {
    expect(() => classifySkills({} as never, 'Python')).toThrow(/extractor must have an extract/);
  });
});
