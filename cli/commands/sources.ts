import type { Command } from 'commander';
import { desc, getTableColumns, isNull, sql } from 'drizzle-orm';
import { jobs } from '../../db/schema.ts';
import { waitForCrawl } from '../../tools/crawl/crawl-source.ts';
import { type CrawlStatus, renderCrawlStatus } from '../../tools/crawl/crawl-status.ts';
import { renderJobLine, toJobView } from '../../tools/jobs/job-view.ts';
import { callTool } from '../../tools/tool.ts';
import type { CliContext } from '../context.ts';
import { withLocalRuntime } from '../local-runtime.ts';

export function registerSourceCommands(program: Command, context: CliContext): void {
  const source = program.command('source').description('job sources (ATS boards, career pages, sitemaps)');
  source
    .command('add')
    .description(
      'add a source: greenhouse:<board>, lever:<site>, ashby:<org>, workable:<account>, smartrecruiters:<company>, recruitee:<company>, personio:<company>, or a URL',
    )
    .argument('<spec>', 'the source')
    .action(async (spec: string) =>
      withLocalRuntime(context, async (runtime, userId) => {
        const tool = runtime.tools.require('add_source');
        context.out(tool.render!(await callTool(tool, { spec }, { userId })));
      }),
    );
  source
    .command('list')
    .description('every source with its open jobs and last crawl')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withLocalRuntime(context, async (runtime, userId) => {
        const tool = runtime.tools.require('list_sources');
        const out = await callTool(tool, {}, { userId });
        context.out(options.json ? JSON.stringify(out) : tool.render!(out));
      }),
    );

  program
    .command('crawl')
    .description('crawl sources now (adds new specs first)')
    .argument('[specs...]', 'source specs or URLs')
    .option('--all', 'every enabled source')
    .option('--wait', 'run the crawl in this process and wait for it, printing progress')
    .option('--json', 'print a final summary object')
    .action(async (specs: string[], options: { all?: boolean; wait?: boolean; json?: boolean }) =>
      withLocalRuntime(context, async (runtime, userId) => {
        const targets = options.all
          ? (await runtime.services.sources.list()).filter((s) => s.enabled).map((s) => s.id)
          : specs;
        if (targets.length === 0) throw new Error('name at least one source, or use --all');
        if (options.wait) await runtime.startWorkers();
        const results: CrawlStatus[] = [];
        const failures: Array<{ source: string; error: string }> = [];
        const tasks: Array<{ source: string; taskId: string }> = [];
        for (const target of targets) {
          try {
            const out = (await callTool(
              runtime.tools.require('crawl_source'),
              { source: target },
              { userId },
            )) as {
              taskId: string;
              source: string;
            };
            tasks.push(out);
            if (!options.wait) context.out(`queued ${out.source} (task ${out.taskId})`);
          } catch (error) {
            failures.push({ source: target, error: (error as Error).message });
            context.err(`${target}: ${(error as Error).message}`);
          }
        }
        if (options.wait) {
          await Promise.all(
            tasks.map(async ({ taskId }) => {
              let last = '';
              const status = await waitForCrawl({ db: runtime.handle.db, queue: runtime.queue }, taskId, {
                onProgress: (s) => {
                  const line = renderCrawlStatus(s);
                  if (line !== last && !options.json) context.err(line);
                  last = line;
                },
              });
              if (status) results.push(status);
            }),
          );
        }
        if (options.json) context.out(JSON.stringify({ crawls: results, failures }));
        else for (const r of results) context.out(renderCrawlStatus(r));
        if (failures.length > 0 && tasks.length === 0) throw new Error('no source could be crawled');
      }),
    );

  const jobsCmd = program.command('jobs').description('stored jobs');
  jobsCmd
    .command('list')
    .description('list stored jobs (open ones unless --all)')
    .option('--all', 'include closed jobs')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--json', 'print a JSON array')
    .action(async (options: { all?: boolean; limit: string; json?: boolean }) =>
      withLocalRuntime(context, async (runtime) => {
        const { embedding: _e, search: _s, ...columns } = getTableColumns(jobs);
        const rows = await runtime.handle.db
          .select({
            ...columns,
            sightings: sql<
              string[]
            >`coalesce((select array_agg(s.url order by s.first_seen) from job_sightings s where s.job_id = "jobs"."id"), '{}')`,
          })
          .from(jobs)
          .where(options.all ? undefined : isNull(jobs.closedAt))
          .orderBy(desc(jobs.firstSeen))
          .limit(Number(options.limit) || 1000);
        const views = rows.map((r) => ({ ...toJobView(r), sightings: r.sightings }));
        if (options.json) {
          context.out(
            JSON.stringify(
              views.map((v) => ({
                id: v.id,
                url: v.url,
                title: v.title,
                company: v.company,
                location: v.location,
                remote: v.remote,
                salary: v.salary,
                employmentType: v.employmentType,
                seniority: v.seniority,
                skills: v.skills,
                sightings: v.sightings,
                firstSeen: v.firstSeen,
                lastSeen: v.lastSeen,
                closedAt: v.closedAt,
                contentHash: v.contentHash,
              })),
            ),
          );
          return;
        }
        if (views.length === 0) return context.out('no jobs stored yet: add a source and crawl it');
        for (const v of views) context.out(`${v.id}  ${renderJobLine(v)}${v.closedAt ? '  [closed]' : ''}`);
      }),
    );
}
