import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  vector,
} from 'drizzle-orm/pg-core';

export const EMBEDDING_DIMENSIONS = 384;

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  email: text('email'),
  telegramChatId: bigint('telegram_chat_id', { mode: 'number' }).unique(),
  active: boolean('active').notNull().default(true),
  /** Where Telegram onboarding stands for this user (null once done or never started). */
  onboardingStep: text('onboarding_step'),
  /** The assistant thread of the user's Telegram chat, so a conversation survives restarts. */
  telegramThreadId: uuid('telegram_thread_id'),
  createdAt: createdAt(),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** sha256 of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    label: text('label'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const profiles = pgTable('profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  roles: text('roles').array().notNull().default(sql`'{}'`),
  locations: text('locations').array().notNull().default(sql`'{}'`),
  remote: text('remote').notNull().default('any'),
  minSalaryAmount: doublePrecision('min_salary_amount'),
  minSalaryCurrency: text('min_salary_currency'),
  minSalaryPeriod: text('min_salary_period'),
  needsSponsorship: boolean('needs_sponsorship').notNull().default(false),
  seniority: text('seniority').array().notNull().default(sql`'{}'`),
  employmentTypes: text('employment_types').array().notNull().default(sql`'{}'`),
  excludedCompanies: text('excluded_companies').array().notNull().default(sql`'{}'`),
  excludedKeywords: text('excluded_keywords').array().notNull().default(sql`'{}'`),
  digestHour: smallint('digest_hour').notNull().default(8),
  timeZone: text('time_zone').notNull().default('UTC'),
  scoreThreshold: smallint('score_threshold').notNull().default(50),
  /** Items per daily digest. */
  digestSize: smallint('digest_size').notNull().default(5),
  /** Send a short "nothing new today" message instead of staying quiet. */
  digestEmptyNotice: boolean('digest_empty_notice').notNull().default(false),
  /** Also send the digest by e-mail (when SMTP_URL is set and the user gave an address). */
  digestEmail: boolean('digest_email').notNull().default(true),
  updatedAt: updatedAt(),
});

export const resumes = pgTable(
  'resumes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    format: text('format').notNull(),
    rawText: text('raw_text').notNull(),
    parsed: jsonb('parsed').notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'`),
    contentHash: text('content_hash').notNull(),
    active: boolean('active').notNull().default(false),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }),
    embeddingModel: text('embedding_model'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('resumes_user_hash_uq').on(t.userId, t.contentHash),
    index('resumes_user_idx').on(t.userId),
  ],
);

export const sources = pgTable('sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  spec: text('spec').notNull().unique(),
  kind: text('kind').notNull(),
  provider: text('provider'),
  board: text('board'),
  url: text('url'),
  addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
  enabled: boolean('enabled').notNull().default(true),
  lastCrawledAt: timestamp('last_crawled_at', { withTimezone: true }),
  lastStatus: text('last_status'),
  lastError: text('last_error'),
  createdAt: createdAt(),
});

