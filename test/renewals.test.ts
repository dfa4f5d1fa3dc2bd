import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { alreadyEnrolledIn, KEY_REUSED } from './fixtures/submissions.ts';
import { bearer, commandCenterToken } from './fixtures/tokens.ts';

let app: App;
let base: string;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let readCounters: typeof import('@toandan/db/counters').readCounters;

/** A standing campaign over two years, and a drive inside it, both open today. */
const STANDING = 'standing-campaign';
const DRIVE = 'drive-campaign';

beforeAll(async () => {
  ({ app, base, graphql } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  ({ readCounters } = await import('@toandan/db/counters'));
  const { vnDay } = await import('@toandan/shared/vnDay');
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  const { nation } = await loadSmallTree();
  const campaign = (id: string, name: string, kind: 'CAMPAIGN_MONTH' | 'DRIVE', from: string, to: string) =>
    db.campaign.create({
      data: {
        id,
        name,
        kind,
        startsOn: vnDay.toDateColumn(from),
        endsOn: vnDay.toDateColumn(to),
        schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
        unitId: nation.id,
        graceDays: 400,
      },
    });
  await campaign(STANDING, 'Vận động thường xuyên', 'CAMPAIGN_MONTH', '2025-01-01', '2026-12-31');
  await campaign(DRIVE, 'Đợt ra quân tháng 11', 'DRIVE', '2026-11-01', '2026-12-31');
});
afterAll(() => app.stop());

const SUBMIT = `mutation ($input: SubmitEnrolmentInput!) {
  submitEnrolment(input: $input) {
    enrolment { id scheme day kind coverageMonths coverageFrom coverageUntil citizenId fullName unit { code } }
    duplicate
    userErrors { field message code }
  }
}`;

interface Answer {
  enrolment: {
    id: string;
    kind: string;
    coverageMonths: number;
    coverageFrom: string;
    coverageUntil: string;
    citizenId: string;
    fullName: string;
  } | null;
  duplicate: boolean;
  userErrors: { field: string[]; message: string; code: string }[];
}

let serial = 0;
/** A fresh person (a citizen ID no other test uses). */
const person = () => citizenIdOf(700_000 + ++serial);

/** A submission to the standing campaign in Cành Nàng at 09:00 on `day`, with a fresh key. */
const on = (day: string, citizenId: string, overrides: Record<string, unknown> = {}) => ({
  campaignId: STANDING,
  unitCode: '386-01',
  scheme: 'HOUSEHOLD_HI',
  citizenId,
  fullName: 'Phạm Thị Hoa',
  idempotencyKey: randomUUID(),
  enrolledAt: `${day}T09:00:00+07:00`,
  ...overrides,
});

async function submit(input: Record<string, unknown>, language?: string): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: bearer(await commandCenterToken()),
      ...(language ? { 'accept-language': language } : {}),
    },
    body: JSON.stringify({ query: SUBMIT, variables: { input } }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: { submitEnrolment: Answer }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data.submitEnrolment;
}

/** The answer to a person who is covered already, or a cover renewed twice. */
const ALREADY_ENROLLED = alreadyEnrolledIn('BHYT hộ gia đình');

/** How many counted covers a person has in a scheme, in every campaign. */
async function coversOf(citizenId: string, scheme = 'HOUSEHOLD_HI') {
  const { citizenKey } = await import('@toandan/db/enrolmentKeys');
  return db.enrolment.findMany({
    where: { citizenKey: citizenKey(scheme, citizenId), voidedAt: null },
    orderBy: { coverageFrom: 'asc' },
    select: { id: true, kind: true, campaignId: true, renewsId: true },
  });
}

/** The nation's count of a campaign on a day, all slots summed: NEW ones, or the renewals. */
async function nationCount(
  campaignId: string,
  day: string,
  scheme = 'HOUSEHOLD_HI',
  of: 'count' | 'renewed' = 'count',
) {
  const nation = await db.unit.findUniqueOrThrow({ where: { code: 'VN' } });
  const rows = await readCounters(db, campaignId);
  return rows.find((row) => row.unitId === nation.id && row.day === day && row.scheme === scheme)?.[of] ?? 0;
}

/** The submission is refused with this one userError, and stores nothing. */
async function expectRefused(input: Record<string, unknown>, field: string, code: string, message: string) {
  const before = await db.enrolment.count();
  expect(await submit(input)).toEqual({
    enrolment: null,
    duplicate: false,
    userErrors: [{ field: ['input', field], code, message }],
  });
  expect(await db.enrolment.count()).toBe(before);
}

