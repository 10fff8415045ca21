import type { Context } from 'hono';
import { NotFoundError, ToolInputError } from '../tools/tool.ts';

// A request the server refuses: a status, a stable code, a message naming what was wrong and,
// when one field was, which. Routes throw it; refusalResponse writes it as
// {error: {code, message, field?}}, and writes a tool's own refusals (bad input, not found) the
// same way (the OpenAI-compatible route writes its own shape).

export class HttpRefusal extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: HttpRefusal['status'], code: string, message: string, field?: string) {
    super(message);
    this.name = 'HttpRefusal';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** A tool's refusal (bad input 422, not found 404) as an HttpRefusal; null for anything else. */
function asRefusal(error: Error): HttpRefusal | null {
  if (error instanceof HttpRefusal) return error;
  // A NotFoundError is a ToolInputError too: it is tested first.
  if (error instanceof NotFoundError) return new HttpRefusal(404, 'not_found', error.message, error.field);
  if (error instanceof ToolInputError)
    return new HttpRefusal(422, 'invalid_input', error.message, error.field);
  return null;
}

/** A refusal as its JSON body; anything else goes on to the app's own handler (a 500). */
export function refusalResponse(error: Error, c: Context): Response {
  const refusal = asRefusal(error);
  if (!refusal) throw error;
  const headers: Record<string, string> =
    refusal.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="jobhound"' } : {};
  return c.json(
    {
      error: {
        code: refusal.code,
        message: refusal.message,
        ...(refusal.field ? { field: refusal.field } : {}),
      },
    },
    refusal.status,
    headers,
  );
}
