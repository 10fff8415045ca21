import { z } from 'zod';

/** saved → preparing → ready (awaiting approval) → applied → interviewing → offer | rejected | withdrawn. */
export const APPLICATION_STATUSES = [
  'saved',
  'preparing',
  'ready',
  'applied',
  'interviewing',
  'offer',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);

/**
 * The moves a tracker entry may make. Preparation can go back (a changed answer makes a ready
 * package preparing again); a user who applied by hand may mark it applied from any earlier step;
 * withdrawn and rejected are reachable from every open status; offer, rejected and withdrawn are final.
 */
const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  saved: ['preparing', 'ready', 'applied', 'rejected', 'withdrawn'],
  preparing: ['saved', 'ready', 'applied', 'rejected', 'withdrawn'],
  ready: ['preparing', 'applied', 'rejected', 'withdrawn'],
  applied: ['interviewing', 'offer', 'rejected', 'withdrawn'],
  interviewing: ['offer', 'rejected', 'withdrawn'],
  offer: [],
  rejected: [],
  withdrawn: [],
};

export function allowedTransitions(from: ApplicationStatus): readonly ApplicationStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(value);
}
