import type { InlineKeyboardButton } from 'grammy/types';
import { parseSalaryText } from '../../tools/jobs/salary.ts';
import type { Profile } from '../../tools/profile/profile.ts';

// The onboarding questions after /start, in order: what each asks, its buttons, and how a typed
// answer becomes a profile change. Pure functions; onboarding.ts does the talking and storing.

export const STEPS = ['resume', 'roles', 'locations', 'remote', 'salary', 'hour', 'timezone'] as const;
export type Step = (typeof STEPS)[number];

export const isStep = (value: string | null | undefined): value is Step =>
  (STEPS as readonly string[]).includes(value ?? '');

export function nextStep(step: Step): Step | null {
  return STEPS[STEPS.indexOf(step) + 1] ?? null;
}

/** Roles offered when the resume suggests few. */
export const COMMON_ROLES = [
  'Backend Engineer',
  'Frontend Engineer',
  'Full-Stack Engineer',
  'Platform Engineer',
  'DevOps Engineer',
  'Data Engineer',
  'Engineering Manager',
  'Product Manager',
];
const MAX_ROLE_SUGGESTIONS = 8;

export const REMOTE_CHOICES = ['remote', 'hybrid', 'onsite', 'any'] as const;
const REMOTE_LABELS: Record<(typeof REMOTE_CHOICES)[number], string> = {
  remote: '🏠 Remote',
  hybrid: '🔀 Hybrid',
  onsite: '🏢 On-site',
  any: 'Any',
};

export const SALARY_CHOICES = [
  { currency: 'EUR', amounts: [40_000, 60_000, 80_000, 100_000] },
  { currency: 'USD', amounts: [80_000, 120_000, 160_000] },
];
const CURRENCY_SIGNS: Record<string, string> = { EUR: '€', USD: '$' };

export const HOUR_CHOICES = [7, 8, 9, 12, 18, 20];

export const ZONE_CHOICES = [
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Australia/Sydney',
  'UTC',
];

