import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { taskProgress } from '../db/schema.ts';

export interface TaskProgress {
  taskId: string;
  kind: string;
  state: string;
  done: number;
  total: number | null;
  message: string | null;
  updatedAt: Date;
}

export function createProgressStore(db: Database) {
  return {
    async report(
      taskId: string,
      kind: string,
      update: {
        done: number;
        total?: number | null;
        message?: string;
        state?: string;
        userId?: string | null;
      },
    ): Promise<void> {
      const values = {
        taskId,
        kind,
        done: update.done,
        total: update.total ?? null,
        message: update.message ?? null,
        state: update.state ?? 'active',
        userId: update.userId ?? null,
      };
      await db
        .insert(taskProgress)
        .values(values)
        .onConflictDoUpdate({
          target: taskProgress.taskId,
          set: {
            done: values.done,
            total: sql`coalesce(${values.total}, ${taskProgress.total})`,
            message: sql`coalesce(${values.message}, ${taskProgress.message})`,
            state: values.state,
            updatedAt: sql`now()`,
          },
        });
    },
    async get(taskId: string): Promise<TaskProgress | null> {
      const rows = await db.select().from(taskProgress).where(eq(taskProgress.taskId, taskId)).limit(1);
      return rows[0] ?? null;
    },
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;
