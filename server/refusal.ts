import type { Context } from 'hono';

// A request the server refuses: a status, a stable code, a message naming what was wrong and,
// when one field was, which. Routes throw it; refusalResponse writes it as
// {error: {code, message, field?}} (the OpenAI-compatible route writes its own shape).

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

/** An HttpRefusal as its JSON body; anything else goes on to the app's own handler (a 500). */
export function refusalResponse(error: Error, c: Context): Response {
  if (!(error instanceof HttpRefusal)) throw error;
  const headers: Record<string, string> =
    error.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="jobhound"' } : {};
  return c.json(
    { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } },
    error.status,
    headers,
  );
}
