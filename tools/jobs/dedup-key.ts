// Normalises the parts of a dedup key so one job seen on several boards gets one key:
// "Acme GmbH" = "ACME", "Sr. Backend Engineer (m/w/d)" = "Senior Backend Engineer".

// Legal forms, stripped from the end of a company name (after punctuation is gone, so "B.V." is "b v").
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ug',
  'ev',
  'se',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'ab',
  'oy',
  'oyj',
  'as',
  'asa',
  'aps',
  'pty',
  'pte',
  'kk',
  'haftungsbeschrankt',
]);

const TITLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  jnr: 'junior',
  mgr: 'manager',
  engr: 'engineer',
  eng: 'engineer',
  dev: 'developer',
  assoc: 'associate',
  dir: 'director',
  vp: 'vice president',
};

function basicNormalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Company name without legal form or punctuation: "Acme, Inc." → "acme". */
export function normalizeCompany(company: string): string {
  // "B.V." and "S.A." arrive as single letters ("b v"); join them so they match "bv" and "sa".
  const words = basicNormalize(company)
    .replace(/(?:(?<=^| )\p{L} )+\p{L}$/u, (letters) => letters.replace(/ /g, ''))
    .replace(/ sp zoo$/, '') // Polish "Sp. z o.o."
    .split(' ');
  // Strip from the end; "and" goes too when it joins legal forms ("GmbH & Co. KG").
  while (
    words.length > 1 &&
    (LEGAL_SUFFIXES.has(words.at(-1)!) || (words.at(-1) === 'and' && words.length > 2))
  ) {
    words.pop();
  }
  return words.join(' ');
}

/** Job title without gender markers, punctuation or abbreviations: "Sr. Dev (m/w/d)" → "senior developer". */
export function normalizeTitle(title: string): string {
  const withoutGender = title.replace(
    /[([]\s*(?:[mwfdxhn]\s*[/|,]\s*){1,3}[mwfdxhn]\s*[)\]]|[([]\s*(?:all genders?|alle geschlechter|gn|genderneutral)\s*[)\]]/gi,
    ' ',
  );
  return basicNormalize(withoutGender)
    .split(' ')
    .map((word) => TITLE_ABBREVIATIONS[word] ?? word)
    .join(' ');
}

/** Location for a dedup key: lower-case, no accents or punctuation. */
export function normalizeLocation(location: string | null | undefined): string {
  return basicNormalize(location ?? '');
}

/** The key that finds one job seen at different URLs: `company|title|location`, each normalised. */
export function dedupKey(company: string, title: string, location: string | null | undefined): string {
  return `${normalizeCompany(company)}|${normalizeTitle(title)}|${normalizeLocation(location)}`;
}
