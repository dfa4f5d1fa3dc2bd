import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { wsClient } from './fixtures/live.ts';
import { KEY_REUSED, SUBMIT_ENROLMENT, submitThrough, validSubmission } from './fixtures/submissions.ts';

// Hostile and odd input (issue 14, finding 8): each is refused with a code the client can act
// on, never "Unexpected error." and a stack in the log.
let app: App;
let base: string;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
});
afterAll(() => app.stop());

let serial = 0;
const valid = (overrides: Record<string, unknown> = {}) =>
  validSubmission(300_000 + ++serial, {
    fullName: 'Nguyễn Thị Hồng Nhung',
    enrolledAt: '2026-05-12T09:00:00+07:00',
    ...overrides,
  });
const submit = (input: Record<string, unknown>) => submitThrough(graphql, input);

/** What the server logged as an error while `run` ran: an unexpected error logs its stack. */
async function errorsLoggedBy<T>(run: () => Promise<T>): Promise<{ result: T; logged: unknown[][] }> {
  const spy = vi.spyOn(console, 'error');
  try {
    const result = await run();
    return { result, logged: [...spy.mock.calls] };
  } finally {
    spy.mockRestore();
  }
}

describe('full names', () => {
  it.each([
    ['an all-U+3164 name', '\u3164\u3164\u3164', 'ký tự ẩn hoặc ký tự lạ (U+3164)'],
    ['U+034F alone', '\u034f', 'ký tự ẩn hoặc ký tự lạ (U+034F)'],
    ['a variation selector U+FE0F', 'Lan\ufe0f', 'ký tự ẩn hoặc ký tự lạ (U+FE0F)'],
    ['a leading combining mark', '\u0301Lan', 'một dấu (U+0301) không nằm trên chữ cái nào'],
    ['"A" with 119 combining marks', `A${'\u0301'.repeat(119)}`, 'chữ mang quá hai dấu'],
  ])('refuses %s, and stores nothing', async (_label, fullName, message) => {
    const before = await db.enrolment.count();
    const result = await submit(valid({ fullName }));
    expect(result.enrolment).toBeNull();
    expect(result.userErrors).toHaveLength(1);
    expect(result.userErrors[0]).toMatchObject({ field: ['input', 'fullName'], code: 'INVALID' });
    expect(result.userErrors[0]?.message).toContain(message);
    expect(await db.enrolment.count()).toBe(before);
  });

  it.each([
    ['Nguyễn Thị Hồng Nhung', 'NFC'],
    ['Nguyễn Thị Hồng Nhung', 'NFD'],
    ['Đặng Văn Lâm', 'NFC'],
    ['Đặng Văn Lâm', 'NFD'],
  ] as const)('counts %s sent in %s, stored in NFC', async (name, form) => {
    const result = await submit(valid({ fullName: name.normalize(form) }));
    expect(result.userErrors).toEqual([]);
    expect(result.enrolment?.fullName).toBe(name.normalize('NFC'));
  });
});

