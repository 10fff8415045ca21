// Reads layout risks out of positioned PDF text: ATS parsers read multi-column pages across the
// columns (mixing them) and often drop header/footer text, so the reviewer wants to know about both.

export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

export interface PdfLayout {
  multiColumn: boolean;
  headerFooterText: boolean;
  /** Normalised lines repeated at the top or bottom of every page. */
  repeatedLines: Set<string>;
}

/** A horizontal gap this wide (points; half an inch) on one line is not word spacing. */
const COLUMN_GAP = 36;
const BUCKET = 8;
const DATE_LIKE = /\b(?:19|20)\d{2}\b|\b(?:present|current|now|today|heute)\b/i;

function toLines(items: PositionedText[]): PositionedText[][] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PositionedText[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    const head = line?.[0];
    if (line && head && Math.abs(head.y - item.y) <= Math.max(2, head.fontSize * 0.4)) line.push(item);
    else lines.push([item]);
  }
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

export function normaliseLine(text: string): string {
  // Whitespace is dropped because text items and extracted lines space words differently.
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, '');
}

function rightColumnStart(line: PositionedText[]): PositionedText | undefined {
  let best: PositionedText | undefined;
  let bestGap = COLUMN_GAP;
  for (let i = 1; i < line.length; i++) {
    const prev = line[i - 1]!;
    const cur = line[i]!;
    const gap = cur.x - (prev.x + prev.width);
    if (gap >= bestGap) {
      bestGap = gap;
      best = cur;
    }
  }
  return best;
}

function detectColumns(pages: PositionedText[][][]): boolean {
  // Right-hand text on split lines, bucketed by where it starts. A real second column starts at the
  // same x line after line; right-aligned dates ("Jan 2020 – Present") do not, and are dates anyway.
  const buckets = new Map<number, { total: number; dates: number }>();
  for (const lines of pages) {
    for (const line of lines) {
      const right = rightColumnStart(line);
      if (!right) continue;
      const key = Math.round(right.x / BUCKET);
      const bucket = buckets.get(key) ?? { total: 0, dates: 0 };
      bucket.total++;
      if (DATE_LIKE.test(right.str)) bucket.dates++;
      buckets.set(key, bucket);
    }
  }
  for (const [key, bucket] of buckets) {
    const near = [buckets.get(key - 1), buckets.get(key + 1)];
    const total = bucket.total + near.reduce((n, b) => n + (b?.total ?? 0), 0);
    const dates = bucket.dates + near.reduce((n, b) => n + (b?.dates ?? 0), 0);
    if (total >= 3 && dates * 2 < total) return true;
  }
  return false;
}

function detectRepeatedEdges(pages: PositionedText[][][]): Set<string> {
  const repeated = new Set<string>();
  if (pages.length < 2) return repeated;
  const edgeSets = pages.map((lines) => {
    const edges = [...lines.slice(0, 2), ...lines.slice(-2)];
    return new Set(edges.map((l) => normaliseLine(l.map((i) => i.str).join(' '))).filter((s) => s !== ''));
  });
  for (const candidate of edgeSets[0] ?? []) {
    if (edgeSets.every((set) => set.has(candidate))) repeated.add(candidate);
  }
  return repeated;
}

export function analysePdfLayout(pages: PositionedText[][]): PdfLayout {
  const lines = pages.map(toLines);
  const repeatedLines = detectRepeatedEdges(lines);
  return { multiColumn: detectColumns(lines), headerFooterText: repeatedLines.size > 0, repeatedLines };
}

/** Drops header/footer lines from every page but the first, so they are not read as resume content. */
export function stripRepeatedLines(pageTexts: string[], repeated: Set<string>): string[] {
  if (repeated.size === 0) return pageTexts;
  return pageTexts.map((text, i) =>
    i === 0
      ? text
      : text
          .split('\n')
          .filter((line) => !repeated.has(normaliseLine(line)))
          .join('\n'),
  );
}
