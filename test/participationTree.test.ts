import type { App } from '@toandan/server/app';
import type { ParticipationFigureData } from '@toandan/server/participation/loadParticipation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { importBriefing, type ParticipationAnswer, participationOf } from './fixtures/briefing.ts';
import { submitThrough, validSubmission } from './fixtures/submissions.ts';

// The briefing report on the tree as it stood (API.md, "Reorganisation": Unit.children(asOf)),
// live: what this system counts after an import moves the figure, and at a constant cost. The
// smallTree fixture's Thanh Hóa: Đông Sơn (405), Bá Thước (386, with Cành Nàng 386-01) and Cẩm
// Thủy (390), and the May 2026 campaign; BHXH's figures of 30 April.
let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let onQuery: typeof import('@toandan/db/db').onQuery;

const IMPORTED_ON = '2026-04-30';
const IMPORTS = {
  '38': { VOLUNTARY_SI: 3_000, HOUSEHOLD_HI: 9_000 },
  '405': { VOLUNTARY_SI: 1_000, HOUSEHOLD_HI: 3_000 },
  '386': { VOLUNTARY_SI: 1_200, HOUSEHOLD_HI: 2_500 },
  '390': { VOLUNTARY_SI: 800, HOUSEHOLD_HI: 3_500 },
} as const;

let person = 700_000;
const submit = async (unitCode: string, day: string, scheme = 'VOLUNTARY_SI') => {
  const answer = await submitThrough(
    graphql,
    validSubmission(++person, { unitCode, scheme, enrolledAt: `${day}T09:00:00+07:00` }),
  );
  expect(answer.userErrors).toEqual([]);
};
const mutate = async (query: string, input: Record<string, unknown>) => {
  const { body } = await graphql(query, { input });
  expect(body.errors).toBeUndefined();
  expect((Object.values(body.data)[0] as { userErrors: unknown[] }).userErrors).toEqual([]);
};

beforeAll(async () => {
  ({ app, graphql } = await startAppOnSmallTree());
  ({ db, onQuery } = await import('@toandan/db/db'));
  await mutate(`mutation ($input: AddUnitInput!) { addUnit(input: $input) { userErrors { message } } }`, {
    code: '386-02',
    name: 'Điền Lư',
    kind: 'COMMUNE',
    parentCode: '386',
  });
  await importBriefing(graphql, {
    populations: [],
    plans: [
      {
        year: 2026,
        rows: Object.entries(IMPORTS).flatMap(([unitCode, figures]) =>
          Object.entries(figures).map(([indicator, participants]) => ({
            unitCode,
            indicator,
            planned: participants + 100,
            coverageTargetPercent: null,
          })),
        ) as never,
      },
    ],
    counts: [
      {
        asOf: IMPORTED_ON,
        rows: Object.entries(IMPORTS).flatMap(([unitCode, figures]) =>
          Object.entries(figures).map(([indicator, participants]) => ({ unitCode, indicator, participants })),
        ) as never,
      },
    ],
  });
});
afterAll(() => app.stop());

type Report = ParticipationAnswer;
const report = (unitCode: string, asOf: string) => participationOf(graphql, unitCode, asOf);
const participants = (figures: ParticipationFigureData[], indicator: string) =>
  figures.find((figure) => figure.indicator === indicator)?.participants;
const row = (r: Report, code: string) =>
  r.rows.find((candidate) => candidate.unit.code === code)?.figures ?? [];

describe('live: what this system counts after the last import', () => {
  it('moves the report’s figure by one for each enrolment after the import’s day, and not for one on it', async () => {
    const before = await report('38', '2026-05-31');
    expect(participants(before.totals, 'VOLUNTARY_SI')).toBe(3_000);
    expect(participants(before.totals, 'HEALTH')).toBeUndefined();

    await submit('386-01', '2026-05-10');
    const after = await report('38', '2026-05-31');
    expect(participants(after.totals, 'VOLUNTARY_SI')).toBe(3_001);
    expect(participants(row(after, '386'), 'VOLUNTARY_SI')).toBe(1_201);
    expect(participants(row(after, '405'), 'VOLUNTARY_SI')).toBe(1_000);
    expect(after.totals.find((f) => f.indicator === 'VOLUNTARY_SI')?.importedOn).toBe(IMPORTED_ON);
    // A report of a day before the enrolment does not count it.
    expect(participants((await report('38', '2026-05-09')).totals, 'VOLUNTARY_SI')).toBe(3_000);

    // Household HI counts for its own indicator; HEALTH (BHYT) was not imported, so it has no figure.
    await submit('390', '2026-05-11', 'HOUSEHOLD_HI');
    const health = await report('38', '2026-05-31');
    expect(participants(health.totals, 'HOUSEHOLD_HI')).toBe(9_001);
    expect(participants(row(health, '390'), 'HOUSEHOLD_HI')).toBe(3_501);
  });

  it('counts nothing twice: an import of a later day takes in what was counted before it', async () => {
    await importBriefing(graphql, {
      populations: [],
      plans: [],
      counts: [
        { asOf: '2026-05-15', rows: [{ unitCode: '38', indicator: 'VOLUNTARY_SI', participants: 3_050 }] },
      ],
    });
    const r = await report('38', '2026-05-31');
    expect(r.totals.find((f) => f.indicator === 'VOLUNTARY_SI')).toMatchObject({
      participants: 3_050,
      importedOn: '2026-05-15',
      changeSinceLastMonth: 50,
    });
    await submit('386-01', '2026-05-16');
    expect(participants((await report('38', '2026-05-31')).totals, 'VOLUNTARY_SI')).toBe(3_051);
  });
});

