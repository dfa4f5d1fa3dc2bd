import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import {
  alreadyEnrolledIn,
  KEY_REUSED,
  SUBMIT_ENROLMENT,
  submitThrough,
  validSubmission,
} from './fixtures/submissions.ts';
import { bearer, tokenFor } from './fixtures/tokens.ts';

let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let readCounters: typeof import('@toandan/db/counters').readCounters;

beforeAll(async () => {
  ({ app, graphql } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  ({ readCounters } = await import('@toandan/db/counters'));
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  await loadSmallTree();
});
afterAll(() => app.stop());

const SUBMIT = SUBMIT_ENROLMENT;

/** The answer to the same person in the same scheme under another key. */
const alreadyEnrolled = alreadyEnrolledIn('BHXH tự nguyện');

let serial = 0;
/** A valid submission in Cành Nàng (386-01) on 10 May 2026, with a fresh key and person. */
const valid = (overrides: Record<string, unknown> = {}) => validSubmission(100_000 + ++serial, overrides);
const submit = (input: Record<string, unknown>) => submitThrough(graphql, input);

/** Everything that a refused submission must leave untouched. */
async function snapshot() {
  return {
    enrolments: await db.enrolment.count(),
    counters: await readCounters(db, 'test-campaign'),
    officerCounts: await db.officerCount.findMany({ orderBy: [{ officerId: 'asc' }, { scheme: 'asc' }] }),
  };
}

const countOf = async (code: string, day: string, scheme = 'VOLUNTARY_SI') => {
  const unit = await db.unit.findUniqueOrThrow({ where: { code } });
  const rows = await readCounters(db, 'test-campaign');
  return rows.find((row) => row.unitId === unit.id && row.day === day && row.scheme === scheme)?.count ?? 0;
};

describe('submitEnrolment', () => {
  it('stores the enrolment and counts it for its unit and every ancestor', async () => {
    const before = await Promise.all(
      ['386-01', '386', '38', 'VN'].map((code) => countOf(code, '2026-05-10')),
    );
    const result = await submit(
      valid({ fullName: '  Lò   Thị\u0020Mai ', citizenId: '038 190 000 777', officerCode: 'CB-386-01-1' }),
    );
    expect(result.userErrors).toEqual([]);
    expect(result.duplicate).toBe(false);
    expect(result.enrolment).toMatchObject({
      day: '2026-05-10',
      citizenId: '038190000777',
      fullName: 'Lò Thị Mai',
    });
    const after = await Promise.all(['386-01', '386', '38', 'VN'].map((code) => countOf(code, '2026-05-10')));
    expect(after).toEqual(before.map((count) => count + 1));
    expect(await countOf('405', '2026-05-10')).toBe(0);
    const officer = await db.officer.findUniqueOrThrow({ where: { code: 'CB-386-01-1' } });
    expect(
      await db.officerCount.findUnique({
        where: {
          campaignId_officerId_scheme: {
            campaignId: 'test-campaign',
            officerId: officer.id,
            scheme: 'VOLUNTARY_SI',
          },
        },
      }),
    ).toMatchObject({ count: 1 });
  });

  it('stores names in Unicode NFC whatever the phone sent', async () => {
    const decomposed = 'Nguye\u0302\u0303n Thi\u0323 Hoa';
    const result = await submit(valid({ fullName: decomposed }));
    expect(result.enrolment?.fullName).toBe('Nguyễn Thị Hoa');
    expect(result.enrolment?.fullName).toBe(decomposed.normalize('NFC'));
  });

  describe('counts the enrolment on its Viet Nam day', () => {
    it.each([
      ['06:30 on 5 May in Hà Nội, 23:30 UTC on the 4th', '2026-05-04T23:30:00Z', '2026-05-05'],
      ['23:59:59 on 4 May in Viet Nam', '2026-05-04T16:59:59Z', '2026-05-04'],
      ['00:00 on 5 May in Viet Nam', '2026-05-04T17:00:00Z', '2026-05-05'],
      ['00:00 on the campaign’s first day', '2026-04-30T17:00:00Z', '2026-05-01'],
      ['23:59:59 on the campaign’s last day', '2026-05-31T16:59:59Z', '2026-05-31'],
    ])('%s', async (_label, enrolledAt, day) => {
      const before = await countOf('VN', day);
      const result = await submit(valid({ enrolledAt }));
      expect(result.userErrors).toEqual([]);
      expect(result.enrolment?.day).toBe(day);
      expect(await countOf('VN', day)).toBe(before + 1);
    });

    it.each([
      ['23:59:59 on the day before the campaign', '2026-04-30T16:59:59Z', '2026-04-30'],
      ['00:00 on the day after it', '2026-05-31T17:00:00Z', '2026-06-01'],
    ])('refuses %s', async (_label, enrolledAt, vnDay) => {
      const day = vnDay.split('-').reverse().join('/');
      const before = await snapshot();
      const result = await submit(valid({ enrolledAt }));
      expect(result.enrolment).toBeNull();
      expect(result.userErrors).toEqual([
        {
          field: ['input', 'enrolledAt'],
          code: 'INVALID',
          message: `Ngày kê khai ${day} (giờ Việt Nam) nằm ngoài thời gian của chiến dịch, từ 01/05/2026 đến 31/05/2026.`,
        },
      ]);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('retries', () => {
    it('answers a retry with the same key as the first time, and counts once', async () => {
      const input = valid();
      const first = await submit(input);
      const before = await snapshot();
      const again = await submit(input);
      expect(again).toEqual({ ...first, duplicate: true });
      expect(await snapshot()).toEqual(before);
    });

    it('counts 20 concurrent retries of one submission once, and gives all the same answer', async () => {
      const input = valid({ unitCode: '390' });
      const before = await countOf('390', '2026-05-10');
      const results = await Promise.all(Array.from({ length: 20 }, () => submit(input)));
      const ids = new Set(results.map((result) => result.enrolment?.id));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toBeTypeOf('string');
      expect(results.every((result) => result.userErrors.length === 0)).toBe(true);
      expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
      expect(await countOf('390', '2026-05-10')).toBe(before + 1);
      expect(await db.enrolment.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
    });

    it('refuses the same key with different content', async () => {
      const input = valid();
      await submit(input);
      const before = await snapshot();
      const result = await submit({ ...input, fullName: 'Trần Văn Bình' });
      expect(result).toEqual(KEY_REUSED);
      expect(await snapshot()).toEqual(before);
    });

    it('answers the same person in the same scheme under a new key with ALREADY_ENROLLED, and nothing of the first', async () => {
      const input = valid();
      await submit(input);
      const before = await snapshot();
      const second = await submit({
        ...input,
        idempotencyKey: randomUUID(),
        enrolledAt: '2026-05-11T08:00:00+07:00',
      });
      expect(second).toEqual(alreadyEnrolled);
      expect(await snapshot()).toEqual(before);
      // The same person in another scheme is a new enrolment.
      const other = await submit({ ...input, idempotencyKey: randomUUID(), scheme: 'HOUSEHOLD_HI' });
      expect(other.duplicate).toBe(false);
    });

    it('counts the same person submitted concurrently under different keys once', async () => {
      const person = valid({ unitCode: '405' });
      const before = await countOf('405', '2026-05-10');
      const results = await Promise.all(
        Array.from({ length: 8 }, () => submit({ ...person, idempotencyKey: randomUUID() })),
      );
      const counted = results.filter((result) => result.enrolment !== null);
      expect(counted).toHaveLength(1);
      expect(counted[0]).toMatchObject({ duplicate: false, userErrors: [] });
      expect(results.filter((result) => result.enrolment === null)).toEqual(Array(7).fill(alreadyEnrolled));
      expect(await countOf('405', '2026-05-10')).toBe(before + 1);
    });
  });

  describe('the same person under another key, in every scope', () => {
    // Everything an answer could say of an enrolment: none of it may come back for another key.
    const SUBMIT_ALL = `mutation ($input: SubmitEnrolmentInput!) {
      submitEnrolment(input: $input) {
        enrolment { id scheme day enrolledAt receivedAt channel citizenId fullName voided unit { code name } }
        duplicate
        userErrors { field message code }
      }
    }`;
    const BATCH_ALL = SUBMIT_ALL.replace(
      '$input: SubmitEnrolmentInput!',
      '$inputs: [SubmitEnrolmentInput!]!',
    ).replace('submitEnrolment(input: $input)', 'submitEnrolments(inputs: $inputs)');
    const readsOfPersonalData = () => db.auditEvent.count({ where: { action: 'READ_PERSONAL_DATA' } });

    it.each([
      ['the command centre', null, '405'],
      ['a field agent inside the subtree of the first enrolment', '386', '386-01'],
      ['a field agent outside it', '390', '390'],
    ])(
      'gives %s ALREADY_ENROLLED and nothing of the first enrolment, and records no read',
      async (_who, scope, unitCode) => {
        const first = valid({ fullName: 'Hà Thị Xuân', channel: 'GROUP_MEETING' });
        const counted = await submit(first);
        expect(counted.enrolment?.fullName).toBe('Hà Thị Xuân');
        const token = scope === null ? undefined : await tokenFor('FIELD_AGENT', scope);
        const reads = await readsOfPersonalData();
        const before = await snapshot();
        const probe = {
          ...first,
          unitCode,
          fullName: 'Ai Đó',
          channel: 'ONLINE',
          enrolledAt: '2026-05-12T10:00:00+07:00',
        };
        const one = await graphql(SUBMIT_ALL, { input: { ...probe, idempotencyKey: randomUUID() } }, token);
        expect(one.body).toEqual({ data: { submitEnrolment: alreadyEnrolled } });
        const batch = await graphql(
          BATCH_ALL,
          { inputs: [{ ...probe, idempotencyKey: randomUUID() }] },
          token,
        );
        expect(batch.body).toEqual({ data: { submitEnrolments: [alreadyEnrolled] } });
        // Neither the name, nor where, when and how the person was enrolled, nor the record's id.
        for (const answer of [JSON.stringify(one.body), JSON.stringify(batch.body)]) {
          for (const secret of [
            'Hà Thị Xuân',
            counted.enrolment?.id,
            'GROUP_MEETING',
            '386-01',
            '2026-05-10',
          ]) {
            expect(answer).not.toContain(secret);
          }
        }
        expect(await readsOfPersonalData()).toBe(reads);
        expect(await snapshot()).toEqual(before);
      },
    );
  });

  describe('refuses bad input with a clear error, and stores nothing', () => {
    it.each([
      [
        { citizenId: '03809012345' },
        'citizenId',
        'INVALID',
        'Số CCCD phải có đủ 12 chữ số; mới nhập 11 chữ số.',
      ],
      [{ citizenId: '03809O123456' }, 'citizenId', 'INVALID', 'Số CCCD chỉ gồm các chữ số.'],
      [
        { citizenId: '003090123456' },
        'citizenId',
        'INVALID',
        'Ba số đầu 003 không phải mã tỉnh nơi đăng ký khai sinh.',
      ],
      [
        { citizenId: '038590123456' },
        'citizenId',
        'INVALID',
        'Chữ số thứ 4 (5) phải từ 0 đến 3 (thế kỷ và giới tính).',
      ],
      [
        { citizenId: '038290123456' },
        'citizenId',
        'INVALID',
        'Các chữ số 4–6 cho năm sinh 2090, sau năm hiện tại.',
      ],
      [{ fullName: '   ' }, 'fullName', 'INVALID', 'Họ và tên phải có từ 1 đến 120 ký tự.'],
      [
        { fullName: 'Nguyễn Văn 3' },
        'fullName',
        'INVALID',
        'Họ và tên chỉ gồm chữ cái, dấu cách, dấu gạch nối và dấu nháy.',
      ],
      [{ fullName: 'x'.repeat(121) }, 'fullName', 'INVALID', 'Họ và tên phải có từ 1 đến 120 ký tự.'],
      [
        { idempotencyKey: 'short' },
        'idempotencyKey',
        'INVALID',
        'Mã gửi phải có từ 8 đến 128 ký tự in được, không có dấu cách (ví dụ một UUID).',
      ],
      [{ unitCode: '99999' }, 'unitCode', 'NOT_FOUND', 'Không có đơn vị nào mang mã "99999".'],
      [
        { campaignId: 'no-such-campaign' },
        'campaignId',
        'NOT_FOUND',
        'Không có chiến dịch nào mang mã "no-such-campaign".',
      ],
      [
        { scheme: 'STUDENT_HI' },
        'scheme',
        'INVALID',
        'Chiến dịch này không triển khai BHYT học sinh, sinh viên; chỉ nhận BHXH tự nguyện, BHYT hộ gia đình.',
      ],
      [{ officerCode: 'CB-NOBODY' }, 'officerCode', 'NOT_FOUND', 'Không có cán bộ nào mang mã "CB-NOBODY".'],
      [
        { unitCode: '999' },
        'unitCode',
        'INVALID',
        'Đơn vị 999 (An Định) đã sáp nhập vào 405 (Đông Sơn) từ ngày 01/07/2025: hãy kê khai cho 405.',
      ],
    ])('%j', async (overrides, field, code, message) => {
      const before = await snapshot();
      const result = await submit(valid(overrides));
      expect(result).toEqual({
        enrolment: null,
        duplicate: false,
        userErrors: [{ field: ['input', field], code, message }],
      });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an enrolment in the future beyond the clock-skew allowance', async () => {
      // The server's clock passed in, a morning of the May 2026 campaign: the test does not
      // depend on the day it runs.
      const { submitEnrolment } = await import('@toandan/server/enrolments/submitEnrolment');
      const { authenticate } = await import('@toandan/server/auth/authenticate');
      const signedIn = await authenticate(bearer(await tokenFor('FIELD_AGENT', '386')));
      if (!signedIn.ok) throw new Error(signedIn.message);
      const now = new Date('2026-05-10T03:00:00Z');
      const at = (ms: number) => ({
        ...(valid() as unknown as Parameters<typeof submitEnrolment>[0]),
        enrolledAt: new Date(now.getTime() + ms),
      });
      const context = { actor: { auth: signedIn.auth, client: 'test' }, now };
      expect((await submitEnrolment(at(60_000), context)).userErrors).toEqual([]);
      const later = await submitEnrolment(at(3_600_000), context);
      expect(later.userErrors).toEqual([
        {
          field: ['input', 'enrolledAt'],
          code: 'INVALID',
          message: {
            vi: 'Thời điểm kê khai (11:00 ngày 10/05/2026) ở sau giờ của máy chủ (10:00 ngày 10/05/2026): hãy chỉnh lại đồng hồ của điện thoại.',
            en: 'enrolledAt 2026-05-10T04:00:00.000Z is in the future (server time 2026-05-10T03:00:00.000Z).',
          },
        },
      ]);
    });

    it('reports every problem of one submission at once', async () => {
      const result = await submit(valid({ citizenId: '12', fullName: '', idempotencyKey: 'x' }));
      expect(result.userErrors.map((e) => e.field[1])).toEqual(['idempotencyKey', 'citizenId', 'fullName']);
    });

    it('answers malformed values of the schema’s own types with a GraphQL error', async () => {
      const { status, body } = await graphql(SUBMIT, {
        input: valid({ enrolledAt: '10/05/2026 09:00', scheme: 'BHXH' }),
      });
      expect(status).toBe(400);
      expect(body.errors?.map((error) => error.message).join(' ')).toMatch(
        /DateTime must be ISO-8601|Scheme/,
      );
    });
  });

  describe('submitEnrolments', () => {
    const BATCH = `mutation ($inputs: [SubmitEnrolmentInput!]!) {
      submitEnrolments(inputs: $inputs) { enrolment { id } duplicate userErrors { field code } }
    }`;

    it('answers each item in order, and one bad item does not sink the others', async () => {
      const good = valid();
      const inputs = [good, valid({ citizenId: 'bad' }), { ...good, idempotencyKey: randomUUID() }, valid()];
      const before = await countOf('VN', '2026-05-10');
      const { body } = await graphql(BATCH, { inputs });
      const results = body.data.submitEnrolments;
      expect(results).toHaveLength(4);
      expect(results[0]).toMatchObject({ duplicate: false, userErrors: [] });
      expect(results[1]).toEqual({
        enrolment: null,
        duplicate: false,
        userErrors: [{ field: ['input', 'citizenId'], code: 'INVALID' }],
      });
      expect(results[2]).toEqual({
        enrolment: null,
        duplicate: true,
        userErrors: [{ field: ['input', 'citizenId'], code: 'ALREADY_ENROLLED' }],
      });
      expect(results[3]).toMatchObject({ duplicate: false, userErrors: [] });
      expect(await countOf('VN', '2026-05-10')).toBe(before + 2);
      // The whole batch again, as a phone would after losing the answer: nothing more counts.
      const again = await graphql(BATCH, { inputs });
      expect(again.body.data.submitEnrolments.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([
        true,
        false,
        true,
        true,
      ]);
      expect(await countOf('VN', '2026-05-10')).toBe(before + 2);
    });

    it('refuses a batch over 500 items before storing any', async () => {
      const before = await snapshot();
      const { status, body } = await graphql(BATCH, { inputs: Array.from({ length: 501 }, () => valid()) });
      expect(status).toBe(200);
      expect(body.errors?.[0]?.extensions?.code).toBe('BATCH_TOO_LARGE');
      expect(await snapshot()).toEqual(before);
    });
  });
});