/** Role suggestions: the resume's job titles without seniority words, then common roles. */
export function suggestRoles(resumeTitles: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (role: string) => {
    const clean = role
      .replace(/\b(senior|sr\.?|junior|jr\.?|lead|principal|staff|intern)\b/gi, '')
      .replace(/\s*[([].*$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    // A lone word ("Engineer" from "Staff Engineer") says too little to search for.
    if (!clean.includes(' ') || clean.length > 60 || seen.has(clean.toLowerCase())) return;
    seen.add(clean.toLowerCase());
    out.push(clean);
  };
  resumeTitles.forEach(add);
  COMMON_ROLES.forEach(add);
  return out.slice(0, MAX_ROLE_SUGGESTIONS);
}

export interface Prompt {
  text: string;
  keyboard: InlineKeyboardButton[][];
}

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });
const skip = (step: Step) => button('Skip ⏭', `o:skip:${step}`);
const typeOwn = (step: Step) => button('✍️ Type my own', `o:type:${step}`);

/** What "Type my own" tells the user to send. */
export const TYPE_HINTS: Partial<Record<Step, string>> = {
  roles: 'Type your roles as a message, separated by commas, e.g. Backend Engineer, Data Engineer.',
  salary: 'Type your minimum yearly salary with its currency, e.g. 75k EUR or £60,000.',
  timezone: 'Type your time zone as an IANA name, e.g. Europe/Madrid or America/Chicago.',
};
const rows = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

const title = (step: Step, what: string) => `Step ${STEPS.indexOf(step) + 1} of ${STEPS.length}: ${what}`;

/** The question of one step (the roles step shows what is picked so far). */
export function promptFor(step: Step, data: { roles: string[]; suggestions: string[] }): Prompt {
  switch (step) {
    case 'resume':
      return {
        text: `${title(step, 'your resume')}\nSend it as a PDF or DOCX document, or paste it here as text.`,
        keyboard: [[skip(step)]],
      };
    case 'roles': {
      const picked = data.roles.length ? data.roles.join(', ') : 'nothing yet';
      const chosen = new Set(data.roles.map((r) => r.toLowerCase()));
      const options = data.suggestions.map((role, i) =>
        button(`${chosen.has(role.toLowerCase()) ? '✅ ' : ''}${role}`, `o:role:${i}`),
      );
      return {
        text: `${title(step, 'which roles are you looking for?')}\nTap to pick (tap again to drop), or type your own separated by commas.\nPicked: ${picked}`,
        keyboard: [...rows(options, 2), [typeOwn(step), button('Done ✔', 'o:roles:done'), skip(step)]],
      };
    }
    case 'locations':
      return {
        text: `${title(step, 'where would you like to work?')}\nType cities, regions or countries separated by commas, e.g. Berlin, Germany.`,
        keyboard: [[skip(step)]],
      };
    case 'remote':
      return {
        text: title(step, 'remote, hybrid or on-site?'),
        keyboard: [REMOTE_CHOICES.map((r) => button(REMOTE_LABELS[r], `o:remote:${r}`)), [skip(step)]],
      };
    case 'salary':
      return {
        text: `${title(step, 'your minimum yearly salary?')}\nTap one, or type your own, e.g. 75k EUR or £60,000.`,
        keyboard: [
          ...SALARY_CHOICES.map(({ currency, amounts }) =>
            amounts.map((a) =>
              button(`${CURRENCY_SIGNS[currency]}${a / 1000}k`, `o:salary:${currency}:${a}`),
            ),
          ),
          [typeOwn(step), skip(step)],
        ],
      };
    case 'hour':
      return {
        text: `${title(step, 'when should your daily digest arrive?')}\nTap an hour, or type one (0–23).`,
        keyboard: [
          ...rows(
            HOUR_CHOICES.map((h) => button(`${String(h).padStart(2, '0')}:00`, `o:hour:${h}`)),
            3,
          ),
          [skip(step)],
        ],
      };
    case 'timezone':
      return {
        text: `${title(step, 'your time zone?')}\nTap one, or type an IANA zone such as Europe/Madrid.`,
        keyboard: [
          ...rows(
            ZONE_CHOICES.map((z, i) => button(z, `o:tz:${i}`)),
            2,
          ),
          [typeOwn(step), skip(step)],
        ],
      };
  }
}

/** A typed answer as a profile change, or an error naming what was wrong. */
export type Parsed = { patch: Partial<Profile> } | { error: string };

const list = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function parseTyped(step: Exclude<Step, 'resume'>, text: string): Parsed {
  const value = text.trim();
  switch (step) {
    case 'roles': {
      const roles = list(value);
      if (roles.length === 0 || roles.length > 20 || roles.some((r) => r.length > 100))
        return { error: 'Send up to 20 roles separated by commas, e.g. Backend Engineer, Data Engineer.' };
      return { patch: { roles } };
    }
    case 'locations': {
      const locations = list(value);
      if (locations.length === 0 || locations.length > 20 || locations.some((l) => l.length > 100))
        return { error: 'Send up to 20 places separated by commas, e.g. Berlin, Munich, Germany.' };
      return { patch: { locations } };
    }
    case 'remote': {
      const word = value.toLowerCase().replace(/[^a-z]/g, '');
      const remote = word === 'onsite' || word === 'office' ? 'onsite' : word;
      if (!(REMOTE_CHOICES as readonly string[]).includes(remote))
        return { error: 'Tap one of the buttons, or type remote, hybrid, onsite or any.' };
      return { patch: { remote: remote as Profile['remote'] } };
    }
    case 'salary': {
      const salary = parseSalaryText(value, {});
      const amount = salary?.min ?? salary?.max;
      if (!salary || !amount)
        return { error: `I could not read a salary in “${value.slice(0, 60)}”. Try e.g. 75k EUR.` };
      if (!salary.currency)
        return { error: `Which currency is ${amount.toLocaleString('en-US')}? Try e.g. ${amount} EUR.` };
      return { patch: { minSalary: { amount, currency: salary.currency, period: salary.period } } };
    }
    case 'hour': {
      const m = /^(\d{1,2})(?::00)?\s*(am|pm)?$/i.exec(value);
      let hour = m ? Number(m[1]) : Number.NaN;
      if (m?.[2] && hour >= 1 && hour <= 12) hour = (hour % 12) + (m[2].toLowerCase() === 'pm' ? 12 : 0);
      if (!Number.isInteger(hour) || hour < 0 || hour > 23)
        return { error: `“${value.slice(0, 20)}” is not an hour: send a number from 0 to 23, e.g. 9.` };
      return { patch: { digestHour: hour } };
    }
    case 'timezone': {
      const zone = canonicalZone(value);
      if (!zone)
        return {
          error: `“${value.slice(0, 60)}” is not an IANA time zone. Send one such as Europe/Berlin or America/New_York.`,
        };
      return { patch: { timeZone: zone } };
    }
  }
}

/** The zone as Intl spells it ("europe/berlin" → "Europe/Berlin"), or null when unknown. */
export function canonicalZone(text: string): string | null {
  if (!/^[A-Za-z_+\-/0-9]{1,60}$/.test(text)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
