/**
 * Board benchmark: a national tree (34 provinces, 3,321 communes, the two-level structure of
 * July 2025) with 1,000,000 enrolments on PostgreSQL; the national and a provincial board,
 * 200 runs each after 20 warm-up runs, through `loadBoard` and through HTTP, against a baseline
 * in the same run: the same numbers computed by scanning the enrolments (20 runs: it is slow).
 * Then a board's ticker (Query.recentEnrolments, the latest 10) for the nation, a province, a
 * commune and a quiet commune that has no enrolment at all, against the same rows read for one
 * unit straight from its index.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench
 *   BENCH_ENROLMENTS=100000 … for a quick run
 *
 * It works in a database of its own, made and dropped here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bearer, commandCenterToken } from '../fixtures/tokens.ts';
import { createBenchDatabase } from './benchDatabase.ts';
import { machine, percentile, round } from './conditions.ts';
import { buildNationalTree, CAMPAIGN } from './nationalTree.ts';

const ENROLMENTS = Number(process.env.BENCH_ENROLMENTS ?? 1_000_000);
const RUNS = 200;
const WARM_UP = 20;
/** The baseline scan takes seconds at a million rows: fewer runs, said in the output. */
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 20);
const DATE = '2026-05-15';
const TICKER_RUNS = Number(process.env.BENCH_TICKER_RUNS ?? 50);

// The statements of a board are counted (prisma/src/db.ts reports them only when asked).
process.env.TOANDAN_COUNT_QUERIES = '1';
const benchDatabase = await createBenchDatabase();

