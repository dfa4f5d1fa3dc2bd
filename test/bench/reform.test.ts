import type { Scheme } from '@toandan/db/client';
import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from '../fixtures/app.ts';
import { expectCountersEqualRecount } from '../fixtures/counters.ts';
import { citizenIdOf } from '../fixtures/enrolments.ts';

// The 2025 reform's shape on a generated country (issue 19, "Tests"): provinces merged in pairs
// into new ones, the district level dissolved, its communes merged in pairs and moved up to the
// new provinces, in one call. PostgreSQL pass only, at a small size by default
// (REFORM_PROVINCES, REFORM_DISTRICTS, REFORM_COMMUNES, REFORM_ENROLMENTS per commune and day):
// the reform's own 63 provinces and 10,000 communes take REFORM_PROVINCES=64 REFORM_DISTRICTS=11
// REFORM_COMMUNES=14.
const onPostgres = Boolean(process.env.DATABASE_URL);
const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PROVINCES = size('REFORM_PROVINCES', 6);
const DISTRICTS = size('REFORM_DISTRICTS', 3);
const COMMUNES = size('REFORM_COMMUNES', 4);
const PER_DAY = size('REFORM_ENROLMENTS', 3);
const CAMPAIGN = 'reform-bench';
const SCHEMES: Scheme[] = ['VOLUNTARY_SI', 'HOUSEHOLD_HI'];
const TODAY = vnDay.today();
const DAYS = [-4, -3, -2, -1, 0].map((n) => vnDay.addDays(TODAY, n));

const p = (i: number) => `P${String(i).padStart(2, '0')}`;
const d = (i: number, j: number) => `${p(i)}-${j}`;
const c = (i: number, j: number, k: number) => `${d(i, j)}-${k}`;
const np = (i: number) => `N${String(Math.ceil(i / 2)).padStart(2, '0')}`;