describe('the tree as it stood: before and after a merge', () => {
  const CHILDREN = `query ($code: String!, $asOf: Date) {
    unit(code: $code) { mergedInto { code } mergedOn children(asOf: $asOf) { code } }
  }`;
  const children = async (code: string, asOf?: string) => {
    const { body } = await graphql(CHILDREN, { code, asOf });
    expect(body.errors).toBeUndefined();
    return body.data.unit;
  };

  it('keeps a merged district, its figures and its communes on the days before the merge', async () => {
    await submit('386-02', '2026-05-12');
    const beforeMerge = await report('38', '2026-05-19');
    const baThuoc = row(beforeMerge, '386');
    expect(participants(baThuoc, 'VOLUNTARY_SI')).toBe(1_200 + 3);

    await mutate(
      `mutation ($input: MergeUnitInput!) { mergeUnit(input: $input) { userErrors { message } } }`,
      { code: '386', intoCode: '390', effectiveOn: '2026-05-20' },
    );

    // The past is as it was: the same rows, and Bá Thước's figures its own.
    expect(await report('38', '2026-05-19')).toEqual(beforeMerge);
    expect((await children('38', '2026-05-19')).children.map((u: { code: string }) => u.code)).toEqual([
      '386',
      '390',
      '405',
    ]);
    expect(await children('386', '2026-05-19')).toEqual({
      mergedInto: { code: '390' },
      mergedOn: '2026-05-20',
      children: [{ code: '386-01' }, { code: '386-02' }],
    });
    expect((await children('390', '2026-05-19')).children).toEqual([]);
    const baThuocReport = await report('386', '2026-05-19');
    expect(baThuocReport.rows.map((r) => r.unit.code)).toEqual(['386-01', '386-02']);
    expect(participants(row(baThuocReport, '386-01'), 'VOLUNTARY_SI')).toBe(2);
  });

  it('lists the successor alone from the merge day, with the merged district’s figures taken over', async () => {
    expect((await children('38', '2026-05-20')).children.map((u: { code: string }) => u.code)).toEqual([
      '390',
      '405',
    ]);
    expect((await children('38')).children.map((u: { code: string }) => u.code)).toEqual(['390', '405']);
    expect((await children('390', '2026-05-20')).children).toEqual([{ code: '386-01' }, { code: '386-02' }]);

    const afterMerge = await report('38', '2026-05-25');
    expect(afterMerge.rows.map((r) => r.unit.code)).toEqual(['390', '405']);
    // Cẩm Thủy's own figure of 30 April, and Bá Thước's of the day before the merge.
    expect(participants(row(afterMerge, '390'), 'VOLUNTARY_SI')).toBe(800 + 1_203);
    expect(participants(afterMerge.totals, 'VOLUNTARY_SI')).toBe(3_050 + 1);

    // An enrolment in a commune that moved counts for the successor from the merge day.
    await submit('386-01', '2026-05-21');
    const later = await report('38', '2026-05-25');
    expect(participants(row(later, '390'), 'VOLUNTARY_SI')).toBe(800 + 1_203 + 1);
    expect(participants(row(await report('38', '2026-05-19'), '386'), 'VOLUNTARY_SI')).toBe(1_203);
  });
});

