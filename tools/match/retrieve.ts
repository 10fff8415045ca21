import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { countryCode, parseLocation } from '../jobs/location.ts';
import { toVectorLiteral } from './embed-text.ts';

/** Reciprocal rank fusion constant (the usual 60). */
export const RRF_K = 60;
/** How many neighbours the HNSW scan looks at; above pgvector's 40 default for better recall. */
export const EF_SEARCH = 100;
/**
 * The full-text legs rank at most this many matching jobs. A common role matches thousands of
 * jobs; each one ranked is a heap page read, and beyond the first few dozen
 * the vector leg and the scorer decide anyway.
 */
export const TEXT_POOL = 50;

export interface HardFilters {
  remote: 'any' | 'remote' | 'hybrid' | 'onsite';
  locations: string[];
  minSalaryUsdYear: number | null;
  needsSponsorship: boolean;
  seniority: string[];
  employmentTypes: string[];
  excludedCompanies: string[];
  excludedKeywords: string[];
  /** Only these jobs (a refresh after new jobs arrived). */
  jobIds?: string[];
  /** Words the person typed: only postings that contain them (web search syntax: "a phrase", or, -not). */
  query?: string;
}

export interface Candidate {
  jobId: string;
  vectorRank: number | null;
  textRank: number | null;
  rrf: number;
}

/** Words in a posting that mean it will not sponsor a visa. */
export const NO_SPONSORSHIP_SQL =
  "(without|no|not offer|unable to|cannot|can not|not able to|do not|don't|will not|won't)( provide| offer)?( visa)? (sponsor|sponsorship)|authori[sz]ed to work[^.]{0,60}without";

/** The filters every match obeys, as SQL on `jobs` (aliased j). */
export function hardFilterSql(f: HardFilters): SQL[] {
  return [
    sql`j.closed_at is null`,
    sql`j.embedding is not null`,
    ...sharedFilterSql(f, 'j'),
    ...postingFilterSql(f),
  ];
}

/** The filters on the columns that jobs and the narrow job_titles both hold; `t` is the table's alias. */
export function sharedFilterSql(f: HardFilters, t: 'j' | 't'): SQL[] {
  const c = (column: string) => sql.raw(`${t}.${column}`);
  const where: SQL[] = [];
  if (f.jobIds) where.push(sql`${c('id')} = any(${sql.param(f.jobIds)}::uuid[])`);
  if (f.remote === 'remote') where.push(sql`${c('remote')} = 'remote'`);
  else if (f.remote === 'hybrid') where.push(sql`coalesce(${c('remote')}, 'onsite') in ('remote', 'hybrid')`);
  if (f.locations.length > 0 && f.remote !== 'remote') {
    const places = placesOf(f.locations);
    if (places.cities.length > 0 || places.countries.length > 0) {
      where.push(
        sql`(${c('remote')} = 'remote' or lower(${c('city')}) = any(${sql.param(places.cities)}::text[]) or lower(${c('region')}) = any(${sql.param(places.cities)}::text[]) or ${c('country')} = any(${sql.param(places.countries)}::text[]))`,
      );
    }
  }
  if (f.minSalaryUsdYear !== null) {
    where.push(
      sql`(${c('salary_max_usd_year')} is null or ${c('salary_max_usd_year')} >= ${f.minSalaryUsdYear})`,
    );
  }
  if (f.seniority.length > 0) {
    where.push(
      sql`(${c('seniority')} is null or ${c('seniority')} = any(${sql.param(f.seniority)}::text[]))`,
    );
  }
  if (f.employmentTypes.length > 0) {
    where.push(
      sql`(${c('employment_type')} is null or ${c('employment_type')} = any(${sql.param(f.employmentTypes)}::text[]))`,
    );
  }
  if (f.excludedCompanies.length > 0) {
    where.push(
      sql`lower(${c('company')}) <> all(${sql.param(f.excludedCompanies.map((x) => x.toLowerCase()))}::text[])`,
    );
  }
  return where;
}

/** The filters that read the whole posting (description, full text): only `jobs` (aliased j) has them. */
export function postingFilterSql(f: HardFilters): SQL[] {
  const where: SQL[] = [];
  if (f.needsSponsorship) where.push(sql`j.description_md !~* ${NO_SPONSORSHIP_SQL}`);
  if (f.query?.trim()) where.push(sql`j.search @@ websearch_to_tsquery('english', ${f.query})`);
  for (const word of f.excludedKeywords) {
    where.push(sql`not (j.search @@ websearch_to_tsquery('english', ${word}))`);
  }
  return where;
}

/**
 * The places a person named, as cities (or regions) and whole countries: "Berlin, Germany" is the
 * city of Berlin, "Germany" or "DE" is the whole country.
 */
export function placesOf(locations: string[]): { cities: string[]; countries: string[] } {
  const cities: string[] = [];
  const countries: string[] = [];
  for (const raw of locations) {
    const text = raw.trim();
    if (!text || /^(remote|anywhere|worldwide)$/i.test(text)) continue;
    const whole = countryCode(text);
    if (whole) {
      countries.push(whole);
      continue;
    }
    const place = parseLocation(text);
    if (place.city) cities.push(place.city.toLowerCase());
    else if (place.region) cities.push(place.region.toLowerCase());
    else if (place.country) countries.push(place.country);
    else cities.push(text.split(',')[0]!.trim().toLowerCase());
  }
  return { cities, countries };
}

