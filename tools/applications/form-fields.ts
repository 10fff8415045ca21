import { createHash } from 'node:crypto';
import { answerKey } from './answers.ts';

/** One control of an application form, as the page describes it (label, name, placeholder, aria). */
export interface FormField {
  index: number;
  /** text, email, tel, url, number, radio, checkbox, file, select, textarea, ... */
  type: string;
  name: string;
  id: string;
  label: string;
  /** The question of a radio or checkbox group (legend, radiogroup label). */
  group: string;
  placeholder: string;
  required: boolean;
  options: Array<{ value: string; text: string }>;
}

export interface FillValues {
  contact: { fullName?: string; firstName?: string; lastName?: string; email?: string; phone?: string };
  /** Stored answers by key (answerKey). */
  answers: Map<string, { question: string; answer: string }>;
  coverLetter: string;
  resumePdf: Buffer | null;
}

export type FillAction =
  | { index: number; kind: 'fill'; field: string; value: string }
  | { index: number; kind: 'select'; field: string; value: string; shown: string }
  | { index: number; kind: 'check'; field: string; value: string }
  | {
      index: number;
      kind: 'file';
      field: string;
      value: string;
      file: { name: string; mimeType: string; buffer: Buffer };
    };

export interface FillPlan {
  actions: FillAction[];
  /** Fields with no value to put in them (the question as the form words it). */
  unfilled: Array<{ field: string; required: boolean }>;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const norm = (s: string) => squash(s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' '));

/** The words a field is known by: its label first, then group, placeholder, name and id. */
function wording(f: FormField): string {
  return squash(
    f.label || f.group || f.placeholder || f.name.replace(/[_[\]]+/g, ' ') || f.id.replace(/[_-]+/g, ' '),
  );
}
function haystack(f: FormField): string {
  return norm(
    [f.label, f.group, f.placeholder, f.name.replace(/[_[\]]+/g, ' '), f.id.replace(/[_-]+/g, ' ')].join(' '),
  );
}

/** The option (or radio/checkbox label) that says the same as an answer: equal, or one starting with the other. */
export function matchOption(answer: string, options: string[]): number {
  const a = norm(answer);
  if (!a) return -1;
  const exact = options.findIndex((o) => norm(o) === a);
  if (exact >= 0) return exact;
  const starts = options.findIndex((o) => {
    const n = norm(o);
    return n.length > 0 && (a.startsWith(`${n} `) || n.startsWith(`${a} `));
  });
  return starts;
}

function contactValue(f: FormField, v: FillValues): string | undefined {
  const h = haystack(f);
  if (/\bfirst name\b|\bgiven name\b|\bfirstname\b/.test(h)) return v.contact.firstName;
  if (/\blast name\b|\bsurname\b|\bfamily name\b|\blastname\b/.test(h)) return v.contact.lastName;
  if (/\be ?mail\b/.test(h) || f.type === 'email') return v.contact.email;
  if (/\bphone\b|\bmobile\b|\btelephone\b/.test(h) || f.type === 'tel') return v.contact.phone;
  if (/^(full )?name$|^your name$|^legal name$/.test(norm(f.label || f.placeholder)) || f.name === 'name') {
    return v.contact.fullName;
  }
  return undefined;
}

function storedAnswer(question: string, v: FillValues): string | undefined {
  if (!norm(question)) return undefined;
  return v.answers.get(answerKey(question))?.answer;
}

/**
 * Maps a form's fields to the package's values; never invents one. Contact fields come from the
 * resume, questions from stored answers, the resume PDF to a resume upload, the letter to a
 * cover-letter box. Everything else is reported as unfilled.
 */
