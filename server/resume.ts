import { Hono } from 'hono';
import { callTool, type ToolRegistry } from '../tools/tool.ts';
import type { AccessPolicy } from './auth.ts';
import { chatCaller, readJsonBody } from './chat.ts';
import { refusalResponse } from './refusal.ts';

// POST /api/v1/resume: a resume file (PDF, DOCX, text, Markdown) or pasted text, stored as the
// caller's active resume through the same upload_resume tool chat, MCP and the CLI use (bad input
// is a 422 naming what was wrong). The web
// page's "Resume…" button sends files here, which are too big for a chat message.

/** A 5 MB file is about 6.7 MB as base64, plus the JSON around it. */
export const MAX_RESUME_BODY_BYTES = 7 * 1024 * 1024 + 64 * 1024;

export interface ResumeRouteDeps extends AccessPolicy {
  tools: ToolRegistry;
}

export function createResumeRoute(deps: ResumeRouteDeps): Hono {
  const app = new Hono();
  app.onError(refusalResponse);
  app.post('/', async (c) => {
    const userId = await chatCaller(c.req.raw, deps);
    const body = await readJsonBody(c.req.raw, MAX_RESUME_BODY_BYTES);
    const tool = deps.tools.require('upload_resume');
    const resume = await callTool(tool, body, { userId, signal: c.req.raw.signal });
    return c.json({ resume, message: tool.render?.(resume) ?? 'Stored your resume.' });
  });
  return app;
}