describe.runIf(onPostgres)('the reform on a generated country', () => {
  let app: App;
  let graphql: GraphQLCall;
  let db: typeof import('@toandan/db/db').db;
  const BOARD = `query ($unitCode: String!, $date: Date) {
    board(campaignId: "${CAMPAIGN}", unitCode: $unitCode, date: $date) {
      totals { scheme today cumulative target } rows { unit { code } tallies { scheme target } }
    }
  }`;
  const board = async (unitCode: string, date = TODAY) =>
    (await graphql(BOARD, { unitCode, date })).body.data.board;

  beforeAll(async () => {
    ({ app, graphql } = await startApp());
    ({ db } = await import('@toandan/db/db'));
    const started = performance.now();
    await db.$executeRawUnsafe(
      `INSERT INTO "Unit" (code, name, kind, "ancestorIds", depth) VALUES ('VN', 'Việt Nam', 'NATION', '{}', 0)`,
    );
    const level = (sql: string) => db.$executeRawUnsafe(sql);
    await level(`INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
      SELECT 'P' || lpad(i::text, 2, '0'), 'Tỉnh ' || i, 'PROVINCE', v.id, ARRAY[v.id], 1, true
      FROM generate_series(1, ${PROVINCES}) i, (SELECT id FROM "Unit" WHERE code = 'VN') v`);
    await level(`INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
      SELECT u.code || '-' || j, 'Huyện ' || u.code || '-' || j, 'DISTRICT', u.id, u."ancestorIds" || u.id, 2, true
      FROM "Unit" u, generate_series(1, ${DISTRICTS}) j WHERE u.depth = 1`);
    await level(`INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
      SELECT u.code || '-' || k, 'Xã ' || u.code || '-' || k, 'COMMUNE', u.id, u."ancestorIds" || u.id, 3, true
      FROM "Unit" u, generate_series(1, ${COMMUNES}) k WHERE u.depth = 2`);
    // The new provinces, added beforehand and placed from the reform's day.
    await level(`INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated, "placedOn")
      SELECT 'N' || lpad(i::text, 2, '0'), 'Tỉnh mới ' || i, 'PROVINCE', v.id, ARRAY[v.id], 1, true, '${TODAY}'::date
      FROM generate_series(1, ${Math.ceil(PROVINCES / 2)}) i, (SELECT id FROM "Unit" WHERE code = 'VN') v`);
    const nation = await db.unit.findUniqueOrThrow({ where: { code: 'VN' } });
    await db.campaign.create({
      data: {
        id: CAMPAIGN,
        name: 'Đợt ra quân (sắp xếp)',
        kind: 'DRIVE',
        startsOn: vnDay.toDateColumn(vnDay.addDays(TODAY, -10)),
        endsOn: vnDay.toDateColumn(vnDay.addDays(TODAY, 20)),
        schemes: SCHEMES,
        unitId: nation.id,
      },
    });
    // Targets that add up at every level: 100 a commune and scheme.
    await level(`INSERT INTO "Target" ("campaignId", "unitId", scheme, target)
      SELECT '${CAMPAIGN}', u.id, s::"Scheme", 100 * CASE u.depth WHEN 3 THEN 1 WHEN 2 THEN ${COMMUNES}
        WHEN 1 THEN ${COMMUNES * DISTRICTS} ELSE ${COMMUNES * DISTRICTS * PROVINCES} END
      FROM "Unit" u, unnest(ARRAY['VOLUNTARY_SI', 'HOUSEHOLD_HI']) s WHERE u.code NOT LIKE 'N%'`);
    // Enrolments at every commune on each day, written straight and counted by a recount.
    await level(`INSERT INTO "Enrolment" (id, "campaignId", "unitId", scheme, "citizenIdSealed", "fullNameSealed",
        "enrolledAt", day, "idempotencyKey", "requestDigest", "personKey", "coverageFrom", "coverageUntil")
      SELECT gen_random_uuid()::text, '${CAMPAIGN}', u.id, (ARRAY['VOLUNTARY_SI', 'HOUSEHOLD_HI'])[1 + n % 2]::"Scheme",
        'bench', 'bench', (day::text || 'T09:00:00+07:00')::timestamptz, day::date,
        'bench-' || u.id || '-' || day || '-' || n, 'bench', 'bench-' || u.id || '-' || day || '-' || n,
        day::date, (day::date + interval '12 months' - interval '1 day')::date
      FROM "Unit" u, unnest(ARRAY[${DAYS.map((day) => `'${day}'`).join(', ')}]) day, generate_series(1, ${PER_DAY}) n
      WHERE u.depth = 3`);
    const { rebuildCounters, rebuildCoverEnds } = await import('@toandan/db/counters');
    await rebuildCounters(db, CAMPAIGN);
    // The covers' ends (the boards' due and lapsed), which the reform moves too.
    await rebuildCoverEnds(db);
    console.info(`reform bench: built the country in ${(performance.now() - started).toFixed(0)} ms`);
  });
  afterAll(() => app?.stop());

  it('keeps every total, re-bases the targets, and leaves the days before on their tree', async () => {
    const past = DAYS[0] as string;
    const nationBefore = await Promise.all(DAYS.map((day) => board('VN', day)));
    const provincesBefore = new Map<
      string,
      { scheme: Scheme; cumulative: number; today: number; target: number }[]
    >();
    for (let i = 1; i <= PROVINCES; i++) provincesBefore.set(p(i), (await board(p(i))).totals);
    const rows: Record<string, unknown>[] = [];
    for (let i = 1; i <= PROVINCES; i++) {
      rows.push({ unitCode: p(i), mergeIntoCode: np(i) });
      for (let j = 1; j <= DISTRICTS; j++) {
        rows.push({ unitCode: d(i, j), dissolve: true });
        for (let k = 1; k <= COMMUNES; k++)
          rows.push(
            k % 2 === 1
              ? { unitCode: c(i, j, k), newParentCode: np(i) }
              : { unitCode: c(i, j, k), mergeIntoCode: c(i, j, k - 1) },
          );
      }
    }

    // Submissions run beside it: their latency without the reform, then during it.
    const { submitEnrolment } = await import('@toandan/server/enrolments/submitEnrolment');
    let person = 0;
    const latencies: { at: number; ms: number }[] = [];
    let running = true;
    const refusals: string[] = [];
    const worker = async () => {
      while (running) {
        const n = ++person;
        const started = performance.now();
        const result = await submitEnrolment(
          {
            campaignId: CAMPAIGN,
            unitCode: c(1 + (n % PROVINCES), 1, 1 + (n % COMMUNES)),
            scheme: SCHEMES[n % 2] as Scheme,
            citizenId: citizenIdOf(n),
            fullName: 'Đỗ Thị Hằng',
            idempotencyKey: `reform-bench-${n}`,
          },
          { actor: { auth: null, client: 'reform bench' } },
        );
        latencies.push({ at: started, ms: performance.now() - started });
        if (result.userErrors.length > 0) refusals.push(String(result.userErrors[0]?.message.vi));
      }
    };
    const quantile = (values: number[], q: number) =>
      [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
    const workers = Array.from({ length: 4 }, worker);
    while (latencies.length < 200) await new Promise((resolve) => setImmediate(resolve));
    const from = performance.now();
    const { body } = await graphql(
      `mutation ($rows: [ReorganisationInput!]!) { applyReorganisation(effectiveOn: "${TODAY}", rows: $rows) { applied userErrors { field message } } }`,
      { rows },
    );
    const until = performance.now();
    const wall = until - from;
    running = false;
    await Promise.all(workers);
    const calm = latencies.filter((l) => l.at + l.ms < from).map((l) => l.ms);
    const during = latencies.filter((l) => l.at + l.ms >= from && l.at <= until).map((l) => l.ms);
    expect(body.errors).toBeUndefined();
    expect(body.data.applyReorganisation).toEqual({ applied: rows.length, userErrors: [] });
    console.info(
      `reform bench: ${rows.length} rows over ${PROVINCES * DISTRICTS * COMMUNES * DAYS.length * PER_DAY} enrolments in ${wall.toFixed(0)} ms; submissions p50/p99 ${quantile(calm, 0.5).toFixed(1)}/${quantile(calm, 0.99).toFixed(1)} ms without it (${calm.length}), ${quantile(during, 0.5).toFixed(1)}/${quantile(during, 0.99).toFixed(1)} ms during it (${during.length}, longest ${Math.max(...during).toFixed(0)} ms)`,
    );
    for (const refusal of refusals) expect(refusal).toContain('đã sáp nhập vào');

    // The nation's days: the same on every day (the submissions since added to today's).
    for (const [index, day] of DAYS.entries()) {
      const shown = await board('VN', day);
      if (day === TODAY) continue;
      expect(shown.totals).toEqual(nationBefore[index]?.totals);
    }
    // Each new province holds the two it replaced, history and target.
    const recount = await db.$queryRawUnsafe<{ code: string; scheme: Scheme; n: number }[]>(
      `SELECT a.code, e.scheme::text AS scheme, count(*)::int AS n FROM "Enrolment" e JOIN "Unit" u ON u.id = e."unitId"
       JOIN "Unit" a ON a.id = ANY(u."ancestorIds" || u.id) WHERE e."campaignId" = $1 AND a.code LIKE 'N%' GROUP BY 1, 2`,
      CAMPAIGN,
    );
    for (let i = 1; i <= PROVINCES; i += 2) {
      const merged = [p(i), ...(i + 1 <= PROVINCES ? [p(i + 1)] : [])];
      const shown = await board(np(i));
      for (const tally of shown.totals) {
        const parts = merged.map((code) => provincesBefore.get(code)?.find((t) => t.scheme === tally.scheme));
        expect(tally.target).toBe(parts.reduce((sum, part) => sum + (part?.target ?? 0), 0));
        expect(tally.cumulative).toBe(
          recount.find((r) => r.code === np(i) && r.scheme === tally.scheme)?.n ?? 0,
        );
      }
      // Its communes' targets add up to its own.
      for (const scheme of SCHEMES)
        expect(
          shown.rows.reduce(
            (sum: number, row: { tallies: { scheme: Scheme; target: number }[] }) =>
              sum + (row.tallies.find((t) => t.scheme === scheme)?.target ?? 0),
            0,
          ),
        ).toBe(shown.totals.find((t: { scheme: Scheme }) => t.scheme === scheme)?.target);
    }
    // A board of a day before: the old provinces, the new ones absent.
    const old = await board('VN', past);
    expect(old.rows.map((row: { unit: { code: string } }) => row.unit.code).sort()).toEqual(
      Array.from({ length: PROVINCES }, (_, i) => p(i + 1)).sort(),
    );
    await expectCountersEqualRecount(CAMPAIGN);
  });
});
