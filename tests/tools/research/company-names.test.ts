import { describe, expect, it } from 'vitest';
import { closeCompanyNames, companyKey, companySimilarity } from '../../../tools/research/company-names.ts';

describe('companyKey', () => {
  it('ignores case, spacing, punctuation and a trailing legal form', () => {
    expect(companyKey('Acme Robotics')).toBe('acmerobotics');
    expect(companyKey('  ACME   robotics ')).toBe('acmerobotics');
    expect(companyKey('acme-robotics')).toBe('acmerobotics');
    expect(companyKey('Acme Robotics, Inc.')).toBe('acmerobotics');
    expect(companyKey('Acme Robotics GmbH & Co. KG')).toBe('acmerobotics');
    expect(companyKey('Zürich Versicherungs AG')).toBe('zürichversicherungs');
  });

  it('keeps a name that is only a legal-form word, and distinct companies apart', () => {
    expect(companyKey('AG')).toBe('ag');
    expect(companyKey('Acme Robotics')).not.toBe(companyKey('Acme Rockets'));
    expect(companyKey('---')).toBe('');
  });
});

describe('closeCompanyNames', () => {
  const stored = ['Acme Robotics', 'ACME Robotics GmbH', 'Acme Rockets', 'Globex Corporation', 'Initech'];

  it('ranks misspellings and partial names, one entry per company', () => {
    expect(closeCompanyNames('Acme Robotcs', stored)).toEqual(['Acme Robotics', 'Acme Rockets']);
    expect(closeCompanyNames('globex', stored)).toEqual(['Globex Corporation']);
    expect(closeCompanyNames('Initek', stored)).toEqual(['Initech']);
  });

  it('suggests nothing for an unrelated name', () => {
    expect(closeCompanyNames('Umbrella Pharmaceuticals', stored)).toEqual([]);
    expect(companySimilarity('', 'Acme')).toBe(0);
  });
});
