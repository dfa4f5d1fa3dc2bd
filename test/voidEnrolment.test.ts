import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { expectCountersEqualRecount } from './fixtures/counters.ts';
import { citizenIdOf, type SubmittedEnrolment } from './fixtures/enrolments.ts';

let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let counters: typeof import('@toandan/db/counters');
let enrolments: SubmittedEnrolment[];

const VOID = `mutation ($id: ID!, $reason: String!) {
  voidEnrolment(id: $id, reason: $reason) {
    enrolment { id voided voidReason }
    userErrors { field code message }
  }
}`;
const SUBMIT = `mutation ($input: SubmitEnrolmentInput!) {
  submitEnrolment(input: $input) { enrolment { id } duplicate userErrors { code } }
}`;

// Twelve people of Cành Nàng (386-01, under Bá Thước 386, Thanh Hóa 38, Việt Nam), voluntary
// SI, 10 May 2026, signed up by the township's officer so that quota counts move too.
beforeAll(async () => {
  ({ app, graphql } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  counters = await import('@toandan/db/counters');
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  const { submitEnrolments } = await import('./fixtures/enrolments.ts');
  await loadSmallTree();
  enrolments = await submitEnrolments(
    Array.from({ length: 12 }, (_, n) => ({
      unitCode: '386-01',
      scheme: 'VOLUNTARY_SI' as const,
      person: n,
      enrolledAt: new Date('2026-05-10T09:00:00+07:00'),
      officerCode: 'CB-386-01-1',
    })),
  );
});
afterAll(() => app.stop());

const idOf = (n: number) => enrolments[n]?.id ?? '';

/** Voluntary-SI counts of 10 May for 386-01 and each ancestor (VN, 38, 386, 386-01), and the officer's count. */
async function counts(): Promise<{ units: number[]; officer: number }> {
  const rows = await counters.readCounters(db, 'test-campaign');
  const units = await db.unit.findMany({
    where: { code: { in: ['VN', '38', '386', '386-01'] } },
    orderBy: { depth: 'asc' },
  });
  const officer = await db.officerCount.findFirst({
    where: { campaignId: 'test-campaign', officer: { code: 'CB-386-01-1' }, scheme: 'VOLUNTARY_SI' },
  });
  return {
    units: units.map(
      (unit) =>
        rows.find(
          (row) => row.unitId === unit.id && row.day === '2026-05-10' && row.scheme === 'VOLUNTARY_SI',
        )?.count ?? 0,
    ),
    officer: officer?.count ?? 0,
  };
}

const moved = (before: { units: number[]; officer: number }, by: number) => ({
  units: before.units.map((count) => count + by),
  officer: before.officer + by,
});

describe('Mutation.voidEnrolment', () => {
  it('moves the counters back for the unit, every ancestor and the officer, and keeps the reason', async () => {
    const before = await counts();
    expect(before).toEqual({ units: [12, 12, 12, 12], officer: 12 });
    // Decomposed Vietnamese (NFD) with stray spaces: stored trimmed and composed (NFC).
    const { body } = await graphql(VOID, { id: idOf(0), reason: '  Nhập trùng hồ sơ\n'.normalize('NFD') });
    expect(body.data.voidEnrolment).toEqual({
      enrolment: { id: idOf(0), voided: true, voidReason: 'Nhập trùng hồ sơ' },
      userErrors: [],
    });
    expect(await counts()).toEqual(moved(before, -1));
    const row = await db.enrolment.findUniqueOrThrow({ where: { id: idOf(0) } });
    expect(row.voidReason).toBe('Nhập trùng hồ sơ'.normalize('NFC'));
    expect(row.voidedAt).toBeInstanceOf(Date);
    expect(Date.now() - (row.voidedAt?.getTime() ?? 0)).toBeLessThan(60_000);
    // Who voided it: the subject of the command centre's token.
    expect(row.voidedBy).toBe('test:command-center');
    expect(row.personKey).toBeNull();
    await expectCountersEqualRecount();
  });

  it('answers ALREADY_VOIDED the second time, and keeps the first void as it was', async () => {
    const first = await graphql(VOID, { id: idOf(1), reason: 'Sai loại hình' });
    expect(first.body.data.voidEnrolment.userErrors).toEqual([]);
    const voided = await db.enrolment.findUniqueOrThrow({ where: { id: idOf(1) } });
    const before = await counts();
    const second = await graphql(VOID, { id: idOf(1), reason: 'Lý do khác' });
    expect(second.body.data.voidEnrolment).toMatchObject({
      enrolment: { id: idOf(1), voided: true, voidReason: 'Sai loại hình' },
      userErrors: [{ field: ['id'], code: 'ALREADY_VOIDED' }],
    });
    expect(await counts()).toEqual(before);
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: idOf(1) } })).toEqual(voided);
  });

  it('moves the counters back exactly once under 10 concurrent voids of one enrolment', async () => {
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) => graphql(VOID, { id: idOf(2), reason: `Nhập trùng ${n}` })),
    );
    const codes = results.map((result) => result.body.data.voidEnrolment.userErrors[0]?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'ALREADY_VOIDED')).toHaveLength(9);
    expect(await counts()).toEqual(moved(before, -1));
    // The reason kept is the winner's.
    const winner = codes.indexOf('OK');
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: idOf(2) } })).voidReason).toBe(
      `Nhập trùng ${winner}`,
    );
    await expectCountersEqualRecount();
  });

  it('moves each counter back once when different enrolments are voided at the same time', async () => {
    const before = await counts();
    const results = await Promise.all(
      [3, 4, 5, 6].map((n) => graphql(VOID, { id: idOf(n), reason: 'Hồ sơ thử' })),
    );
    expect(results.map((result) => result.body.data.voidEnrolment.userErrors)).toEqual([[], [], [], []]);
    expect(await counts()).toEqual(moved(before, -4));
    await expectCountersEqualRecount();
  });

  it('lets a voided person be enrolled again under a new key, and counts them again', async () => {
    const input = (idempotencyKey: string) => ({
      campaignId: 'test-campaign',
      unitCode: '386-01',
      scheme: 'VOLUNTARY_SI',
      citizenId: citizenIdOf(0),
      fullName: 'Đỗ Thị Hằng',
      idempotencyKey,
      enrolledAt: '2026-05-10T10:00:00+07:00',
      officerCode: 'CB-386-01-1',
    });
    // Before the void, person 7 under a new key is already enrolled; person 0 is voided now.
    const stillCounted = await graphql(SUBMIT, {
      input: { ...input(randomUUID()), citizenId: citizenIdOf(7) },
    });
    expect(stillCounted.body.data.submitEnrolment).toMatchObject({
      duplicate: true,
      enrolment: null,
      userErrors: [{ code: 'ALREADY_ENROLLED' }],
    });

    const before = await counts();
    const again = await graphql(SUBMIT, { input: input(randomUUID()) });
    expect(again.body.data.submitEnrolment).toMatchObject({ duplicate: false, userErrors: [] });
    expect(again.body.data.submitEnrolment.enrolment.id).not.toBe(idOf(0));
    expect(await counts()).toEqual(moved(before, 1));
    // The voided enrolment's own key still answers with the voided enrolment and counts nothing.
    const oldKey = enrolments[0]?.idempotencyKey ?? '';
    const replay = await db.enrolment.findUniqueOrThrow({ where: { idempotencyKey: oldKey } });
    expect(replay.id).toBe(idOf(0));
    await expectCountersEqualRecount();
  });

  it.each([
    ['empty', ''],
    ['blank', ' \t\n '],
    ['longer than 500 characters', 'x'.repeat(501)],
  ])('refuses a reason that is %s on ["reason"], and changes nothing', async (_name, reason) => {
    const before = await counters.readCounters(db, 'test-campaign');
    const row = await db.enrolment.findUniqueOrThrow({ where: { id: idOf(8) } });
    const { body } = await graphql(VOID, { id: idOf(8), reason });
    expect(body.data.voidEnrolment).toEqual({
      enrolment: null,
      userErrors: [{ field: ['reason'], code: 'INVALID', message: 'Lý do phải có từ 1 đến 500 ký tự.' }],
    });
    expect(await counters.readCounters(db, 'test-campaign')).toEqual(before);
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: idOf(8) } })).toEqual(row);
  });

  it('accepts a reason of exactly 500 characters', async () => {
    const { body } = await graphql(VOID, { id: idOf(9), reason: `  ${'ư'.repeat(500)}  ` });
    expect(body.data.voidEnrolment.userErrors).toEqual([]);
    expect(body.data.voidEnrolment.enrolment.voidReason).toBe('ư'.repeat(500));
  });

  it('answers NOT_FOUND on ["id"] for an unknown id, and changes nothing', async () => {
    const before = await counters.readCounters(db, 'test-campaign');
    const { body } = await graphql(VOID, { id: 'no-such-enrolment', reason: 'Nhập trùng' });
    expect(body.data.voidEnrolment).toEqual({
      enrolment: null,
      userErrors: [
        { field: ['id'], code: 'NOT_FOUND', message: 'Không có hồ sơ nào mang mã "no-such-enrolment".' },
      ],
    });
    expect(await counters.readCounters(db, 'test-campaign')).toEqual(before);
  });
});
