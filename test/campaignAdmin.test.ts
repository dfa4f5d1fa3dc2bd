import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { enrolmentInput } from './fixtures/enrolments.ts';

let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let counters: typeof import('@toandan/db/counters');

beforeAll(async () => {
  ({ app, graphql } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  counters = await import('@toandan/db/counters');
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  await loadSmallTree();
});
afterAll(() => app.stop());

async function mutate(query: string, variables: Record<string, unknown>) {
  const { status, body } = await graphql(query, variables);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data)[0] as {
    userErrors: { field: string[]; code: string; message: string }[];
  } & Record<string, unknown>;
}

const SET_TARGETS = `mutation ($rows: [TargetRowInput!]!) {
  setTargets(campaignId: "test-campaign", rows: $rows) { applied userErrors { field code message } }
}`;
const SET_GOALS = `mutation ($rows: [DailyGoalRowInput!]!) {
  setDailyGoals(campaignId: "test-campaign", rows: $rows) { applied userErrors { field code message } }
}`;
const BOARD = `query ($unitCode: String!, $date: Date = "2026-05-10") {
  board(campaignId: "test-campaign", unitCode: $unitCode, date: $date) {
    totals { scheme today cumulative target dailyGoal dailyGoalIsExplicit }
    rows { unit { code } tallies { scheme target cumulative } }
  }
}`;
const board = async (unitCode: string, date?: string) =>
  (await graphql(BOARD, { unitCode, ...(date ? { date } : {}) })).body.data.board;

// People of this file's own, apart from those the fixture's submitEnrolments numbers from 0.
let person = 500_000;
async function submit(unitCode: string, enrolledAt = '2026-05-10T09:00:00+07:00') {
  const { submitEnrolment } = await import('@toandan/server/enrolments/submitEnrolment');
  return submitEnrolment(
    enrolmentInput({ unitCode, scheme: 'VOLUNTARY_SI', person: ++person, enrolledAt: new Date(enrolledAt) }),
    { actor: { auth: null, client: 'test' } },
  );
}

