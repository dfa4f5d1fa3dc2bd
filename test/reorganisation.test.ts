import type { Scheme } from '@toandan/db/client';
import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { expectCountersEqualRecount } from './fixtures/counters.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { convergedOn, until, watchBoard, wsClient } from './fixtures/live.ts';
import { tokenFor } from './fixtures/tokens.ts';

// applyReorganisation (API.md, "Reorganisation"; docs/design.md, "Counters and the tree's
// history") on a small tree of two provinces, with a province created beforehand as a successor:
//
//   VN ─ 01 ─ 01-1 ─ 01-1-1, 01-1-2        03 (new, empty)
//        │    └ 01-2 ─ 01-2-1
//        └ 02 ─ 02-1 ─ 02-1-1, 02-1-2
//
// One call, effective today: 02 merges into 01 (its district 02-1 follows, unlisted), district
// 01-1 is dissolved (01-1-1 moves up to 01, 01-1-2 merges into 01-2-1), and 01-2 moves to 03.
const CAMPAIGN = 'reorg-campaign';
const SCHEMES: Scheme[] = ['VOLUNTARY_SI', 'HOUSEHOLD_HI'];
const TODAY = vnDay.today();
const DAYS_BEFORE = [vnDay.addDays(TODAY, -3), vnDay.addDays(TODAY, -2), vnDay.addDays(TODAY, -1)];
const COMMUNES = ['01-1-1', '01-1-2', '01-2-1', '02-1-1', '02-1-2'];
const TREE: [code: string, name: string, kind: string, parent: string | null][] = [
  ['VN', 'Việt Nam', 'NATION', null],
  ['01', 'Tỉnh Một', 'PROVINCE', 'VN'],
  ['02', 'Tỉnh Hai', 'PROVINCE', 'VN'],
  ['01-1', 'Huyện Một Một', 'DISTRICT', '01'],
  ['01-2', 'Huyện Một Hai', 'DISTRICT', '01'],
  ['02-1', 'Huyện Hai Một', 'DISTRICT', '02'],
  ['01-1-1', 'Xã Một', 'COMMUNE', '01-1'],
  ['01-1-2', 'Xã Hai', 'COMMUNE', '01-1'],
  ['01-2-1', 'Xã Ba', 'COMMUNE', '01-2'],
  ['02-1-1', 'Xã Bốn', 'COMMUNE', '02-1'],
  ['02-1-2', 'Xã Năm', 'COMMUNE', '02-1'],
];
const REFORM = [
  { unitCode: '02', mergeIntoCode: '01' },
  { unitCode: '01-1', dissolve: true },
  { unitCode: '01-1-1', newParentCode: '01' },
  { unitCode: '01-1-2', mergeIntoCode: '01-2-1' },
  { unitCode: '01-2', newParentCode: '03' },
];

const APPLY = `mutation ($effectiveOn: Date!, $rows: [ReorganisationInput!]!) {
  applyReorganisation(effectiveOn: $effectiveOn, rows: $rows) { applied userErrors { field code message } }
}`;
const BOARD = `query ($unitCode: String!, $date: Date) {
  board(campaignId: "${CAMPAIGN}", unitCode: $unitCode, date: $date) {
    sequence
    totals { scheme today cumulative target }
    rows { unit { code } tallies { scheme today cumulative target } }
  }
}`;

interface Tally {
  scheme: Scheme;
  today: number;
  cumulative: number;
  target: number;
}
interface Board {
  sequence: number;
  totals: Tally[];
  rows: { unit: { code: string }; tallies: Tally[] }[];
}

let app: App;
let graphql: GraphQLCall;
let base: string;
let db: typeof import('@toandan/db/db').db;
let submitEnrolment: typeof import('@toandan/server/enrolments/submitEnrolment').submitEnrolment;
const ids = new Map<string, number>();

const board = async (unitCode: string, date: string = TODAY): Promise<Board> => {
  const { body } = await graphql(BOARD, { unitCode, date });
  expect(body.errors).toBeUndefined();
  return body.data.board;
};
const apply = async (rows: unknown[], effectiveOn = TODAY, token?: string) => {
  const { body } = await graphql(APPLY, { effectiveOn, rows }, token);
  return body;
};

