/**
 * Briefing report benchmark (issue 18, "Bench"): the national tree of the board benchmark (34
 * provinces, 3,321 communes) with 1,000,000 enrolments on PostgreSQL and 13 month ends of
 * imported figures for every unit × imported indicator, with the year's plans and populations.
 * The national and a provincial report over HTTP against the board of the same unit in the same
 * run, alternating, 200 runs each after 20 warm-up runs (goal: the report within twice the
 * board's time); the national .xlsx download (goal: under 1 s); setParticipantCounts of a whole
 * country in one call.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench participation
 *   BENCH_ENROLMENTS=100000 BENCH_RUNS=50 … for a quick run
 *
 * It works in a database of its own, made and dropped here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bearer, commandCenterToken } from '../fixtures/tokens.ts';
import { createBenchDatabase } from './benchDatabase.ts';
import { machine, round, timeRuns, timingOf } from './conditions.ts';
import { buildMayCountry, CAMPAIGN } from './nationalTree.ts';

const ENROLMENTS = Number(process.env.BENCH_ENROLMENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARM_UP = 20;
const XLSX_RUNS = Number(process.env.BENCH_XLSX_RUNS ?? 30);
const IMPORT_RUNS = 3;
/** In May's campaign, after the import of 30 April: the report adds what was counted since. */
const DATE = '2026-05-15';
/** The 13 month ends before it: 30 April 2026 back to 30 April 2025, 31 December among them. */
const MONTH_ENDS = Array.from({ length: 13 }, (_, k) => {
  const first = new Date(Date.UTC(2026, 4 - k, 1));
  return new Date(first.getTime() - 86_400_000).toISOString().slice(0, 10);
});
/** A commune's figures in each imported indicator, before its own spread and the months' growth. */
const COMMUNE_BASE: Record<string, number> = {
  ALL_PARTICIPANTS: 9_000,
  COMPULSORY_SI: 1_200,
  VOLUNTARY_SI: 300,
  UNEMPLOYMENT: 1_100,
  HEALTH: 8_500,
  HOUSEHOLD_HI: 3_000,
  STUDENT_HI: 1_500,
  NEAR_POOR_HI: 200,
};

process.env.TOANDAN_COUNT_QUERIES = '1';
const benchDatabase = await createBenchDatabase();

/** Two requests timed turn about, so that both see the same machine at the same moments. */
async function alternate(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  for (let i = 0; i < WARM_UP; i++) {
    await a();
    await b();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [index, run] of [a, b].entries()) {
      const started = performance.now();
      await run();
      samples[index]?.push(performance.now() - started);
    }
  }
  return [timingOf(samples[0]), timingOf(samples[1])] as const;
}

