import type { Suite } from '../suite.ts';
import { atsSuite } from './ats.ts';
import { groundingSuite } from './grounding.ts';
import { injectionSuite } from './injection.ts';
import { matchingSuite } from './matching.ts';
import { routingSuite } from './routing.ts';
import { tailoringSuite } from './tailoring.ts';

export const SUITES: Record<string, Suite> = {
  [matchingSuite.name]: matchingSuite,
  [atsSuite.name]: atsSuite,
  [tailoringSuite.name]: tailoringSuite,
  [routingSuite.name]: routingSuite,
  [groundingSuite.name]: groundingSuite,
  [injectionSuite.name]: injectionSuite,
};