/** The answer counted a cover of this kind, months and days. */
function expectCover(answer: Answer, kind: string, months: number, from: string, until: string) {
  expect(answer.userErrors).toEqual([]);
  expect(answer.enrolment).toMatchObject({
    kind,
    coverageMonths: months,
    coverageFrom: from,
    coverageUntil: until,
  });
}

describe('cover periods', () => {
  it('run for the months paid from the enrolment day, 12 by default', async () => {
    expectCover(
      await submit(on('2025-12-01', person(), { coverageMonths: 3 })),
      'NEW',
      3,
      '2025-12-01',
      '2026-02-28',
    );
    const year = await submit(on('2025-05-10', person(), { scheme: 'VOLUNTARY_SI' }));
    expect(year.enrolment).toMatchObject({
      kind: 'NEW',
      coverageMonths: 12,
      coverageFrom: '2025-05-10',
      coverageUntil: '2026-05-09',
    });
    const fiveYears = await submit(
      on('2025-05-10', person(), { scheme: 'VOLUNTARY_SI', coverageMonths: 60 }),
    );
    expect(fiveYears.enrolment).toMatchObject({ coverageUntil: '2030-05-09' });
  });

  it('refuse months the scheme does not take, in Vietnamese by default and English on request, storing nothing', async () => {
    const before = await db.enrolment.count();
    expect(await submit(on('2025-12-01', person(), { coverageMonths: 4 }))).toEqual({
      enrolment: null,
      duplicate: false,
      userErrors: [
        {
          field: ['input', 'coverageMonths'],
          code: 'INVALID',
          message:
            'Số tháng đóng không hợp lệ (4): BHYT hộ gia đình đóng cho 3 tháng, 6 tháng hoặc 12 tháng.',
        },
      ],
    });
    for (const months of [0, 2, 18, 72, -12]) {
      const answer = await submit(
        on('2025-12-01', person(), { scheme: 'VOLUNTARY_SI', coverageMonths: months }),
      );
      expect(answer.userErrors).toEqual([
        {
          field: ['input', 'coverageMonths'],
          code: 'INVALID',
          message: `Số tháng đóng không hợp lệ (${months}): BHXH tự nguyện đóng hằng tháng (1), 3 tháng, 6 tháng, 12 tháng hoặc một lần cho nhiều năm (24, 36, 48 hoặc 60 tháng).`,
        },
      ]);
    }
    const english = await submit(on('2025-12-01', person(), { coverageMonths: 24 }), 'en');
    expect(english.userErrors).toEqual([
      {
        field: ['input', 'coverageMonths'],
        code: 'INVALID',
        message:
          'coverageMonths 24 is not allowed: household health insurance is paid for 3, 6 or 12 months.',
      },
    ]);
    expect(await db.enrolment.count()).toBe(before);
  });
});

