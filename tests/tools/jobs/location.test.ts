import { describe, expect, it } from 'vitest';
import { gazetteerSize, lookupCity } from '../../../tools/jobs/gazetteer.ts';
import {
  countryCode,
  parseLocation,
  remoteModeFromDescription,
  remoteModeFromLocation,
} from '../../../tools/jobs/location.ts';

describe('parseLocation', () => {
  it.each([
    ['Berlin, Germany', 'Berlin', null, 'DE', 'onsite'],
    ['San Francisco, CA', 'San Francisco', 'CA', 'US', 'onsite'],
    ['New York, NY, United States', 'New York', 'NY', 'US', 'onsite'],
    ['London, UK', 'London', null, 'GB', 'onsite'],
    ['Remote - US', null, null, 'US', 'remote'],
    ['Remote (EU)', null, null, null, 'remote'],
    ['Hybrid - Amsterdam', 'Amsterdam', null, 'NL', 'hybrid'],
    ['München', 'Munich', null, 'DE', 'onsite'],
    ['Toronto, ON, Canada', 'Toronto', 'ON', 'CA', 'onsite'],
    ['Anywhere', null, null, null, 'remote'],
    ['Bengaluru, Karnataka, India', 'Bengaluru', 'Karnataka', 'IN', 'onsite'],
    ['Paris / Remote', 'Paris', null, 'FR', 'remote'],
  ])('reads %s', (text, city, region, country, remote) => {
    expect(parseLocation(text)).toEqual({ city, region, country, remote, text });
  });

  it.each([
    ['Bangalore', 'Bengaluru', null, 'IN'],
    ['Zürich, Switzerland (Hybrid)', 'Zurich', null, 'CH'],
    ['Austin, Texas, United States', 'Austin', 'TX', 'US'],
    ['Springfield, IL', 'Springfield', 'IL', 'US'],
    ['Berlin, DE', 'Berlin', null, 'DE'],
    ['Portland, ME', 'Portland', 'ME', 'US'],
    ['Vancouver, WA', 'Vancouver', 'WA', 'US'],
    ['Vancouver, BC', 'Vancouver', 'BC', 'CA'],
    ['London, ON', 'London', 'ON', 'CA'],
    ['Paris, TX', 'Paris', 'TX', 'US'],
    ['Atlanta, Georgia', 'Atlanta', 'GA', 'US'],
    ['Tbilisi, Georgia', 'Tbilisi', null, 'GE'],
    ['Germany - Berlin', 'Berlin', null, 'DE'],
    ['Washington, D.C.', 'Washington', 'DC', 'US'],
    ['Perth, WA', 'Perth', 'WA', 'AU'],
    ['Sydney NSW', 'Sydney', 'NSW', 'AU'],
    ['Boston, MA 02110', 'Boston', 'MA', 'US'],
    ['Dublin 2, Ireland', 'Dublin', null, 'IE'],
    ['Cluj-Napoca, Romania', 'Cluj-Napoca', null, 'RO'],
    ['Berlin or Munich', 'Berlin', null, 'DE'],
    ['Köln', 'Cologne', null, 'DE'],
    ['NYC', 'New York', 'NY', 'US'],
  ])('reads %s as a place', (text, city, region, country) => {
    expect(parseLocation(text)).toMatchObject({ city, region, country });
  });

  it.each([
    ['Remote-US', 'US'],
    ['US Remote', 'US'],
    ['Remote (US only)', 'US'],
    ['Remote in Canada', 'CA'],
    ['Remote, Germany', 'DE'],
    ['Remote - EMEA', null],
    ['Remote - UTC+1 ± 2h', null],
  ])('reads %s as remote with country %s', (text, country) => {
    expect(parseLocation(text)).toMatchObject({ city: null, country, remote: 'remote' });
  });

  it('leaves placeholders unparsed without inventing a place', () => {
    expect(parseLocation('Multiple Locations')).toEqual({
      city: null,
      region: null,
      country: null,
      remote: null,
      text: 'Multiple Locations',
    });
  });

  it('returns nothing but nulls for a missing location', () => {
    expect(parseLocation(undefined)).toEqual({
      city: null,
      region: null,
      country: null,
      remote: null,
      text: null,
    });
    expect(parseLocation('   ')).toMatchObject({ text: null, remote: null });
  });

  it('lets a structured remote flag win over the text', () => {
    expect(parseLocation('Berlin, Germany', { remote: 'remote' })).toMatchObject({
      city: 'Berlin',
      remote: 'remote',
    });
  });

  it('reads the description when the location says nothing about remote work', () => {
    expect(parseLocation('Berlin', { description: 'We are a remote-first company.' }).remote).toBe('remote');
    expect(parseLocation('Berlin', { description: 'Our hybrid model: 2 days in office.' }).remote).toBe(
      'hybrid',
    );
    expect(parseLocation(undefined, { description: 'This role is fully remote.' }).remote).toBe('remote');
  });

  it('prefers what the location says over the description', () => {
    expect(parseLocation('Hybrid - Berlin', { description: 'fully remote' }).remote).toBe('hybrid');
  });

  it('calls a job onsite when a city is given and nothing says remote', () => {
    expect(
      parseLocation('Berlin', { description: 'We build hybrid cloud tooling. Onsite interviews.' }).remote,
    ).toBe('onsite');
  });

  it('does not call a job onsite from a country alone', () => {
    expect(parseLocation('Germany').remote).toBeNull();
  });
});

