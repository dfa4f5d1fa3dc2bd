import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, graphqlAt, startAppOnSmallTree } from './fixtures/app.ts';
import { envWith, type ServerProcess, startServerProcess } from './fixtures/run.ts';
import { submitThrough, validSubmission } from './fixtures/submissions.ts';
import { tokenFor } from './fixtures/tokens.ts';

/** "2026-05-10" as a Vietnamese message writes it: "10/05/2026". */
const dayInVietnamese = (day: string) => day.split('-').reverse().join('/');

// Campaign states (API.md, Campaign.state): late syncs count through the grace after the last
// day, and nothing counts once a campaign is CLOSED (issue 14, finding 7).
let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
const today = vnDay.today();

beforeAll(async () => {
  ({ app, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
});
afterAll(() => app.stop());

const CAMPAIGN_FIELDS = 'id state graceDays closedAt startsOn endsOn workingHours { start end }';

async function createCampaign(id: string, startsOn: string, endsOn: string, graceDays?: number) {
  const { body } = await graphql(
    `mutation ($input: CampaignInput!) {
      createCampaign(input: $input) { campaign { ${CAMPAIGN_FIELDS} } userErrors { field code message } }
    }`,
    {
      input: {
        id,
        name: `Chiến dịch ${id}`,
        kind: 'DRIVE',
        startsOn,
        endsOn,
        schemes: ['VOLUNTARY_SI'],
        graceDays,
      },
    },
  );
  expect(body.errors).toBeUndefined();
  return body.data.createCampaign;
}

async function closeCampaign(id: string, token?: string) {
  const { body } = await graphql(
    `mutation ($id: ID!) { closeCampaign(id: $id) { campaign { ${CAMPAIGN_FIELDS} } userErrors { field code message } } }`,
    { id },
    token,
  );
  return body;
}

let person = 0;
/** A submission to one of this file's campaigns, made at 09:00 in Viet Nam on `day`. */
function enrolment(campaignId: string, day: string) {
  person++;
  return validSubmission(500_000 + person, {
    campaignId,
    enrolledAt: new Date(vnDay.startOf(day).getTime() + 9 * 3_600_000).toISOString(),
  });
}

const submit = (input: Record<string, unknown>) => submitThrough(graphql, input);

async function voidEnrolment(id: string) {
  const { body } = await graphql(
    'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "nhập trùng") { userErrors { field code message } } }',
    { id },
  );
  expect(body.errors).toBeUndefined();
  return body.data.voidEnrolment.userErrors as { field: string[]; code: string; message: string }[];
}

describe('Campaign.state', () => {
  it('is UPCOMING, RUNNING, GRACE or CLOSED by the Viet Nam day, with 7 days of grace unless set', async () => {
    const cases = [
      ['state-upcoming', vnDay.addDays(today, 10), vnDay.addDays(today, 20), undefined, 'UPCOMING', 7],
      ['state-running', vnDay.addDays(today, -2), vnDay.addDays(today, 5), undefined, 'RUNNING', 7],
      ['state-grace', vnDay.addDays(today, -10), vnDay.addDays(today, -1), undefined, 'GRACE', 7],
      ['state-last-grace-day', vnDay.addDays(today, -10), vnDay.addDays(today, -3), 3, 'GRACE', 3],
      ['state-after-grace', vnDay.addDays(today, -10), vnDay.addDays(today, -4), 3, 'CLOSED', 3],
      ['state-no-grace', vnDay.addDays(today, -10), vnDay.addDays(today, -1), 0, 'CLOSED', 0],
    ] as const;
    for (const [id, startsOn, endsOn, graceDays, state, grace] of cases) {
      const created = await createCampaign(id, startsOn, endsOn, graceDays);
      expect(created.userErrors).toEqual([]);
      expect(created.campaign, id).toEqual({
        id,
        state,
        graceDays: grace,
        closedAt: null,
        startsOn,
        endsOn,
        workingHours: { start: '07:30', end: '17:00' },
      });
    }
  });

  it('refuses a grace outside 0 to 90 days, on creation and on update', async () => {
    const created = await createCampaign('state-bad-grace', today, today, 91);
    expect(created.userErrors).toEqual([
      {
        field: ['input', 'graceDays'],
        code: 'INVALID',
        message: 'Số ngày nhận hồ sơ gửi muộn phải từ 0 đến 90; đã nhập 91.',
      },
    ]);
    const { body } = await graphql(
      `mutation { updateCampaign(id: "test-campaign", input: { graceDays: -1 }) { userErrors { field code message } } }`,
    );
    expect(body.data.updateCampaign.userErrors).toEqual([
      {
        field: ['input', 'graceDays'],
        code: 'INVALID',
        message: 'Số ngày nhận hồ sơ gửi muộn phải từ 0 đến 90; đã nhập -1.',
      },
    ]);
  });
});

describe('submissions and voids by state', () => {
  it('refuses a submission backdated into a campaign that ended months ago, saying when it closed', async () => {
    expect((await createCampaign('may-closed', '2026-05-01', '2026-05-31')).campaign.state).toBe('CLOSED');
    const before = await db.enrolment.count();
    const result = await submit(enrolment('may-closed', '2026-05-20'));
    expect(result).toEqual({
      enrolment: null,
      duplicate: false,
      userErrors: [
        {
          field: ['input', 'campaignId'],
          code: 'CAMPAIGN_CLOSED',
          message:
            'Chiến dịch may-closed đã đóng sau ngày 07/06/2026: ngày cuối của chiến dịch là 31/05/2026, và hồ sơ gửi muộn chỉ được nhận thêm 7 ngày sau đó.',
        },
      ],
    });
    expect(await db.enrolment.count()).toBe(before);
  });

  it('counts late syncs during the grace, lets voids through, and refuses both once closed', async () => {
    const lastDay = vnDay.addDays(today, -1);
    await createCampaign('late-sync', vnDay.addDays(today, -10), lastDay);
    // A phone that was offline on the last day syncs today: it counts.
    const late = enrolment('late-sync', lastDay);
    const counted = await submit(late);
    expect(counted).toMatchObject({ duplicate: false, userErrors: [] });
    // An enrolment made today, after the last day, is outside the campaign's days as before.
    const todays = await submit(enrolment('late-sync', today));
    expect(todays.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'enrolledAt'], 'INVALID']]);
    const voided = await submit(enrolment('late-sync', lastDay));
    expect(await voidEnrolment(voided.enrolment?.id ?? '')).toEqual([]);
    const kept = await submit(enrolment('late-sync', lastDay));

    const closed = await closeCampaign('late-sync');
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeCampaign.userErrors).toEqual([]);
    expect(closed.data.closeCampaign.campaign).toMatchObject({
      id: 'late-sync',
      state: 'CLOSED',
      graceDays: 7,
    });
    const closedAt = closed.data.closeCampaign.campaign.closedAt as string;
    expect(Math.abs(Date.parse(closedAt) - Date.now())).toBeLessThan(60_000);
    const audit = await db.auditEvent.findMany({ where: { action: 'CLOSE_CAMPAIGN' } });
    expect(audit).toMatchObject([
      { target: 'late-sync', actor: 'test:command-center', role: 'COMMAND_CENTER' },
    ]);

    const message = `Chiến dịch late-sync đã được trung tâm chỉ huy đóng ngày ${dayInVietnamese(today)}: không nhận thêm hồ sơ nào.`;
    const before = await db.enrolment.count();
    expect(await submit(enrolment('late-sync', lastDay))).toEqual({
      enrolment: null,
      duplicate: false,
      userErrors: [{ field: ['input', 'campaignId'], code: 'CAMPAIGN_CLOSED', message }],
    });
    expect(await db.enrolment.count()).toBe(before);
    // A phone retrying what counted before the close still gets its first answer.
    expect(await submit(late)).toEqual({ ...counted, duplicate: true });
    expect(await voidEnrolment(kept.enrolment?.id ?? '')).toEqual([
      { field: ['id'], code: 'CAMPAIGN_CLOSED', message },
    ]);
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: kept.enrolment?.id } })).toMatchObject({
      voidedAt: null,
    });
  });

  it('closes once, for the command centre inside its own subtree only', async () => {
    await createCampaign('close-rules', vnDay.addDays(today, -3), vnDay.addDays(today, 3));
    const fieldAgent = await closeCampaign('close-rules', await tokenFor('FIELD_AGENT', '386'));
    expect(fieldAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const province = await closeCampaign('close-rules', await tokenFor('COMMAND_CENTER', '405'));
    expect(province.data.closeCampaign).toEqual({
      campaign: null,
      userErrors: [
        {
          field: ['id'],
          code: 'OUT_OF_SCOPE',
          message:
            'Chiến dịch close-rules do đơn vị VN triển khai, nằm ngoài đơn vị của mã truy cập này: chỉ được đóng chiến dịch của đơn vị mình và các đơn vị trực thuộc.',
        },
      ],
    });
    expect((await closeCampaign('no-such-campaign')).data.closeCampaign.userErrors).toEqual([
      { field: ['id'], code: 'NOT_FOUND', message: 'Không có chiến dịch nào mang mã "no-such-campaign".' },
    ]);
    // A running campaign may be closed early; twice is refused, and audited once.
    const [first, second] = await Promise.all([closeCampaign('close-rules'), closeCampaign('close-rules')]);
    const answers = [first.data.closeCampaign, second.data.closeCampaign];
    expect(answers.filter((answer) => answer.userErrors.length === 0)).toHaveLength(1);
    expect(answers.flatMap((answer) => answer.userErrors)).toEqual([
      {
        field: ['id'],
        code: 'CAMPAIGN_CLOSED',
        message: `Chiến dịch close-rules đã đóng từ trước, ngày ${dayInVietnamese(today)}.`,
      },
    ]);
    expect(await db.auditEvent.count({ where: { action: 'CLOSE_CAMPAIGN', target: 'close-rules' } })).toBe(1);
    const { body } = await graphql('{ campaign(id: "close-rules") { state } }');
    expect(body.data.campaign.state).toBe('CLOSED');
  });
});

