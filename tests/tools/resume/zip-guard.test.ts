import { describe, expect, it } from 'vitest';
import { ResumeInputError } from '../../../tools/resume/errors.ts';
import { readZipSafely } from '../../../tools/resume/zip-guard.ts';
import { makeZip, zerosEntry } from '../../fixtures/resumes/make-docx.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ResumeInputError ? error.code : `not a ResumeInputError: ${error}`;
  }
  return 'no error';
};

describe('readZipSafely', () => {
  it('returns every entry inflated', () => {
    const zip = makeZip([
      { name: 'a.xml', data: '<a>hello</a>' },
      { name: 'b/c.txt', data: 'world' },
    ]);
    const entries = readZipSafely(zip);
    expect([...entries.keys()]).toEqual(['a.xml', 'b/c.txt']);
    expect(entries.get('a.xml')!.toString()).toBe('<a>hello</a>');
  });

  it('refuses a total uncompressed size above the limit', () => {
    const zip = makeZip([zerosEntry('big.xml', 3)]);
    const limits = { maxEntries: 10, maxTotalUncompressed: 2 * 1024 * 1024, maxRatio: 10_000, ratioFloor: 1 };
    expect(codeOf(() => readZipSafely(zip, limits))).toBe('zip_bomb');
  });

  it('refuses a compression ratio above 100', () => {
    expect(codeOf(() => readZipSafely(makeZip([zerosEntry('word/document.xml', 1)])))).toBe('zip_bomb');
  });

  it('reports bytes that are not a ZIP as corrupt', () => {
    expect(codeOf(() => readZipSafely(new Uint8Array(64).fill(7)))).toBe('corrupt');
  });
});