async function time(runs: number, run: () => Promise<unknown>, warmUp = WARM_UP) {
  for (let i = 0; i < warmUp; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

try {
  const { db, database, onQuery } = await import('@toandan/db/db');
  const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
  const { rebuildCounters } = await import('@toandan/db/counters');
  const { loadBoard } = await import('@toandan/server/boards/loadBoard');
  const { recentEnrolments } = await import('@toandan/server/boards/recentEnrolments');
  const { buildApp } = await import('@toandan/server/app');
  await prepareDatabaseOrThrow({ seed: 'never' });

  const loadStarted = performance.now();
  await buildNationalTree(db);
  const BATCH = 100_000;
  for (let start = 0; start < ENROLMENTS; start += BATCH) {
    const end = Math.min(start + BATCH, ENROLMENTS) - 1;
    await db.$executeRawUnsafe(
      `INSERT INTO "Enrolment" (id, "campaignId", "unitId", scheme, "citizenIdSealed", "fullNameSealed", channel, "enrolledAt", day,
         "receivedAt", "idempotencyKey", "requestDigest", "personKey", "citizenKey", "coverageFrom", "coverageUntil")
       SELECT gen_random_uuid()::text, $1, c.ids[1 + (g % c.n)],
              (CASE WHEN g % 2 = 0 THEN 'VOLUNTARY_SI' ELSE 'HOUSEHOLD_HI' END)::"Scheme",
              -- Stand-ins shaped like sealed values ('v1.' …), so that sealing on start leaves them be.
              'v1.bench.' || g, 'v1.bench.' || g, 'FIELD_VISIT',
              d + time '02:00' + (g % 600) * interval '1 minute', d, d + time '02:00' + (g % 600) * interval '1 minute',
              'bench-' || g, 'bench', $1 || ':' || g, 'bench:' || g, d, (d + interval '12 months' - interval '1 day')::date
       FROM generate_series($2::int, $3::int) g
       CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM "Unit" WHERE depth = 2) c
       CROSS JOIN LATERAL (SELECT date '2026-05-01' + ((g / 7) % 31) AS d) day`,
      CAMPAIGN,
      start,
      end,
    );
  }
  await rebuildCounters(db, CAMPAIGN);
  // A commune added after the enrolments: nothing of the campaign happened there yet.
  await db.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
     SELECT 'P01-QUIET', 'Xã yên tĩnh', 'COMMUNE', p.id, p."ancestorIds" || p.id, 2, true FROM "Unit" p WHERE p.code = 'P01'`,
  );
  await db.$executeRawUnsafe('ANALYZE');
  const loadSeconds = round((performance.now() - loadStarted) / 1000);

  const [versionRow] = await db.$queryRawUnsafe<{ version: string }[]>('SELECT version()');
  const [countRow] = await db.$queryRawUnsafe<{ units: number; enrolments: number; counterRows: number }[]>(
    `SELECT (SELECT count(*) FROM "Unit")::int AS units, (SELECT count(*) FROM "Enrolment")::int AS enrolments,
            (SELECT count(*) FROM "DailyCount")::int AS "counterRows"`,
  );
  const version = versionRow?.version ?? 'unknown';
  const { units, enrolments, counterRows } = countRow ?? { units: 0, enrolments: 0, counterRows: 0 };

  /** The baseline: the same today/cumulative per child and scheme, by scanning enrolments. */
  const scan = (unitCode: string) =>
    db.$queryRawUnsafe<{ child: number; scheme: string; today: number; cumulative: number }[]>(
      `SELECT child.id AS child, e.scheme::text AS scheme,
              count(*) FILTER (WHERE e.day = $3::date)::int AS today, count(*)::int AS cumulative
       FROM "Unit" b
       JOIN "Unit" child ON child."parentId" = b.id
       JOIN "Unit" u ON u.id = child.id OR child.id = ANY(u."ancestorIds")
       JOIN "Enrolment" e ON e."unitId" = u.id AND e."campaignId" = $2 AND e."voidedAt" IS NULL AND e.day <= $3::date
       WHERE b.code = $1
       GROUP BY 1, 2`,
      unitCode,
      CAMPAIGN,
      DATE,
    );

  const app = await buildApp({ port: 0, host: '127.0.0.1', seed: 'never' });
  const { url: base } = await app.start();
  const token = await commandCenterToken();
  const query = `query ($unitCode: String!) { board(campaignId: "${CAMPAIGN}", unitCode: $unitCode, date: "${DATE}") {
    totals { scheme today dailyGoal cumulative target status requiredDailyPace }
    rows { unit { code name } tallies { scheme today dailyGoal cumulative target percentOfTarget status } } } }`;
  const overHttp = (unitCode: string) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(token) },
      body: JSON.stringify({ query, variables: { unitCode } }),
    }).then((response) => response.json());

  const results = [];
  for (const [label, unitCode] of [
    ['national (34 rows)', 'VN'],
    ['provincial (98 rows)', 'P01'],
  ] as const) {
    // The counters and the scan must agree before either is timed.
    const board = await loadBoard(CAMPAIGN, unitCode, DATE);
    const scanned = await scan(unitCode);
    for (const row of board.rows) {
      for (const tally of row.tallies) {
        const other = scanned.find((s) => s.child === row.unit.id && s.scheme === tally.scheme) ?? {
          today: 0,
          cumulative: 0,
        };
        if (other.today !== tally.today || other.cumulative !== tally.cumulative) {
          throw new Error(`counters and scan disagree for ${row.unit.code} ${tally.scheme}`);
        }
      }
    }
    let statements = 0;
    const stop = onQuery(() => {
      statements++;
    });
    await loadBoard(CAMPAIGN, unitCode, DATE);
    stop();
    results.push({
      board: label,
      statements,
      loadBoard: await time(RUNS, () => loadBoard(CAMPAIGN, unitCode, DATE)),
      http: await time(RUNS, () => overHttp(unitCode)),
      baselineScan: await time(BASELINE_RUNS, () => scan(unitCode), 2),
    });
  }
  await app.stop();

  // The ticker, and its floor: the latest 10 of one unit read straight from its own index.
  const ticker = [];
  for (const [label, unitCode] of [
    ['national', 'VN'],
    ['provincial', 'P01'],
    ['commune', 'P01-001'],
    ['quiet commune (no enrolment)', 'P01-QUIET'],
  ] as const) {
    const unit = await db.unit.findUniqueOrThrow({ where: { code: unitCode } });
    const { unitId: campaignUnitId } = await db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } });
    const read = () => recentEnrolments({ campaignId: CAMPAIGN, unitId: unit.id, campaignUnitId }, 10);
    const floor = () =>
      db.$queryRawUnsafe(
        `SELECT id FROM "Enrolment" WHERE "unitId" = $1 AND "campaignId" = $2 ORDER BY "receivedAt" DESC LIMIT 10`,
        unit.id,
        CAMPAIGN,
      );
    ticker.push({
      board: label,
      found: (await read()).length,
      recentEnrolments: await time(TICKER_RUNS, read, 3),
      oneUnitIndex: await time(TICKER_RUNS, floor, 3),
    });
  }

  const conditions = {
    ...machine(),
    postgres: version,
    units,
    enrolments,
    counterRows,
    loadSeconds,
    runs: RUNS,
    warmUp: WARM_UP,
    baselineRuns: BASELINE_RUNS,
    boardDate: DATE,
  };
  console.log('\n## Board benchmark\n');
  for (const [key, value] of Object.entries(conditions)) console.log(`- ${key}: ${value}`);
  console.log(
    '\n| board | SQL statements | loadBoard p50 / p99 ms | HTTP p50 / p99 ms | baseline scan p50 / p99 ms | scan ÷ loadBoard (p50) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.board} | ${r.statements} | ${r.loadBoard.p50} / ${r.loadBoard.p99} | ${r.http.p50} / ${r.http.p99} | ${r.baselineScan.p50} / ${r.baselineScan.p99} | ${round(r.baselineScan.p50 / r.loadBoard.p50)}× |`,
    );
  }
  console.log(
    '\n| ticker (latest 10) | found | recentEnrolments p50 / p99 ms | one unit from its index p50 / p99 ms |',
  );
  console.log('|---|---|---|---|');
  for (const t of ticker) {
    console.log(
      `| ${t.board} | ${t.found} | ${t.recentEnrolments.p50} / ${t.recentEnrolments.p99} | ${t.oneUnitIndex.p50} / ${t.oneUnitIndex.p99} |`,
    );
  }
  const out = fileURLToPath(new URL('../../docs/benchmarks/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}board.json`, `${JSON.stringify({ conditions, results, ticker }, null, 2)}\n`);
  console.log(`\nwrote docs/benchmarks/board.json`);
  await database.close();
} finally {
  await benchDatabase.drop();
}
process.exit(0);
