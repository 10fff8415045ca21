import type { EmbeddingModelV4 } from '@ai-sdk/provider';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { jobs, matches } from '../../db/schema.ts';
import { createAnalysisCache } from '../analysis-cache.ts';
import type { SalaryToUsdYear } from '../jobs/store.ts';
import type { Profile } from '../profile/profile.ts';
import type { ProfileStore } from '../profile/store.ts';
import type { ParsedResume } from '../resume/parse.ts';
import { type ResumeStore, titlesOf } from '../resume/store.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import { classifySkills } from '../skills/requirements.ts';
import { ToolInputError } from '../tool.ts';
import { toVectorLiteral } from './embed-text.ts';
import { embedMany } from './embedding-model.ts';
import {
  checkRefinement,
  type MatchRefiner,
  REFINE_PROMPT_VERSION,
  REFINE_TOP,
  type RefinedNote,
  type RefineItem,
  type Refinement,
} from './refine.ts';
import { type Candidate, type HardFilters, retrieveCandidates, roleText } from './retrieve.ts';
import { SCORER_VERSION, scoreMatch } from './scorer.ts';
import type { JobForScoring, MatchScore, SeekerForScoring } from './types.ts';

/** Candidates the scorer sees per query: enough that filtering and re-ranking keep the good ones. */
export const CANDIDATES = 200;
const SKILL_SPLIT_CACHE = 5000;

export interface RankOptions {
  limit: number;
  /** Extra words to search for ("kubernetes platform"), fused with the resume. */
  query?: string | undefined;
  /** Narrows the profile's own filters for this search. */
  overrides?: Partial<Pick<HardFilters, 'remote' | 'locations' | 'seniority' | 'minSalaryUsdYear'>>;
  /** Score only these jobs (the refresh after a crawl). */
  jobIds?: string[];
  /** Store the results in `matches` (default true). */
  store?: boolean;
}

export interface RankedMatch extends MatchScore {
  jobId: string;
  similarity: number;
  /** A language model's position and explanation, when one is configured; the score stays ours. */
  refined?: RefinedNote;
}

export interface MatcherDeps {
  db: Database;
  embedder: EmbeddingModelV4;
  skills: SkillExtractor;
  resumes: ResumeStore;
  profiles: ProfileStore;
  toUsdYear: SalaryToUsdYear;
  now?: () => Date;
  /** A configured language model's re-ranking of the top matches (never with the local model). */
  refiner?: MatchRefiner;
  logger?: { warn(obj: object, msg?: string): void };
}

