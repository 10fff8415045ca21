import { describe, expect, it } from 'vitest';
import { inferEmploymentType } from '../../../tools/jobs/employment-type.ts';

describe('inferEmploymentType', () => {
  it.each([
    ['FULL_TIME', 'full_time'],
    ['Full-time', 'full_time'],
    ['Full Time', 'full_time'],
    ['Vollzeit', 'full_time'],
    ['Permanent', 'full_time'],
    ['PART_TIME', 'part_time'],
    ['Part time', 'part_time'],
    ['Teilzeit', 'part_time'],
    ['Contract', 'contract'],
    ['CONTRACTOR', 'contract'],
    ['Freelance', 'contract'],
    ['Internship', 'internship'],
    ['INTERN', 'internship'],
    ['Werkstudent', 'internship'],
    ['Temporary', 'temporary'],
    ['Fixed-term', 'temporary'],
    ['Befristet', 'temporary'],
    ['Full-time, Fixed-term', 'temporary'],
    ['Vollzeit, Teilzeit', 'part_time'],
    ['Part-time Internship', 'internship'],
  ])('reads the field %s as %s', (raw, type) => {
    expect(inferEmploymentType(raw)).toBe(type);
  });

  it('returns null for a field that names no kind', () => {
    expect(inferEmploymentType('Other')).toBeNull();
    expect(inferEmploymentType('   ')).toBeNull();
    expect(inferEmploymentType()).toBeNull();
  });

  it('reads markers in the title when the field is missing', () => {
    expect(inferEmploymentType(undefined, undefined, 'Werkstudent Marketing (m/w/d)')).toBe('internship');
    expect(inferEmploymentType(undefined, undefined, 'Senior Designer (Contract)')).toBe('contract');
    expect(inferEmploymentType(undefined, undefined, 'Backend Engineer - Part-time')).toBe('part_time');
  });

  it('does not read "Contract Manager" as a contract job', () => {
    expect(inferEmploymentType(undefined, undefined, 'Contract Manager')).toBeNull();
  });

  it('reads phrases in the description, the earliest one winning', () => {
    expect(
      inferEmploymentType(undefined, 'This is a full-time position. Part-time options exist later.'),
    ).toBe('full_time');
    expect(inferEmploymentType(undefined, 'A 6-month contract with possible extension.')).toBe('contract');
    expect(inferEmploymentType(undefined, 'This is a fixed-term role covering parental leave.')).toBe(
      'temporary',
    );
  });

  it('ignores passing mentions of contracts in the description', () => {
    expect(
      inferEmploymentType(undefined, 'You will negotiate vendor contracts and review contract terms.'),
    ).toBeNull();
  });

  it('prefers the field over the description', () => {
    expect(inferEmploymentType('Part-time', 'This is a full-time position.')).toBe('part_time');
  });
});
