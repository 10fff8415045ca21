import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_TOOL_IDS } from '../../agents/tools.ts';
import { createJobhoundFixture, type JobhoundFixture } from '../mcp-server/jobhound-fixture.ts';

let fx: JobhoundFixture;
beforeAll(async () => {
  fx = await createJobhoundFixture();
});
afterAll(async () => {
  await fx.close();
});

describe('least privilege', () => {
  it('gives approve_application to no agent: only the person approves', () => {
    expect(fx.registry.get('approve_application')).toBeTruthy();
    for (const ids of Object.values(AGENT_TOOL_IDS)) expect(ids).not.toContain('approve_application');
  });

  it('keeps the researcher to read-only tools and applications to the applicant', () => {
    for (const id of AGENT_TOOL_IDS.researcher) {
      const tool = fx.registry.get(id);
      if (tool) expect(tool.annotations.readOnlyHint, id).toBe(true);
    }
    const applicationTools = fx.registry
      .list()
      .map((t) => t.id)
      .filter((id) => id.endsWith('_application') || id === 'list_applications');
    expect(applicationTools.length).toBeGreaterThan(3);
    for (const [agent, ids] of Object.entries(AGENT_TOOL_IDS)) {
      if (agent === 'applicant') continue;
      for (const id of applicationTools) expect(ids, agent).not.toContain(id);
    }
  });

  it('names only tools the registry holds', () => {
    const known = new Set(fx.registry.list().map((t) => t.id));
    for (const ids of Object.values(AGENT_TOOL_IDS))
      for (const id of ids) expect(known.has(id), id).toBe(true);
  });
});
