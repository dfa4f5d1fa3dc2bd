import type { App } from '@toandan/server/app';
import { verifyTokenOrThrow } from '@toandan/server/auth/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { envWith, runServerScript } from './fixtures/run.ts';
import { validSubmission } from './fixtures/submissions.ts';
import { tokenFor } from './fixtures/tokens.ts';

let app: App;
let base: string;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let officerToken: string;

const OFFICER = 'CB-386-01-1';

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
  const officer = await db.officer.findUniqueOrThrow({ where: { code: OFFICER } });
  // The Cần Thơ rule, as the demo gives every officer.
  await db.officerQuota.createMany({
    data: [
      { campaignId: 'test-campaign', officerId: officer.id, scheme: 'VOLUNTARY_SI', quota: 1 },
      { campaignId: 'test-campaign', officerId: officer.id, scheme: 'HOUSEHOLD_HI', quota: 2 },
    ],
  });
  await db.officer.create({
    data: {
      code: 'CB-386-01-2',
      fullName: 'Hà Thị Xuân',
      organisation: 'WOMENS_UNION',
      unitId: officer.unitId,
    },
  });
  officerToken = await tokenFor('FIELD_AGENT', '386-01', { officerCode: OFFICER });
});
afterAll(() => app.stop());

const MY_PROGRESS = `{ viewer { role officer { code name organisation unit { code }
  progress(campaignId: "test-campaign") { scheme quota counted renewed met } } } }`;

const SUBMIT = `mutation ($input: SubmitEnrolmentInput!) {
  submitEnrolment(input: $input) { enrolment { id } duplicate userErrors { field code message } }
}`;

let serial = 0;
function enrolment(overrides: Record<string, unknown> = {}) {
  serial++;
  return validSubmission(500_000 + serial, {
    scheme: 'HOUSEHOLD_HI',
    enrolledAt: '2026-05-12T10:00:00+07:00',
    ...overrides,
  });
}