describe('remoteModeFromLocation', () => {
  it('spots remote, hybrid and onsite words', () => {
    expect(remoteModeFromLocation('Work from home')).toBe('remote');
    expect(remoteModeFromLocation('Worldwide (remote)')).toBe('remote');
    expect(remoteModeFromLocation('Hybrid Remote - London')).toBe('hybrid');
    expect(remoteModeFromLocation('On-site, Berlin')).toBe('onsite');
    expect(remoteModeFromLocation('Berlin')).toBeNull();
  });
});

describe('remoteModeFromDescription', () => {
  it.each([
    ['This is a fully remote position.', 'remote'],
    ['We are remote-first.', 'remote'],
    ['You can work from anywhere in Europe.', 'remote'],
    ['We expect 2 days in office each week.', 'hybrid'],
    ['Hybrid working: three days a week in the office.', 'hybrid'],
    ['The role is hybrid, based in Lisbon.', 'hybrid'],
    ['This role is not remote.', 'onsite'],
    ['This position is in-office five days a week.', 'onsite'],
  ])('reads %s', (text, mode) => {
    expect(remoteModeFromDescription(text)).toBe(mode);
  });

  it('ignores uses of the words that are not about where the work happens', () => {
    expect(remoteModeFromDescription('Experience with hybrid cloud and remote sensing data.')).toBeNull();
    expect(remoteModeFromDescription('The process ends with onsite interviews.')).toBeNull();
  });

  it('lets "no remote" beat a later mention of remote work', () => {
    expect(remoteModeFromDescription('No remote work; we value our remote team tools.')).toBe('onsite');
  });
});

describe('countryCode', () => {
  it.each([
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
    ['DE', 'DE'],
    ['de', 'DE'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['United States of America', 'US'],
    ['Schweiz', 'CH'],
    ['The Netherlands', 'NL'],
    ['Türkiye', 'TR'],
    ['México', 'MX'],
  ])('maps %s to %s', (input, code) => {
    expect(countryCode(input)).toBe(code);
  });

  it('returns null for names it does not know', () => {
    expect(countryCode('Atlantis')).toBeNull();
    expect(countryCode('')).toBeNull();
    expect(countryCode(undefined)).toBeNull();
  });
});

describe('gazetteer', () => {
  it('knows about 150 or more major cities', () => {
    expect(gazetteerSize()).toBeGreaterThanOrEqual(150);
  });

  it('finds cities by native spelling and gives US cities their state', () => {
    expect(lookupCity('Warszawa')).toEqual({ name: 'Warsaw', country: 'PL', region: null });
    expect(lookupCity('seattle')).toEqual({ name: 'Seattle', country: 'US', region: 'WA' });
    expect(lookupCity('Gotham')).toBeNull();
  });
});
