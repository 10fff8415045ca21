/** One evaluation suite: runs over a dataset folder and reports metrics against thresholds. */
export interface Threshold {
  metric: string;
  /** 'min': the metric must be at least `value`; 'max': at most. */
  kind: 'min' | 'max';
  value: number;
}

export interface SuiteResult {
  suite: string;
  dataset: string;
  /** The language model(s) a chat suite's answers came from. */
  model?: string;
  metrics: Record<string, number>;
  thresholds: Threshold[];
  /** Per case rows for the table and the JSON report. */
  cases: Array<Record<string, string | number>>;
  passed: boolean;
  failures: string[];
}

export interface Suite {
  name: string;
  description: string;
  thresholds: Threshold[];
  run(datasetDir: string): Promise<Omit<SuiteResult, 'passed' | 'failures' | 'thresholds'>>;
}

export function judge(
  result: Omit<SuiteResult, 'passed' | 'failures' | 'thresholds'>,
  thresholds: Threshold[],
): SuiteResult {
  const failures: string[] = [];
  for (const t of thresholds) {
    const value = result.metrics[t.metric];
    if (value === undefined) failures.push(`${t.metric} was not measured`);
    else if (t.kind === 'min' && value < t.value)
      failures.push(`${t.metric} ${value.toFixed(3)} < ${t.value}`);
    else if (t.kind === 'max' && value > t.value)
      failures.push(`${t.metric} ${value.toFixed(3)} > ${t.value}`);
  }
  return { ...result, thresholds, passed: failures.length === 0, failures };
}