export const jobs = pgTable(
  'jobs',
  {
    /** UUIDv5 of the canonical URL in a fixed namespace. */
    id: uuid('id').primaryKey(),
    canonicalUrl: text('canonical_url').notNull().unique(),
    url: text('url').notNull(),
    applyUrl: text('apply_url'),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
    externalId: text('external_id'),
    company: text('company').notNull(),
    title: text('title').notNull(),
    locationText: text('location_text'),
    city: text('city'),
    region: text('region'),
    country: text('country'),
    remote: text('remote'),
    employmentType: text('employment_type'),
    seniority: text('seniority'),
    salaryMin: doublePrecision('salary_min'),
    salaryMax: doublePrecision('salary_max'),
    salaryCurrency: text('salary_currency'),
    salaryPeriod: text('salary_period'),
    /** Both ends converted to a yearly USD figure with the stated rate table, for filtering. */
    salaryMinUsdYear: doublePrecision('salary_min_usd_year'),
    salaryMaxUsdYear: doublePrecision('salary_max_usd_year'),
    descriptionMd: text('description_md').notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'`),
    contentHash: text('content_hash').notNull(),
    dedupKey: text('dedup_key').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }),
    embeddingModel: text('embedding_model'),
    embeddedHash: text('embedded_hash'),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(company, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(description_md, '')), 'C')`,
    ),
    /** Title and company only; copied into job_titles, whose GIN index the title leg scans. */
    titleSearch: tsvector('title_search').generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(company, '')), 'B')`,
    ),
  },
  (t) => [
    index('jobs_embedding_hnsw').using('hnsw', t.embedding.op('vector_cosine_ops')),
    index('jobs_search_gin').using('gin', t.search),
    index('jobs_skills_gin').using('gin', t.skills),
    index('jobs_dedup_idx').on(t.dedupKey),
    index('jobs_company_idx').on(t.company),
    index('jobs_country_idx').on(t.country),
    index('jobs_remote_idx').on(t.remote),
    index('jobs_seniority_idx').on(t.seniority),
    index('jobs_salary_max_idx').on(t.salaryMaxUsdYear),
    index('jobs_posted_idx').on(t.postedAt),
    index('jobs_closed_idx').on(t.closedAt),
    index('jobs_source_idx').on(t.sourceId),
  ],
);

/**
 * One narrow row per matchable job (open, with a vector): its title-and-company text and the columns
 * the common hard filters read. The title leg of retrieval scans this instead of the wide jobs rows
 * (description, vector), so checking the filters on each full-text hit stays within a few cached
 * pages. Written only by the triggers on jobs (migration 0008), never by the application.
 */
export const jobTitles = pgTable(
  'job_titles',
  {
    id: uuid('id')
      .primaryKey()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    titleSearch: tsvector('title_search').notNull(),
    company: text('company').notNull(),
    remote: text('remote'),
    city: text('city'),
    region: text('region'),
    country: text('country'),
    salaryMaxUsdYear: doublePrecision('salary_max_usd_year'),
    seniority: text('seniority'),
    employmentType: text('employment_type'),
  },
  (t) => [index('job_titles_search_gin').using('gin', t.titleSearch)],
);

export const jobSightings = pgTable(
  'job_sightings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
    url: text('url').notNull(),
    canonicalUrl: text('canonical_url').notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
    /** Set when a complete crawl of the source no longer lists it; the job closes when all sightings are gone. */
    goneAt: timestamp('gone_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('job_sightings_url_uq').on(t.canonicalUrl, t.sourceId),
    index('job_sightings_job_idx').on(t.jobId),
    index('job_sightings_source_idx').on(t.sourceId),
  ],
);

export const matches = pgTable(
  'matches',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    resumeId: uuid('resume_id').references(() => resumes.id, { onDelete: 'set null' }),
    score: smallint('score').notNull(),
    components: jsonb('components').notNull(),
    reasons: jsonb('reasons').notNull(),
    scorerVersion: text('scorer_version').notNull(),
    modelVersion: text('model_version').notNull(),
    jobHash: text('job_hash').notNull(),
    feedback: smallint('feedback'),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.jobId] }),
    index('matches_user_score_idx').on(t.userId, t.score),
  ],
);

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'restrict' }),
    status: text('status').notNull().default('saved'),
    notes: text('notes'),
    package: jsonb('package'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('applications_user_job_uq').on(t.userId, t.jobId),
    index('applications_status_idx').on(t.status),
  ],
);

export const applicationEvents = pgTable(
  'application_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** 'status' (a status change), 'note' (a note without a change) or 'reminder' (a follow-up is due). */
    kind: text('kind').notNull().default('status'),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** For 'reminder' events: when it reached the user through their channel. */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId)],
);

