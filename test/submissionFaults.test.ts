import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from './fixtures/app.ts';
import { validSubmission } from './fixtures/submissions.ts';
import { proxyEnvUrlWithFaults } from './fixtures/tcpProxy.ts';

// The payload rule under faults (API.md, SubmitEnrolmentPayload): a committed submission is
// answered as counted, or with a top-level error that the client retries with the same keys,
// never as an item with neither an enrolment nor a userError. The faults are real: a proxy
// between the server and PostgreSQL cuts one connection at one statement. PGlite runs inside
// the server's process, with no connection to cut, so these run in .ci/run's PostgreSQL pass.
const onPostgres = Boolean(process.env.DATABASE_URL);

describe.runIf(onPostgres)('submissions when a database connection drops', () => {
  let app: App;
  let base: string;
  let proxy: NonNullable<Awaited<ReturnType<typeof proxyEnvUrlWithFaults>>>;
  let db: typeof import('@toandan/db/db').db;

  beforeAll(async () => {
    const started = await proxyEnvUrlWithFaults('DATABASE_URL', 5432);
    if (!started) throw new Error('DATABASE_URL is unset');
    proxy = started;
    ({ db } = await import('@toandan/db/db'));
    const { buildApp } = await import('@toandan/server/app');
    app = await buildApp({ port: 0, host: '127.0.0.1', seed: 'never' });
    ({ url: base } = await app.start());
    const { loadSmallTree } = await import('./fixtures/smallTree.ts');
    await loadSmallTree();
    // Campaign, units and officer in memory before any fault, as on a server that has been up.
    expect((await submit([person()])).body.data.submitEnrolments[0].userErrors).toEqual([]);
  });
  afterAll(() => app.stop());

  const BATCH = `mutation ($inputs: [SubmitEnrolmentInput!]!) {
    submitEnrolments(inputs: $inputs) { enrolment { id unit { code } } duplicate userErrors { code } }
  }`;
  let serial = 0;
  const person = () => validSubmission(500 + ++serial);
  const submit = (inputs: ReturnType<typeof person>[]) => graphqlAt(base, BATCH, { inputs });
  const stored = (inputs: ReturnType<typeof person>[]) =>
    db.enrolment.count({ where: { idempotencyKey: { in: inputs.map((input) => input.idempotencyKey) } } });
  /** What the counters hold for Cành Nàng (386-01), every day and scheme. */
  const counted = async () => {
    const unit = await db.unit.findUniqueOrThrow({ where: { code: '386-01' } });
    const sum = await db.dailyCount.aggregate({ _sum: { count: true }, where: { unitId: unit.id } });
    return sum._sum.count ?? 0;
  };
  const answeredAsCounted = (duplicate: boolean) => ({
    enrolment: { id: expect.any(String), unit: { code: '386-01' } },
    duplicate,
    userErrors: [],
  });

  it('answers a batch whose commit lost its connection as counted, once', async () => {
    const inputs = [person(), person(), person()];
    const before = await counted();
    // The first item's statement commits, and its connection drops before the answer.
    const cut = proxy.cutOnStatement('INSERT INTO "Enrolment"', 'afterAnswer');
    const { body } = await submit(inputs);
    await cut;
    expect(body).toEqual({ data: { submitEnrolments: inputs.map(() => answeredAsCounted(false)) } });
    expect(await stored(inputs)).toBe(3);
    expect(await counted()).toBe(before + 3);
  });

  it('fails the whole batch with a top-level error when its answer cannot be read after the commit, and the same keys again answer each as counted, once', async () => {
    const inputs = [person(), person(), person()];
    const before = await counted();
    const afterCommit = proxy.cutOnStatement('INSERT INTO "Enrolment"', 'afterAnswer');
    // Then the read of `enrolment.unit` loses its connection too: Prisma's, which names the
    // schema (the submission's own statement joins "Unit" for the chains of the covers' ends).
    const unitRead = proxy.cutOnStatement('"public"."Unit"', 'before');
    const { status, body } = await submit(inputs);
    await Promise.all([afterCommit, unitRead]);
    // An answer, not a network failure: the phone reads the errors and sends the batch again.
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.map((error) => error.extensions?.code)).toContain('INTERNAL_SERVER_ERROR');
    expect(await stored(inputs)).toBe(3);

    const again = await submit(inputs);
    expect(again.body).toEqual({ data: { submitEnrolments: inputs.map(() => answeredAsCounted(true)) } });
    expect(await stored(inputs)).toBe(3);
    expect(await counted()).toBe(before + 3);
  });
});
