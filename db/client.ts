import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** What `db.execute()` returns on both drivers: at least the rows. */
export interface RowsResultHKT extends PgQueryResultHKT {
  type: RowsOf<this['row']>;
}
export interface RowsOf<T> {
  rows: T[];
}
/** One typed drizzle instance, whichever backend is underneath. */
export type Database = PgDatabase<RowsResultHKT, Schema>;

export type DbHandle =
  | { kind: 'pglite'; db: Database; pglite: PGlite; close(): Promise<void> }
  | { kind: 'postgres'; db: Database; pool: pg.Pool; connectionString: string; close(): Promise<void> };

export interface DbOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; 'memory://' for an in-memory database. */
  dataDir?: string;
  /** Extra pool settings (tests use `options: '-c search_path=...'`). */
  poolMax?: number;
}

export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function openDatabase(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax ?? 10);
  return openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const inMemory = dataDir === 'memory://' || dataDir === '';
  let dir: string | undefined;
  if (!inMemory) {
    dir = resolve(dataDir, 'pg');
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new DatabaseError(`DATA_DIR '${dataDir}' is not writable: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir, { extensions: { vector } });
  } catch (error) {
    throw new DatabaseError(`could not open the embedded database in '${dir}': ${describe(error)}`, {
      cause: error,
    });
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return { kind: 'pglite', db, pglite, close: () => pglite.close() };
}

async function openPostgres(connectionString: string, max: number): Promise<DbHandle> {
  // Idle connections are kept for minutes rather than pg's 10 s: a new server process pays page
  // faults on the shared buffers its first queries touch, which makes them several times slower.
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 300_000,
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseError(
      `cannot connect to DATABASE_URL (${redactUrl(connectionString)}): ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return { kind: 'postgres', db, pool, connectionString, close: () => pool.end() };
}

/** Applies the committed drizzle-kit migrations; safe to run on every start. */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  try {
    if (handle.kind === 'pglite') {
      // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the concrete PGlite drizzle type
      await migratePglite(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
    } else {
      // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the concrete node-postgres drizzle type
      await migratePg(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
    }
  } catch (error) {
    throw new DatabaseError(`database migration failed: ${describe(error)}`, { cause: error });
  }
}

/** Runs `select 1`; used by /health. */
export async function pingDatabase(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') await handle.pglite.query('select 1');
  else await handle.pool.query('select 1');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = (error as { code?: string }).code;
    const base = error.message || code || error.name;
    return cause instanceof Error && cause.message && !base.includes(cause.message)
      ? `${base}: ${cause.message}`
      : base;
  }
  return String(error);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
