import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { alreadyEnrolledIn } from './fixtures/submissions.ts';
import { tokenFor } from './fixtures/tokens.ts';

let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let vnDay: typeof import('@toandan/shared/vnDay').vnDay;
let coverageUntil: typeof import('@toandan/shared/cover').coverageUntil;
let today: string;

/** A campaign open from a month before today to a month after. */
const CAMPAIGN = 'standing-campaign';
/** A drive over the same days. */
const DRIVE = 'drive-campaign';

beforeAll(async () => {
  ({ app, graphql } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  ({ vnDay } = await import('@toandan/shared/vnDay'));
  ({ coverageUntil } = await import('@toandan/shared/cover'));
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  const { nation } = await loadSmallTree();
  today = vnDay.today();
  for (const [id, kind] of [
    [CAMPAIGN, 'STANDING'],
    [DRIVE, 'DRIVE'],
  ] as const)
    await db.campaign.create({
      data: {
        id,
        name: id,
        kind,
        startsOn: vnDay.toDateColumn(vnDay.addDays(today, -30)),
        endsOn: vnDay.toDateColumn(vnDay.addDays(today, 30)),
        schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
        unitId: nation.id,
      },
    });
});
afterAll(() => app.stop());

const IMPORT = `mutation ($rows: [CoverageInput!]!) {
  importCoverage(rows: $rows) { applied userErrors { field message code } }
}`;

interface BulkAnswer {
  applied: number;
  userErrors: { field: string[]; message: string; code: string }[];
}

let serial = 0;
/** A fresh person (a citizen ID no other test uses). */
const person = () => citizenIdOf(800_000 + ++serial);

/** A row of BHXH's list: a household card in Đông Sơn from `from` to `until`. */
const row = (citizenId: string, from: string, until: string, overrides: Record<string, unknown> = {}) => ({
  citizenId,
  fullName: 'Lê Thị Mai',
  scheme: 'HOUSEHOLD_HI',
  unitCode: '405',
  coverageFrom: from,
  coverageUntil: until,
  ...overrides,
});

/** A 12-month card ending `daysLeft` days after today (before it, when negative). */
const endingIn = (citizenId: string, daysLeft: number, overrides: Record<string, unknown> = {}) => {
  const until = vnDay.addDays(today, daysLeft);
  return row(citizenId, vnDay.addDays(coverageUntil(until, -12), 1), until, overrides);
};

async function importRows(
  rows: Record<string, unknown>[],
  token?: string,
  language?: string,
): Promise<{ status: number; answer: BulkAnswer | null; errors?: { extensions?: { code?: string } }[] }> {
  const { status, body } = await graphql(IMPORT, { rows }, token, language);
  return { status, answer: body.data?.importCoverage ?? null, errors: body.errors };
}

const SUBMIT = `mutation ($input: SubmitEnrolmentInput!) {
  submitEnrolment(input: $input) {
    enrolment { id kind coverageFrom coverageUntil }
    duplicate
    userErrors { field message code }
  }
}`;

/** A submission to the campaign in Đông Sơn today, with a fresh key. */
async function submit(citizenId: string | null, overrides: Record<string, unknown> = {}) {
  const { body } = await graphql(SUBMIT, {
    input: {
      campaignId: CAMPAIGN,
      unitCode: '405',
      scheme: 'HOUSEHOLD_HI',
      ...(citizenId ? { citizenId, fullName: 'Lê Thị Mai' } : {}),
      idempotencyKey: randomUUID(),
      coverageMonths: 12,
      ...overrides,
    },
  });
  expect(body.errors).toBeUndefined();
  return body.data.submitEnrolment as {
    enrolment: { id: string; kind: string; coverageFrom: string; coverageUntil: string } | null;
    duplicate: boolean;
    userErrors: { field: string[]; message: string; code: string }[];
  };
}

async function importedOf(citizenId: string, scheme = 'HOUSEHOLD_HI') {
  const { citizenKey } = await import('@toandan/db/enrolmentKeys');
  return db.importedCover.findMany({
    where: { citizenKey: citizenKey(scheme, citizenId) },
    orderBy: { coverageFrom: 'asc' },
  });
}

/** Audit rows as text, their BigInt ids as strings. */
const auditText = (rows: unknown[]) =>
  JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? String(value) : value));