/**
 * What the title leg looks for: the roles a person wants and the titles they held (their top skills
 * are left to the vector leg, whose features include every canonical skill).
 */
export function roleText(roles: readonly string[], titles: readonly string[]): string {
  return orQuery([...roles, ...titles.slice(0, 2)]);
}

/** websearch syntax: phrases for multi-word roles, OR between everything. */
export function orQuery(terms: string[]): string {
  return terms
    .map((t) => t.replace(/["()]/g, ' ').trim())
    .filter(Boolean)
    .map((t) => (t.includes(' ') ? `"${t}"` : t))
    .join(' or ');
}

/** The `k` best by ts_rank_cd of the first TEXT_POOL rows (id, doc) that `pool` yields. */
function rankedSql(pool: SQL, words: string, k: number): SQL {
  return sql`select m.id, ts_rank_cd(m.doc, websearch_to_tsquery('english', ${words})) as rank from (${pool} limit ${TEXT_POOL}) m order by rank desc limit ${k}`;
}

/**
 * The title leg: roles and titles against job titles and companies. It reads the narrow job_titles
 * rows, so checking the filters on each GIN hit touches a few cached pages rather than one wide jobs
 * page per hit; only the filters on the whole posting look up the jobs row, for hits that passed the rest.
 */
function titleLegSql(words: string, f: HardFilters, k: number): SQL {
  const where = sharedFilterSql(f, 't');
  const posting = postingFilterSql(f);
  if (posting.length > 0) {
    where.push(sql`exists (select 1 from jobs j where j.id = t.id and ${sql.join(posting, sql` and `)})`);
  }
  const filters = where.length > 0 ? sql` and ${sql.join(where, sql` and `)}` : sql``;
  return rankedSql(
    sql`select t.id, t.title_search as doc from job_titles t where t.title_search @@ websearch_to_tsquery('english', ${words})${filters}`,
    words,
    k,
  );
}

/**
 * The typed-query leg: words against whole postings. It scans jobs' GIN index alone and filters the
 * rows it yields (`offset 0` keeps the planner from AND-ing the filter columns' btree bitmaps in,
 * which costs more than it saves).
 */
function queryLegSql(words: string, where: SQL, k: number): SQL {
  return rankedSql(
    sql`select j.id, j.search as doc from (select * from jobs j where j.search @@ websearch_to_tsquery('english', ${words}) offset 0) j where ${where}`,
    words,
    k,
  );
}

/**
 * Hybrid retrieval: pgvector HNSW cosine k-NN and Postgres full text, each under the same hard
 * filters, fused by reciprocal rank. `text` (roles and titles) is matched against job titles and
 * companies; `query` (words the person typed) against the whole posting.
 */
export async function retrieveCandidates(
  db: Database,
  input: { vector: number[]; text: string; query?: string; filters: HardFilters; k: number },
): Promise<Candidate[]> {
  const where = sql.join(hardFilterSql(input.filters), sql` and `);
  const q = toVectorLiteral(input.vector);
  // The text legs run beside the vector leg, which needs its own transaction for the HNSW settings.
  const textLeg = async (words: string | undefined, legSql: (words: string) => SQL) =>
    words?.trim() ? (await db.execute<{ id: string; rank: number }>(legSql(words))).rows : [];
  const vectorLeg = db.transaction(async (tx) => {
    // Both settings in one round trip; `true` makes them last only until the transaction ends.
    await tx.execute(
      sql`select set_config('hnsw.ef_search', ${String(EF_SEARCH)}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`,
    );
    const byVector = await tx.execute<{ id: string }>(
      sql`select j.id from jobs j where ${where} order by j.embedding <=> ${q}::vector limit ${input.k}`,
    );
    return byVector.rows;
  });
  const [vectorRows, titleRows, queryRows] = await Promise.all([
    vectorLeg,
    textLeg(input.text, (words) => titleLegSql(words, input.filters, input.k)),
    textLeg(input.query, (words) => queryLegSql(words, where, input.k)),
  ]);
  const out = new Map<string, Candidate>();
  vectorRows.forEach((row, i) => {
    out.set(row.id, {
      jobId: row.id,
      vectorRank: i + 1,
      textRank: null,
      rrf: 1 / (RRF_K + i + 1),
    });
  });
  for (const rows of [titleRows, queryRows]) {
    rows.forEach((row, i) => {
      const existing = out.get(row.id);
      if (existing) {
        existing.textRank = Math.min(existing.textRank ?? i + 1, i + 1);
        existing.rrf += 1 / (RRF_K + i + 1);
      } else {
        out.set(row.id, {
          jobId: row.id,
          vectorRank: null,
          textRank: i + 1,
          rrf: 1 / (RRF_K + i + 1),
        });
      }
    });
  }
  return [...out.values()].sort((a, b) => b.rrf - a.rrf);
}