/** A user's answers to application form questions, reused across applications; never guessed. */
export const storedAnswers = pgTable(
  'stored_answers',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A standard key (work_authorisation, notice_period, ...) or `q:<normalised question>`. */
    key: text('key').notNull(),
    question: text('question').notNull(),
    value: text('value').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * The approval gate: one row per package awaiting (or given) the user's approval, bound to the
 * application and the sha256 of the exact filled values. Persisted, so a restart loses nothing.
 */
export const applicationApprovals = pgTable(
  'application_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    valuesHash: text('values_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The user's action that approved it: telegram, web, rest, mcp or chat. */
    approvedVia: text('approved_via'),
    /** Set once the package was submitted with this approval; an approval is used at most once. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    index('application_approvals_app_idx').on(t.applicationId),
    index('application_approvals_user_submitted_idx').on(t.userId, t.submittedAt),
  ],
);

export const digests = pgTable(
  'digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The user's local date (YYYY-MM-DD) the digest belongs to: one per user per day. */
    localDate: text('local_date').notNull(),
    channel: text('channel').notNull(),
    jobIds: uuid('job_ids').array().notNull().default(sql`'{}'`),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('digests_user_date_uq').on(t.userId, t.localDate)],
);

export const crawlRuns = pgTable(
  'crawl_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    taskId: text('task_id'),
    status: text('status').notNull().default('running'),
    complete: boolean('complete').notNull().default(false),
    pagesDone: integer('pages_done').notNull().default(0),
    pagesTotal: integer('pages_total').notNull().default(0),
    jobsNew: integer('jobs_new').notNull().default(0),
    jobsChanged: integer('jobs_changed').notNull().default(0),
    jobsUnchanged: integer('jobs_unchanged').notNull().default(0),
    jobsClosed: integer('jobs_closed').notNull().default(0),
    jobsFailed: integer('jobs_failed').notNull().default(0),
    errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('crawl_runs_source_idx').on(t.sourceId, t.startedAt)],
);

/** The detail pages a crawl run fanned out: one row per page, so a redelivered page task is a no-op. */
export const crawlPages = pgTable(
  'crawl_pages',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => crawlRuns.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    status: text('status').notNull().default('pending'),
    jobId: uuid('job_id'),
    error: text('error'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.url] }), index('crawl_pages_status_idx').on(t.runId, t.status)],
);

export const analysisCache = pgTable(
  'analysis_cache',
  {
    kind: text('kind').notNull(),
    contentHash: text('content_hash').notNull(),
    model: text('model').notNull(),
    promptVersion: text('prompt_version').notNull(),
    result: jsonb('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.contentHash, t.model, t.promptVersion] })],
);

/** Progress of long tasks (done/total and a message), readable by every surface. */
export const taskProgress = pgTable(
  'task_progress',
  {
    taskId: text('task_id').primaryKey(),
    kind: text('kind').notNull(),
    userId: uuid('user_id'),
    state: text('state').notNull().default('active'),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    message: text('message'),
    updatedAt: updatedAt(),
  },
  (t) => [index('task_progress_kind_idx').on(t.kind, t.updatedAt)],
);

/** A conversation with the assistant; one user has many. */
export const chatThreads = pgTable(
  'chat_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title'),
    /** Where it started: api, openai, telegram, cli. */
    channel: text('channel').notNull().default('api'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('chat_threads_user_idx').on(t.userId, t.updatedAt)],
);

/** Messages in AI SDK model-message form (role + content parts), in order. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => chatThreads.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    role: text('role').notNull(),
    content: jsonb('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('chat_messages_thread_seq_uq').on(t.threadId, t.seq)],
);

/** Every job ever sent to a user in a digest, so a job is never sent twice. */
export const digestItems = pgTable(
  'digest_items',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    digestId: uuid('digest_id')
      .notNull()
      .references(() => digests.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.jobId] }), index('digest_items_digest_idx').on(t.digestId)],
);

/** One-time codes that link a Telegram chat to an existing user (`jobhound user link`). */
export const telegramLinkCodes = pgTable('telegram_link_codes', {
  /** sha256 of the code; the code itself is shown once. */
  codeHash: text('code_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/** Telegram update ids already handled: a redelivered update (webhook retry, restart) is skipped. */
export const telegramUpdates = pgTable('telegram_updates', {
  updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