const open = async (sealed: string | null) => {
  const { personalData } = await import('@toandan/db/personalData');
  return sealed === null ? null : personalData().open(sealed);
};

describe('importCoverage', () => {
  it('stores BHXH’s list sealed and keyed like enrolments, and a re-import upserts without duplicates', async () => {
    const [a, b, c] = [person(), person(), person()];
    const rows = [
      endingIn(a, 100, {
        address: 'Thôn 3, xã Đông Tiến',
        householdCode: '3805001234',
        phone: '0912 345 678',
      }),
      endingIn(b, 40, { scheme: 'VOLUNTARY_SI', fullName: 'Trần Văn Bình' }),
      endingIn(c, -10),
    ];
    const before = await db.importedCover.count();
    expect(await importRows(rows)).toMatchObject({ status: 200, answer: { applied: 3, userErrors: [] } });
    expect(await db.importedCover.count()).toBe(before + 3);
    const [stored] = await importedOf(a);
    expect(stored?.citizenIdSealed).toMatch(/^v1\./);
    expect(stored?.fullNameSealed).toMatch(/^v1\./);
    expect(stored?.addressSealed).toMatch(/^v1\./);
    expect(stored?.householdCodeSealed).toMatch(/^v1\./);
    expect(stored?.phoneSealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(a);
    expect(JSON.stringify(stored)).not.toContain('Đông Tiến');
    expect(await open(stored?.citizenIdSealed ?? null)).toBe(a);
    expect(await open(stored?.addressSealed ?? null)).toBe('Thôn 3, xã Đông Tiến');
    expect(await open(stored?.phoneSealed ?? null)).toBe('0912 345 678');
    expect((await importedOf(b, 'VOLUNTARY_SI')).map((cover) => cover.scheme)).toEqual(['VOLUNTARY_SI']);

    // The same covers again, one extended and with a new phone: replaced in place, by person ×
    // scheme × coverageFrom, no new row; another cover of the same person is a row of its own.
    const extended = { ...rows[0], coverageUntil: vnDay.addDays(today, 130), phone: '0987654321' };
    const next = endingIn(a, 500);
    expect(
      await importRows([
        extended,
        rows[1] as Record<string, unknown>,
        rows[2] as Record<string, unknown>,
        next,
      ]),
    ).toMatchObject({
      answer: { applied: 4, userErrors: [] },
    });
    expect(await db.importedCover.count()).toBe(before + 4);
    const covers = await importedOf(a);
    expect(covers).toHaveLength(2);
    expect(covers[0]?.id).toBe(stored?.id);
    expect(vnDay.fromDateColumn(covers[0]?.coverageUntil as Date)).toBe(vnDay.addDays(today, 130));
    expect(await open(covers[0]?.phoneSealed ?? null)).toBe('0987654321');
    // A field sent empty is cleared, as the list now has it.
    await importRows([{ ...extended, phone: '  ' }]);
    expect((await importedOf(a))[0]?.phoneSealed).toBeNull();

    // One audit event per call, with counts and no personal data.
    const events = await db.auditEvent.findMany({
      where: { action: 'IMPORT_COVERAGE' },
      orderBy: { id: 'asc' },
    });
    expect(events.slice(0, 2).map((event) => event.details)).toEqual([
      { rows: 3, inserted: 3, updated: 0, erased: 0 },
      { rows: 4, inserted: 1, updated: 3, erased: 0 },
    ]);
    expect(events[0]).toMatchObject({ role: 'COMMAND_CENTER', actor: 'test:command-center' });
    const trail = auditText(await db.auditEvent.findMany());
    for (const secret of [a, b, c, 'Lê Thị Mai', 'Trần Văn Bình', 'Đông Tiến', '0912', '3805001234'])
      expect(trail).not.toContain(secret);
  });

  it('refuses the whole call for one bad row, reporting every bad row by index and field, in Vietnamese or English', async () => {
    const good = person();
    const twice = person();
    const rows = [
      endingIn(good, 50),
      endingIn('03809012345', 50),
      endingIn(person(), 50, { unitCode: 'NO-SUCH-UNIT' }),
      row(person(), '2026-06-01', '2026-05-31'),
      endingIn(twice, 60),
      endingIn(twice, 60, { fullName: 'Lê Thị Mai 2' }),
      endingIn(person(), 60, { phone: '12', householdCode: 'mã hộ', address: 'x'.repeat(301) }),
    ];
    const before = await db.importedCover.count();
    const { answer } = await importRows(rows);
    expect(answer?.applied).toBe(0);
    expect(answer?.userErrors.map((error) => [error.field.join('.'), error.code])).toEqual([
      ['rows.1.citizenId', 'INVALID'],
      ['rows.2.unitCode', 'NOT_FOUND'],
      ['rows.3.coverageUntil', 'INVALID'],
      ['rows.5.fullName', 'INVALID'],
      ['rows.5.coverageFrom', 'INVALID'],
      ['rows.6.address', 'INVALID'],
      ['rows.6.householdCode', 'INVALID'],
      ['rows.6.phone', 'INVALID'],
    ]);
    expect(answer?.userErrors[0]?.message).toBe('Số CCCD phải có đủ 12 chữ số; mới nhập 11 chữ số.');
    expect(answer?.userErrors[2]?.message).toBe(
      'Hạn thẻ đến ngày 31/05/2026 ở trước ngày bắt đầu 01/06/2026.',
    );
    expect(answer?.userErrors[4]?.message).toContain(
      'Dòng 5 và dòng 6 cùng là thời hạn tham gia của một người',
    );
    const english = await importRows(rows, undefined, 'en');
    expect(english.answer?.userErrors[2]?.message).toBe(
      'coverageUntil 2026-05-31 is before coverageFrom 2026-06-01.',
    );
    // No answer names anyone: a message carries what its row sent, never another row's person.
    expect(JSON.stringify(answer)).not.toContain(good);
    expect(JSON.stringify(answer)).not.toContain(twice);
    expect(await db.importedCover.count()).toBe(before);
    expect(await importedOf(good)).toEqual([]);
  });

  it('is the command centre’s: FORBIDDEN to partners and officers, OUT_OF_SCOPE outside a scoped one’s units below it', async () => {
    const before = await db.importedCover.count();
    const events = () => db.auditEvent.count({ where: { action: 'IMPORT_COVERAGE' } });
    const eventsBefore = await events();
    for (const token of [
      await tokenFor('PARTNER'),
      await tokenFor('FIELD_AGENT', '405'),
      await tokenFor('FIELD_AGENT', null),
    ]) {
      const refused = await importRows([endingIn(person(), 50)], token);
      expect(refused.answer).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const baThuoc = await tokenFor('COMMAND_CENTER', '386', { subject: 'test:cc-386' });
    // Another district, and its own unit (the level above's to import): refused, nothing stored.
    for (const unitCode of ['405', '386']) {
      const { answer } = await importRows(
        [endingIn(person(), 50, { unitCode: '386-01' }), endingIn(person(), 50, { unitCode })],
        baThuoc,
      );
      expect(answer?.applied).toBe(0);
      expect(answer?.userErrors.map((error) => [error.field.join('.'), error.code])).toEqual([
        ['rows.1.unitCode', 'OUT_OF_SCOPE'],
      ]);
    }
    expect(await db.importedCover.count()).toBe(before);
    expect(await events()).toBe(eventsBefore);
    // Strictly inside its subtree: imported.
    const inside = await importRows([endingIn(person(), 50, { unitCode: '386-01' })], baThuoc);
    expect(inside.answer).toEqual({ applied: 1, userErrors: [] });
    expect(await db.importedCover.count()).toBe(before + 1);
  });
});

describe('submissions against imported cover', () => {
  it('refuse a person imported as covered into next year as ALREADY_ENROLLED, in any campaign', async () => {
    const citizenId = person();
    await importRows([endingIn(citizenId, 200)]);
    const enrolments = await db.enrolment.count();
    expect(await submit(citizenId)).toEqual(alreadyEnrolledIn('BHYT hộ gia đình'));
    expect(await submit(citizenId, { campaignId: DRIVE })).toEqual(alreadyEnrolledIn('BHYT hộ gia đình'));
    expect(await db.enrolment.count()).toBe(enrolments);
  });

  it('renew a person whose imported cover ends in 20 days from the day after it, once', async () => {
    const citizenId = person();
    await importRows([endingIn(citizenId, 20)]);
    const [imported] = await importedOf(citizenId);
    const renewal = await submit(citizenId);
    expect(renewal.userErrors).toEqual([]);
    const from = vnDay.addDays(today, 21);
    expect(renewal.enrolment).toMatchObject({
      kind: 'RENEWAL',
      coverageFrom: from,
      coverageUntil: coverageUntil(from, 12),
    });
    const stored = await db.enrolment.findUniqueOrThrow({ where: { id: renewal.enrolment?.id as string } });
    expect(stored).toMatchObject({ renewsCoverageId: imported?.id, renewsId: null });
    // Renewed: the next submission sees the renewal, running a year, and is a duplicate.
    expect(await submit(citizenId)).toMatchObject({ duplicate: true, enrolment: null });
    expect(await submit(null, { renewsCover: imported?.id })).toMatchObject({
      duplicate: true,
      enrolment: null,
    });
  });

  it('count two phones renewing one imported person at once as one renewal', async () => {
    for (let round = 0; round < 3; round++) {
      const citizenId = person();
      await importRows([endingIn(citizenId, 10)]);
      const [imported] = await importedOf(citizenId);
      const answers = await Promise.all([
        submit(citizenId),
        submit(null, { renewsCover: imported?.id }),
        submit(citizenId, { kind: 'RENEWAL' }),
      ]);
      expect(answers.filter((answer) => answer.enrolment?.kind === 'RENEWAL')).toHaveLength(1);
      expect(answers.filter((answer) => answer.duplicate)).toHaveLength(2);
      expect(await db.enrolment.count({ where: { renewsCoverageId: imported?.id, voidedAt: null } })).toBe(1);
    }
  });
});

describe('retention', () => {
  it('feeds the board’s due and lapsed: an import counts each cover’s end, a re-import moves it, a renewal takes it out and its void puts it back', async () => {
    const BOARD = `query ($campaignId: ID!, $unitCode: String!) {
      board(campaignId: $campaignId, unitCode: $unitCode) { totals { scheme dueForRenewal lapsed netGrowth } }
    }`;
    const figures = async (unitCode: string) => {
      const { body } = await graphql(BOARD, { campaignId: CAMPAIGN, unitCode });
      const totals = body.data.board.totals as {
        scheme: string;
        dueForRenewal: number;
        lapsed: number;
        netGrowth: number;
      }[];
      const tally = totals.find((t) => t.scheme === 'HOUSEHOLD_HI');
      if (!tally) throw new Error('no household-HI tally on the board');
      return tally;
    };
    const both = async () => ({ commune: await figures('405'), nation: await figures('VN') });
    const change = (before: Awaited<ReturnType<typeof both>>, after: Awaited<ReturnType<typeof both>>) =>
      Object.fromEntries(
        (['commune', 'nation'] as const).map((level) => [
          level,
          {
            dueForRenewal: after[level].dueForRenewal - before[level].dueForRenewal,
            lapsed: after[level].lapsed - before[level].lapsed,
          },
        ]),
      );
    const [due, lapsedOne] = [person(), person()];
    const start = await both();
    // One due in 10 days, one that ended 5 days ago (inside the campaign's days).
    expect((await importRows([endingIn(due, 10), endingIn(lapsedOne, -5)])).answer?.userErrors).toEqual([]);
    const imported = await both();
    const one = { dueForRenewal: 1, lapsed: 1 };
    expect(change(start, imported)).toEqual({ commune: one, nation: one });

    // BHXH's next list says the first card runs 60 days more: no longer due within 30 days.
    const [cover] = await importedOf(due);
    const longer = row(due, cover?.coverageFrom.toISOString().slice(0, 10) ?? '', vnDay.addDays(today, 70));
    expect((await importRows([longer])).answer?.userErrors).toEqual([]);
    const moved = await both();
    const out = { dueForRenewal: -1, lapsed: 0 };
    expect(change(imported, moved)).toEqual({ commune: out, nation: out });

    // The lapsed person renews: out of lapsed; the renewal's own cover ends a year on.
    const renewal = await submit(lapsedOne, { kind: 'RENEWAL' });
    expect(renewal.userErrors).toEqual([]);
    const renewed = await both();
    const back = { dueForRenewal: 0, lapsed: -1 };
    expect(change(moved, renewed)).toEqual({ commune: back, nation: back });
    const VOID = `mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập nhầm") { userErrors { code } } }`;
    expect((await graphql(VOID, { id: renewal.enrolment?.id })).body.data.voidEnrolment.userErrors).toEqual(
      [],
    );
    expect(change(moved, await both())).toEqual({
      commune: { dueForRenewal: 0, lapsed: 0 },
      nation: { dueForRenewal: 0, lapsed: 0 },
    });
    // What the writers kept equals a recount from the enrolments and BHXH's list.
    const { readCoverEnds, rebuildCoverEnds } = await import('@toandan/db/counters');
    const kept = await readCoverEnds(db);
    await rebuildCoverEnds(db);
    expect(await readCoverEnds(db)).toEqual(kept);
  });

  it('erases imported people lapsed longer ago than 24 months, keeps those lapsed 23 months ago', async () => {
    const { erasureCutoff, eraseLapsedCovers } = await import('@toandan/server/coverage/retention');
    const monthsAgo = (months: number) => erasureCutoff(today, months);
    const [recent, old, older] = [person(), person(), person()];
    const { answer } = await importRows([
      row(recent, vnDay.addDays(monthsAgo(35), 1), monthsAgo(23)),
      row(old, vnDay.addDays(monthsAgo(36), 1), vnDay.addDays(monthsAgo(24), -1)),
      row(older, vnDay.addDays(monthsAgo(37), 1), monthsAgo(25)),
    ]);
    // Applied, but those past the period are not kept at all.
    expect(answer).toEqual({ applied: 3, userErrors: [] });
    expect(await importedOf(recent)).toHaveLength(1);
    expect(await importedOf(old)).toEqual([]);
    expect(await importedOf(older)).toEqual([]);

    // The daily round, two months on: the one lapsed 23 months ago is now 25 months gone.
    const renewed = person();
    await importRows([endingIn(renewed, 5)]);
    const renewal = await submit(renewed);
    expect(renewal.enrolment?.kind).toBe('RENEWAL');
    const later = new Date(Date.now() + 62 * 24 * 60 * 60 * 1000);
    expect(await eraseLapsedCovers(later)).toBeGreaterThanOrEqual(1);
    expect(await importedOf(recent)).toEqual([]);
    expect(await importedOf(renewed)).toHaveLength(1);
    // Years later the renewal stays counted; only the link to the erased cover goes.
    await eraseLapsedCovers(new Date(Date.now() + 800 * 24 * 60 * 60 * 1000));
    expect(await importedOf(renewed)).toEqual([]);
    expect(
      await db.enrolment.findUniqueOrThrow({ where: { id: renewal.enrolment?.id as string } }),
    ).toMatchObject({ renewsCoverageId: null, voidedAt: null, kind: 'RENEWAL' });
  });
});

describe('renewalsDue with imported people', () => {
  const LIST = `query ($unit: String!) {
    renewalsDue(unitCode: $unit, first: 500) {
      edges { node { id citizenId fullName scheme unit { code parent { code } } coverageUntil daysLeft address householdCode phone } }
    }
  }`;
  const due = person();
  const lapsed = person();
  const later = person();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Cẩm Thủy (390): only these tests import there.
    await importRows([
      endingIn(due, 12, {
        unitCode: '390',
        address: 'Thôn Lương Ngọc',
        householdCode: '3809000001',
        phone: '0912000111',
      }),
      endingIn(lapsed, -40, { unitCode: '390', scheme: 'VOLUNTARY_SI' }),
      endingIn(later, 200, { unitCode: '390' }),
    ]);
    for (const [citizenId, scheme] of [
      [due, 'HOUSEHOLD_HI'],
      [lapsed, 'VOLUNTARY_SI'],
    ] as const)
      ids[citizenId] = (await importedOf(citizenId, scheme))[0]?.id as string;
  });

  it('lists them beside enrolled people, with address, household code and phone, soonest first', async () => {
    // A monthly voluntary-SI cover signed up here 25 days ago, due in about 5 days.
    const enrolled = await submit(person(), {
      unitCode: '390',
      enrolledAt: `${vnDay.addDays(today, -25)}T09:00:00+07:00`,
      coverageMonths: 1,
      scheme: 'VOLUNTARY_SI',
    });
    expect(enrolled.userErrors).toEqual([]);
    const { body } = await graphql(LIST, { unit: '390' });
    expect(body.errors).toBeUndefined();
    const nodes = body.data.renewalsDue.edges.map((edge: { node: { id: string } }) => edge.node);
    expect(nodes).toEqual([
      {
        id: ids[lapsed],
        citizenId: lapsed,
        fullName: 'Lê Thị Mai',
        scheme: 'VOLUNTARY_SI',
        unit: { code: '390', parent: { code: '38' } },
        coverageUntil: vnDay.addDays(today, -40),
        daysLeft: -40,
        address: null,
        householdCode: null,
        phone: null,
      },
      expect.objectContaining({
        id: enrolled.enrolment?.id,
        address: null,
        householdCode: null,
        phone: null,
      }),
      {
        id: ids[due],
        citizenId: due,
        fullName: 'Lê Thị Mai',
        scheme: 'HOUSEHOLD_HI',
        unit: { code: '390', parent: { code: '38' } },
        coverageUntil: vnDay.addDays(today, 12),
        daysLeft: 12,
        address: 'Thôn Lương Ngọc',
        householdCode: '3809000001',
        phone: '0912000111',
      },
    ]);
    // Once renewed, from whichever phone, the imported person is off the list.
    const renewal = await submit(null, { unitCode: '390', renewsCover: ids[due] });
    expect(renewal.enrolment?.kind).toBe('RENEWAL');
    const after = await graphql(LIST, { unit: '390' });
    expect(after.body.data.renewalsDue.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([
      ids[lapsed],
      enrolled.enrolment?.id,
    ]);
  });

  it('shows them to the command centre and field officers of the subtree only, every read audited', async () => {
    const reads = () =>
      db.auditEvent.findMany({ where: { action: 'READ_PERSONAL_DATA' }, orderBy: { id: 'asc' } });
    const before = (await reads()).length;
    const officer = await tokenFor('FIELD_AGENT', '390', { subject: 'test:agent-390' });
    const inside = await graphql(LIST, { unit: '390' }, officer);
    expect(
      inside.body.data.renewalsDue.edges.map((edge: { node: { id: string } }) => edge.node.id),
    ).toContain(ids[lapsed]);
    const province = await graphql(LIST, { unit: '38' }, await tokenFor('COMMAND_CENTER', '38'));
    expect(
      province.body.data.renewalsDue.edges.map((edge: { node: { id: string } }) => edge.node.id),
    ).toContain(ids[lapsed]);
    for (const token of [
      await tokenFor('FIELD_AGENT', '386'),
      await tokenFor('COMMAND_CENTER', '386'),
      await tokenFor('PARTNER'),
    ]) {
      const outside = await graphql(LIST, { unit: '390' }, token);
      expect(outside.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(outside.body.data).toBeNull();
    }
    // Bá Thước's own list holds nobody of Cẩm Thủy.
    const own = await graphql(LIST, { unit: '386' }, await tokenFor('FIELD_AGENT', '386'));
    expect(
      own.body.data.renewalsDue.edges.map((edge: { node: { id: string } }) => edge.node.id),
    ).not.toContain(ids[lapsed]);
    const recorded = (await reads()).slice(before);
    expect(recorded[0]).toMatchObject({ actor: 'test:agent-390', target: '390' });
    expect(recorded[0]?.details).toMatchObject({ importedCoverIds: expect.arrayContaining([ids[lapsed]]) });
    expect(auditText(recorded)).not.toContain(lapsed);
  });
});