describe('DateTime', () => {
  it.each([
    ['2026-11-31T02:00:00Z', 'must fall on a real calendar day; 2026-11-31 is not one'],
    ['2026-02-30T08:00:00+07:00', 'must fall on a real calendar day; 2026-02-30 is not one'],
    ['2026-02-29T08:00:00+07:00', 'must fall on a real calendar day; 2026-02-29 is not one'],
    ['2026-05-10T24:00:00+07:00', 'must have a time of day from 00:00:00 to 23:59:59'],
    ['2026-05-10T09:60:00+07:00', 'must have a time of day from 00:00:00 to 23:59:59'],
    ['2026-05-10T09:00:60Z', 'must have a time of day from 00:00:00 to 23:59:59'],
    ['2026-05-10T09:00:00+24:00', 'has an offset that no time zone has'],
  ])('refuses %s instead of rolling it over', async (enrolledAt, message) => {
    const before = await db.enrolment.count();
    const { status, body } = await graphql(SUBMIT_ENROLMENT, { input: valid({ enrolledAt }) });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(`DateTime ${message}`);
    // Written in the document itself rather than in a variable, the same.
    const literal = await graphql(
      `mutation { submitEnrolment(input: { campaignId: "test-campaign", unitCode: "386-01", scheme: VOLUNTARY_SI,
        citizenId: "038090399999", fullName: "Lò Thị Mai", idempotencyKey: "${randomUUID()}", enrolledAt: "${enrolledAt}" })
        { duplicate } }`,
    );
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await db.enrolment.count()).toBe(before);
  });

  it('takes the last instant of a month and a leap day as they are', async () => {
    const result = await submit(valid({ enrolledAt: '2026-05-31T23:59:59.999+07:00' }));
    expect(result.userErrors).toEqual([]);
    expect(result.enrolment?.enrolledAt).toBe('2026-05-31T16:59:59.999Z');
  });

  it('refuses a Date that is not a calendar day, such as 31 November', async () => {
    const { status, body } = await graphql(
      'query ($date: Date) { board(campaignId: "test-campaign", unitCode: "38", date: $date) { date } }',
      { date: '2026-11-31' },
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('NUL characters', () => {
  const NUL = '\u0000';
  it.each([
    ['a query argument', '{ unit(code: "38\\u0000") { code } }', undefined, 'code'],
    [
      'a variable in an input',
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { duplicate } }',
      { input: valid({ unitCode: `386-01${NUL}` }) },
      'input.unitCode',
    ],
    [
      'a name, which must not be echoed',
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { duplicate } }',
      { input: valid({ fullName: `Lò Thị${NUL} Mai` }) },
      'input.fullName',
    ],
    [
      'one item of a batch',
      'mutation ($inputs: [SubmitEnrolmentInput!]!) { submitEnrolments(inputs: $inputs) { duplicate } }',
      { inputs: [valid(), valid({ idempotencyKey: `${randomUUID()}${NUL}` })] },
      'inputs.1.idempotencyKey',
    ],
    ['an ID', 'query ($id: ID!) { campaign(id: $id) { id } }', { id: `test-campaign${NUL}` }, 'id'],
    [
      'a campaign name',
      'mutation ($input: CampaignInput!) { updateCampaign(id: "test-campaign", input: $input) { userErrors { code } } }',
      { input: { name: `Tháng${NUL}` } },
      'input.name',
    ],
    [
      'a reason',
      'mutation ($reason: String!) { voidEnrolment(id: "none", reason: $reason) { userErrors { code } } }',
      { reason: `nhập trùng${NUL}` },
      'reason',
    ],
    [
      'a filter of the audit trail',
      'query ($actor: String) { auditEvents(actor: $actor) { id } }',
      { actor: `x${NUL}` },
      'actor',
    ],
  ])(
    'in %s: BAD_USER_INPUT naming the argument, nothing stored, nothing logged',
    async (_label, query, variables, argument) => {
      const before = await db.enrolment.count();
      const { result, logged } = await errorsLoggedBy(() => graphql(query, variables));
      expect(result.body.errors).toHaveLength(1);
      expect(result.body.errors?.[0]).toMatchObject({
        message: `The argument ${argument} holds a NUL character (U+0000), which no text here may contain.`,
        extensions: { code: 'BAD_USER_INPUT', argument: argument.split('.') },
      });
      expect(JSON.stringify(result.body)).not.toContain('Lò Thị');
      expect(logged).toEqual([]);
      expect(await db.enrolment.count()).toBe(before);
    },
  );

  it('in a subscription over WebSocket: an error message, and the socket stays open', async () => {
    const client = wsClient(base);
    try {
      const errors = await new Promise<unknown[]>((resolve, reject) => {
        client.subscribe(
          {
            query: `subscription { boardUpdated(campaignId: "test-campaign", unitCode: "38${'\\u0000'}") { sequence } }`,
          },
          {
            next: (message) =>
              message.errors ? resolve([...message.errors]) : reject(new Error('no error')),
            error: (e) => resolve(e as unknown[]),
            complete: () => {},
          },
        );
      });
      expect(errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: ['unitCode'] } });
    } finally {
      await client.dispose();
    }
  });
});

