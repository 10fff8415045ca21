import type { Suite } from '../suite.ts';
import { matchingSuite } from './matching.ts';

export const SUITES: Record<string, Suite> = {
  [matchingSuite.name]: matchingSuite,
};