export function planFill(fields: FormField[], values: FillValues): FillPlan {
  const actions: FillAction[] = [];
  const unfilled: FillPlan['unfilled'] = [];
  const groups = new Map<string, FormField[]>();
  for (const f of fields) {
    if (f.type === 'radio' || (f.type === 'checkbox' && f.group)) {
      const key = `${f.type}:${f.name || f.group}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
      continue;
    }
    const field = wording(f);
    const h = haystack(f);
    if (f.type === 'file') {
      if (/cover/.test(h) && values.coverLetter) {
        actions.push({
          index: f.index,
          kind: 'file',
          field,
          value: 'cover-letter.txt',
          file: { name: 'cover-letter.txt', mimeType: 'text/plain', buffer: Buffer.from(values.coverLetter) },
        });
      } else if (/resume|\bcv\b/.test(h) && values.resumePdf) {
        actions.push({
          index: f.index,
          kind: 'file',
          field,
          value: 'resume.pdf',
          file: { name: 'resume.pdf', mimeType: 'application/pdf', buffer: values.resumePdf },
        });
      } else unfilled.push({ field, required: f.required });
      continue;
    }
    if (f.type === 'textarea' && /cover letter/.test(h) && values.coverLetter) {
      actions.push({ index: f.index, kind: 'fill', field, value: values.coverLetter });
      continue;
    }
    if (f.type === 'checkbox') {
      const answer = storedAnswer(field, values);
      if (answer !== undefined && /^yes\b/i.test(answer))
        actions.push({ index: f.index, kind: 'check', field, value: 'yes' });
      else unfilled.push({ field, required: f.required });
      continue;
    }
    const value = contactValue(f, values) ?? storedAnswer(field, values);
    if (value === undefined) {
      unfilled.push({ field, required: f.required });
      continue;
    }
    if (f.type === 'select') {
      const options = f.options.filter((o) => o.value !== '');
      const i = matchOption(
        value,
        options.map((o) => o.text),
      );
      if (i < 0) unfilled.push({ field, required: f.required });
      else
        actions.push({
          index: f.index,
          kind: 'select',
          field,
          value: options[i]!.value,
          shown: options[i]!.text,
        });
      continue;
    }
    actions.push({ index: f.index, kind: 'fill', field, value });
  }
  for (const members of groups.values()) {
    const first = members[0]!;
    const question = squash(first.group || first.name);
    const answer = storedAnswer(question, values);
    const i =
      answer === undefined
        ? -1
        : matchOption(
            answer,
            members.map((m) => m.label),
          );
    if (i < 0) unfilled.push({ field: question, required: members.some((m) => m.required) });
    else actions.push({ index: members[i]!.index, kind: 'check', field: question, value: members[i]!.label });
  }
  return { actions, unfilled };
}

/** The first, last and full name of a resume's name line. */
export function splitName(name: string | undefined): {
  fullName?: string;
  firstName?: string;
  lastName?: string;
} {
  const full = squash(name ?? '');
  if (!full) return {};
  const parts = full.split(' ');
  return {
    fullName: full,
    firstName: parts[0]!,
    ...(parts.length > 1 ? { lastName: parts.slice(1).join(' ') } : {}),
  };
}

/** The values a plan puts in the form, as a person reads them (a select shows its option text). */
export const shownValues = (plan: FillPlan): Array<{ field: string; value: string }> =>
  plan.actions.map((a) => ({ field: a.field, value: a.kind === 'select' ? a.shown : a.value }));

/**
 * sha256 of a filled form: every field with what was put in it, and every field left empty, in a
 * canonical order. A changed form (a new or reworded question, other options) gives another hash.
 */
export function hashFormFill(plan: FillPlan): string {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const filled = plan.actions
    .map((a) => JSON.stringify([a.field, a.kind, a.value, a.kind === 'select' ? a.shown : '']))
    .sort(cmp);
  const unfilled = plan.unfilled.map((u) => JSON.stringify([u.field, u.required])).sort(cmp);
  return createHash('sha256')
    .update(JSON.stringify(['jobhound-form-v1', filled, unfilled]))
    .digest('hex');
}
