// One spelling rule for every place that compares skill names: lowercase, and any run of
// whitespace or hyphens counts as one space, so "React-Native", "react  native" and
// "React Native" are the same key.
export function normalizeSkillKey(value: string): string {
  return value
    .toLowerCase()
    .trim()
    .replace(/[\s\-‐‑–]+/g, ' ');
}
