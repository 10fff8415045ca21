import { describe, expect, it } from 'vitest';
import { inferSeniority, yearsOfExperience } from '../../../tools/jobs/seniority.ts';

describe('inferSeniority', () => {
  it.each([
    ['Software Engineering Intern', 'intern'],
    ['Werkstudent Data Engineering (m/w/d)', 'intern'],
    ['Summer Internship - Backend', 'intern'],
    ['Junior Frontend Developer', 'junior'],
    ['Jr. Data Analyst', 'junior'],
    ['Graduate Software Engineer', 'junior'],
    ['Entry-Level QA Engineer', 'junior'],
    ['Associate Software Engineer', 'junior'],
    ['Senior Backend Engineer', 'senior'],
    ['Sr. Product Designer', 'senior'],
    ['Sr Software Engineer', 'senior'],
    ['Senior Product Manager', 'senior'],
    ['Staff Software Engineer', 'staff'],
    ['Senior Staff Engineer, Infrastructure', 'staff'],
    ['Principal Engineer', 'principal'],
    ['Distinguished Engineer', 'principal'],
    ['Lead Data Scientist', 'lead'],
    ['Tech Lead - Payments', 'lead'],
    ['Engineering Manager, Platform', 'manager'],
    ['Senior Engineering Manager', 'manager'],
    ['Manager, Software Engineering', 'manager'],
    ['Teamleiter Softwareentwicklung', 'manager'],
    ['Head of Engineering', 'director'],
    ['Director of Product', 'director'],
    ['Senior Director, Data', 'director'],
    ['VP of Engineering', 'director'],
    ['Vice President, Sales', 'director'],
    ['Chief Technology Officer', 'executive'],
    ['CTO', 'executive'],
    ['CEO & Co-Founder', 'executive'],
    ['Software Engineer I', 'junior'],
    ['Software Engineer II', 'mid'],
    ['Software Engineer III, Backend', 'senior'],
    ['Data Engineer IV', 'staff'],
    ['Mid-Level Frontend Developer', 'mid'],
  ])('reads %s as %s', (title, level) => {
    expect(inferSeniority(title)).toBe(level);
  });

  it('does not treat individual-contributor "manager" titles as people managers', () => {
    expect(inferSeniority('Product Manager')).toBeNull();
    expect(inferSeniority('Account Manager')).toBeNull();
  });

  it('does not read "Lead Generation" as a lead role', () => {
    expect(inferSeniority('Lead Generation Specialist')).toBeNull();
  });

  it('does not read a capital I inside a title as a ladder level', () => {
    expect(inferSeniority('I/O Performance Engineer')).toBeNull();
  });

  it('lets the title win over the years asked for in the text', () => {
    expect(inferSeniority('Junior Developer', 'You have 5+ years of experience.')).toBe('junior');
  });

  it('falls back to years of experience when the title says nothing', () => {
    expect(inferSeniority('Backend Engineer', 'You bring 5+ years of professional experience with Go.')).toBe(
      'senior',
    );
    expect(inferSeniority('Backend Engineer', 'Requirements: 2-3 years of experience in Python')).toBe('mid');
    expect(inferSeniority('Backend Engineer', 'At least 1 year of experience')).toBe('junior');
    expect(inferSeniority('Backend Engineer', 'Mindestens 6 Jahre Berufserfahrung')).toBe('senior');
  });

  it('reads entry-level wording in the text', () => {
    expect(inferSeniority('Software Engineer', 'This is an entry-level role for new grads.')).toBe('junior');
  });

  it('returns null when nothing is known', () => {
    expect(inferSeniority('Software Engineer')).toBeNull();
    expect(inferSeniority('Software Engineer', 'We were founded 10 years ago and ship daily.')).toBeNull();
  });
});

describe('yearsOfExperience', () => {
  it('takes the smallest figure asked for near the word experience', () => {
    expect(yearsOfExperience('3+ years of experience with React and 5+ years of experience overall')).toBe(3);
    expect(yearsOfExperience('Experience: 4 to 6 years')).toBe(4);
  });

  it('ignores figures that are not experience', () => {
    expect(yearsOfExperience('We have been around for 12 years and have 40 engineers')).toBeNull();
  });
});