describe('renewals', () => {
  it('extend a 3-month card from the day after it ends, counted once, as seed 004 asks', async () => {
    const citizenId = person();
    const card = await submit(on('2025-12-01', citizenId, { coverageMonths: 3 }));
    expect(card.enrolment?.coverageUntil).toBe('2026-02-28');
    // 44 days left on 15 January: covered, a plain submission is a duplicate.
    expect(await submit(on('2026-01-15', citizenId))).toEqual(ALREADY_ENROLLED);
    // 8 days left on 20 February: a renewal by default, from 1 March for the months paid.
    const before = await nationCount(STANDING, '2026-02-20');
    const renewedBefore = await nationCount(STANDING, '2026-02-20', 'HOUSEHOLD_HI', 'renewed');
    const renewal = await submit(on('2026-02-20', citizenId, { coverageMonths: 3 }));
    expectCover(renewal, 'RENEWAL', 3, '2026-03-01', '2026-05-31');
    // A renewal is no new participant: today and cumulative stay, renewed gains it.
    expect(await nationCount(STANDING, '2026-02-20')).toBe(before);
    expect(await nationCount(STANDING, '2026-02-20', 'HOUSEHOLD_HI', 'renewed')).toBe(renewedBefore + 1);
    // The same cover renewed again, left to the server or asked for: a duplicate.
    expect(await submit(on('2026-02-21', citizenId))).toEqual(ALREADY_ENROLLED);
    expect(await submit(on('2026-02-21', citizenId, { kind: 'RENEWAL' }))).toEqual(ALREADY_ENROLLED);
    const covers = await coversOf(citizenId);
    expect(covers.map((cover) => cover.kind)).toEqual(['NEW', 'RENEWAL']);
    expect(covers[1]?.renewsId).toBe(card.enrolment?.id);
  });

  it('renew a cover that ended at most 90 days before from the enrolment day; longer ago is a new sign-up', async () => {
    const lapsed = person();
    await submit(on('2025-03-01', lapsed, { coverageMonths: 3 }));
    // Ended on 31 May; 90 days later (29 August) it is still renewed, from that day.
    expectCover(
      await submit(on('2025-08-29', lapsed, { coverageMonths: 6 })),
      'RENEWAL',
      6,
      '2025-08-29',
      '2026-02-28',
    );

    const gone = person();
    await submit(on('2025-03-01', gone, { coverageMonths: 3 }));
    // 100 days after the end: a renewal asked for is refused with the reason, a plain one is NEW.
    await expectRefused(
      on('2025-09-08', gone, { kind: 'RENEWAL' }),
      'kind',
      'INVALID',
      'Không tái tục được: thời hạn tham gia BHYT hộ gia đình của người này đã hết từ ngày 01/06/2025, quá 90 ngày. Hãy kê khai tham gia mới.',
    );
    expect((await submit(on('2025-09-08', gone))).enrolment).toMatchObject({
      kind: 'NEW',
      coverageFrom: '2025-09-08',
      coverageUntil: '2026-09-07',
    });

    // Nothing at all to renew.
    await expectRefused(
      on('2025-09-08', person(), { kind: 'RENEWAL' }),
      'kind',
      'INVALID',
      'Không tái tục được: người này chưa có thời hạn tham gia BHYT hộ gia đình nào. Hãy kê khai tham gia mới.',
    );
  });

  it('takes NEW asked for while a cover runs as a duplicate, and RENEWAL asked for early as paying ahead', async () => {
    const citizenId = person();
    await submit(on('2025-12-01', citizenId, { coverageMonths: 3 }));
    expect(await submit(on('2026-02-20', citizenId, { kind: 'NEW' }))).toEqual(ALREADY_ENROLLED);
    // 89 days left: a renewal when asked for, from the day after the cover.
    expectCover(
      await submit(on('2025-12-01', citizenId, { kind: 'RENEWAL' })),
      'RENEWAL',
      12,
      '2026-03-01',
      '2027-02-28',
    );
  });

  it('keep the person × scheme × cover rule across campaigns: a drive inside the standing campaign counts a covered person once', async () => {
    const citizenId = person();
    const first = await submit(on('2026-11-10', citizenId));
    expect(first.enrolment?.kind).toBe('NEW');
    expect(await submit(on('2026-11-12', citizenId, { campaignId: DRIVE }))).toEqual(ALREADY_ENROLLED);
    // Another scheme is another cover.
    expect(
      (await submit(on('2026-11-12', citizenId, { campaignId: DRIVE, scheme: 'VOLUNTARY_SI' }))).enrolment,
    ).toMatchObject({ kind: 'NEW' });
    expect((await coversOf(citizenId)).map((cover) => cover.campaignId)).toEqual([STANDING]);
  });

  it('answer a retry with the first answer, whole, whatever the person has since; other content under the key is refused', async () => {
    const citizenId = person();
    const card = on('2025-12-01', citizenId, { coverageMonths: 3 });
    const first = await submit(card);
    const renewal = on('2026-02-20', citizenId, { coverageMonths: 3 });
    const renewed = await submit(renewal);
    expect(renewed.enrolment?.kind).toBe('RENEWAL');
    expect(await submit(card)).toEqual({ ...first, duplicate: true });
    expect(await submit(renewal)).toEqual({ ...renewed, duplicate: true });
    expect(await submit({ ...renewal, coverageMonths: 6 })).toEqual(KEY_REUSED);
    expect(await submit({ ...renewal, kind: 'NEW' })).toEqual(KEY_REUSED);
    expect(await coversOf(citizenId)).toHaveLength(2);
  });
});

