import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCaller } from '../../../mcp-server/http-access.ts';
import { createAccounts } from '../../../tools/users/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';

describe('who a tokenless loopback request acts as', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  it('is the local user on a fresh install (created once), and nobody once a real account exists', async () => {
    const accounts = createAccounts(t.handle.db);
    const first = await resolveCaller(undefined, accounts, '127.0.0.1');
    expect(first).toHaveProperty('userId');
    expect(await resolveCaller(undefined, accounts, '127.0.0.1')).toEqual(first);
    expect((await accounts.list()).map((u) => u.name)).toEqual(['local']);

    const alice = await accounts.createUser('alice');
    expect(await resolveCaller(undefined, accounts, '127.0.0.1')).toEqual({
      error: 'a bearer token is required (Authorization: Bearer <token>)',
    });
    const token = await accounts.issueToken(alice.id);
    expect(await resolveCaller(`Bearer ${token}`, accounts, '127.0.0.1')).toEqual({ userId: alice.id });
  });

  it('never creates the local user when the only account is a real one', async () => {
    const accounts = createAccounts(t.handle.db);
    await accounts.createUser('alice');
    expect(await accounts.soleLocalUser()).toBeNull();
    expect((await accounts.list()).map((u) => u.name)).toEqual(['alice']);
  });
});