const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(shared)('two instances on PostgreSQL and Redis', () => {
  let other: ServerProcess | undefined;
  afterAll(() => other?.stop());

  it('a close on one instance is refused on the other at once, not after its cache expires', async () => {
    other = await startServerProcess(envWith({ HOST: '127.0.0.1', PORT: '0' }));
    const otherGraphql: GraphQLCall = (query, variables, token) =>
      graphqlAt((other as ServerProcess).base, query, variables, token);
    const lastDay = vnDay.addDays(today, -1);
    await createCampaign('two-instances', vnDay.addDays(today, -10), lastDay);
    // The other instance reads the campaign into its memory, as it is now.
    expect((await submitThrough(otherGraphql, enrolment('two-instances', lastDay))).userErrors).toEqual([]);
    expect((await closeCampaign('two-instances')).data.closeCampaign.userErrors).toEqual([]);
    // Its cache would serve the open campaign for a minute: the change must reach it sooner.
    const deadline = Date.now() + 5_000;
    for (;;) {
      const result = await submitThrough(otherGraphql, enrolment('two-instances', lastDay));
      if (result.userErrors[0]?.code === 'CAMPAIGN_CLOSED') break;
      expect(result.userErrors).toEqual([]);
      if (Date.now() > deadline) throw new Error('the other instance still counts for a closed campaign');
    }
  });
});
