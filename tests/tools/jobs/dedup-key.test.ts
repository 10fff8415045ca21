import { describe, expect, it } from 'vitest';
import { dedupKey, normalizeCompany, normalizeTitle } from '../../../tools/jobs/dedup-key.ts';

describe('normalizeCompany', () => {
  it.each([
    ['Acme, Inc.', 'acme'],
    ['ACME Inc', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Acme Ltd.', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Zalando SE', 'zalando'],
    ['Allegro Sp. z o.o.', 'allegro'],
    ['Spotify AB', 'spotify'],
    ['Société Générale S.A.', 'societe generale'],
    ['Procter & Gamble Co.', 'procter and gamble'],
  ])('normalises %s to %s', (name, expected) => {
    expect(normalizeCompany(name)).toBe(expected);
  });

  it('keeps a name that is nothing but a legal form', () => {
    expect(normalizeCompany('AG')).toBe('ag');
  });
});

describe('normalizeTitle', () => {
  it('treats Sr. as Senior and Jr as Junior', () => {
    expect(normalizeTitle('Sr. Backend Engineer')).toBe(normalizeTitle('Senior Backend Engineer'));
    expect(normalizeTitle('Jr Developer')).toBe('junior developer');
  });

  it('drops gender markers from German and French titles', () => {
    expect(normalizeTitle('Softwareentwickler (m/w/d)')).toBe('softwareentwickler');
    expect(normalizeTitle('Développeur (H/F)')).toBe('developpeur');
    expect(normalizeTitle('Data Engineer (all genders)')).toBe('data engineer');
  });

  it('collapses punctuation and whitespace', () => {
    expect(normalizeTitle('  Backend   Engineer -- Payments / Billing ')).toBe(
      'backend engineer payments billing',
    );
  });
});

describe('dedupKey', () => {
  it('joins company, title and location with pipes', () => {
    expect(dedupKey('Acme, Inc.', 'Sr. Engineer', 'Berlin, Germany')).toBe(
      'acme|senior engineer|berlin germany',
    );
  });

  it('gives the same key for the same job written differently', () => {
    expect(dedupKey('ACME GmbH', 'Senior  Engineer (m/w/d)', 'München')).toBe(
      dedupKey('Acme', 'Sr. Engineer', 'Munchen'),
    );
  });

  it('gives different keys for different jobs at one company', () => {
    expect(dedupKey('Acme', 'Senior Engineer', 'Berlin')).not.toBe(
      dedupKey('Acme', 'Staff Engineer', 'Berlin'),
    );
  });

  it('accepts a missing location', () => {
    expect(dedupKey('Acme', 'Engineer', null)).toBe('acme|engineer|');
  });
});
