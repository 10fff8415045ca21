import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { storedAnswers } from '../../db/schema.ts';

/** The questions nearly every application form asks, each with the wordings that mean it. */
export const STANDARD_QUESTIONS = {
  // Sponsorship before authorisation: "require sponsorship for employment visa status" is about sponsorship.
  sponsorship: {
    question: 'Will you now or in the future require visa sponsorship to work for this employer?',
    patterns: [/sponsor/, /\bvisa\b/, /\bh-?1b\b/],
  },
  work_authorisation: {
    question: 'Are you legally authorised to work in the country of this job?',
    patterns: [
      /authori[sz]/,
      /right to work/,
      /work permit/,
      /eligible to work/,
      /legally (?:able|entitled|allowed)/,
    ],
  },
  notice_period: {
    question: 'What is your notice period?',
    patterns: [/notice period/, /\bnotice\b/, /when (?:can|could) you start/, /earliest start/, /start date/],
  },
  salary_expectation: {
    question: 'What are your salary expectations?',
    patterns: [/salary/, /compensation/, /pay expectation/, /expected pay/, /desired pay/],
  },
  linkedin: { question: 'LinkedIn profile URL', patterns: [/linked\s?in/] },
  github: { question: 'GitHub profile URL', patterns: [/github/] },
  portfolio: {
    question: 'Portfolio or personal website URL',
    patterns: [/portfolio/, /website/, /personal site/],
  },
  // Relocation before location: "relocation" contains "location".
  relocation: { question: 'Are you willing to relocate?', patterns: [/relocat/] },
  location: {
    question: 'Where are you currently located?',
    patterns: [
      /where are you (?:currently )?(?:located|based)/,
      /current (?:location|city)/,
      /\blocation\b/,
      /\bcity\b/,
    ],
  },
} as const satisfies Record<string, { question: string; patterns: readonly RegExp[] }>;

export type StandardKey = keyof typeof STANDARD_QUESTIONS;
export const STANDARD_KEYS = Object.keys(STANDARD_QUESTIONS) as StandardKey[];

/** What prepare_application asks when the form's own questions are not known. */
export const DEFAULT_FORM_KEYS: StandardKey[] = [
  'work_authorisation',
  'sponsorship',
  'notice_period',
  'salary_expectation',
  'linkedin',
  'location',
  'relocation',
];

export const MAX_QUESTION_CHARS = 500;
export const MAX_ANSWER_CHARS = 2000;

function normalise(question: string): string {
  return question
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, 200);
}

const isStandardKey = (value: string): value is StandardKey => Object.hasOwn(STANDARD_QUESTIONS, value);

/**
 * The stored-answer key of a form question: a standard key when the wording means one
 * (or the question is the key itself), else `q:` and the normalised question.
 */
export function answerKey(question: string): string {
  const trimmed = question.trim();
  if (isStandardKey(trimmed)) return trimmed;
  const text = normalise(trimmed);
  for (const key of STANDARD_KEYS) {
    if (STANDARD_QUESTIONS[key].patterns.some((p) => p.test(text))) return key;
  }
  return `q:${text}`;
}

/** The wording shown for a key when the question was given as the key itself. */
export function questionText(question: string): string {
  const trimmed = question.trim();
  return isStandardKey(trimmed) ? STANDARD_QUESTIONS[trimmed].question : trimmed;
}

export interface StoredAnswer {
  key: string;
  question: string;
  value: string;
  updatedAt: Date;
}

/** A user's answers to form questions, reused on every application. */
export function createAnswerStore(db: Database) {
  return {
    async list(userId: string): Promise<StoredAnswer[]> {
      return db
        .select({
          key: storedAnswers.key,
          question: storedAnswers.question,
          value: storedAnswers.value,
          updatedAt: storedAnswers.updatedAt,
        })
        .from(storedAnswers)
        .where(eq(storedAnswers.userId, userId))
        .orderBy(asc(storedAnswers.key));
    },

    async save(userId: string, entries: Array<{ question: string; answer: string }>): Promise<string[]> {
      const rows = new Map<string, { question: string; value: string }>();
      for (const e of entries)
        rows.set(answerKey(e.question), { question: questionText(e.question), value: e.answer });
      if (rows.size === 0) return [];
      await db
        .insert(storedAnswers)
        .values([...rows].map(([key, r]) => ({ userId, key, question: r.question, value: r.value })))
        .onConflictDoUpdate({
          target: [storedAnswers.userId, storedAnswers.key],
          set: { question: sql`excluded.question`, value: sql`excluded.value`, updatedAt: sql`now()` },
        });
      return [...rows.keys()];
    },

    async remove(userId: string, keys: string[]): Promise<number> {
      if (keys.length === 0) return 0;
      const gone = await db
        .delete(storedAnswers)
        .where(and(eq(storedAnswers.userId, userId), inArray(storedAnswers.key, keys)))
        .returning({ key: storedAnswers.key });
      return gone.length;
    },
  };
}

export type AnswerStore = ReturnType<typeof createAnswerStore>;
