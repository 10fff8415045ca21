import type { Suite } from '../suite.ts';
import { atsSuite } from './ats.ts';
import { matchingSuite } from './matching.ts';
import { tailoringSuite } from './tailoring.ts';

export const SUITES: Record<string, Suite> = {
  [matchingSuite.name]: matchingSuite,
  [atsSuite.name]: atsSuite,
  [tailoringSuite.name]: tailoringSuite,
};