export function createMatcher(deps: MatcherDeps) {
  const { db } = deps;
  const splitCache = new Map<string, { required: string[]; preferred: string[] }>();
  const skillInfo = (name: string) => deps.skills.get(name);
  const cache = createAnalysisCache(db);

  /**
   * Lets the configured model re-order the top matches and phrase why each fits, cached by
   * (resume hash, job hashes, model, prompt version). A failing model leaves the ranking as it was.
   */
  async function refineTop(
    refiner: MatchRefiner,
    resume: { rawText: string; contentHash: string },
    ranked: RankedMatch[],
    jobsById: Map<string, JobForScoring & { contentHash: string }>,
  ): Promise<RankedMatch[]> {
    const head = ranked.slice(0, REFINE_TOP);
    if (head.length < 2) return ranked;
    const items: RefineItem[] = head.map((m) => {
      const job = jobsById.get(m.jobId)!;
      return {
        jobId: m.jobId,
        title: job.title,
        company: job.company,
        score: m.score,
        summary: m.reasons.summary,
        matchedSkills: m.reasons.matchedSkills,
        missingSkills: [...m.reasons.missingSkills.required, ...m.reasons.missingSkills.preferred],
      };
    });
    const key = {
      kind: 'refine_matches',
      resumeHash: resume.contentHash,
      // Not the scores: a posting's recency part drifts with the clock, so a score can move a
      // point between two identical searches a second apart, and the refinement still holds.
      jobHash: head.map((m) => `${m.jobId}:${jobsById.get(m.jobId)!.contentHash}`).join(','),
      model: refiner.model,
      promptVersion: REFINE_PROMPT_VERSION,
    };
    let refinement = await cache.get<Refinement>(key);
    if (!refinement) {
      try {
        refinement = await refiner.refine({ resume: resume.rawText, items });
      } catch (error) {
        deps.logger?.warn({ err: (error as Error).message }, 'match refinement failed; keeping our ranking');
        return ranked;
      }
      await cache.put(key, refinement);
    }
    const checked = checkRefinement(items, refinement, deps.skills);
    const refined = head
      .map((m) => ({ ...m, refined: { ...checked.get(m.jobId)!, model: refiner.model } }))
      .sort((a, b) => a.refined.position - b.refined.position);
    return [...refined, ...ranked.slice(REFINE_TOP)];
  }

  function splitSkills(contentHash: string, text: string) {
    const hit = splitCache.get(contentHash);
    if (hit) return hit;
    const split = classifySkills(deps.skills, text);
    if (splitCache.size >= SKILL_SPLIT_CACHE) splitCache.delete(splitCache.keys().next().value!);
    splitCache.set(contentHash, split);
    return split;
  }

  async function seekerFor(userId: string) {
    const resume = await deps.resumes.active(userId);
    if (!resume?.embedding) {
      throw new ToolInputError(
        'upload a resume first (upload_resume): matches are ranked against your resume',
      );
    }
    const parsed = resume.parsed as ParsedResume;
    const profile = await deps.profiles.get(userId);
    const seeker: SeekerForScoring = {
      skills: resume.skills,
      titles: titlesOf(parsed),
      totalYears: parsed.totalYears,
      seniority: parsed.seniority ?? null,
      profile,
      minSalaryUsdYear: profile.minSalary
        ? deps.toUsdYear(profile.minSalary.amount, profile.minSalary.currency, profile.minSalary.period)
        : null,
    };
    return { resume, seeker, profile };
  }

  function filtersFor(profile: Profile, seeker: SeekerForScoring, options: RankOptions): HardFilters {
    return {
      remote: options.overrides?.remote ?? profile.remote,
      locations: options.overrides?.locations ?? profile.locations,
      minSalaryUsdYear: options.overrides?.minSalaryUsdYear ?? seeker.minSalaryUsdYear,
      needsSponsorship: profile.needsSponsorship,
      seniority: options.overrides?.seniority ?? profile.seniority,
      employmentTypes: profile.employmentTypes,
      excludedCompanies: profile.excludedCompanies,
      excludedKeywords: profile.excludedKeywords,
      ...(options.jobIds ? { jobIds: options.jobIds } : {}),
      ...(options.query?.trim() ? { query: options.query } : {}),
    };
  }

  /**
   * The jobs to score, each with its cosine similarity to `vector` (0 for a job with no vector),
   * computed by the database so the vectors themselves are never shipped and parsed.
   */
  async function loadJobs(
    ids: string[],
    vector: number[],
  ): Promise<Map<string, JobForScoring & { contentHash: string; similarity: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({
        id: jobs.id,
        title: jobs.title,
        company: jobs.company,
        descriptionMd: jobs.descriptionMd,
        skills: jobs.skills,
        seniority: jobs.seniority,
        remote: jobs.remote,
        city: jobs.city,
        region: jobs.region,
        country: jobs.country,
        locationText: jobs.locationText,
        employmentType: jobs.employmentType,
        salaryMinUsdYear: jobs.salaryMinUsdYear,
        salaryMaxUsdYear: jobs.salaryMaxUsdYear,
        postedAt: jobs.postedAt,
        firstSeen: jobs.firstSeen,
        contentHash: jobs.contentHash,
        similarity: sql<number | null>`1 - (${jobs.embedding} <=> ${toVectorLiteral(vector)}::vector)`,
      })
      .from(jobs)
      .where(inArray(jobs.id, ids));
    return new Map(
      rows.map((r) => {
        const split = splitSkills(r.contentHash, `${r.title}\n${r.descriptionMd}`);
        return [
          r.id,
          {
            ...r,
            similarity: finiteOr0(r.similarity),
            remote: (r.remote as JobForScoring['remote']) ?? null,
            requiredSkills: split.required,
            preferredSkills: split.preferred,
          },
        ];
      }),
    );
  }

  async function storeMatches(
    userId: string,
    resumeId: string,
    ranked: RankedMatch[],
    hashes: Map<string, string>,
  ) {
    if (ranked.length === 0) return;
    const rows = ranked.map((m) => ({
      userId,
      jobId: m.jobId,
      resumeId,
      score: m.score,
      components: m.components,
      reasons: m.reasons,
      scorerVersion: SCORER_VERSION,
      modelVersion: deps.embedder.modelId,
      jobHash: hashes.get(m.jobId) ?? '',
    }));
    await db
      .insert(matches)
      .values(rows)
      .onConflictDoUpdate({
        target: [matches.userId, matches.jobId],
        set: {
          resumeId: sql`excluded.resume_id`,
          score: sql`excluded.score`,
          components: sql`excluded.components`,
          reasons: sql`excluded.reasons`,
          scorerVersion: sql`excluded.scorer_version`,
          modelVersion: sql`excluded.model_version`,
          jobHash: sql`excluded.job_hash`,
          updatedAt: sql`now()`,
        },
      });
  }

  /** Ranks jobs for a user: hard filters, hybrid retrieval, then the deterministic scorer. */
  async function rank(userId: string, options: RankOptions): Promise<RankedMatch[]> {
    const { resume, seeker, profile } = await seekerFor(userId);
    const filters = filtersFor(profile, seeker, options);
    let vector = resume.embedding!;
    if (options.query?.trim()) {
      const [queryVector] = await embedMany(deps.embedder, [
        `${options.query}\n${options.query}\n${resume.rawText}`,
      ]);
      vector = queryVector!;
    }
    const text = roleText(profile.roles, seeker.titles);
    const candidates: Candidate[] = await retrieveCandidates(db, {
      vector,
      text,
      ...(options.query?.trim() ? { query: options.query } : {}),
      filters,
      k: Math.max(CANDIDATES, options.limit * 4, options.jobIds?.length ?? 0),
    });
    const byId = await loadJobs(
      candidates.map((c) => c.jobId),
      vector,
    );
    const now = deps.now?.() ?? new Date();
    const ranked: RankedMatch[] = [];
    for (const c of candidates) {
      const job = byId.get(c.jobId);
      if (!job) continue;
      const similarity = job.similarity;
      ranked.push({ jobId: c.jobId, similarity, ...scoreMatch(seeker, job, { similarity, now, skillInfo }) });
    }
    ranked.sort((a, b) => b.score - a.score || b.similarity - a.similarity);
    let top = ranked.slice(0, options.limit);
    // Background refreshes (jobIds) only store scores; a person asking gets the model's view too.
    if (deps.refiner && !options.jobIds) top = await refineTop(deps.refiner, resume, top, byId);
    if (options.store ?? true) {
      await storeMatches(
        userId,
        resume.id,
        top,
        new Map([...byId.values()].map((j) => [j.id, j.contentHash])),
      );
    }
    return top;
  }

  /** Scores one job for a user whatever the filters say, so a user can ask about any job. */
  async function explain(userId: string, jobId: string): Promise<RankedMatch> {
    const { resume, seeker } = await seekerFor(userId);
    const job = (await loadJobs([jobId], resume.embedding!)).get(jobId);
    if (!job) throw new ToolInputError(`job '${jobId}' was not found`, 'jobId');
    const similarity = job.similarity;
    const result: RankedMatch = {
      jobId,
      similarity,
      ...scoreMatch(seeker, job, { similarity, now: deps.now?.() ?? new Date(), skillInfo }),
    };
    await storeMatches(userId, resume.id, [result], new Map([[jobId, job.contentHash]]));
    return result;
  }

  async function hasActiveResume(userId: string): Promise<boolean> {
    return (await deps.resumes.active(userId)) !== null;
  }

  async function storedFor(userId: string, jobId: string) {
    const [row] = await db
      .select()
      .from(matches)
      .where(and(eq(matches.userId, userId), eq(matches.jobId, jobId)));
    return row ?? null;
  }

  return { rank, explain, hasActiveResume, storedFor };
}

export type Matcher = ReturnType<typeof createMatcher>;

/** A similarity as a number: 0 for a job without a vector (null) or a zero vector (NaN). */
const finiteOr0 = (value: number | null) => (value !== null && Number.isFinite(value) ? value : 0);
