import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import {
  answerKey,
  createAnswerStore,
  MAX_ANSWER_CHARS,
  MAX_QUESTION_CHARS,
  STANDARD_KEYS,
} from './answers.ts';

export const storedAnswerSchema = z.object({ key: z.string(), question: z.string(), answer: z.string() });

export function createSaveAnswersTool(deps: { db: Database }) {
  const store = createAnswerStore(deps.db);
  return defineTool({
    id: 'save_answers',
    title: 'Save answers to application questions',
    description: `Stores your answers to application form questions for reuse on every application: give the question as the form words it, or as one of the standard keys (${STANDARD_KEYS.join(', ')}). Applications use only what you store here; nothing is guessed. An empty answer deletes the stored one. Returns everything you have stored.`,
    inputSchema: z.object({
      answers: z
        .array(
          z.object({
            question: z
              .string()
              .trim()
              .min(1)
              .max(MAX_QUESTION_CHARS)
              .describe('the question, or a standard key'),
            answer: z
              .string()
              .trim()
              .max(MAX_ANSWER_CHARS)
              .describe('your answer; empty to delete the stored one'),
          }),
        )
        .max(50)
        .default([])
        .describe('answers to store; leave out to list what is stored'),
    }),
    outputSchema: z.object({
      saved: z.array(z.string()),
      deleted: z.number(),
      stored: z.array(storedAnswerSchema),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute({ answers }, context) {
      for (const [i, a] of answers.entries()) {
        if (answerKey(a.question) === 'q:') {
          throw new ToolInputError('the question has no words in it', `answers.${i}.question`);
        }
      }
      const toSave = answers.filter((a) => a.answer !== '');
      const toDelete = answers.filter((a) => a.answer === '').map((a) => answerKey(a.question));
      const saved = await store.save(context.userId, toSave);
      const deleted = await store.remove(context.userId, toDelete);
      const stored = (await store.list(context.userId)).map((s) => ({
        key: s.key,
        question: s.question,
        answer: s.value,
      }));
      return { saved, deleted, stored };
    },
    render: (out) =>
      out.stored.length === 0
        ? 'No stored answers yet.'
        : out.stored.map((s) => `${s.question}: ${s.answer}`).join('\n'),
  });
}