let person = 0;
async function submit(unitCode: string, day: string, actor: { auth: unknown } = { auth: null }) {
  const n = ++person;
  return submitEnrolment(
    {
      campaignId: CAMPAIGN,
      unitCode,
      scheme: SCHEMES[n % 2] as Scheme,
      citizenId: citizenIdOf(n),
      fullName: 'Đỗ Thị Hằng',
      idempotencyKey: `reorg-${n}-${Math.random().toString(36).slice(2)}`,
      // Today's at the earliest moment of the day that is already past.
      enrolledAt: day === TODAY ? new Date() : new Date(`${day}T09:00:00+07:00`),
    },
    { actor: { client: 'reorganisation test', ...actor } as never },
  );
}

/** What each unit of the tree as it stands now counts, recounted from the enrolments. */
async function recountOnTodaysTree(): Promise<Map<string, { today: number; cumulative: number }>> {
  const units = await db.unit.findMany();
  const codeOf = new Map(units.map((unit) => [unit.id, unit.code]));
  const enrolments = await db.enrolment.findMany({
    where: { campaignId: CAMPAIGN, voidedAt: null },
    include: { unit: true },
  });
  const counted = new Map<string, { today: number; cumulative: number }>();
  for (const enrolment of enrolments) {
    const day = vnDay.fromDateColumn(enrolment.day);
    if (day > TODAY) continue;
    for (const id of [...enrolment.unit.ancestorIds, enrolment.unit.id]) {
      const key = `${codeOf.get(id)}:${enrolment.scheme}`;
      const known = counted.get(key) ?? { today: 0, cumulative: 0 };
      known.cumulative++;
      if (day === TODAY) known.today++;
      counted.set(key, known);
    }
  }
  return counted;
}

const standing = () => ['VN', '01', '03', '01-1-1', '01-2', '01-2-1', '02-1', '02-1-1', '02-1-2'];