describe('races, decided by the database', () => {
  it('counts 8 concurrent sign-ups of one person under 8 keys once, in two campaigns at once', async () => {
    for (let round = 0; round < 3; round++) {
      const citizenId = person();
      const before = (await nationCount(STANDING, '2026-11-20')) + (await nationCount(DRIVE, '2026-11-20'));
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          submit(on('2026-11-20', citizenId, { campaignId: i % 2 === 0 ? STANDING : DRIVE })),
        ),
      );
      expect(answers.filter((answer) => answer.enrolment !== null)).toHaveLength(1);
      expect(answers.filter((answer) => answer.enrolment === null)).toEqual(Array(7).fill(ALREADY_ENROLLED));
      expect(await coversOf(citizenId)).toHaveLength(1);
      const after = (await nationCount(STANDING, '2026-11-20')) + (await nationCount(DRIVE, '2026-11-20'));
      expect(after).toBe(before + 1);
    }
  });

  it('counts two phones renewing one cover at once as one renewal', async () => {
    for (let round = 0; round < 4; round++) {
      const citizenId = person();
      const card = await submit(on('2025-12-01', citizenId, { coverageMonths: 3 }));
      const before = await nationCount(STANDING, '2026-02-25', 'HOUSEHOLD_HI', 'renewed');
      const answers = await Promise.all([
        submit(on('2026-02-25', citizenId, { coverageMonths: 3 })),
        submit(on('2026-02-25', citizenId, { coverageMonths: 6, kind: 'RENEWAL' })),
      ]);
      expect(answers.filter((answer) => answer.enrolment?.kind === 'RENEWAL')).toHaveLength(1);
      expect(answers.filter((answer) => answer.enrolment === null)).toEqual([ALREADY_ENROLLED]);
      const covers = await coversOf(citizenId);
      expect(covers.map((cover) => [cover.kind, cover.renewsId])).toEqual([
        ['NEW', null],
        ['RENEWAL', card.enrolment?.id],
      ]);
      expect(await nationCount(STANDING, '2026-02-25', 'HOUSEHOLD_HI', 'renewed')).toBe(before + 1);
    }
  });

  it('lets a voided cover be replaced, once', async () => {
    const citizenId = person();
    const first = await submit(on('2026-11-15', citizenId));
    const { data } = (
      await graphql(
        `mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập nhầm") { userErrors { code } } }`,
        { id: first.enrolment?.id },
      )
    ).body as { data: { voidEnrolment: { userErrors: unknown[] } } };
    expect(data.voidEnrolment.userErrors).toEqual([]);
    const answers = await Promise.all(Array.from({ length: 4 }, () => submit(on('2026-11-16', citizenId))));
    expect(answers.filter((answer) => answer.enrolment?.kind === 'NEW')).toHaveLength(1);
    expect(await coversOf(citizenId)).toHaveLength(1);
  });
});

