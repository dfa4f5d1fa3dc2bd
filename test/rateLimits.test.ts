import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt, startAppOnSmallTree } from './fixtures/app.ts';
import { enrolmentSubmitter } from './fixtures/live.ts';
import { bearer, tokenFor } from './fixtures/tokens.ts';

// Small budgets for this file's server, so that they run out quickly (docs/security.md).
process.env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE = '5';
process.env.RATE_LIMIT_COST_PER_MINUTE = '300';

let app: App;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startAppOnSmallTree());
});
afterAll(() => app.stop());

const BOARD =
  '{ board(campaignId: "test-campaign", unitCode: "38", date: "2026-05-10") { totals { today } } }';

describe('rate limits per token', () => {
  it('lets a field agent submit 5 enrolments a minute, then answers RATE_LIMITED with a retry time', async () => {
    const agent = await tokenFor('FIELD_AGENT', '386');
    const submit = enrolmentSubmitter(
      (query, variables) => graphqlAt(base, query, variables, agent),
      '038098',
    );
    for (let n = 0; n < 5; n++) expect((await submit('386-01')).data.submitEnrolment.userErrors).toEqual([]);
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(agent) },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(response.status).toBe(200);
    const refused = await submit('386-01');
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 5 });
    const retryAfter = Number(refused.errors?.[0]?.extensions?.retryAfterSeconds);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another agent has its own budget.
    const other = await tokenFor('FIELD_AGENT', '386');
    const submitAsOther = enrolmentSubmitter(
      (query, variables) => graphqlAt(base, query, variables, other),
      '038099',
    );
    expect((await submitAsOther('386-01')).data.submitEnrolment.userErrors).toEqual([]);
  });

  it('counts a batch item by item', async () => {
    const agent = await tokenFor('FIELD_AGENT', '386');
    const inputs = Array.from({ length: 6 }, (_, n) => ({
      campaignId: 'test-campaign',
      unitCode: '386-01',
      scheme: 'HOUSEHOLD_HI',
      citizenId: `038100${String(n).padStart(6, '0')}`,
      fullName: 'Nguyễn Thị Lan',
      idempotencyKey: `batch-of-six-${n}`,
      enrolledAt: '2026-05-10T09:00:00+07:00',
    }));
    const { body } = await graphqlAt(
      base,
      'mutation ($inputs: [SubmitEnrolmentInput!]!) { submitEnrolments(inputs: $inputs) { userErrors { code } } }',
      { inputs },
      agent,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('spends a partner’s query cost, and answers 429 with Retry-After when it runs out', async () => {
    const partner = await tokenFor('PARTNER');
    const ask = () =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(partner) },
        body: JSON.stringify({ query: BOARD }),
      });
    // A board with its totals costs 8 (board, totals × 6 schemes, today): the budget of 300
    // holds 37 of them.
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let n = 0; n < 40; n++) {
      last = await ask();
      statuses.push(last.status);
      if (last.status !== 200) break;
    }
    expect(statuses.slice(0, 37).every((status) => status === 200)).toBe(true);
    if (!last) throw new Error('no answer');
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    const refused = (await last.json()) as { errors: { extensions: { code: string } }[] };
    expect(refused.errors[0]?.extensions.code).toBe('RATE_LIMITED');
  });

  it('limits the command centre per query only', async () => {
    for (let n = 0; n < 50; n++) {
      expect((await graphqlAt(base, BOARD)).status).toBe(200);
    }
  });
  it('spends a partner’s budget on a report download as the equivalent query would, and says so in Vietnamese', async () => {
    const download = (token: string) =>
      fetch(`${base}/reports/participation/38.csv?asOf=2026-05-10`, {
        headers: { authorization: bearer(token) },
      });
    const refused = await download(await tokenFor('PARTNER'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.text()).toMatch(
      /^Mã truy cập này được dùng tối đa 300 điểm truy vấn mỗi phút, mà riêng báo cáo này cần [\d.]+\.\n$/,
    );
    // The command centre is limited per query only.
    expect((await download(await tokenFor('COMMAND_CENTER'))).status).toBe(200);
  });
});
