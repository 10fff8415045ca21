import { z } from 'zod';
import { applicationStatusSchema } from './status.ts';
import type { ApplicationEvent, ApplicationRow } from './store.ts';

export const applicationViewSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  status: applicationStatusSchema,
  notes: z.string().nullable(),
  job: z.object({
    title: z.string(),
    company: z.string(),
    url: z.string(),
    applyUrl: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const applicationEventSchema = z.object({
  kind: z.enum(['status', 'note', 'reminder']),
  fromStatus: applicationStatusSchema.nullable(),
  toStatus: applicationStatusSchema,
  note: z.string().nullable(),
  at: z.string(),
});

export function toApplicationView(row: ApplicationRow): ApplicationView {
  return {
    id: row.id,
    jobId: row.jobId,
    status: row.status,
    notes: row.notes,
    job: row.job,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toEventView(event: ApplicationEvent): z.infer<typeof applicationEventSchema> {
  return { ...event, at: event.at.toISOString() };
}

export const renderApplication = (a: ApplicationView): string =>
  `${a.job.title} at ${a.job.company} — ${a.status} (application ${a.id})`;
