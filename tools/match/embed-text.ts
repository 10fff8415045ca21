/** Texts are cut so a huge posting or resume costs the same as a long one. */
export const MAX_EMBED_CHARS = 8000;

export function jobEmbeddingText(job: {
  title: string;
  company: string;
  skills: string[];
  descriptionMd: string;
}): string {
  return `${job.title}\n${job.title}\n${job.company}\n${job.skills.join(', ')}\n${job.descriptionMd}`.slice(
    0,
    MAX_EMBED_CHARS,
  );
}

export function resumeEmbeddingText(resume: {
  summary?: string | undefined;
  titles: string[];
  skills: string[];
  rawText: string;
}): string {
  return `${resume.titles.slice(0, 3).join('\n')}\n${resume.titles[0] ?? ''}\n${resume.skills.join(', ')}\n${resume.summary ?? ''}\n${resume.rawText}`.slice(
    0,
    MAX_EMBED_CHARS,
  );
}

export const toVectorLiteral = (v: number[]) => `[${v.join(',')}]`;