describe('renewsCover: renewing a cover by its id, without the citizen ID on the phone', () => {
  it('renews the cover named, once, however many phones send it', async () => {
    const citizenId = person();
    const card = await submit(on('2025-12-01', citizenId, { coverageMonths: 3, fullName: 'Lương Văn Tám' }));
    const cover = card.enrolment?.id as string;
    const byId = (overrides: Record<string, unknown> = {}) => ({
      ...on('2026-02-26', '', { coverageMonths: 6, renewsCover: cover }),
      citizenId: undefined,
      fullName: undefined,
      ...overrides,
    });
    const answers = await Promise.all([submit(byId()), submit(byId()), submit(byId())]);
    const renewed = answers.filter((answer) => answer.enrolment !== null);
    expect(renewed).toHaveLength(1);
    expect(renewed[0]?.enrolment).toMatchObject({
      kind: 'RENEWAL',
      coverageFrom: '2026-03-01',
      coverageUntil: '2026-08-31',
      citizenId,
      fullName: 'Lương Văn Tám',
    });
    expect(answers.filter((answer) => answer.enrolment === null)).toEqual([
      ALREADY_ENROLLED,
      ALREADY_ENROLLED,
    ]);
    expect(await coversOf(citizenId)).toHaveLength(2);
    // Renewed: that cover is no longer anyone's to renew.
    expect(await submit(byId())).toEqual(ALREADY_ENROLLED);
  });

  it('refuses a cover that is unknown, out of the token’s units, of another scheme, voided or lapsed long ago, or another person’s ID', async () => {
    const citizenId = person();
    const card = await submit(on('2025-03-01', citizenId, { coverageMonths: 3 }));
    const cover = card.enrolment?.id as string;
    const byId = (day: string, overrides: Record<string, unknown>) => ({
      ...on(day, '', { renewsCover: cover }),
      citizenId: undefined,
      fullName: undefined,
      ...overrides,
    });
    await expectRefused(
      byId('2025-06-10', { renewsCover: 'no-such-cover' }),
      'renewsCover',
      'NOT_FOUND',
      'Không có thời hạn tham gia nào mang mã "no-such-cover" trong địa bàn của mã truy cập này.',
    );
    await expectRefused(
      byId('2025-06-10', { scheme: 'VOLUNTARY_SI' }),
      'scheme',
      'INVALID',
      'Thời hạn tham gia này là của BHYT hộ gia đình, không phải BHXH tự nguyện.',
    );
    await expectRefused(
      byId('2025-06-10', { citizenId: person() }),
      'citizenId',
      'INVALID',
      'Số CCCD này không phải của người có thời hạn tham gia được tái tục.',
    );
    await expectRefused(
      byId('2025-06-10', { kind: 'NEW' }),
      'kind',
      'INVALID',
      'Hồ sơ ghi tái tục một thời hạn tham gia (renewsCover) thì không thể là tham gia mới (NEW).',
    );
    // Ended on 31 May 2025: 100 days later it can no longer be renewed.
    await expectRefused(
      byId('2025-09-08', {}),
      'renewsCover',
      'INVALID',
      'Không tái tục được: thời hạn tham gia này đã hết từ ngày 01/06/2025, quá 90 ngày. Hãy kê khai tham gia mới.',
    );
    // A field agent of another district does not see it, nor learns it exists.
    const { tokenFor } = await import('./fixtures/tokens.ts');
    const elsewhere = await tokenFor('FIELD_AGENT', '390');
    const { body } = await graphql(SUBMIT, { input: byId('2025-06-10', { unitCode: '390' }) }, elsewhere);
    expect(body.data.submitEnrolment.userErrors).toEqual([
      {
        field: ['input', 'renewsCover'],
        code: 'NOT_FOUND',
        message: `Không có thời hạn tham gia nào mang mã "${cover}" trong địa bàn của mã truy cập này.`,
      },
    ]);
    await graphql(
      `mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập nhầm") { userErrors { code } } }`,
      {
        id: cover,
      },
    );
    await expectRefused(
      byId('2025-06-10', {}),
      'renewsCover',
      'INVALID',
      'Thời hạn tham gia này đã bị hủy kết quả, không tái tục được.',
    );
    expect(await coversOf(citizenId)).toEqual([]);
  });
});

