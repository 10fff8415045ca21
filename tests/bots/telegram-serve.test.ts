import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookSecret } from '../../bots/telegram/bot.ts';
import { type FakeBotApi, startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';
import { waitFor } from '../helpers/queue.ts';

const MAIN = join(import.meta.dirname, '../../cli/main.ts');

const startUpdate = (chatId: number) => ({
  message: {
    message_id: 1,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId, type: 'private', first_name: 'Grace' },
    from: { id: chatId, is_bot: false, first_name: 'Grace' },
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  },
});

describe('the bot inside jobhound serve', () => {
  let fake: FakeBotApi;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    fake = await startFakeBotApi();
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.on('exit', resolve));
    }
    child = undefined;
    await fake.close();
  });

  async function serve(env: Record<string, string> = {}): Promise<string> {
    const cwd = mkdtempSync(join(tmpdir(), 'jh-bot-'));
    child = spawn(process.execPath, [MAIN, 'serve'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        PORT: '0',
        DATA_DIR: join(cwd, 'data'),
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        ...env,
      },
    });
    let stderr = '';
    return new Promise<string>((resolve, reject) => {
      child!.stderr!.on('data', (d) => {
        stderr += d;
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child!.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
  }

  it('long-polls when there is no PUBLIC_URL', async () => {
    await serve();
    await waitFor(async () => fake.callsOf('getUpdates').length > 0, { timeoutMs: 30_000, what: 'polling' });
    expect(fake.callsOf('setMyCommands')).toHaveLength(1);
    fake.pushUpdate(startUpdate(8001));
    await waitFor(async () => fake.messagesTo(8001).length > 0, {
      timeoutMs: 30_000,
      what: 'the /start reply',
    });
    expect(fake.messagesTo(8001)[0]!.text).toMatch(/^Hi Grace!/);
  }, 120_000);

  it('serves the webhook with a secret token when PUBLIC_URL is set', async () => {
    const url = await serve({ PUBLIC_URL: 'https://jobs.example.com' });
    await waitFor(async () => fake.callsOf('setWebhook').length > 0, {
      timeoutMs: 30_000,
      what: 'setWebhook',
    });
    const set = fake.callsOf('setWebhook')[0]!.params;
    expect(set.url).toBe('https://jobs.example.com/telegram/webhook');
    expect(set.secret_token).toBe(webhookSecret(fake.token));
    expect(fake.callsOf('getUpdates')).toHaveLength(0);

    const body = JSON.stringify({ update_id: 1, ...startUpdate(8002) });
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/telegram/webhook`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'guess' })).status).toBe(401);
    expect(fake.messagesTo(8002)).toHaveLength(0);
    expect((await post({ 'x-telegram-bot-api-secret-token': String(set.secret_token) })).status).toBe(200);
    expect(fake.messagesTo(8002)[0]!.text).toMatch(/^Hi Grace!/);
  }, 120_000);
});
