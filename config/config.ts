import { z } from 'zod';

// One schema for every setting Jobhound reads. Surfaces call loadConfig(env) once and pass the
// result down; nothing else reads process.env.

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  z.preprocess(emptyToUndefined, schema.default(value as never));

const urlWithProtocols = (protocols: string[], what: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a ${what} URL (${protocols.map((p) => `${p}//`).join(' or ')})` },
  );

const hostList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9.:[\]-]+$/, { message: 'host names or IPs, comma-separated' })));

const smtpUrl = z.string().superRefine((v, ctx) => {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a URL such as smtp://user:pass@mail.example.com:587' });
    return;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    ctx.addIssue({ code: 'custom', message: 'must be a smtp(s) URL (smtp:// or smtps://)' });
  } else if (url.hostname === '') {
    ctx.addIssue({
      code: 'custom',
      message: 'must name the mail server, as in smtp://user:pass@mail.example.com:587',
    });
  }
});

/** `ada@example.com` or `Jobhound <jobs@example.com>`: no line breaks, one address. */
const mailbox = z
  .string()
  .trim()
  .regex(/^(?:[^<>\r\n@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
    message: "must be an e-mail address or 'Name <address>', as in Jobhound <jobs@example.com>",
  });

const modelName = z
  .string()
  .regex(/^(local|openai\/[\w.:-]+)$/, { message: "must be 'local' or 'openai/<model name>'" });

/** The agents a model can be chosen for (agents/agents.ts builds one of each). */
export const AGENT_KEYS = [
  'assistant',
  'researcher',
  'scraper',
  'matcher',
  'atsReviewer',
  'applicant',
] as const;
export type AgentKey = (typeof AGENT_KEYS)[number];

/** `matcher=openai/gpt-4o-mini, researcher=local`: a model per agent, the rest use MODEL. */
const agentModels = z.string().transform((v, ctx) => {
  const out: Partial<Record<AgentKey, string>> = {};
  for (const entry of v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [key, model, ...rest] = entry.split('=').map((p) => p.trim());
    if (!AGENT_KEYS.includes(key as AgentKey)) {
      ctx.addIssue({ code: 'custom', message: `unknown agent '${key}' (agents: ${AGENT_KEYS.join(', ')})` });
      continue;
    }
    if (!model || rest.length > 0 || !modelName.safeParse(model).success) {
      ctx.addIssue({
        code: 'custom',
        message: `'${entry}' must be <agent>=local or <agent>=openai/<model name>`,
      });
      continue;
    }
    out[key as AgentKey] = model;
  }
  return out;
});

/** One external MCP server whose tools the agents may use (MCP_SERVERS, a JSON object by name). */
export const externalMcpServerSchema = z
  .object({
    command: z.string().min(1).optional().describe('a program that speaks MCP over stdio'),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).optional(),
    url: urlWithProtocols(['http:', 'https:'], 'http(s)').optional().describe('a Streamable HTTP endpoint'),
    headers: z.record(z.string(), z.string()).optional(),
    /** Tools the server does not mark read-only are left out unless listed here or allowWrites is set. */
    allowTools: z.array(z.string()).default([]),
    allowWrites: z.boolean().default(false),
  })
  .strict()
  .refine((s) => (s.command === undefined) !== (s.url === undefined), {
    message: 'give either command (stdio) or url (HTTP)',
  });
export type ExternalMcpServer = z.infer<typeof externalMcpServerSchema>;

const mcpServers = z.string().transform((v, ctx) => {
  if (!v.trim()) return {} as Record<string, ExternalMcpServer>;
  let raw: unknown;
  try {
    raw = JSON.parse(v);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a JSON object: {"name": {"command": ...} | {"url": ...}}',
    });
    return z.NEVER;
  }
  const parsed = z
    .record(z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/i), externalMcpServerSchema)
    .safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(servers)'}: ${issue.message}` });
    return z.NEVER;
  }
  return parsed.data;
});

export const configSchema = z.object({
  DATABASE_URL: optional(urlWithProtocols(['postgres:', 'postgresql:'], 'PostgreSQL')),
  DATA_DIR: withDefault(z.string(), './data'),
  HOST: withDefault(z.string().min(1), '127.0.0.1'),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535), 8787),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  MODEL: withDefault(modelName, 'local'),
  EMBEDDING_MODEL: withDefault(modelName, 'local'),
  AGENT_MODELS: z.preprocess((v) => v ?? '', agentModels),
  /** Longest a single language-model call may take before the turn fails with a clear error. */
  MODEL_TIMEOUT_SECONDS: withDefault(z.coerce.number().positive().max(3600), 60),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(urlWithProtocols(['http:', 'https:'], 'http(s)')),
  TELEGRAM_BOT_TOKEN: optional(
    z.string().regex(/^\d+:[\w-]+$/, { message: 'must look like 123456:ABC-def' }),
  ),
  TELEGRAM_API_ROOT: withDefault(
    urlWithProtocols(['http:', 'https:'], 'http(s)'),
    'https://api.telegram.org',
  ),
  PUBLIC_URL: optional(urlWithProtocols(['https:', 'http:'], 'http(s)')),
  /** Where e-mail digests go out: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  SMTP_URL: optional(smtpUrl),
  /** The From header of e-mail Jobhound sends: an address, or `Name <address>`. */
  SMTP_FROM: withDefault(mailbox, 'Jobhound <jobhound@localhost>'),
  CHROMIUM_PATH: optional(z.string()),
  SOURCE_BASE_URL: optional(urlWithProtocols(['http:', 'https:'], 'http(s)')),
  CRAWL_ALLOW_HOSTS: z.preprocess((v) => v ?? '', hostList),
  CRAWL_INTERVAL_HOURS: withDefault(
    z.coerce
      .number()
      .positive()
      .max(24 * 30),
    6,
  ),
  /** Requests the crawler has in flight at once, in all and to one host (politeness). */
  CRAWL_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(256), 32),
  CRAWL_PER_HOST_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), 4),
  WORKER_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), 4),
  /** External MCP servers whose read-only tools the researcher may use. */
  MCP_SERVERS: z.preprocess((v) => v ?? '', mcpServers),
});

export type Config = z.infer<typeof configSchema>;
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the whole environment at once so a user sees every bad variable in one message. */
export function loadConfig(env: Env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    const config = result.data;
    if (config.OPENAI_BASE_URL === undefined && !config.OPENAI_API_KEY) {
      const chosen: Array<[string, string]> = [
        ['MODEL', config.MODEL],
        ...Object.entries(config.AGENT_MODELS).map(([agent, model]): [string, string] => [
          `AGENT_MODELS (${agent})`,
          model,
        ]),
      ];
      const needKey = chosen.filter(([, model]) => model.startsWith('openai/'));
      if (needKey.length > 0) {
        throw new ConfigError(
          needKey.map(([key, model]) => `${key}: '${model}' needs OPENAI_API_KEY (or OPENAI_BASE_URL)`),
        );
      }
    }
    return config;
  }
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '(config)');
    const given = env[key];
    const shown = given === undefined ? '' : ` (got '${redact(key, given)}')`;
    return `${key}: ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}

function redact(key: string, value: string): string {
  if (/KEY|TOKEN|SECRET|PASSWORD/.test(key)) return '***';
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
