import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgents } from '../../agents/agents.ts';
import { type ChatEvent, type ChatService, createChatService } from '../../agents/chat.ts';
import { withCallTimeout } from '../../agents/models.ts';
import { createThreadStore, type ThreadStore } from '../../agents/threads.ts';
import { silentLogger } from '../../config/logger.ts';
import { applicationApprovals } from '../../db/schema.ts';
import { createChatConfirmation, parseConfirmation } from '../../tools/applications/chat-confirmation.ts';
import { createSubmitApplicationTool } from '../../tools/applications/submit-application.ts';
import type { SubmitRequest } from '../../tools/applications/submitter.ts';
import { callTool } from '../../tools/tool.ts';
import {
  ANSWERS,
  type ApplicationsFixture,
  openApplicationsFixture,
} from '../tools/applications/applications-fixture.ts';
import { PRIYA } from '../tools/review/review-fixture.ts';
import { lastUserText, scriptedModel } from './scripted-model.ts';

// The PDF comes from the pdf-lib fallback here, whatever the machine has installed.
vi.mock('../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

let fx: ApplicationsFixture;
let chat: ChatService;
let threads: ThreadStore;
/** Every prompt the model was asked to answer: the approval step must not reach it. */
const modelPrompts: string[] = [];

beforeAll(async () => {
  fx = await openApplicationsFixture();
  const assistant = scriptedModel('assistant', (options) => {
    modelPrompts.push(JSON.stringify(options.prompt));
    return { text: `the assistant answered: ${lastUserText(options.prompt)}` };
  });
  const agents = createAgents({
    registry: fx.registry,
    models: { nameFor: () => 'mock/assistant', modelFor: () => withCallTimeout(assistant, 10_000) },
    logger: silentLogger(),
  });
  threads = createThreadStore(fx.db);
  chat = createChatService({
    agents,
    threads,
    logger: silentLogger(),
    confirmations: createChatConfirmation({ db: fx.db }),
  });
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

async function send(userId: string, message: string, threadId?: string) {
  const turn = await chat.chat({ userId, message, threadId, channel: 'telegram' });
  const events: ChatEvent[] = [];
  for await (const event of turn.events) events.push(event);
  const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
  return { threadId: turn.threadId!, text, events };
}

/** A user with a resume and every default answer, and a ready package for each job given. */
async function applicant(...jobIds: string[]) {
  const userId = await fx.otherUser();
  await fx.services.resumes.add(userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
  await fx.call('save_answers', { answers: ANSWERS }, userId);
  const prepared: Array<{ applicationId: string; approvalId: string }> = [];
  for (const jobId of jobIds) prepared.push(await fx.call('prepare_application', { jobId }, userId));
  return { userId, prepared };
}
const approvalRow = async (id: string) =>
  (await fx.db.select().from(applicationApprovals).where(eq(applicationApprovals.id, id)))[0]!;

describe('parseConfirmation', () => {
  it('takes explicit confirmations and nothing that merely sounds like one', () => {
    for (const yes of [
      'approve',
      'Approve.',
      'yes, submit it',
      'Yes please submit it',
      'I approve',
      'confirm',
    ]) {
      expect(parseConfirmation(yes), yes).not.toBeNull();
    }
    expect(parseConfirmation('approve application 3f2a91bc')).toEqual({ verb: 'approve', ref: '3f2a91bc' });
    expect(parseConfirmation('yes, submit it')).toEqual({ verb: 'submit', ref: null });
    for (const no of [
      'yes',
      "don't submit",
      'do not approve it',
      'approve both',
      'submit it tomorrow',
      'what would be submitted?',
      'approve application x',
    ]) {
      expect(parseConfirmation(no), no).toBeNull();
    }
  });
});

describe('chat confirmation of a package waiting for approval', () => {
  it('approves the one package waiting, without the model, and the applicant may submit with it', async () => {
    const { userId, prepared } = await applicant(fx.jobIds.engineer);
    const { approvalId, applicationId } = prepared[0]!;
    const asked = modelPrompts.length;
    const turn = await send(userId, 'Yes, submit it!');
    expect(modelPrompts.length).toBe(asked);
    expect(turn.text).toContain(`Approved: Senior Backend Engineer at Acme Robotics (approval ${approvalId}`);
    expect(turn.text).toContain('This is what will be submitted:');
    expect(turn.text).toContain('What is your notice period?: One month');
    expect(turn.text).toMatch(/Nothing has been sent yet/);
    expect(turn.events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(await approvalRow(approvalId)).toMatchObject({ approvedVia: 'chat', submittedAt: null });
    expect((await approvalRow(approvalId)).approvedAt).toBeInstanceOf(Date);

    // The turn is in the thread, so the assistant's next turn sees the approval id.
    const history = await threads.history(userId, turn.threadId);
    expect(JSON.stringify(history)).toContain(approvalId);
    await send(userId, 'thanks, go ahead', turn.threadId);
    expect(modelPrompts.at(-1)).toContain(approvalId);

    // The applicant's submit_application now passes the gate with that approval.
    const sent: SubmitRequest[] = [];
    const submit = createSubmitApplicationTool({
      db: fx.db,
      queue: fx.queue,
      logger: fx.services.logger,
      config: fx.services.config,
      submitter: {
        async submit(request) {
          sent.push(request);
          return { outcome: 'submitted', url: 'https://jobs.lever.co/acme/1/apply', message: 'sent' };
        },
      },
    });
    const out = (await callTool(submit, { approvalId }, { userId })) as { outcome: string };
    expect(out.outcome).toBe('submitted');
    expect(sent.map((r) => r.applicationId)).toEqual([applicationId]);
  });

  it('asks which one when two packages wait, then approves only the one named by its id prefix', async () => {
    const { userId, prepared } = await applicant(fx.jobIds.engineer, fx.jobIds.designer);
    const [engineer, designer] = prepared as [(typeof prepared)[0], (typeof prepared)[0]];
    const ambiguous = await send(userId, 'approve');
    expect(ambiguous.text).toMatch(/2 applications are waiting for your approval\. Which one\?/);
    expect(ambiguous.text).toContain(`approve application ${engineer.applicationId.slice(0, 8)}`);
    expect(ambiguous.text).toContain(
      `Product Designer at Bloom Studio: say "approve application ${designer.applicationId.slice(0, 8)}"`,
    );
    expect((await approvalRow(engineer.approvalId)).approvedAt).toBeNull();
    expect((await approvalRow(designer.approvalId)).approvedAt).toBeNull();

    const unknown = await send(userId, 'approve application 0000ffff');
    expect(unknown.text).toMatch(
      /No application waiting for your approval matches "0000ffff"\. Nothing was approved/,
    );

    const named = await send(userId, `approve application ${designer.applicationId.slice(0, 6)}`);
    expect(named.text).toContain(
      `Approved: Product Designer at Bloom Studio (approval ${designer.approvalId}`,
    );
    expect((await approvalRow(designer.approvalId)).approvedVia).toBe('chat');
    expect((await approvalRow(engineer.approvalId)).approvedAt).toBeNull();

    // "Submit it" now means the approved one: the assistant answers, nothing else is approved.
    const asked = modelPrompts.length;
    const submitIt = await send(userId, 'submit it');
    expect(submitIt.text).toBe('the assistant answered: submit it');
    expect(modelPrompts.length).toBe(asked + 1);
    expect((await approvalRow(engineer.approvalId)).approvedAt).toBeNull();
  });

  it('leaves everything else to the model, and never approves a package that changed', async () => {
    const { userId, prepared } = await applicant(fx.jobIds.engineer);
    const { approvalId, applicationId } = prepared[0]!;
    expect((await send(userId, 'yes')).text).toBe('the assistant answered: yes');
    expect((await send(userId, "don't submit it yet")).text).toMatch(/^the assistant answered/);
    expect((await approvalRow(approvalId)).approvedAt).toBeNull();

    // Edited behind the gate's back: no longer the package the approval was asked for.
    await fx.db.execute(
      sql`update applications set package = jsonb_set(package, '{coverLetter,markdown}', '"Hire me."') where id = ${applicationId}`,
    );
    expect((await send(userId, 'approve')).text).toMatch(/^Nothing is waiting for your approval/);
    expect((await approvalRow(approvalId)).approvedAt).toBeNull();

    // A user with nothing waiting is told so; "submit it" is still the assistant's to answer.
    const other = await fx.otherUser();
    expect((await send(other, 'approve')).text).toMatch(
      /^Nothing is waiting for your approval, so nothing was approved/,
    );
    expect((await send(other, 'submit it')).text).toBe('the assistant answered: submit it');
  });
});
