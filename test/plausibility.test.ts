import type { App } from '@toandan/server/app';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { until, watchBoard, wsClient } from './fixtures/live.ts';
import { SUBMIT_ENROLMENT, submitThrough, validSubmission } from './fixtures/submissions.ts';
import { bearer, commandCenterToken } from './fixtures/tokens.ts';

// Well-formed submissions that cannot be true (README, "What is refused, and why"): each is
// refused with INVALID on its field, in Vietnamese, and stores and broadcasts nothing.

let app: App;
let base: string;
let graphql: GraphQLCall;
let client: Client;
let db: typeof import('@toandan/db/db').db;
let readCounters: typeof import('@toandan/db/counters').readCounters;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
  ({ readCounters } = await import('@toandan/db/counters'));
  client = wsClient(base);
});
afterAll(async () => {
  await client.dispose();
  await app.stop();
});

/** Everything a refused submission must leave as it was. */
async function snapshot() {
  return {
    enrolments: await db.enrolment.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
    counters: await readCounters(db, 'test-campaign'),
    officerCounts: await db.officerCount.findMany({ orderBy: [{ officerId: 'asc' }, { scheme: 'asc' }] }),
    outbox: await db.liveOutbox.count(),
  };
}

let person = 0;
const submission = (overrides: Record<string, unknown>) => validSubmission(600_000 + ++person, overrides);

const TOO_YOUNG = {
  field: ['input', 'scheme'],
  code: 'INVALID',
  message:
    'Số CCCD cho năm sinh 2022, tức 4 tuổi vào năm 2026, mà BHXH tự nguyện chỉ dành cho người từ đủ 15 tuổi: hãy kiểm tra lại số CCCD, hoặc chọn loại hình khác cho trẻ (như BHYT hộ gia đình).',
};
const TOO_OLD = {
  field: ['input', 'citizenId'],
  code: 'INVALID',
  message:
    'Số CCCD cho năm sinh 1901, tức 125 tuổi vào năm 2026, quá 120 tuổi: chắc là nhập nhầm, hãy kiểm tra lại chữ số thứ 4 đến 6.',
};
const ONE_WORD = {
  field: ['input', 'fullName'],
  code: 'INVALID',
  message: 'Họ và tên chỉ có một chữ: hãy nhập đủ họ và tên như trên CCCD (ví dụ Nguyễn Thị Lan).',
};

const CASES: [string, Record<string, unknown>, (typeof TOO_YOUNG)[]][] = [
  ['voluntary social insurance for a child born in 2022', { citizenId: '038222000001' }, [TOO_YOUNG]],
  [
    'voluntary social insurance at 14 (born 2012, enrolled 2026)',
    { citizenId: '038312000001' },
    [
      {
        ...TOO_YOUNG,
        message:
          'Số CCCD cho năm sinh 2012, tức 14 tuổi vào năm 2026, mà BHXH tự nguyện chỉ dành cho người từ đủ 15 tuổi: hãy kiểm tra lại số CCCD, hoặc chọn loại hình khác cho trẻ (như BHYT hộ gia đình).',
      },
    ],
  ],
  [
    'a person born in 1901, in household health insurance',
    { citizenId: '038001000001', scheme: 'HOUSEHOLD_HI' },
    [TOO_OLD],
  ],
  ['a one-letter name', { fullName: 'A' }, [ONE_WORD]],
  ['a one-word name', { fullName: 'Lan' }, [ONE_WORD]],
  [
    'a person born in 1901 with a one-word name',
    { citizenId: '038001000001', fullName: 'Lan' },
    [TOO_OLD, ONE_WORD],
  ],
];

describe('plausibility', () => {
  it.each(CASES)('submitEnrolment refuses %s, and stores nothing', async (_label, overrides, userErrors) => {
    const before = await snapshot();
    expect(await submitThrough(graphql, submission(overrides))).toEqual({
      enrolment: null,
      duplicate: false,
      userErrors,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('submitEnrolments refuses each implausible item on its own field, and stores only the plausible one', async () => {
    const inputs = [...CASES.map(([, overrides]) => submission(overrides)), submission({})];
    const before = await snapshot();
    const { status, body } = await graphql(
      `mutation ($inputs: [SubmitEnrolmentInput!]!) {
        submitEnrolments(inputs: $inputs) { enrolment { id } duplicate userErrors { field code message } }
      }`,
      { inputs },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const answers = body.data.submitEnrolments as {
      enrolment: { id: string } | null;
      userErrors: unknown[];
    }[];
    expect(answers.slice(0, CASES.length)).toEqual(
      CASES.map(([, , userErrors]) => ({ enrolment: null, duplicate: false, userErrors })),
    );
    const stored = answers.at(-1);
    expect(stored?.userErrors).toEqual([]);
    const after = await snapshot();
    expect(after.enrolments.map((e) => e.id)).toEqual(
      [...before.enrolments.map((e) => e.id), stored?.enrolment?.id].sort(),
    );
  });

  it('broadcasts nothing for an implausible submission', async () => {
    const { publishedAll } = await import('@toandan/server/live/boardPublisher');
    await publishedAll();
    const watcher = watchBoard(client, '386');
    await watcher.opened();
    const opening = watcher.state.opening?.sequence ?? Number.NaN;
    for (const [, overrides] of CASES) {
      expect((await submitThrough(graphql, submission(overrides))).userErrors[0]?.code).toBe('INVALID');
    }
    // The sentinel: an update of a refused one would have come before its own.
    expect((await submitThrough(graphql, submission({}))).userErrors).toEqual([]);
    await until(() => watcher.state.updates.length > 0, 'the update of the plausible submission');
    expect(watcher.state.updates.map((update) => update.sequence)).toEqual([opening + 1]);
    expect(watcher.state.errors).toEqual([]);
    watcher.stop();
  });

  it('accepts the limits: voluntary social insurance in the year of the 15th birthday, a person of 120, two short words', async () => {
    for (const overrides of [
      { citizenId: '038311000001' },
      { citizenId: '038106000001', scheme: 'HOUSEHOLD_HI' },
      { fullName: 'Lò Mai' },
      { citizenId: '038222000002', scheme: 'HOUSEHOLD_HI' },
    ]) {
      const answer = await submitThrough(graphql, submission(overrides));
      expect(answer.userErrors).toEqual([]);
      expect(answer.enrolment?.id).toBeTypeOf('string');
    }
  });

  it('says the same in English when asked', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        authorization: bearer(await commandCenterToken()),
      },
      body: JSON.stringify({
        query: SUBMIT_ENROLMENT,
        variables: { input: submission({ citizenId: '038222000001' }) },
      }),
    });
    const body = (await response.json()) as { data: { submitEnrolment: { userErrors: unknown[] } } };
    expect(body.data.submitEnrolment.userErrors).toEqual([
      {
        field: ['input', 'scheme'],
        code: 'INVALID',
        message:
          'The citizen ID gives a birth year of 2022, 4 in 2026, and voluntary social insurance is for people aged 15 and over: check the citizen ID, or choose another scheme for a child (such as household health insurance).',
      },
    ]);
  });
});