async function submitAs(token: string, input: Record<string, unknown>) {
  const { body } = await graphql(SUBMIT, { input }, token);
  expect(body.errors).toBeUndefined();
  return body.data.submitEnrolment as {
    enrolment: { id: string } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

describe("an officer's token", () => {
  it('shows the officer its own quota progress, from zero', async () => {
    const { body } = await graphql(MY_PROGRESS, {}, officerToken);
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer).toEqual({
      role: 'FIELD_AGENT',
      officer: {
        code: OFFICER,
        name: 'Lò Văn Nam',
        organisation: 'SOCIAL_SECURITY',
        unit: { code: '386-01' },
        progress: [
          { scheme: 'VOLUNTARY_SI', quota: 1, counted: 0, renewed: 0, met: false },
          { scheme: 'HOUSEHOLD_HI', quota: 2, counted: 0, renewed: 0, met: false },
        ],
      },
    });
  });

  it('counts its submissions for its officer without naming it, once per enrolment', async () => {
    const input = enrolment();
    const first = await submitAs(officerToken, input);
    expect(first.userErrors).toEqual([]);
    // A retry of the same submission changes nothing.
    await submitAs(officerToken, input);
    await submitAs(officerToken, enrolment({ officerCode: OFFICER }));
    const stored = await db.enrolment.findUniqueOrThrow({ where: { id: first.enrolment?.id as string } });
    expect(stored.officerId).toBe((await db.officer.findUniqueOrThrow({ where: { code: OFFICER } })).id);
    const { body } = await graphql(MY_PROGRESS, {}, officerToken);
    expect(body.data.viewer.officer.progress).toEqual([
      { scheme: 'VOLUNTARY_SI', quota: 1, counted: 0, renewed: 0, met: false },
      { scheme: 'HOUSEHOLD_HI', quota: 2, counted: 2, renewed: 0, met: true },
    ]);
  });

  it("may not count for another officer, while the command centre and a team's token may", async () => {
    const other = await submitAs(officerToken, enrolment({ officerCode: 'CB-386-01-2' }));
    expect(other.enrolment).toBeNull();
    expect(other.userErrors).toEqual([
      {
        field: ['input', 'officerCode'],
        code: 'OUT_OF_SCOPE',
        message: `Mã truy cập này là của cán bộ ${OFFICER}: chỉ kê khai cho cán bộ đó, không cho CB-386-01-2.`,
      },
    ]);
    const team = await tokenFor('FIELD_AGENT', '386');
    expect((await submitAs(team, enrolment({ officerCode: 'CB-386-01-2' }))).userErrors).toEqual([]);
    const commandCentre = await tokenFor('COMMAND_CENTER', null, { officerCode: OFFICER });
    expect((await submitAs(commandCentre, enrolment({ officerCode: 'CB-386-01-2' }))).userErrors).toEqual([]);
    const counts = await db.officerCount.findMany({
      where: { officer: { code: 'CB-386-01-2' } },
      select: { scheme: true, count: true },
    });
    expect(counts).toEqual([{ scheme: 'HOUSEHOLD_HI', count: 2 }]);
  });

  it('is refused when its officer does not exist', async () => {
    const ghost = await tokenFor('FIELD_AGENT', '386-01', { officerCode: 'CB-NOBODY' });
    const { status, body } = await graphql(MY_PROGRESS, {}, ghost);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for a campaign that does not exist', async () => {
    const { body } = await graphql(
      '{ viewer { officer { progress(campaignId: "nope") { scheme } } } }',
      {},
      officerToken,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a personal quota counts new participants (API.md, Renewals: a renewal keeps one)', () => {
  const RENEWER = 'CB-386-01-3';
  const BOARD = `{ board(campaignId: "test-campaign", unitCode: "386-01", date: "2026-05-12") {
    officers { total atZero metQuota } } }`;
  const ADMIN = `{ officers(unitCode: "386-01") { edges { node { code
    progress(campaignId: "test-campaign") { scheme quota counted renewed met } } } } }`;

  it('shows a renewal beside the quota, never in it, on the officer’s phone, the admin screen and the board', async () => {
    const renewer = await db.officer.create({
      data: {
        code: RENEWER,
        fullName: 'Đinh Văn Sơn',
        organisation: 'POST_OFFICE',
        unitId: (await db.unit.findUniqueOrThrow({ where: { code: '386-01' } })).id,
      },
    });
    await db.officerQuota.create({
      data: { campaignId: 'test-campaign', officerId: renewer.id, scheme: 'HOUSEHOLD_HI', quota: 1 },
    });
    const commandCentre = await tokenFor('COMMAND_CENTER');
    const board = async () => (await graphql(BOARD, {}, commandCentre)).body.data.board.officers;
    const before = await board();
    // BHXH's list has a household card to 31 May 2026: calling it on 12 May renews it.
    const covered = enrolment();
    const { body: imported } = await graphql(
      `mutation ($rows: [CoverageInput!]!) { importCoverage(rows: $rows) { applied userErrors { message } } }`,
      {
        rows: [
          {
            citizenId: covered.citizenId,
            fullName: covered.fullName,
            scheme: 'HOUSEHOLD_HI',
            unitCode: '386-01',
            coverageFrom: '2025-06-01',
            coverageUntil: '2026-05-31',
          },
        ],
      },
      commandCentre,
    );
    expect(imported.data.importCoverage).toEqual({ applied: 1, userErrors: [] });
    const renewerToken = await tokenFor('FIELD_AGENT', '386-01', { officerCode: RENEWER });
    const renewal = await submitAs(renewerToken, covered);
    expect(renewal.userErrors).toEqual([]);
    expect(
      (await db.enrolment.findUniqueOrThrow({ where: { id: renewal.enrolment?.id as string } })).kind,
    ).toBe('RENEWAL');

    const mine = (await graphql(MY_PROGRESS, {}, renewerToken)).body.data.viewer.officer.progress;
    expect(mine).toEqual([
      { scheme: 'VOLUNTARY_SI', quota: 0, counted: 0, renewed: 0, met: true },
      { scheme: 'HOUSEHOLD_HI', quota: 1, counted: 0, renewed: 1, met: false },
    ]);
    const { body } = await graphql(ADMIN, {}, commandCentre);
    const listed = body.data.officers.edges.find(
      (edge: { node: { code: string } }) => edge.node.code === RENEWER,
    );
    expect(listed.node.progress).toEqual(mine);
    // The board agrees: one officer more, no longer at zero (a renewal is work done), and no
    // quota met by it.
    expect(await board()).toEqual({
      total: before.total,
      atZero: before.atZero - 1,
      metQuota: before.metQuota,
    });
  });
});

describe('tokens that are no one officer’s', () => {
  it('have no officer, so nobody reads another officer’s name or progress', async () => {
    for (const token of [
      await tokenFor('PARTNER'),
      await tokenFor('FIELD_AGENT', '386'),
      await tokenFor('COMMAND_CENTER'),
    ]) {
      const { body } = await graphql(MY_PROGRESS, {}, token);
      expect(body.errors).toBeUndefined();
      expect(body.data.viewer.officer).toBeNull();
    }
  });
});

describe('pnpm token --officer', () => {
  const secret = new TextEncoder().encode(process.env.TOKEN_SECRET);
  // On PGlite this test's server holds DATA_DIR, so the command asks it; on PostgreSQL it reads
  // the database itself: both ways are covered by the two runs of the suite.
  const token = (args: string[]) =>
    runServerScript('src/cli/token.ts', args, envWith({ PORT: new URL(base).port }));

  it("gives the officer's unit by default and signs the officer in", async () => {
    const result = await token(['--role', 'FIELD_AGENT', '--officer', OFFICER]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const claims = await verifyTokenOrThrow(secret, result.stdout.trim());
    expect(claims).toMatchObject({
      role: 'FIELD_AGENT',
      unitCode: '386-01',
      officerCode: OFFICER,
      subject: `officer:${OFFICER}`,
    });
  }, 60_000);

  it("refuses a unit above the officer's, an unknown officer, and an officer on another role", async () => {
    const above = await token(['--role', 'FIELD_AGENT', '--officer', OFFICER, '--unit', '38']);
    expect(above.code).toBe(1);
    expect(above.stderr.trim()).toBe(`error: unit 38 is not officer ${OFFICER}'s unit 386-01 nor inside it`);
    const unknown = await token(['--role', 'FIELD_AGENT', '--officer', 'CB-NOBODY']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('error: no officer has the code "CB-NOBODY"');
    const partner = await token(['--role', 'PARTNER', '--officer', OFFICER]);
    expect(partner.code).toBe(2);
    expect(partner.stderr).toContain('--officer is for a FIELD_AGENT token');
  }, 60_000);
});
