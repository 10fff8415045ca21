import { Composer } from 'grammy';
import { MAX_RESUME_BYTES } from '../../tools/resume/ingest.ts';
import { ToolInputError } from '../../tools/tool.ts';
import { telegramClientOptions } from './api.ts';
import { type BotContext, renderTool, replyLong, runTool, type TelegramBotDeps } from './context.ts';
import { afterResume } from './onboarding.ts';

const RESUME_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

const MAX_MB = Math.round(MAX_RESUME_BYTES / (1024 * 1024));

/** A resume sent as a PDF or DOCX document: checked, downloaded from the Bot API, stored. */
export function resumeUploadComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  async function download(ctx: BotContext): Promise<Buffer> {
    const file = await ctx.getFile();
    if (!file.file_path) throw new Error('getFile returned no file_path');
    const apiRoot = telegramClientOptions(deps.config).apiRoot;
    const res = await fetch(`${apiRoot}/file/bot${deps.config.TELEGRAM_BOT_TOKEN}/${file.file_path}`);
    if (!res.ok) throw new Error(`file download failed with HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  c.on('message:document', async (ctx) => {
    const doc = ctx.message.document;
    const name = doc.file_name ?? 'resume';
    const ext = RESUME_TYPES[doc.mime_type ?? ''] ?? /\.(pdf|docx)$/i.exec(name)?.[1]?.toLowerCase();
    if (!ext) {
      await ctx.reply(
        'I can read resumes as PDF or DOCX documents (or pasted as text). Please send one of those.',
      );
      return;
    }
    if ((doc.file_size ?? 0) > MAX_RESUME_BYTES) {
      await ctx.reply(`That file is larger than ${MAX_MB} MB. Please send a smaller PDF or DOCX.`);
      return;
    }
    await ctx.replyWithChatAction('typing').catch(() => {});
    const data = await download(ctx);
    const fileName = name.toLowerCase().endsWith(`.${ext}`) ? name : `${name}.${ext}`;
    let summary: string;
    try {
      const out = await runTool(deps, ctx, 'upload_resume', {
        fileBase64: data.toString('base64'),
        fileName,
      });
      summary = renderTool(deps, 'upload_resume', out);
    } catch (error) {
      if (!(error instanceof ToolInputError)) throw error;
      await ctx.reply(`${error.message}\n\nPlease send another PDF or DOCX, or paste your resume as text.`);
      return;
    }
    if (await afterResume(deps, ctx, summary)) return;
    await replyLong(ctx, `${summary}\n\nSend /matches to see your best jobs.`);
  });

  c.on(['message:sticker', 'message:voice', 'message:audio', 'message:video_note'], (ctx) =>
    ctx.reply(
      'I can only read text messages and resumes sent as PDF or DOCX documents. Type your question, or send /help.',
    ),
  );

  return c;
}