describe('the tree’s history holds moves and dissolutions too', () => {
  // The reorganisation will write these; here they are written as it will, to show that the
  // history answers for any sequence of changes: commune X moves from district A to B on 10
  // June, A is dissolved on 20 June, and X moves up to the province on 25 June.
  it('gives each unit one place on any day, and none once dissolved', async () => {
    const province = await db.unit.findUniqueOrThrow({ where: { code: '38' } });
    const chain = [...province.ancestorIds, province.id];
    const district = (code: string) =>
      db.unit.create({
        data: {
          code,
          name: `Huyện ${code}`,
          kind: 'DISTRICT',
          parentId: province.id,
          ancestorIds: chain,
          depth: 2,
        },
      });
    const [a, b] = [await district('HA'), await district('HB')];
    const x = await db.unit.create({
      data: {
        code: 'HX',
        name: 'Xã HX',
        kind: 'COMMUNE',
        parentId: a.id,
        ancestorIds: [...chain, a.id],
        depth: 3,
      },
    });
    const day = (value: string) => new Date(`${value}T00:00:00Z`);
    await db.unitPlacement.createMany({
      data: [
        {
          unitId: x.id,
          parentId: a.id,
          ancestorIds: [...chain, a.id],
          fromDay: null,
          untilDay: day('2026-06-10'),
        },
        {
          unitId: x.id,
          parentId: b.id,
          ancestorIds: [...chain, b.id],
          untilDay: day('2026-06-25'),
          fromDay: day('2026-06-10'),
        },
        {
          unitId: a.id,
          parentId: province.id,
          ancestorIds: chain,
          fromDay: null,
          untilDay: day('2026-06-20'),
        },
      ],
    });
    await db.unit.update({
      where: { id: x.id },
      data: { parentId: province.id, ancestorIds: chain, depth: 2, placedOn: day('2026-06-25') },
    });
    await db.unit.update({
      where: { id: a.id },
      data: { parentId: null, ancestorIds: [], placedOn: day('2026-06-20') },
    });

    const CHILDREN = `query ($code: String!, $asOf: Date) { unit(code: $code) { children(asOf: $asOf) { code } } }`;
    const codesUnder = async (code: string, asOf: string) => {
      const { body } = await graphql(CHILDREN, { code, asOf });
      return body.data.unit.children
        .map((unit: { code: string }) => unit.code)
        .filter((unit: string) => unit.startsWith('H'));
    };
    const seen: Record<string, string[][]> = {};
    for (const asOf of ['2026-06-01', '2026-06-15', '2026-06-22', '2026-06-30'])
      seen[asOf] = [await codesUnder('38', asOf), await codesUnder('HA', asOf), await codesUnder('HB', asOf)];
    expect(seen).toEqual({
      '2026-06-01': [['HA', 'HB'], ['HX'], []],
      '2026-06-15': [['HA', 'HB'], [], ['HX']],
      '2026-06-22': [['HB'], [], ['HX']],
      '2026-06-30': [['HB', 'HX'], [], []],
    });
  });
});

describe('cost', () => {
  /**
   * The SQL statements one report sends, and whether any of them reads the enrolments. The live
   * boards' own (the submissions' flush, the outbox's claim of rows left behind, every second)
   * and the reloads of revocations and inactive officers (every minute) run beside it and are
   * not the report's.
   */
  async function statementsOf(unitCode: string, asOf: string) {
    const { publishedAll } = await import('@toandan/server/live/boardPublisher');
    expect(await publishedAll()).toBe(true);
    const sent: string[] = [];
    const stop = onQuery((sql) => {
      if (!sql.includes('"LiveOutbox"') && !sql.includes('"RevokedToken"') && !sql.includes('"Officer"'))
        sent.push(sql);
    });
    await report(unitCode, asOf);
    stop();
    return { count: sent.length, readsEnrolments: sent.some((sql) => sql.includes('"Enrolment"')) };
  }

  it('sends the same few statements whatever the tree’s size, none of them reading the enrolments', async () => {
    const small = await statementsOf('38', '2026-05-31');
    const rowsBefore = (await report('38', '2026-05-31')).rows.length;
    const province = await db.unit.findUniqueOrThrow({ where: { code: '38' } });
    const nation = await db.unit.findUniqueOrThrow({ where: { code: 'VN' } });
    // Forty more districts of ten communes each, with figures at both levels.
    for (let d = 0; d < 40; d++) {
      const district = await db.unit.create({
        data: {
          code: `T${d}`,
          name: `Huyện thử ${d}`,
          kind: 'DISTRICT',
          parentId: province.id,
          ancestorIds: [nation.id, province.id],
          depth: 2,
          generated: true,
        },
      });
      await db.unit.createMany({
        data: Array.from({ length: 10 }, (_, c) => ({
          code: `T${d}-${c}`,
          name: `Xã thử ${d}-${c}`,
          kind: 'COMMUNE' as const,
          parentId: district.id,
          ancestorIds: [nation.id, province.id, district.id],
          depth: 3,
          generated: true,
        })),
      });
    }
    await importBriefing(graphql, {
      populations: [],
      plans: [],
      counts: [
        {
          asOf: IMPORTED_ON,
          rows: Array.from({ length: 40 }, (_, d) => [
            { unitCode: `T${d}`, indicator: 'VOLUNTARY_SI' as const, participants: 10 },
            ...Array.from({ length: 10 }, (_, c) => ({
              unitCode: `T${d}-${c}`,
              indicator: 'HOUSEHOLD_HI' as const,
              participants: 1,
            })),
          ]).flat(),
        },
      ],
    });
    const large = await statementsOf('38', '2026-05-31');
    expect((await report('38', '2026-05-31')).rows).toHaveLength(rowsBefore + 40);
    expect(large).toEqual(small);
    expect(small.readsEnrolments).toBe(false);
    expect(await statementsOf('VN', '2026-05-31')).toEqual(small);
  });
});
