import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatService } from '../../agents/chat.ts';
import { silentLogger } from '../../config/logger.ts';
import { chatMessages } from '../../db/schema.ts';
import type { AccessAccounts } from '../../mcp-server/http-access.ts';
import { createApp } from '../../server/app.ts';
import { createChatRoute } from '../../server/chat.ts';
import { listen, type RunningServer } from '../../server/listen.ts';
import { createResumeRoute } from '../../server/resume.ts';
import { createWebRoute, WEB_CSP } from '../../server/web.ts';
import { findChromium } from '../../tools/crawl/browser-pool.ts';
import { startChatHarness } from '../agents/chat-harness.ts';
import { scriptedModel } from '../agents/scripted-model.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

// The web page in a real Chromium: a conversation with the local model, kept across a reload,
// markup a model repeats shown as text, and the token prompt of a server that needs one.

const executablePath = findChromium(process.env);
const RESUME_FILE = join(import.meta.dirname, '../fixtures/resumes/jane-doe.txt');

const HOSTILE_ANSWER = [
  '**Platform Engineer** at Evilcorp <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>',
  '',
  '<b onmouseover="window.pwned=3">hover</b> [apply here](javascript:window.pwned=4) ![pixel](https://evil.example/pixel.png)',
  '[the posting](https://evil.example/jobs/1)',
].join('\n');