describe('cursors', () => {
  it('refuses an audit-trail id beyond a bigint with BAD_CURSOR', async () => {
    const { result, logged } = await errorsLoggedBy(() =>
      graphql('{ auditEvents(before: "9999999999999999999") { id } }'),
    );
    expect(result.body.errors?.[0]).toMatchObject({
      message: 'before must be the id of an audit entry.',
      extensions: { code: 'BAD_CURSOR' },
    });
    expect(logged).toEqual([]);
    // The largest id there can be is a cursor like any other.
    const largest = await graphql('{ auditEvents(before: "9223372036854775807", first: 1) { id } }');
    expect(largest.body.errors).toBeUndefined();
  });

  it.each([
    ['a year PostgreSQL cannot store', ['-271821-04-20T00:00:00.000Z', 'x']],
    ['a NUL in the id', ['2026-05-10T02:00:00.000Z', '\u0000']],
  ])('refuses an enrolment-list cursor with %s with BAD_CURSOR', async (_label, position) => {
    const after = Buffer.from(JSON.stringify(position)).toString('base64url');
    const { result, logged } = await errorsLoggedBy(() =>
      graphql(
        'query ($after: String) { enrolments(campaignId: "test-campaign", unitCode: "38", after: $after) { edges { cursor } } }',
        { after },
      ),
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_CURSOR');
    expect(logged).toEqual([]);
  });
});

describe('the idempotency digest', () => {
  it.each([
    ['another channel', { channel: 'GROUP_MEETING' }],
    ['another officer', { officerCode: 'CB-386-01-1' }],
  ])('refuses the same key with %s: IDEMPOTENCY_KEY_REUSED', async (_label, change) => {
    const input = valid({ channel: 'FIELD_VISIT' });
    const first = await submit(input);
    expect(first.userErrors).toEqual([]);
    expect(await submit(input)).toEqual({ ...first, duplicate: true });
    const before = await db.enrolment.count();
    expect(await submit({ ...input, ...change })).toEqual(KEY_REUSED);
    expect(await db.enrolment.count()).toBe(before);
  });

  it('answers a channel left out as the FIELD_VISIT it was stored with', async () => {
    const input = valid();
    const first = await submit(input);
    expect(await submit({ ...input, channel: 'FIELD_VISIT' })).toEqual({ ...first, duplicate: true });
  });

  it('still answers a phone retrying a submission stored before the officer and channel were in it', async () => {
    const { personalData } = await import('@toandan/db/personalData');
    const { personKey } = await import('@toandan/db/enrolmentKeys');
    const unit = await db.unit.findUniqueOrThrow({ where: { code: '386-01' } });
    const officer = await db.officer.findUniqueOrThrow({ where: { code: 'CB-386-01-1' } });
    const input = valid({ officerCode: 'CB-386-01-1', channel: 'GROUP_MEETING' });
    // The row as the code before this change wrote it: a digest of six fields, and no version
    // column (the migration gives such rows version 1).
    const oldDigest = personalData().keyedHash(
      JSON.stringify([
        input.campaignId,
        input.unitCode,
        input.scheme,
        input.citizenId,
        input.fullName,
        new Date(input.enrolledAt).toISOString(),
      ]),
    );
    const id = randomUUID();
    await db.$executeRawUnsafe(
      `INSERT INTO "Enrolment" (id, "campaignId", "unitId", "officerId", scheme, "citizenIdSealed", "fullNameSealed",
         channel, "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", "personKey", "submittedBy",
         "coverageFrom", "coverageUntil")
       VALUES ($1, 'test-campaign', $2, $3, 'VOLUNTARY_SI', $4, $5, 'GROUP_MEETING', $6::timestamptz, '2026-05-12',
         now(), $7, $8, $9, 'test:command-center', '2026-05-12', '2027-05-11')`,
      id,
      unit.id,
      officer.id,
      personalData().seal(input.citizenId),
      personalData().seal(input.fullName),
      input.enrolledAt,
      input.idempotencyKey,
      oldDigest,
      personKey('test-campaign', 'VOLUNTARY_SI', input.citizenId),
    );
    expect((await db.enrolment.findUniqueOrThrow({ where: { id } })).requestDigestVersion).toBe(1);
    const retried = await submit(input);
    expect(retried).toMatchObject({ enrolment: { id }, duplicate: true, userErrors: [] });
    // Version 1 did not hold the channel: another one still answers as a retry, as it did.
    expect(await submit({ ...input, channel: 'FIELD_VISIT' })).toMatchObject({ enrolment: { id } });
    // What version 1 did hold is still checked.
    expect(await submit({ ...input, fullName: 'Trần Văn Bình' })).toEqual(KEY_REUSED);
    // New rows are written with the new version.
    const fresh = await submit(valid());
    expect(
      (await db.enrolment.findUniqueOrThrow({ where: { id: fresh.enrolment?.id } })).requestDigestVersion,
    ).toBe(3);
  });
});
