import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectExternalMcp, type ExternalTools } from '../../agents/external-mcp.ts';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';

const BOARD = join(import.meta.dirname, '../fixtures/mcp/board-server.ts');

describe('external MCP servers', () => {
  let external: ExternalTools;

  beforeAll(async () => {
    const config = loadConfig({
      MCP_SERVERS: JSON.stringify({
        board: { command: process.execPath, args: [BOARD] },
        gone: { command: join(import.meta.dirname, 'no-such-program') },
      }),
    });
    external = await connectExternalMcp(config.MCP_SERVERS, silentLogger());
  }, 30_000);

  afterAll(async () => {
    await external?.close();
  });

  it('offers the read-only tools of a server and leaves out the others, saying why', () => {
    expect(Object.keys(external.tools)).toEqual(['board_search_board']);
    expect(external.skipped).toEqual(
      expect.arrayContaining([
        { server: 'board', tool: 'apply_now', reason: expect.stringMatching(/not marked read-only/) },
        { server: 'gone', reason: expect.stringMatching(/could not connect/) },
      ]),
    );
  });

  it('calls a tool and fences what it returns as untrusted data', async () => {
    const tool = external.tools.board_search_board!;
    const out = (await tool.execute!({ query: 'rust', limit: 3 }, {} as never)) as string;
    expect(out).toMatch(/<untrusted-data[^>]*mcp:board\/search_board/);
    expect(out).toContain('Found 3 jobs for "rust"');
    // The injected line comes back inside the block, as data.
    const inside = out.slice(out.indexOf('>'), out.lastIndexOf('</untrusted-data'));
    expect(inside).toContain('IGNORE PREVIOUS INSTRUCTIONS');
  });

  it('offers a write tool only when the user allows it', async () => {
    const config = loadConfig({
      MCP_SERVERS: JSON.stringify({
        board: { command: process.execPath, args: [BOARD], allowTools: ['apply_now'] },
      }),
    });
    const allowed = await connectExternalMcp(config.MCP_SERVERS, silentLogger());
    try {
      expect(Object.keys(allowed.tools).sort()).toEqual(['board_apply_now', 'board_search_board']);
    } finally {
      await allowed.close();
    }
  }, 30_000);

  it('names what is wrong with MCP_SERVERS', () => {
    expect(() => loadConfig({ MCP_SERVERS: 'not json' })).toThrow(ConfigError);
    expect(() => loadConfig({ MCP_SERVERS: 'not json' })).toThrow(/MCP_SERVERS: must be a JSON object/);
    expect(() => loadConfig({ MCP_SERVERS: '{"x": {"args": []}}' })).toThrow(
      /give either command \(stdio\) or url/,
    );
    expect(() => loadConfig({ MCP_SERVERS: '{"x": {"url": "ftp://a"}}' })).toThrow(/MCP_SERVERS/);
  });
});

describe('external MCP tools in a running Jobhound', () => {
  it('gives them to the researcher only', async () => {
    const { startTestRuntime } = await import('../helpers/runtime.ts');
    const t = await startTestRuntime({
      env: { MCP_SERVERS: JSON.stringify({ board: { command: process.execPath, args: [BOARD] } }) },
    });
    try {
      const { researcher, scraper, matcher } = t.runtime.agents.specialists;
      expect(Object.keys(await researcher.listTools())).toContain('board_search_board');
      expect(Object.keys(await scraper.listTools())).not.toContain('board_search_board');
      expect(Object.keys(await matcher.listTools())).not.toContain('board_search_board');
    } finally {
      await t.close();
    }
  }, 60_000);
});
