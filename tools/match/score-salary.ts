import type { JobForScoring, SeekerForScoring } from './types.ts';

export interface SalaryResult {
  value: number;
  note: string;
  /** The job states pay and its top reaches the person's minimum. */
  meets: boolean;
  dealbreaker: string | null;
}

/** The job states no pay, or the person set no minimum: not held against the job. */
export const NEUTRAL_SALARY = 0.7;
// Exchange rates drift: a top of range within 3% of the minimum is not called "below" it.
const SALARY_TOLERANCE = 0.97;
// 10% short of the minimum loses 0.3; a third short loses everything.
const SALARY_SLOPE = 3;

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

const neutral = (note: string): SalaryResult => ({
  value: NEUTRAL_SALARY,
  note,
  meets: false,
  dealbreaker: null,
});

/** The top of the job's range (USD/yr) against the person's minimum (USD/yr). */
export function salaryFit(seeker: SeekerForScoring, job: JobForScoring): SalaryResult {
  const minimum = seeker.minSalaryUsdYear;
  const top = job.salaryMaxUsdYear ?? job.salaryMinUsdYear;
  if (minimum === null || minimum <= 0) return neutral('no minimum set');
  if (top === null) return neutral('no salary stated');
  if (top >= minimum) {
    return {
      value: 1,
      note: `up to ${USD.format(top)}/yr, meets your minimum`,
      meets: true,
      dealbreaker: null,
    };
  }
  // "From $60k" with no top may still reach the minimum.
  if (job.salaryMaxUsdYear === null) return neutral(`from ${USD.format(top)}/yr`);
  const ratio = top / minimum;
  const dealbreaker =
    ratio < SALARY_TOLERANCE
      ? `Pays up to ${USD.format(top)}/yr, below your minimum of ${USD.format(minimum)}`
      : null;
  return {
    value: Math.max(0, 1 - SALARY_SLOPE * (1 - ratio)),
    note: `up to ${USD.format(top)}/yr, below your minimum`,
    meets: false,
    dealbreaker,
  };
}