beforeAll(async () => {
  ({ app, graphql, base } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  ({ submitEnrolment } = await import('@toandan/server/enrolments/submitEnrolment'));
  for (const [code, name, kind, parent] of TREE) {
    const parentId = parent ? (ids.get(parent) as number) : null;
    const parentRow = parentId ? await db.unit.findUniqueOrThrow({ where: { id: parentId } }) : null;
    const ancestorIds = parentRow ? [...parentRow.ancestorIds, parentRow.id] : [];
    const unit = await db.unit.create({
      data: { code, name, kind: kind as never, parentId, ancestorIds, depth: ancestorIds.length },
    });
    ids.set(code, unit.id);
  }
  await db.campaign.create({
    data: {
      id: CAMPAIGN,
      name: 'Đợt ra quân thử sắp xếp',
      kind: 'DRIVE',
      startsOn: vnDay.toDateColumn(vnDay.addDays(TODAY, -10)),
      endsOn: vnDay.toDateColumn(vnDay.addDays(TODAY, 20)),
      schemes: SCHEMES,
      unitId: ids.get('VN') as number,
    },
  });
  // Targets that add up at every level: 100 a commune and scheme.
  const targetOf: Record<string, number> = {
    VN: 500,
    '01': 300,
    '02': 200,
    '01-1': 200,
    '01-2': 100,
    '02-1': 200,
    ...Object.fromEntries(COMMUNES.map((code) => [code, 100])),
  };
  await db.target.createMany({
    data: Object.entries(targetOf).flatMap(([code, target]) =>
      SCHEMES.map((scheme) => ({ campaignId: CAMPAIGN, unitId: ids.get(code) as number, scheme, target })),
    ),
  });
  // The successor province, added beforehand (addUnit) and placed from the reform's day.
  const province = await db.unit.create({
    data: {
      code: '03',
      name: 'Tỉnh Ba',
      kind: 'PROVINCE',
      parentId: ids.get('VN') as number,
      ancestorIds: [ids.get('VN') as number],
      depth: 1,
      placedOn: vnDay.toDateColumn(TODAY),
    },
  });
  ids.set('03', province.id);
  await db.officer.create({
    data: {
      code: 'CB-02-1',
      fullName: 'Lò Văn Nam',
      organisation: 'SOCIAL_SECURITY',
      unitId: ids.get('02') as number,
    },
  });
  // Enrolments on the days before and today, at communes, districts and a province.
  for (const day of [...DAYS_BEFORE, TODAY])
    for (const code of [...COMMUNES, '01-1', '02-1', '02'])
      for (let i = 0; i < 2; i++) expect((await submit(code, day)).userErrors).toEqual([]);
  const { publishedAll } = await import('@toandan/server/live/boardPublisher');
  await publishedAll();
});
afterAll(() => app?.stop());

describe('applyReorganisation', () => {
  it('refuses every bad row, by index and field, in Vietnamese, and applies nothing', async () => {
    const versionBefore = await db.treeVersion.findMany();
    const cases: [rows: unknown[], field: string[], code: string, effectiveOn?: string][] = [
      [[{ unitCode: '01-2' }], ['rows', '0', 'newParentCode'], 'INVALID'],
      [[{ unitCode: '01-2', newParentCode: '03', dissolve: true }], ['rows', '0', 'dissolve'], 'INVALID'],
      [[{ unitCode: 'khong-co', newParentCode: '03' }], ['rows', '0', 'unitCode'], 'NOT_FOUND'],
      [[{ unitCode: '01-2', newParentCode: 'khong-co' }], ['rows', '0', 'newParentCode'], 'NOT_FOUND'],
      [
        [
          { unitCode: '01-2', newParentCode: '03' },
          { unitCode: '01-2', mergeIntoCode: '01-1' },
        ],
        ['rows', '1', 'unitCode'],
        'INVALID',
      ],
      [[{ unitCode: '02-1', newParentCode: '02-1-1' }], ['rows', '0', 'newParentCode'], 'INVALID'],
      [[{ unitCode: '01-2', newParentCode: '03' }], ['effectiveOn'], 'INVALID', vnDay.addDays(TODAY, -1)],
      [
        [
          { unitCode: '01-1', dissolve: true },
          { unitCode: '01-1-1', newParentCode: '01' },
        ],
        ['rows', '0', 'dissolve'],
        'INVALID',
      ],
      [[{ unitCode: '01-2', mergeIntoCode: '01-2' }], ['rows', '0', 'mergeIntoCode'], 'INVALID'],
      [
        [
          { unitCode: '02', mergeIntoCode: '01' },
          { unitCode: '03', mergeIntoCode: '02' },
        ],
        ['rows', '1', 'mergeIntoCode'],
        'INVALID',
      ],
      [
        [
          { unitCode: '01-1', dissolve: true },
          { unitCode: '01-1-1', newParentCode: '01' },
          { unitCode: '01-1-2', mergeIntoCode: '01-1' },
        ],
        ['rows', '2', 'mergeIntoCode'],
        'INVALID',
      ],
    ];
    const seen: unknown[] = [];
    for (const [rows, field, code, effectiveOn] of cases) {
      const body = await apply(rows, effectiveOn);
      expect(body.errors).toBeUndefined();
      const result = body.data.applyReorganisation;
      expect(result.applied).toBe(0);
      seen.push(
        result.userErrors.map((error: { field: string[]; code: string }) => [error.field, error.code]),
      );
      expect(result.userErrors).toContainEqual(expect.objectContaining({ field, code }));
      // Vietnamese by default: every message has Vietnamese letters.
      for (const error of result.userErrors)
        expect(error.message).toMatch(
          /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i,
        );
    }
    // A unit twice in one call and a cycle reported with the other bad rows of the same call.
    const many = await apply([
      { unitCode: '02-1', newParentCode: '02-1-2' },
      { unitCode: 'khong-co', dissolve: true },
      { unitCode: '01-2' },
    ]);
    expect(
      many.data.applyReorganisation.userErrors.map((error: { field: string[] }) => error.field.join('.')),
    ).toEqual(['rows.1.unitCode', 'rows.2.newParentCode', 'rows.0.newParentCode']);
    // Nothing was applied by any of them.
    expect(await db.treeVersion.findMany()).toEqual(versionBefore);
    expect(await db.unitPlacement.count()).toBe(0);
    expect((await db.unit.findUniqueOrThrow({ where: { code: '01-2' } })).parentId).toBe(ids.get('01'));
    expect(await db.auditEvent.count({ where: { action: 'APPLY_REORGANISATION' } })).toBe(0);
  });

  it('is the command centre’s only: a partner and a field agent are refused', async () => {
    for (const token of [await tokenFor('PARTNER'), await tokenFor('FIELD_AGENT', '01')]) {
      const body = await apply(REFORM, TODAY, token);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await db.treeVersion.findMany()).toEqual([{ id: true, version: 0 }]);
  });

  let before: Map<string, Board>;
  let pastBefore: Map<string, Board>;
  it('applies moves, merges and a dissolution in one call, audited as one event with its rows', async () => {
    before = new Map();
    pastBefore = new Map();
    for (const [code] of TREE) {
      before.set(code, await board(code));
      for (const day of DAYS_BEFORE) pastBefore.set(`${code}:${day}`, await board(code, day));
    }
    // A screen following the province's board over a real WebSocket.
    const client = wsClient(base);
    const watched = watchBoard(client, '01', { base, date: TODAY, campaignId: CAMPAIGN });
    await watched.opened();
    await until(() => watched.state.board !== null, 'the followed board');
    const body = await apply(REFORM);
    expect(body.errors).toBeUndefined();
    expect(body.data.applyReorganisation).toEqual({ applied: REFORM.length, userErrors: [] });
    // It sees one gap and refetches once, onto the new tree.
    const followed = await convergedOn(base, '01', watched.state, TODAY, CAMPAIGN);
    expect(followed.rows.map((row) => row.unit.code)).toEqual(['02-1', '01-1-1']);
    expect(watched.state.refetches).toEqual(['start', 'gap']);
    watched.stop();
    await client.dispose();
    const audit = await db.auditEvent.findMany({ where: { action: 'APPLY_REORGANISATION' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ effectiveOn: TODAY, rows: REFORM });

    const parentOf = async (code: string) =>
      (await db.unit.findUniqueOrThrow({ where: { code }, include: { parent: true } })).parent?.code;
    expect(await parentOf('02-1')).toBe('01');
    expect(await parentOf('01-1-1')).toBe('01');
    expect(await parentOf('01-2')).toBe('03');
    expect(await parentOf('01-1-2')).toBe('01-2-1');
    expect((await board('VN')).rows.map((row) => row.unit.code)).toEqual(['03', '01']);
    expect((await board('01')).rows.map((row) => row.unit.code)).toEqual(['02-1', '01-1-1']);
    expect((await board('01-2-1')).rows).toEqual([]);
  });

  it('keeps every total: the nation’s per scheme the same, and each unit’s that of its new subtree', async () => {
    const nation = await board('VN');
    expect(nation.totals).toEqual(before.get('VN')?.totals);
    const recount = await recountOnTodaysTree();
    for (const code of standing()) {
      const shown = await board(code);
      for (const tally of shown.totals) {
        const expected = recount.get(`${code}:${tally.scheme}`) ?? { today: 0, cumulative: 0 };
        expect({ code, today: tally.today, cumulative: tally.cumulative }).toEqual({ code, ...expected });
      }
      // Each level is the sum of its parts: the children's rows and what was enrolled at it.
      for (const scheme of SCHEMES) {
        const own = recount.get(`${code}:${scheme}`)?.cumulative ?? 0;
        const rows = shown.rows.reduce(
          (sum, row) => sum + (row.tallies.find((tally) => tally.scheme === scheme)?.cumulative ?? 0),
          0,
        );
        expect(rows).toBeLessThanOrEqual(own);
      }
    }
    await expectCountersEqualRecount(CAMPAIGN);
  });

  it('shows the days before on the tree, counts and targets of those days', async () => {
    for (const [code] of TREE)
      for (const day of DAYS_BEFORE)
        expect({ code, day, board: await board(code, day) }).toEqual({
          code,
          day,
          board: { ...(pastBefore.get(`${code}:${day}`) as Board), sequence: expect.any(Number) },
        });
    expect((await board('01', DAYS_BEFORE[0])).rows.map((row) => row.unit.code)).toEqual(['01-2', '01-1']);
    expect((await board('03', DAYS_BEFORE[0])).totals.map((tally) => tally.target)).toEqual([0, 0]);
  });

  it('re-bases the targets: each level’s target is the sum of its children’s', async () => {
    const expected: Record<string, number> = {
      VN: 500,
      '01': 300,
      '03': 200,
      '01-2': 200,
      '01-2-1': 200,
      '02-1': 200,
    };
    for (const code of standing()) {
      const shown = await board(code);
      for (const tally of shown.totals) {
        if (code in expected)
          expect({ code, target: tally.target }).toEqual({ code, target: expected[code] });
        if (shown.rows.length === 0) continue;
        const parts = shown.rows.reduce(
          (sum, row) => sum + (row.tallies.find((t) => t.scheme === tally.scheme)?.target ?? 0),
          0,
        );
        expect({ code, scheme: tally.scheme, target: tally.target }).toEqual({
          code,
          scheme: tally.scheme,
          target: parts,
        });
      }
    }
  });

  it('refuses a submission to a merged unit from the day, naming its successor; one dated before counts where it was done', async () => {
    const refused = await submit('02', TODAY);
    expect(refused.enrolment).toBeNull();
    expect(refused.userErrors[0]).toMatchObject({ field: ['input', 'unitCode'], code: 'INVALID' });
    expect(refused.userErrors[0]?.message.vi).toContain('đã sáp nhập vào 01 (Tỉnh Một)');
    const dissolved = await submit('01-1', TODAY);
    expect(dissolved.userErrors[0]?.message.vi).toContain('đã giải thể');

    const day = DAYS_BEFORE[2] as string;
    const oldBoard = await board('01-1', day);
    const todayBoard = await board('01-2-1');
    const late = await submit('01-1-2', day);
    expect(late.userErrors).toEqual([]);
    const scheme = late.enrolment?.scheme as Scheme;
    const tally = (shown: Board) => shown.totals.find((t) => t.scheme === scheme) as Tally;
    // Counted on its day's tree (Huyện Một Một that day), and carried into its successor today.
    expect(tally(await board('01-1', day)).today).toBe(tally(oldBoard).today + 1);
    expect(tally(await board('01-2-1')).cumulative).toBe(tally(todayBoard).cumulative + 1);
    await expectCountersEqualRecount(CAMPAIGN);
  });

  it('moves the officers of a merged unit to its successor, and its tokens work there', async () => {
    const officer = await db.officer.findUniqueOrThrow({
      where: { code: 'CB-02-1' },
      include: { unit: true },
    });
    expect(officer.unit.code).toBe('01');
    const token = await tokenFor('FIELD_AGENT', '02');
    const { body } = await graphql(
      `mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { enrolment { unit { code } } userErrors { code message } } }`,
      {
        input: {
          campaignId: CAMPAIGN,
          unitCode: '01-1-1',
          scheme: 'VOLUNTARY_SI',
          citizenId: citizenIdOf(++person),
          fullName: 'Hà Văn Bình',
          idempotencyKey: `reorg-token-${person}`,
        },
      },
      token,
    );
    expect(body.data.submitEnrolment).toEqual({ enrolment: { unit: { code: '01-1-1' } }, userErrors: [] });
  });

  it('makes the boards whose tree changed refetch once: their sequence skips a number', async () => {
    for (const code of ['VN', '01', '03', '01-2'])
      expect((await board(code)).sequence).toBeGreaterThanOrEqual((before.get(code)?.sequence ?? 0) + 2);
  });
});

// Submissions from several clients at once while a reorganisation runs: on PostgreSQL only,
// where they do run at once (PGlite has one connection), as in test/counterLockOrder.test.ts;
// .ci/run's PostgreSQL pass runs it.
const onPostgres = Boolean(process.env.DATABASE_URL);

describe.runIf(onPostgres)('a reorganisation while submissions run', () => {
  it('deadlocks nothing, loses and doubles nothing, and names the successor to late comers', async () => {
    // Affected units (merged, moved) and unaffected ones, today's submissions.
    const UNITS = ['02-1-2', '02-1-1', '02-1', '01-2-1', '01'];
    const failures: string[] = [];
    const refusals: string[] = [];
    let stored = 0;
    let running = true;
    const latencies: { at: number; ms: number }[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    const storedAtLeast = (count: number) =>
      new Promise<void>((resolve) => {
        if (stored >= count) resolve();
        else waiters.push({ count, resolve });
      });
    const worker = async (offset: number) => {
      for (let i = offset; running; i++) {
        const unitCode = UNITS[i % UNITS.length] as string;
        const started = performance.now();
        try {
          const result = await submit(unitCode, TODAY);
          if (result.enrolment) stored++;
          else refusals.push(`${unitCode}: ${result.userErrors[0]?.message.vi}`);
        } catch (error) {
          failures.push(String(error));
        }
        latencies.push({ at: started, ms: performance.now() - started });
        for (const waiter of waiters.filter((w) => stored >= w.count)) waiter.resolve();
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i));
    await storedAtLeast(80);
    const from = performance.now();
    const body = await apply([
      { unitCode: '02-1-2', mergeIntoCode: '02-1-1' },
      { unitCode: '02-1', newParentCode: '03' },
    ]);
    const until = performance.now();
    const afterCall = stored;
    await storedAtLeast(afterCall + 80);
    running = false;
    await Promise.all(workers);

    expect(body.errors).toBeUndefined();
    expect(body.data.applyReorganisation.userErrors).toEqual([]);
    expect(failures).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect(refusal).toContain('đã sáp nhập vào 02-1-1 (Xã Bốn)');
    await expectCountersEqualRecount(CAMPAIGN);
    const recount = await recountOnTodaysTree();
    for (const code of ['VN', '01', '03', '02-1', '02-1-1'])
      for (const tally of (await board(code)).totals)
        expect({ code, cumulative: tally.cumulative }).toEqual({
          code,
          cumulative: recount.get(`${code}:${tally.scheme}`)?.cumulative ?? 0,
        });
    const during = latencies.filter((l) => l.at + l.ms >= from && l.at <= until).map((l) => l.ms);
    const outside = latencies.filter((l) => l.at + l.ms < from || l.at > until).map((l) => l.ms);
    console.info(
      `reorganisation: ${(until - from).toFixed(0)} ms; submissions during it: ${during.length}, longest ${Math.max(...during).toFixed(0)} ms; outside it: ${outside.length}, longest ${Math.max(...outside).toFixed(0)} ms`,
    );
  });
});

// Last: it leaves a change dated tomorrow, before which no other may take effect.
describe('a change dated tomorrow', () => {
  it('takes a change dated tomorrow: today’s submissions count on today’s tree and carry into tomorrow’s', async () => {
    const tomorrow = vnDay.addDays(TODAY, 1);
    const body = await apply([{ unitCode: '01-1-1', newParentCode: '03' }], tomorrow);
    expect(body.data.applyReorganisation.userErrors).toEqual([]);
    const province = await board('01');
    const after = await board('03', tomorrow);
    const sent = await submit('01-1-1', TODAY);
    expect(sent.userErrors).toEqual([]);
    const tally = (shown: Board) => shown.totals.find((t) => t.scheme === sent.enrolment?.scheme) as Tally;
    expect(tally(await board('01')).today).toBe(tally(province).today + 1);
    expect(tally(await board('03', tomorrow)).cumulative).toBe(tally(after).cumulative + 1);
    const codes = async (code: string, date: string) =>
      (await board(code, date)).rows.map((row) => row.unit.code);
    expect(await codes('01', TODAY)).toContain('01-1-1');
    expect(await codes('01', tomorrow)).not.toContain('01-1-1');
    expect(await codes('03', tomorrow)).toContain('01-1-1');
    await expectCountersEqualRecount(CAMPAIGN);
  });
});
