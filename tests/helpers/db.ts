import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DbHandle, migrateDatabase, openDatabase } from '../../db/client.ts';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; real Postgres too when TEST_DATABASE_URL is set (CI sets it). */
export function testBackends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** The backend a suite runs on: Postgres when TEST_DATABASE_URL is set, else PGlite in memory. */
export function defaultBackend(): Backend {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

export interface TestDatabase {
  handle: DbHandle;
  /** For Postgres: the URL of this test's own database. */
  url?: string;
  close(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the test server dropped after. */
export async function createTestDatabase(
  backend: Backend = defaultBackend(),
  migrate = true,
): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    if (migrate) await migrateDatabase(handle);
    return { handle, close: () => handle.close() };
  }
  const url = await createPostgresDatabase();
  const handle = await openDatabase({ databaseUrl: url, poolMax: 5 });
  if (migrate) await migrateDatabase(handle);
  return {
    handle,
    url,
    async close() {
      await handle.close();
      await dropPostgresDatabase(url);
    },
  };
}

export async function createPostgresDatabase(): Promise<string> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `jh_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return;
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
