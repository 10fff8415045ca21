// Shared texts and setup for the ATS reviewer tests: a realistic resume and postings, and the real
// tool registry on a migrated test database (PGlite, or Postgres when TEST_DATABASE_URL is set).

import { expect } from 'vitest';
import { callTool, ToolInputError } from '../../../tools/tool.ts';
import { createAccounts } from '../../../tools/users/accounts.ts';
import { createJobhoundFixture, type JobhoundFixture } from '../../mcp-server/jobhound-fixture.ts';

/**
 * A backend engineer who writes her skills the short way (k8s, JS, Postgres). Terraform and
 * Postgres work sits low in her current role, under a bullet the job does not care about.
 */
export const PRIYA = `Priya Raman
priya.raman@example.com | +44 20 7946 0018 | London, UK

Summary
Backend engineer with eight years building payment platforms in JS and Go. I mentor new hires and write clear docs. I run services on k8s and keep data in Postgres.

Experience

Senior Backend Engineer — Northwind Payments (Mar 2019 – Present)
- Introduced weekly incident reviews that halved repeat outages.
- Cut checkout latency by 35% by rewriting the pricing service in Go.
- Led a team of 4 engineers through the move of 40 services to k8s.
- Automated our cloud accounts with Terraform, saving 12 hours a week of manual work.
- Tuned Postgres queries for the ledger, handling 2,000 payments a second.

Backend Developer — Contoso Retail (Jan 2016 – Feb 2019)
- Introduced code review and CI with GitHub Actions.
- Wrote the order API in Node.js and JS for 1.2 million customers.

Education
BSc Computer Science, University of Leeds (Sep 2012 – Jun 2015)

Skills
Go, Docker, GitHub Actions, Node.js, JS, Terraform, k8s, Postgres`;

/** Asks for Kubernetes, JavaScript, PostgreSQL, Terraform and Rust; would like GraphQL and Kafka. */
export const BACKEND_JOB = `Senior Backend Engineer

Acme Robotics is hiring a Senior Backend Engineer to build the platform that runs our delivery robots.

Requirements
- 5+ years of experience
- Kubernetes in production
- JavaScript
- PostgreSQL
- Terraform
- Rust

Nice to have
- GraphQL
- Kafka
`;

/** A Go job: Priya's Go work is her second bullet, under one about incident reviews. */
export const GO_JOB = `Backend Engineer (Go)

Lumen Ledger builds accounting infrastructure for marketplaces.

Requirements
- Go in production
- Docker
- Rust

Nice to have
- Kafka
`;

export const REQUIRED_HELD = ['kubernetes', 'javascript', 'postgresql', 'terraform'];

export interface ReviewFixture {
  fx: JobhoundFixture;
  userId: string;
  /** Calls a registered tool by id with raw arguments, as MCP or REST would (validation included). */
  call<T = Record<string, unknown>>(toolId: string, args: unknown, userId?: string): Promise<T>;
  close(): Promise<void>;
}

export async function openReviewFixture(): Promise<ReviewFixture> {
  const fx = await createJobhoundFixture();
  const userId = await createAccounts(fx.db).localUser();
  return {
    fx,
    userId,
    async call<T>(toolId: string, args: unknown, as = userId) {
      return (await callTool(fx.registry.require(toolId), args, { userId: as })) as T;
    },
    close: () => fx.close(),
  };
}

/** The ToolInputError a call failed with (the test fails if it succeeded or failed otherwise). */
export async function inputError(promise: Promise<unknown>): Promise<ToolInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolInputError);
  return error as ToolInputError;
}
