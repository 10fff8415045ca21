import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { readEnv } from '../../config/env-file.ts';

describe('loadConfig', () => {
  it('starts on the embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./data');
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PORT).toBe(8787);
    expect(config.MODEL).toBe('local');
    expect(config.EMBEDDING_MODEL).toBe('local');
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(config.CRAWL_ALLOW_HOSTS).toEqual([]);
    expect(config.CRAWL_PER_HOST_CONCURRENCY).toBe(4);
    expect(config.CRAWL_CONCURRENCY).toBe(32);
    expect(config.MCP_SERVERS).toEqual({});
  });

  it('names a crawl concurrency out of range', () => {
    expect(() => loadConfig({ CRAWL_PER_HOST_CONCURRENCY: '0' })).toThrow(/CRAWL_PER_HOST_CONCURRENCY/);
    expect(loadConfig({ CRAWL_PER_HOST_CONCURRENCY: '16' }).CRAWL_PER_HOST_CONCURRENCY).toBe(16);
  });

  it('lists every bad variable with its reason in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://localhost/db',
        LOG_LEVEL: 'loud',
        MODEL: 'gpt-4',
        SMTP_URL: 'http://mail',
        TELEGRAM_BOT_TOKEN: 'not a token',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    const keys = problems.map((p) => p.split(':')[0]);
    expect(keys.sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'MODEL',
      'PORT',
      'SMTP_URL',
      'TELEGRAM_BOT_TOKEN',
    ]);
    expect((error as Error).message).toContain('PostgreSQL URL');
  });

  it('never prints a secret it rejected', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret value' })).toThrow(/\*\*\*/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret value' })).not.toThrow(/secret value/);
  });

  it('parses the crawl allow list and treats empty values as unset', () => {
    const config = loadConfig({
      CRAWL_ALLOW_HOSTS: ' 127.0.0.1, Fixtures.Local ,',
      PORT: '',
      OPENAI_BASE_URL: '',
    });
    expect(config.CRAWL_ALLOW_HOSTS).toEqual(['127.0.0.1', 'fixtures.local']);
    expect(config.PORT).toBe(8787);
    expect(config.OPENAI_BASE_URL).toBeUndefined();
  });

  it('asks for a key when an OpenAI model is chosen without one', () => {
    expect(() => loadConfig({ MODEL: 'openai/gpt-4o-mini' })).toThrow(/OPENAI_API_KEY/);
    expect(loadConfig({ MODEL: 'openai/llama3', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).MODEL).toBe(
      'openai/llama3',
    );
  });
});

describe('readEnv', () => {
  it('reads a .env file and lets the real environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jh-env-'));
    writeFileSync(join(dir, '.env'), 'PORT=9000\nLOG_LEVEL=debug\n# comment\nHOST="0.0.0.0"\n');
    const env = readEnv({ PORT: '9100' }, dir);
    expect(env.PORT).toBe('9100');
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.HOST).toBe('0.0.0.0');
  });

  it('works without a .env file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jh-env-'));
    expect(readEnv({ PORT: '1' }, dir)).toEqual({ PORT: '1' });
  });
});
