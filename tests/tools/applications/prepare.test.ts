import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerKey } from '../../../tools/applications/answers.ts';
import { readPackage } from '../../../tools/applications/package.ts';
import { createApplicationStore } from '../../../tools/applications/store.ts';
import { PRIYA } from '../review/review-fixture.ts';
import { type ApplicationsFixture, inputError, openApplicationsFixture } from './applications-fixture.ts';

// The PDF comes from the pdf-lib fallback here, whatever the machine has installed.
vi.mock('../../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

interface Prepared {
  applicationId: string;
  status: string;
  answers: Array<{ key: string; question: string; answer: string }>;
  questionsToAsk: Array<{ key: string; question: string }>;
  resumeMarkdown: string;
  coverLetterMarkdown: string;
  gaps: { required: string[]; preferred: string[] };
  valuesHash: string;
}
interface Saved {
  saved: string[];
  deleted: number;
  stored: Array<{ key: string; question: string; answer: string }>;
}

let fx: ApplicationsFixture;
beforeAll(async () => {
  fx = await openApplicationsFixture();
  await fx.services.resumes.add(fx.userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

const prepare = (args: Record<string, unknown>, as?: string) =>
  fx.call<Prepared>('prepare_application', args, as);
const save = (answers: Array<{ question: string; answer: string }>, as?: string) =>
  fx.call<Saved>('save_answers', { answers }, as);

describe('answer keys', () => {
  it('maps the wordings of Greenhouse, Lever and Ashby forms to the standard questions', () => {
    expect(answerKey('Are you legally authorized to work in the United States?')).toBe('work_authorisation');
    expect(answerKey('Do you have the right to work in the UK?')).toBe('work_authorisation');
    expect(
      answerKey(
        'Will you now or in the future require sponsorship for employment visa status (e.g., H-1B visa status)?',
      ),
    ).toBe('sponsorship');
    expect(answerKey('What is your notice period?')).toBe('notice_period');
    expect(answerKey('What are your salary expectations for this role?')).toBe('salary_expectation');
    expect(answerKey('LinkedIn Profile')).toBe('linkedin');
    expect(answerKey('GitHub URL')).toBe('github');
    expect(answerKey('Portfolio URL')).toBe('portfolio');
    expect(answerKey('Are you open to relocation to Berlin?')).toBe('relocation');
    expect(answerKey('Where are you currently based?')).toBe('location');
    expect(answerKey('notice_period')).toBe('notice_period');
    expect(answerKey('How did you hear about us?')).toBe('q:how did you hear about us');
    expect(answerKey('  How did you HEAR about us ')).toBe('q:how did you hear about us');
  });
});

describe('save_answers', () => {
  it('stores answers per user, updates and deletes them', async () => {
    const out = await save([
      { question: 'work_authorisation', answer: 'Yes, I hold a UK Skilled Worker visa' },
      { question: 'How did you hear about us?', answer: 'A friend at Acme' },
    ]);
    expect(out.saved.sort()).toEqual(['q:how did you hear about us', 'work_authorisation']);
    expect(out.stored.find((s) => s.key === 'work_authorisation')).toMatchObject({
      question: 'Are you legally authorised to work in the country of this job?',
    });
    const updated = await save([
      { question: 'Are you legally authorized to work in the country?', answer: 'Yes' },
      { question: 'How did you hear about us?', answer: '' },
    ]);
    expect(updated.deleted).toBe(1);
    expect(updated.stored.map((s) => [s.key, s.answer])).toEqual([['work_authorisation', 'Yes']]);
    const other = await fx.otherUser();
    expect((await fx.call<Saved>('save_answers', {}, other)).stored).toEqual([]);
  });

  it('rejects a question without words', async () => {
    const error = await inputError(save([{ question: '???', answer: 'yes' }]));
    expect(error.field).toBe('answers.0.question');
  });
});

describe('prepare_application', () => {
  it('never guesses: unanswered questions come back to ask, the status stays preparing', async () => {
    const out = await prepare({ jobId: fx.jobIds.engineer });
    expect(out.status).toBe('preparing');
    expect(out.answers).toEqual([
      {
        key: 'work_authorisation',
        question: 'Are you legally authorised to work in the country of this job?',
        answer: 'Yes',
      },
    ]);
    expect(out.questionsToAsk.map((q) => q.key)).toEqual([
      'sponsorship',
      'notice_period',
      'salary_expectation',
      'linkedin',
      'location',
      'relocation',
    ]);
    // The profile's minimum salary or the resume's city are not answers the user gave.
    expect(JSON.stringify(out.answers)).not.toMatch(/London|70000/);
    expect(out.resumeMarkdown).toContain('Northwind Payments');
    expect(out.coverLetterMarkdown).toMatch(/Acme Robotics/);
    expect(out.valuesHash).toMatch(/^[0-9a-f]{64}$/);

    const row = await createApplicationStore(fx.db).require(fx.userId, out.applicationId);
    const pkg = readPackage(row.package);
    expect(pkg?.valuesHash).toBe(out.valuesHash);
    expect(
      pkg?.resume.pdfBase64 && Buffer.from(pkg.resume.pdfBase64, 'base64').subarray(0, 5).toString(),
    ).toBe('%PDF-');
  });

  it('becomes ready once every question has a stored answer, and any change gives a new hash', async () => {
    const first = await prepare({ jobId: fx.jobIds.engineer });
    await save([
      { question: 'sponsorship', answer: 'No' },
      { question: 'notice_period', answer: 'One month' },
      { question: 'salary_expectation', answer: '£95,000 a year' },
      { question: 'linkedin', answer: 'https://www.linkedin.com/in/priya-raman' },
      { question: 'location', answer: 'London, UK' },
      { question: 'relocation', answer: 'Yes, within Europe' },
    ]);
    const ready = await prepare({ jobId: fx.jobIds.engineer });
    expect(ready.applicationId).toBe(first.applicationId);
    expect(ready.status).toBe('ready');
    expect(ready.questionsToAsk).toEqual([]);
    expect(ready.answers.find((a) => a.key === 'salary_expectation')?.answer).toBe('£95,000 a year');
    const same = await prepare({ jobId: fx.jobIds.engineer });
    expect(same.valuesHash).toBe(ready.valuesHash);

    await save([{ question: 'notice_period', answer: 'Two weeks' }]);
    const changed = await prepare({ jobId: fx.jobIds.engineer });
    expect(changed.valuesHash).not.toBe(ready.valuesHash);

    const { history } = await fx.call<{ history: Array<{ fromStatus: string | null; toStatus: string }> }>(
      'get_application',
      { applicationId: ready.applicationId },
    );
    expect(history.map((e) => e.toStatus)).toEqual(['saved', 'preparing', 'ready']);
  });

  it("asks the form's own questions, reusing answers by meaning", async () => {
    const out = await prepare({
      jobId: fx.jobIds.engineer,
      questions: [
        'Are you legally authorized to work in the United Kingdom?',
        'Will you now or in the future require visa sponsorship?',
        'GitHub URL',
        'Why do you want to work at Acme Robotics?',
      ],
    });
    expect(out.answers.map((a) => [a.key, a.answer])).toEqual([
      ['work_authorisation', 'Yes'],
      ['sponsorship', 'No'],
    ]);
    expect(out.questionsToAsk).toEqual([
      { key: 'github', question: 'GitHub URL' },
      {
        key: 'q:why do you want to work at acme robotics',
        question: 'Why do you want to work at Acme Robotics?',
      },
    ]);
    // A ready package whose form asks more goes back to preparing.
    expect(out.status).toBe('preparing');
  });

  it('refuses to re-prepare a package that was already sent', async () => {
    const other = await fx.otherUser();
    await fx.services.resumes.add(other, { kind: 'text', text: PRIYA, name: 'priya.txt' });
    const { application } = await fx.call<{ application: { id: string } }>(
      'track_application',
      { jobId: fx.jobIds.engineer, status: 'applied' },
      other,
    );
    const error = await inputError(prepare({ jobId: fx.jobIds.engineer }, other));
    expect(error.message).toContain(`application ${application.id} is already 'applied'`);
  });

  it('rejects a missing job and a user without a resume with clear errors', async () => {
    await inputError(prepare({}));
    const missing = await inputError(prepare({ jobId: '00000000-0000-4000-8000-000000000000' }));
    expect(missing.message).toMatch(/was not found/);
    const other = await fx.otherUser();
    const noResume = await prepare({ jobId: fx.jobIds.designer }, other).then(
      () => null,
      (e: Error) => e,
    );
    expect(noResume?.message).toMatch(/resume/i);
  });
});