describe.skipIf(!executablePath)('the web page', () => {
  let t: TestRuntime;
  let browser: Browser;
  let open: RunningServer;
  let guarded: RunningServer;

  /** The page, /api/chat and the resume upload on loopback, for a server bound to `host`. */
  const serve = (
    host: string,
    chat: { chat: ChatService; accounts: AccessAccounts } = {
      chat: t.runtime.chat,
      accounts: t.runtime.services.accounts,
    },
  ) =>
    listen(
      createApp({
        logger: silentLogger(),
        metrics: t.runtime.metrics,
        health: [],
        routes: [
          { path: '/api/chat', app: createChatRoute({ ...chat, logger: silentLogger(), host }) },
          {
            path: '/api/v1/resume',
            app: createResumeRoute({ accounts: chat.accounts, host, tools: t.runtime.tools }),
          },
          { path: '/', app: createWebRoute() },
        ],
      }),
      '127.0.0.1',
      0,
    );

  beforeAll(async () => {
    t = await startTestRuntime();
    // A loopback install with no accounts: the page acts as the local user without a token.
    open = await serve('127.0.0.1');
    // Bound to every interface: a token is required.
    guarded = await serve('0.0.0.0');
    browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await open?.close();
    await guarded?.close();
    await t?.close();
  });

  async function newPage(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('favicon')) problems.push(m.text());
    });
    await page.goto(url);
    return { page, problems };
  }

  /** Sends a message with Enter and waits until the answer has finished streaming. */
  async function say(page: Page, text: string): Promise<string> {
    const before = await page.locator('.message.assistant').count();
    await page.fill('#message', text);
    await page.press('#message', 'Enter');
    await page.locator('.message.assistant').nth(before).waitFor();
    await page.locator('#send').waitFor({ state: 'visible' });
    return (await page.locator('.message.assistant').nth(before).textContent()) ?? '';
  }

  it('serves the page with a policy that allows nothing from elsewhere and no inline code', async () => {
    const res = await fetch(`${open.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(WEB_CSP);
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toContain('unsafe-inline');
    for (const asset of ['/assets/chat.js', '/assets/chat.css', '/assets/marked.js']) {
      expect((await fetch(`${open.url}${asset}`)).status, asset).toBe(200);
    }
  });

  it('chats: answers render as Markdown with their tool calls, and a reload continues the thread', async () => {
    const { page, problems } = await newPage(`${open.url}/`);
    expect(await page.locator('#token-form').isVisible()).toBe(false);
    const added = await say(page, 'add greenhouse:acme');
    expect(added).toContain('Added source');
    expect(added).toContain('add_source');
    const listed = await say(page, 'list my sources');
    expect(listed).toContain('list_sources');
    expect(await page.locator('.message.assistant').last().locator('table td').first().textContent()).toBe(
      'greenhouse:acme',
    );
    const threadId = await page.evaluate(() => localStorage.getItem('jobhound.threadId'));
    expect(threadId).toMatch(/^[0-9a-f-]{36}$/);

    await page.reload();
    await page.locator('.message').nth(3).waitFor();
    expect(await page.locator('.message').count()).toBe(4);
    await say(page, 'what can you do?');
    expect(await page.evaluate(() => localStorage.getItem('jobhound.threadId'))).toBe(threadId);
    const stored = await t.runtime.handle.db
      .select({ role: chatMessages.role })
      .from(chatMessages)
      .where(eq(chatMessages.threadId, threadId!));
    expect(stored.filter((m) => m.role === 'user')).toHaveLength(3);

    await page.click('#new-chat');
    expect(await page.locator('.message').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('jobhound.threadId'))).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('starts a new conversation when the one it kept is gone, and hands the composer back', async () => {
    const gone = '00000000-0000-4000-8000-000000000000';
    const { page, problems } = await newPage(`${open.url}/`);
    await page.evaluate((id) => localStorage.setItem('jobhound.threadId', id), gone);
    const answer = await say(page, 'help');
    expect(answer).toContain('Add a job source');
    const threadId = await page.evaluate(() => localStorage.getItem('jobhound.threadId'));
    expect(threadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(threadId).not.toBe(gone);
    expect(await page.locator('#stop').isVisible()).toBe(false);
    expect(await page.locator('#message').isEnabled()).toBe(true);
    // The refused first try (404) is the only thing the browser reports.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('uploads a resume file from the Resume button, then shows matches for it', async () => {
    const { page, problems } = await newPage(`${open.url}/`);
    await page.setInputFiles('#resume-file', RESUME_FILE);
    const confirmation = page.locator('.message.assistant .answer p').first();
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toMatch(/^Stored jane-doe\.txt/);
    expect(await page.locator('.message.user').first().textContent()).toBe('📎 jane-doe.txt');
    const answer = await say(page, 'show my matches');
    expect(answer).not.toContain('upload a resume first');
    await page.setInputFiles('#resume-file', {
      name: 'cv.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7 not really a pdf'),
    });
    await page.locator('.message.assistant .message.error').first().waitFor();
    expect(await page.locator('.message.assistant .message.error').first().textContent()).toMatch(/pdf/i);
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows markup a model repeats from a page as text: nothing in it runs or loads', async () => {
    // A real model may quote a hostile posting word for word; the page must not render it as HTML.
    const h = await startChatHarness({
      models: { assistant: scriptedModel('assistant', () => ({ text: HOSTILE_ANSWER })) },
      users: 'local',
    });
    const server = await serve('127.0.0.1', { chat: h.chat, accounts: h.accounts });
    try {
      const { page, problems } = await newPage(`${server.url}/`);
      const answer = await say(page, 'tell me about Evilcorp');
      expect(answer).toContain('<img src=x');
      expect(answer).toContain('apply here');
      expect(await page.locator('.answer strong').textContent()).toBe('Platform Engineer');
      expect(await page.locator('#log img, #log script, #log [onerror], #log [onmouseover]').count()).toBe(0);
      expect(await page.locator('#log a[href^="javascript:"]').count()).toBe(0);
      expect(await page.locator('#log a[href="https://evil.example/jobs/1"]').count()).toBe(1);
      expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await server.close();
      await h.close();
    }
  }, 60_000);

  it('asks for an API token when the server needs one, then sends the message with it', async () => {
    const token = await t.runtime.services.accounts.issueToken(t.userId);
    const { page, problems } = await newPage(`${guarded.url}/`);
    await page.fill('#message', 'help');
    await page.press('#message', 'Enter');
    await page.locator('#token-form').waitFor({ state: 'visible' });
    expect(await page.locator('.message.assistant').count()).toBe(0);
    await page.fill('#token', token);
    await page.click('#token-form button');
    await page.locator('.message.assistant .answer li').first().waitFor();
    expect(await page.locator('#token-form').isVisible()).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('jobhound.token'))).toBe(token);
    // The 401 itself is logged by the browser; nothing else went wrong.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  }, 60_000);
});
