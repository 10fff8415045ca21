import { describe, expect, it } from 'vitest';
import { type AccessAccounts, checkHost, checkOrigin, resolveCaller } from '../../mcp-server/http-access.ts';

function accountsWith(
  names: string[],
  tokens: Record<string, string> = {},
): AccessAccounts & { created: string[] } {
  const created: string[] = [];
  return {
    created,
    authenticate: async (token) => tokens[token] ?? null,
    soleLocalUser: async () => {
      const all = [...names, ...created];
      if (all.length === 0) created.push('local');
      return all.length === 0 || (all.length === 1 && all[0] === 'local') ? 'local-id' : null;
    },
  };
}

describe('who an MCP HTTP request acts as', () => {
  it('lets a tokenless request on a fresh loopback install act as the local user', async () => {
    expect(await resolveCaller(undefined, accountsWith([]), '127.0.0.1')).toEqual({ userId: 'local-id' });
    expect(await resolveCaller(undefined, accountsWith(['local']), 'localhost')).toEqual({
      userId: 'local-id',
    });
  });

  it('requires a token once a real account exists, or when bound beyond loopback', async () => {
    const withAlice = accountsWith(['alice']);
    expect(await resolveCaller(undefined, withAlice, '127.0.0.1')).toHaveProperty('error');
    expect(withAlice.created).toEqual([]);
    expect(await resolveCaller(undefined, accountsWith(['local', 'alice']), '::1')).toHaveProperty('error');
    expect(await resolveCaller(undefined, accountsWith([]), '0.0.0.0')).toHaveProperty('error');
  });

  it('uses the bearer token when one is given, and refuses a wrong or malformed one', async () => {
    const accounts = accountsWith(['alice'], { jh_good: 'alice-id' });
    expect(await resolveCaller('Bearer jh_good', accounts, '0.0.0.0')).toEqual({ userId: 'alice-id' });
    expect(await resolveCaller('Bearer jh_bad', accounts, '127.0.0.1')).toEqual({
      error: 'the bearer token is not valid',
    });
    expect(await resolveCaller('Basic abc', accounts, '127.0.0.1')).toEqual({
      error: 'the Authorization header must be "Bearer <token>"',
    });
  });
});

describe('which browser origins may call', () => {
  const url = 'http://127.0.0.1:8787/mcp';
  it("accepts no Origin (non-browser clients) and the server's own loopback origins", () => {
    expect(checkOrigin(undefined, url, [])).toBeNull();
    expect(checkOrigin('http://127.0.0.1:8787', url, [])).toBeNull();
    expect(checkOrigin('http://localhost:8787', url, [])).toBeNull();
  });

  it('refuses other origins unless they are listed', () => {
    expect(checkOrigin('http://localhost:3000', url, [])).toMatch(/not allowed/);
    expect(checkOrigin('https://evil.example', url, [])).toMatch(/evil\.example/);
    expect(checkOrigin('null', url, [])).toMatch(/not allowed/);
    expect(checkOrigin('https://app.example.com', url, ['https://app.example.com/'])).toBeNull();
  });

  it('accepts a page this server served at a non-loopback address, and no other port or host', () => {
    const lan = 'http://192.168.1.5:8787/api/chat';
    expect(checkOrigin('http://192.168.1.5:8787', lan, [])).toBeNull();
    expect(checkOrigin('http://192.168.1.5:3000', lan, [])).toMatch(/not allowed/);
    expect(checkOrigin('http://192.168.1.6:8787', lan, [])).toMatch(/not allowed/);
  });

  it('refuses a non-loopback Host on a loopback-bound server (DNS rebinding)', () => {
    expect(checkHost('127.0.0.1:8787', '127.0.0.1', [])).toBeNull();
    expect(checkHost('localhost:8787', '127.0.0.1', [])).toBeNull();
    expect(checkHost('rebind.example:8787', '127.0.0.1', [])).toMatch(/not this server/);
    expect(checkHost('jobs.example.com', '0.0.0.0', [])).toBeNull();
  });
});
