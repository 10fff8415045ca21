import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyProfile } from '../../../tools/research/company-profile.ts';
import type { MarketStats } from '../../../tools/research/market-stats.ts';
import { callTool, ToolInputError } from '../../../tools/tool.ts';
import { createJobhoundFixture, type JobhoundFixture } from '../../mcp-server/jobhound-fixture.ts';

let fx: JobhoundFixture;
const context = { userId: '00000000-0000-4000-8000-000000000001' };
const call = (id: string, args: unknown) => callTool(fx.registry.require(id), args, context);

beforeAll(async () => {
  fx = await createJobhoundFixture();
});
afterAll(async () => {
  await fx.close();
});

describe('the research tools in the registry', () => {
  it('are registered with honest annotations', () => {
    const ids = fx.registry.list().map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['company_profile', 'market_stats', 'read_page']));
    for (const id of ['company_profile', 'market_stats']) {
      expect(fx.registry.require(id).annotations, id).toEqual({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
    }
    expect(fx.registry.require('read_page').annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
  });

  it('answer from the jobs the rest of Jobhound stored', async () => {
    const profile = (await call('company_profile', { company: 'acme robotics' })) as CompanyProfile;
    expect(profile.company).toBe('Acme Robotics');
    expect(profile.roles).toEqual([{ title: 'Senior Platform Engineer', count: 1 }]);
    expect(profile.salaries.ranges).toEqual([
      { currency: 'EUR', period: 'year', jobs: 1, min: 70_000, max: 90_000, median: 80_000 },
    ]);
    const market = (await call('market_stats', { role: 'platform engineer' })) as MarketStats;
    expect(market.jobs).toBe(1);
    // The stored yearly USD columns of the fixture job are 75,000 and 97,000.
    expect(market.salary).toMatchObject({ currency: 'USD', p50: 86_000 });
    expect(market.skills.map((s) => s.skill)).toEqual(['go', 'kubernetes', 'terraform']);
  });

  it('read_page goes through the shared fetcher and its SSRF guard', async () => {
    const error = await call('read_page', { url: 'http://127.0.0.1:9/admin' }).then(
      () => expect.fail('expected a refusal'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(ToolInputError);
    expect(error.message).toMatch(/^Refused to read http:\/\/127\.0\.0\.1:9\/admin/);
  });

  it('answer missing arguments with a tool input error', async () => {
    for (const id of ['company_profile', 'market_stats', 'read_page']) {
      await expect(call(id, {}), id).rejects.toBeInstanceOf(ToolInputError);
    }
  });
});
