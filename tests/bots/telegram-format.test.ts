import { describe, expect, it } from 'vitest';
import { digestKeyboard, renderDigestHtml } from '../../bots/telegram/digest-sender.ts';
import { escapeHtml, splitEscaped, splitMessage } from '../../bots/telegram/format.ts';
import { renderProgress } from '../../bots/telegram/progress.ts';
import { htmlProblem } from '../fixtures/telegram/fake-bot-api.ts';

describe('Telegram formatting', () => {
  it('keeps a long digest’s keyboard within Telegram’s 100 buttons', () => {
    const digestOf = (n: number) => ({
      userId: '00000000-0000-4000-8000-000000000001',
      localDate: '2026-12-06',
      timeZone: 'UTC',
      scoreThreshold: 50,
      since: null,
      items: Array.from({ length: n }, (_, i) => ({
        job: { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
      })),
    });
    const count = (rows: unknown[][]) => rows.reduce((sum, row) => sum + row.length, 0);
    const five = digestKeyboard(digestOf(5) as never);
    expect(five).toHaveLength(10);
    expect(five[1]!.map((b) => b.text)).toEqual(['📝 Review 1', '📨 Apply 1', '🙈 Hide 1']);
    const twenty = digestKeyboard(digestOf(20) as never);
    expect(twenty).toHaveLength(20);
    expect(count(twenty)).toBeLessThanOrEqual(100);
  });

  it('sends a quiet day as a short note, not as an empty digest', () => {
    const html = renderDigestHtml({
      userId: '00000000-0000-4000-8000-000000000001',
      localDate: '2026-12-06',
      timeZone: 'Europe/Berlin',
      scoreThreshold: 70,
      since: null,
      items: [],
    });
    expect(html).toMatch(/Nothing new above your threshold today/);
    expect(html).toMatch(/70\+/);
    expect(html).not.toMatch(/top 0/);
    expect(htmlProblem(html)).toBeNull();
  });

  it('escapes hostile scraped text for HTML parse mode', () => {
    expect(escapeHtml('<script>a & b</script>')).toBe('&lt;script&gt;a &amp; b&lt;/script&gt;');
  });

  it('splits a 6,000-character answer at line boundaries under 4,096', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(45)}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(5900);
    const parts = splitMessage(text);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts[0]!.endsWith('x')).toBe(true);
    expect(parts[1]!.startsWith(lines[parts[0]!.split('\n').length]!)).toBe(true);
    expect(parts.join('\n')).toBe(text);
    const oneLine = 'y'.repeat(9000);
    expect(splitMessage(oneLine).map((p) => p.length)).toEqual([4096, 4096, 808]);
  });

  it('escapes and splits a long hostile line without cutting an entity in two', () => {
    const text = `${'<b>&'.repeat(1500)}\nshort line`;
    const parts = splitEscaped(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(htmlProblem(part)).toBeNull();
    }
    const plain = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    // Nothing lost or doubled: the parts read back as the text (line breaks aside).
    expect(plain(parts.join('')).replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
  });

  it('words progress as pages done of pages found, with the tool’s own line', () => {
    expect(
      renderProgress({ toolName: 'crawl_source', done: 120, total: 500, message: 'acme: 3 new, 1 changed' }),
    ).toBe('⏳ Crawling: 120/500 pages\nacme: 3 new, 1 changed');
    expect(renderProgress({ toolName: 'crawl_source', done: 0, total: null, message: null })).toBe(
      '⏳ Crawling…',
    );
  });
});