describe('renewalsDue', () => {
  const LIST = `query ($unit: String!, $scheme: Scheme, $within: Int, $first: Int, $after: String) {
    renewalsDue(unitCode: $unit, scheme: $scheme, withinDays: $within, first: $first, after: $after) {
      edges { cursor node { id citizenId fullName scheme unit { code } coverageUntil daysLeft address householdCode phone } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  /** Cẩm Thủy (390): a district that only these tests sign people up in. */
  const at390 = (day: string, citizenId: string, overrides: Record<string, unknown> = {}) =>
    on(day, citizenId, { unitCode: '390', ...overrides });
  let vnDay: typeof import('@toandan/shared/vnDay').vnDay;
  const expected: { id: string; citizenId: string; coverageUntil: string; daysLeft: number }[] = [];

  beforeAll(async () => {
    ({ vnDay } = await import('@toandan/shared/vnDay'));
    const today = vnDay.today();
    const signUp = async (daysAgo: number, months: number, scheme = 'VOLUNTARY_SI') => {
      const citizenId = person();
      const answer = await submit(
        at390(vnDay.addDays(today, -daysAgo), citizenId, { scheme, coverageMonths: months }),
      );
      expect(answer.userErrors).toEqual([]);
      return { citizenId, answer };
    };
    const listed = async (daysAgo: number, months: number, scheme?: string) => {
      const { citizenId, answer } = await signUp(daysAgo, months, scheme);
      const until = answer.enrolment?.coverageUntil as string;
      const daysLeft = vnDay.between(today, until);
      expected.push({ id: answer.enrolment?.id as string, citizenId, coverageUntil: until, daysLeft });
    };
    // Due within 30 days: 1-month covers from 20 and 5 days ago.
    await listed(5, 1);
    await listed(20, 1);
    // Lapsed about 60 days ago, not renewed: listed, daysLeft below 0.
    await listed(150, 3, 'HOUSEHOLD_HI');
    expected.sort((a, b) => (a.coverageUntil < b.coverageUntil ? -1 : 1));
    // Not listed: lapsed more than 90 days ago, running another year, or due but renewed.
    await signUp(200, 3, 'HOUSEHOLD_HI');
    await signUp(10, 12);
    const renewed = await signUp(15, 1);
    const renewal = await submit(
      at390(vnDay.addDays(today, -1), renewed.citizenId, { scheme: 'VOLUNTARY_SI', coverageMonths: 12 }),
    );
    expect(renewal.enrolment?.kind).toBe('RENEWAL');
  });

  it('lists each person’s last cover ending within the days asked, or lapsed up to 90 days, soonest first', async () => {
    const { body } = await graphql(LIST, { unit: '390' });
    expect(body.errors).toBeUndefined();
    expect(body.data.renewalsDue.edges.map((edge: { node: unknown }) => edge.node)).toEqual(
      expected.map((cover) => ({
        id: cover.id,
        citizenId: cover.citizenId,
        fullName: 'Phạm Thị Hoa',
        scheme: cover.daysLeft < 0 ? 'HOUSEHOLD_HI' : 'VOLUNTARY_SI',
        unit: { code: '390' },
        coverageUntil: cover.coverageUntil,
        daysLeft: cover.daysLeft,
        address: null,
        householdCode: null,
        phone: null,
      })),
    );
    expect(expected[0]?.daysLeft).toBeLessThan(-30);
    // The whole province holds them too; a scheme and a shorter window narrow the list.
    const province = await graphql(LIST, { unit: '38', within: 366, first: 500 });
    const ids = province.body.data.renewalsDue.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids).toEqual(expect.arrayContaining(expected.map((cover) => cover.id)));
    const health = await graphql(LIST, { unit: '390', scheme: 'HOUSEHOLD_HI' });
    expect(health.body.data.renewalsDue.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([
      expected[0]?.id,
    ]);
    const soon = await graphql(LIST, { unit: '390', within: 0 });
    expect(soon.body.data.renewalsDue.edges).toHaveLength(1);
  });

  it('pages by its cursors without overlap', async () => {
    const first = await graphql(LIST, { unit: '390', first: 2 });
    expect(first.body.data.renewalsDue.pageInfo.hasNextPage).toBe(true);
    const next = await graphql(LIST, {
      unit: '390',
      first: 2,
      after: first.body.data.renewalsDue.pageInfo.endCursor,
    });
    const ids = [...first.body.data.renewalsDue.edges, ...next.body.data.renewalsDue.edges].map(
      (edge: { node: { id: string } }) => edge.node.id,
    );
    expect(ids).toEqual(expected.map((cover) => cover.id));
    expect(next.body.data.renewalsDue.pageInfo.hasNextPage).toBe(false);
    const bad = await graphql(LIST, { unit: '390', after: 'not-a-cursor' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_CURSOR');
  });

  it('is personal data: FORBIDDEN to partners and to field agents outside the unit, every read audited', async () => {
    const { tokenFor } = await import('./fixtures/tokens.ts');
    const partner = await graphql(LIST, { unit: '390' }, await tokenFor('PARTNER'));
    expect(partner.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(partner.body.data).toBeNull();
    const outside = await graphql(LIST, { unit: '390' }, await tokenFor('FIELD_AGENT', '386'));
    expect(outside.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reads = () =>
      db.auditEvent.findMany({ where: { action: 'READ_PERSONAL_DATA' }, orderBy: { id: 'asc' } });
    const before = (await reads()).length;
    const agent = await tokenFor('FIELD_AGENT', '390', { subject: 'test:agent-390' });
    const inside = await graphql(LIST, { unit: '390' }, agent);
    expect(inside.body.data.renewalsDue.edges).toHaveLength(expected.length);
    // Without a personal field nobody's data is read.
    await graphql(`{ renewalsDue(unitCode: "390") { edges { node { id daysLeft } } } }`, {}, agent);
    const recorded = (await reads()).slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actor: 'test:agent-390', target: '390' });
    expect(recorded[0]?.details).toEqual({
      renewalsDue: true,
      scheme: null,
      withinDays: 30,
      orderBy: 'SOONEST',
      enrolments: expected.length,
      enrolmentIds: expected.map((cover) => cover.id),
    });
    expect(JSON.stringify(recorded.map((event) => event.details))).not.toContain(expected[0]?.citizenId);
  });
});