try {
  const { db, database, onQuery } = await import('@toandan/db/db');
  const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
  const { loadParticipation } = await import('@toandan/server/participation/loadParticipation');
  const { buildApp } = await import('@toandan/server/app');
  await prepareDatabaseOrThrow({ seed: 'never' });

  const loadStarted = performance.now();
  await buildMayCountry(db, ENROLMENTS);
  // Every commune's figures at every month end, each unit with a spread of its own and 0.4% a
  // month of growth; a province's and the nation's are their communes' sums, imported as such.
  const base = Object.entries(COMMUNE_BASE);
  await db.$executeRawUnsafe(
    `INSERT INTO "ParticipantCount" ("unitId", indicator, day, participants, generated)
     SELECT u.id, b.indicator::"Indicator", d.day::date,
            round(b.base * (0.8 + (u.id % 40) / 100.0) * (1 + 0.004 * (12 - d.k)))::int, true
     FROM "Unit" u
     CROSS JOIN unnest($1::text[], $2::int[]) AS b(indicator, base)
     CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS d(day, k)
     WHERE u.depth = 2`,
    base.map(([indicator]) => indicator),
    base.map(([, value]) => value),
    MONTH_ENDS,
  );
  for (const depth of [1, 0])
    await db.$executeRawUnsafe(
      `INSERT INTO "ParticipantCount" ("unitId", indicator, day, participants, generated)
       SELECT c."parentId", pc.indicator, pc.day, sum(pc.participants)::int, true
       FROM "ParticipantCount" pc JOIN "Unit" c ON c.id = pc."unitId"
       WHERE c.depth = $1 GROUP BY 1, 2, 3`,
      depth + 1,
    );
  // The year's plans: 5% over 30 April's figure; the coverage bases: 110% and 66% of everyone.
  await db.$executeRawUnsafe(
    `INSERT INTO "Plan" ("unitId", year, indicator, planned, generated)
     SELECT "unitId", 2026, indicator, ceil(participants * 1.05)::int, true
     FROM "ParticipantCount" WHERE day = $1::date AND indicator <> 'ALL_PARTICIPANTS'`,
    MONTH_ENDS[0],
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "UnitPopulation" ("unitId", year, population, "labourForce", generated)
     SELECT "unitId", 2026, ceil(participants * 1.1)::int, ceil(participants * 0.66)::int, true
     FROM "ParticipantCount" WHERE day = $1::date AND indicator = 'ALL_PARTICIPANTS'`,
    MONTH_ENDS[0],
  );
  await db.$executeRawUnsafe('ANALYZE');
  const loadSeconds = round((performance.now() - loadStarted) / 1000);

  const [versionRow] = await db.$queryRawUnsafe<{ version: string }[]>('SELECT version()');
  const [countRow] = await db.$queryRawUnsafe<{ units: number; enrolments: number; figures: number }[]>(
    `SELECT (SELECT count(*) FROM "Unit")::int AS units, (SELECT count(*) FROM "Enrolment")::int AS enrolments,
            (SELECT count(*) FROM "ParticipantCount")::int AS figures`,
  );

  const app = await buildApp({ port: 0, host: '127.0.0.1', seed: 'never' });
  const { url } = await app.start();
  const token = await commandCenterToken();
  const post = (query: string, variables: Record<string, unknown>) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(token) },
      body: JSON.stringify({ query, variables }),
    }).then(async (response) => {
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    });
  const boardQuery = `query ($unitCode: String!) { board(campaignId: "${CAMPAIGN}", unitCode: $unitCode, date: "${DATE}") {
    totals { scheme today dailyGoal cumulative target status requiredDailyPace }
    rows { unit { code name } tallies { scheme today dailyGoal cumulative target percentOfTarget status } } } }`;
  const reportQuery = `query ($unitCode: String!) { participation(unitCode: $unitCode, asOf: "${DATE}") {
    unit { code name } asOf
    totals { ...figure }
    rows { unit { code name } figures { ...figure } } } }
    fragment figure on ParticipationFigure { indicator participants importedOn planned percentOfPlan
      changeSinceLastMonth changeSinceDecember coverageBase coverageRate coverageTargetPercent
      remainingToPlan requiredDailyPace metPlan rank }`;

  const results = [];
  for (const [label, unitCode] of [
    ['national (34 rows)', 'VN'],
    ['provincial (98 rows)', 'P01'],
  ] as const) {
    const unit = await db.unit.findUniqueOrThrow({ where: { code: unitCode } });
    let statements = 0;
    const stop = onQuery(() => {
      statements++;
    });
    const report = await loadParticipation(unit, DATE);
    stop();
    const health = report.totals.find((figure) => figure.indicator === 'HEALTH');
    if (!health?.changeSinceDecember || report.rows.length === 0)
      throw new Error(`the ${unitCode} report is missing its figures`);
    const [board, participation] = await alternate(
      RUNS,
      () => post(boardQuery, { unitCode }),
      () => post(reportQuery, { unitCode }),
    );
    // The report's own work, without HTTP and GraphQL: what its statements cost.
    const load = await timeRuns(RUNS, () => loadParticipation(unit, DATE), 5);
    results.push({
      report: label,
      statements,
      loadParticipation: load,
      board,
      participation,
      ratio: round(participation.p50 / board.p50),
    });
  }

  let xlsxBytes = 0;
  const xlsx = await timeRuns(
    XLSX_RUNS,
    async () => {
      const response = await fetch(`${url}/reports/participation/VN.xlsx?asOf=${DATE}`, {
        headers: { authorization: bearer(token) },
      });
      if (response.status !== 200) throw new Error(`the xlsx download answered ${response.status}`);
      xlsxBytes = (await response.arrayBuffer()).byteLength;
    },
    3,
  );

  // A whole country's figures of a day in one call: every unit × imported indicator.
  const rows = await db.$queryRawUnsafe<{ unitCode: string; indicator: string; participants: number }[]>(
    `SELECT u.code AS "unitCode", pc.indicator::text AS indicator, pc.participants
     FROM "ParticipantCount" pc JOIN "Unit" u ON u.id = pc."unitId" WHERE pc.day = $1::date`,
    MONTH_ENDS[0],
  );
  const importBody = JSON.stringify({
    query:
      'mutation ($asOf: Date!, $rows: [ParticipantCountInput!]!) { setParticipantCounts(asOf: $asOf, rows: $rows) { applied userErrors { message } } }',
    variables: { asOf: MONTH_ENDS[0], rows },
  });
  const whole = await timeRuns(
    IMPORT_RUNS,
    async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(token) },
        body: importBody,
      });
      const body = (await response.json()) as { data?: { setParticipantCounts: { applied: number } } };
      if (body.data?.setParticipantCounts.applied !== rows.length) throw new Error(JSON.stringify(body));
    },
    1,
  );
  await app.stop();

  const conditions = {
    ...machine(),
    postgres: versionRow?.version ?? 'unknown',
    units: countRow?.units ?? 0,
    enrolments: countRow?.enrolments ?? 0,
    importedFigures: countRow?.figures ?? 0,
    monthEnds: MONTH_ENDS.length,
    loadSeconds,
    runs: RUNS,
    warmUp: WARM_UP,
    reportDay: DATE,
  };
  const downloads = { xlsx, xlsxRuns: XLSX_RUNS, xlsxBytes };
  const imports = {
    rows: rows.length,
    bodyBytes: Buffer.byteLength(importBody),
    setParticipantCounts: whole,
  };
  console.log('\n## Briefing report benchmark\n');
  for (const [key, value] of Object.entries(conditions)) console.log(`- ${key}: ${value}`);
  console.log(
    '\n| report | SQL statements | loadParticipation p50 / p99 ms | board HTTP p50 / p99 ms | report HTTP p50 / p99 ms | report ÷ board (p50) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.report} | ${r.statements} | ${r.loadParticipation.p50} / ${r.loadParticipation.p99} | ${r.board.p50} / ${r.board.p99} | ${r.participation.p50} / ${r.participation.p99} | ${r.ratio}× |`,
    );
  console.log(
    `\nnational .xlsx (${xlsxBytes} bytes): p50 ${xlsx.p50} ms, p99 ${xlsx.p99} ms over ${XLSX_RUNS} runs`,
  );
  console.log(
    `setParticipantCounts of a whole country (${rows.length} rows, ${imports.bodyBytes} bytes): p50 ${whole.p50} ms over ${IMPORT_RUNS} runs`,
  );
  const out = fileURLToPath(new URL('../../docs/benchmarks/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(
    `${out}participation.json`,
    `${JSON.stringify({ conditions, results, downloads, imports }, null, 2)}\n`,
  );
  console.log('\nwrote docs/benchmarks/participation.json');
  await database.close();
} finally {
  await benchDatabase.drop();
}
process.exit(0);