describe('campaigns', () => {
  const CREATE = `mutation ($input: CampaignInput!) {
    createCampaign(input: $input) { campaign { id name startsOn endsOn schemes unit { code } } userErrors { field code message } }
  }`;

  it('creates a campaign with a readable id, scoped to a unit', async () => {
    const result = await mutate(CREATE, {
      input: {
        id: 'ra-quan-2027-05',
        name: '  Đợt ra quân   tháng 5/2027 ',
        kind: 'DRIVE',
        startsOn: '2027-05-01',
        endsOn: '2027-05-20',
        schemes: ['HOUSEHOLD_HI'],
        unitCode: '38',
      },
    });
    expect(result).toEqual({
      campaign: {
        id: 'ra-quan-2027-05',
        name: 'Đợt ra quân tháng 5/2027',
        startsOn: '2027-05-01',
        endsOn: '2027-05-20',
        schemes: ['HOUSEHOLD_HI'],
        unit: { code: '38' },
      },
      userErrors: [],
    });
  });

  it('refuses a campaign that is missing fields, ends before it starts, or takes an id in use', async () => {
    const missing = await mutate(CREATE, { input: { name: 'Thiếu' } });
    expect(missing.userErrors.map((e) => e.field[1])).toEqual(['kind', 'startsOn', 'endsOn', 'schemes']);
    const wrong = await mutate(CREATE, {
      input: {
        id: 'test-campaign',
        name: 'X',
        kind: 'DRIVE',
        startsOn: '2027-05-02',
        endsOn: '2027-05-01',
        schemes: ['VOLUNTARY_SI', 'VOLUNTARY_SI'],
      },
    });
    expect(wrong.userErrors.map((e) => e.message)).toEqual([
      'Mỗi loại hình chỉ được chọn một lần.',
      'Ngày kết thúc (01/05/2027) ở trước ngày bắt đầu (02/05/2027).',
      'Đã có chiến dịch mang mã "test-campaign".',
    ]);
    expect(await db.campaign.count()).toBe(2);
  });

  it('refuses to shorten a campaign or drop a scheme under counted enrolments', async () => {
    expect((await submit('386-01', '2026-05-30T09:00:00+07:00')).userErrors).toEqual([]);
    const UPDATE = `mutation ($input: CampaignInput!) {
      updateCampaign(id: "test-campaign", input: $input) { campaign { endsOn schemes } userErrors { field code message } }
    }`;
    const shorter = await mutate(UPDATE, { input: { endsOn: '2026-05-25' } });
    expect(shorter.userErrors).toEqual([
      {
        field: ['input', 'startsOn'],
        code: 'INVALID',
        message: '1 hồ sơ đã ghi nhận nằm ngoài khoảng từ 01/05/2026 đến 25/05/2026.',
      },
    ]);
    const dropped = await mutate(UPDATE, { input: { schemes: ['HOUSEHOLD_HI'] } });
    expect(dropped.userErrors[0]?.message).toBe('1 hồ sơ đã ghi nhận thuộc loại hình mà thay đổi này bỏ đi.');
    const renamed = await mutate(UPDATE, { input: { name: 'Tháng vận động (đã sửa)' } });
    expect(renamed).toEqual({
      campaign: { endsOn: '2026-05-31', schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'] },
      userErrors: [],
    });
  });
});

describe('setTargets', () => {
  it('applies nothing when one row is wrong, and names every wrong row', async () => {
    const result = await mutate(SET_TARGETS, {
      rows: [
        { unitCode: '386', scheme: 'VOLUNTARY_SI', target: 120 },
        { unitCode: '390', scheme: 'VOLUNTARY_SI', target: -5 },
        { unitCode: 'XYZ', scheme: 'STUDENT_HI', target: 10 },
        { unitCode: '386', scheme: 'VOLUNTARY_SI', target: 130 },
      ],
    });
    expect(result.applied).toBe(0);
    expect(result.userErrors).toEqual([
      {
        field: ['rows', '1', 'number'],
        code: 'INVALID',
        message: 'Chỉ tiêu kế hoạch giao phải là số nguyên từ 0 đến 10.000.000.',
      },
      { field: ['rows', '2', 'unitCode'], code: 'NOT_FOUND', message: 'Không có đơn vị nào mang mã "XYZ".' },
      {
        field: ['rows', '2', 'scheme'],
        code: 'INVALID',
        message: 'Chiến dịch không triển khai BHYT học sinh, sinh viên.',
      },
      {
        field: ['rows', '3', 'unitCode'],
        code: 'INVALID',
        message: 'Dòng 1 và dòng 4 cùng đặt cho một đơn vị, một loại hình.',
      },
    ]);
    expect(await db.target.count()).toBe(0);
  });

  it('applies a good list in full, and the board shows it', async () => {
    const rows = [
      { unitCode: '38', scheme: 'VOLUNTARY_SI', target: 300 },
      { unitCode: '386', scheme: 'VOLUNTARY_SI', target: 120 },
      { unitCode: '390', scheme: 'VOLUNTARY_SI', target: 90 },
      { unitCode: '405', scheme: 'VOLUNTARY_SI', target: 90 },
    ];
    expect(await mutate(SET_TARGETS, { rows })).toEqual({ applied: 4, userErrors: [] });
    const result = await board('38');
    expect(result.totals[0].target).toBe(300);
    expect(result.rows.map((row: { tallies: { target: number }[] }) => row.tallies[0]?.target)).toEqual([
      120, 90, 90,
    ]);
    // Setting again replaces.
    await mutate(SET_TARGETS, { rows: [{ unitCode: '38', scheme: 'VOLUNTARY_SI', target: 310 }] });
    expect((await board('38')).totals[0].target).toBe(310);
  });

  it('refuses a list over 5,000 rows before reading it', async () => {
    const rows = Array.from({ length: 5001 }, () => ({ unitCode: '38', scheme: 'VOLUNTARY_SI', target: 1 }));
    const { body } = await graphql(SET_TARGETS, { rows });
    expect(body.errors?.[0]?.extensions?.code).toBe('BATCH_TOO_LARGE');
  });
});

describe('setDailyGoals', () => {
  it('sets an explicit goal for a day, refuses days outside the campaign, and removes it again', async () => {
    const outside = await mutate(SET_GOALS, {
      rows: [
        { unitCode: '38', scheme: 'VOLUNTARY_SI', day: '2026-05-10', goal: 40 },
        { unitCode: '38', scheme: 'VOLUNTARY_SI', day: '2026-06-01', goal: 40 },
      ],
    });
    expect(outside).toEqual({
      applied: 0,
      userErrors: [
        {
          field: ['rows', '1', 'day'],
          code: 'INVALID',
          message: 'Ngày 01/06/2026 nằm ngoài thời gian của chiến dịch, từ 01/05/2026 đến 31/05/2026.',
        },
      ],
    });
    const derived = (await board('38')).totals[0];
    expect(derived.dailyGoalIsExplicit).toBe(false);

    await mutate(SET_GOALS, {
      rows: [{ unitCode: '38', scheme: 'VOLUNTARY_SI', day: '2026-05-10', goal: 40 }],
    });
    expect((await board('38')).totals[0]).toMatchObject({ dailyGoal: 40, dailyGoalIsExplicit: true });

    await mutate(SET_GOALS, {
      rows: [{ unitCode: '38', scheme: 'VOLUNTARY_SI', day: '2026-05-10', goal: null }],
    });
    expect((await board('38')).totals[0]).toMatchObject({
      dailyGoal: derived.dailyGoal,
      dailyGoalIsExplicit: false,
    });
  });
});

describe('units', () => {
  const ADD = `mutation ($input: AddUnitInput!) { addUnit(input: $input) { unit { code name parent { code } } userErrors { field code message } } }`;
  const MERGE = `mutation ($input: MergeUnitInput!) { mergeUnit(input: $input) { unit { code } userErrors { field code message } } }`;

  it('adds a unit under its parent, and refuses a taken code or an unknown parent', async () => {
    const added = await mutate(ADD, {
      input: { code: '386-02', name: 'Điền Lư', kind: 'COMMUNE', parentCode: '386' },
    });
    expect(added).toEqual({
      unit: { code: '386-02', name: 'Điền Lư', parent: { code: '386' } },
      userErrors: [],
    });
    const again = await mutate(ADD, {
      input: { code: '386-02', name: 'Điền Lư', kind: 'COMMUNE', parentCode: 'nowhere' },
    });
    expect(again.userErrors.map((e) => e.code)).toEqual(['INVALID', 'NOT_FOUND']);
    expect((await db.unit.findUniqueOrThrow({ where: { code: '386-02' } })).depth).toBe(3);
  });

  it('merges a commune into its neighbour: history rolls up, boards stop listing it, counters equal a recount', async () => {
    expect((await submit('386-02')).userErrors).toEqual([]);
    expect((await submit('386-02')).userErrors).toEqual([]);
    const before = await board('386-01');
    const beforeMerge = await board('386-01', '2026-05-15');
    const districtBefore = await board('386');
    const merged = await mutate(MERGE, {
      input: { code: '386-02', intoCode: '386-01', effectiveOn: '2026-05-15' },
    });
    expect(merged).toEqual({ unit: { code: '386-01' }, userErrors: [] });
    // From the merge day the successor carries the merged commune's history; a board of a day
    // before shows that day's tree (API.md, "Reorganisation").
    const after = await board('386-01', '2026-05-15');
    expect(after.totals[0].cumulative).toBe(beforeMerge.totals[0].cumulative + 2);
    expect((await board('386-01')).totals).toEqual(before.totals);
    expect(await board('386')).toEqual(districtBefore);
    const district = await board('386', '2026-05-15');
    expect(district.rows.map((row: { unit: { code: string } }) => row.unit.code)).toEqual(['386-01']);

    const kept = await counters.readCounters(db, 'test-campaign');
    await counters.rebuildCounters(db, 'test-campaign');
    expect(await counters.readCounters(db, 'test-campaign')).toEqual(kept);

    // Before the merge day it still takes submissions (counted for its successor); from it, not.
    expect((await submit('386-02', '2026-05-14T09:00:00+07:00')).userErrors).toEqual([]);
    // submitEnrolment itself, without a request: the message in both languages.
    expect((await submit('386-02', '2026-05-15T09:00:00+07:00')).userErrors[0]?.message).toEqual({
      vi: 'Đơn vị 386-02 (Điền Lư) đã sáp nhập vào 386-01 (Cành Nàng) từ ngày 15/05/2026: hãy kê khai cho 386-01.',
      en: 'Unit 386-02 (Điền Lư) was merged into 386-01 (Cành Nàng) on 2026-05-15; submit to 386-01.',
    });
  });

  it('merges a district into another: its communes move under the successor and count there', async () => {
    const camThuyBefore = await board('390', '2026-05-20');
    const baThuocBefore = await board('386', '2026-05-20');
    const merged = await mutate(MERGE, {
      input: { code: '386', intoCode: '390', effectiveOn: '2026-05-20' },
    });
    expect(merged.userErrors).toEqual([]);
    const commune = await db.unit.findUniqueOrThrow({ where: { code: '386-01' } });
    const camThuy = await db.unit.findUniqueOrThrow({ where: { code: '390' } });
    expect(commune.parentId).toBe(camThuy.id);
    expect(commune.ancestorIds).toEqual([...camThuy.ancestorIds, camThuy.id]);
    const camThuyAfter = await board('390', '2026-05-20');
    expect(camThuyAfter.totals[0].cumulative).toBe(
      camThuyBefore.totals[0].cumulative + baThuocBefore.totals[0].cumulative,
    );
    expect(camThuyAfter.rows.map((row: { unit: { code: string } }) => row.unit.code)).toEqual(['386-01']);
    expect(
      (await board('38', '2026-05-20')).rows.map((row: { unit: { code: string } }) => row.unit.code),
    ).toEqual(['390', '405']);
    // The province's totals did not change: the history moved inside it. A late sync of a day
    // before counts on that day's tree, and in the successor from the merge day.
    expect((await submit('386-01')).userErrors).toEqual([]);
    expect((await board('390', '2026-05-20')).totals[0].cumulative).toBe(
      camThuyAfter.totals[0].cumulative + 1,
    );
    expect((await submit('386-01', '2026-05-21T09:00:00+07:00')).userErrors).toEqual([]);
    expect((await board('390', '2026-05-21')).totals[0].today).toBe(1);
  });

  it('refuses to merge a unit into itself, into its own subtree, or twice', async () => {
    const self = await mutate(MERGE, { input: { code: '405', intoCode: '405', effectiveOn: '2026-05-20' } });
    expect(self.userErrors[0]?.message).toBe('Không sáp nhập được đơn vị 405 vào chính nó.');
    const inside = await mutate(MERGE, { input: { code: '38', intoCode: '405', effectiveOn: '2026-05-20' } });
    expect(inside.userErrors[0]?.message).toBe('Không sáp nhập được 38 vào 405: 405 nằm trong 38.');
    const twice = await mutate(MERGE, { input: { code: '386', intoCode: '405', effectiveOn: '2026-05-20' } });
    expect(twice.userErrors[0]?.message).toBe('Đơn vị 386 đã được sáp nhập từ trước.');
  });
});
