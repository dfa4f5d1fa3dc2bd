/**
 * importCoverage benchmark (issue 20, "Bench"): BHXH's list of about 200,000 people already
 * covered (household HI and voluntary SI, each row with an address, a household code and a
 * phone) over the national tree of the board benchmark, sent through the API in calls as large
 * as the bulk body limit allows; then the same list again, each cover extended (the re-import
 * upserts every row). The baseline, in the same run: the same sealed rows written by a plain
 * INSERT … SELECT FROM jsonb_to_recordset into a copy of the table with the same indexes, in
 * chunks of the same size, straight to the database: what the writes cost without HTTP,
 * GraphQL, checks and sealing. Goal: at least 100,000 rows a minute through the API.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench coverage
 *   BENCH_COVERS=50000 … for a quick run
 *
 * It works in a database of its own, made and dropped here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { birthProvinces } from '@toandan/shared/birthProvinces';
import { bearer, commandCenterToken } from '../fixtures/tokens.ts';
import { createBenchDatabase } from './benchDatabase.ts';
import { machine, round } from './conditions.ts';
import { buildNationalTree, communeCodes } from './nationalTree.ts';

const COVERS = Number(process.env.BENCH_COVERS ?? 200_000);
/** The bulk body limit (server/src/http/guards.ts): each call is as large as fits under it. */
const BODY_LIMIT = 16 * 1024 * 1024;
const TODAY = new Date().toISOString().slice(0, 10);

const benchDatabase = await createBenchDatabase();

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const MIDDLE = ['Thị', 'Văn', 'Đức', 'Minh', 'Ngọc'];
const GIVEN = ['Hoa', 'Mai', 'Nam', 'Bình', 'Lan', 'Hùng', 'Thảo', 'Sơn', 'Yến'];

const PROVINCE_CODES = Object.keys(birthProvinces);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The k-th person's cover: ends between 200 days ago and a year ahead, 3 or 12 months long. */
function coverRow(k: number, communes: string[], extendBy = 0) {
  const household = k % 2 === 0;
  const ends = addDays(TODAY, (k % 565) - 200);
  const from = addDays(ends, household ? -90 : -364);
  const until = addDays(ends, extendBy);
  const province = PROVINCE_CODES[k % PROVINCE_CODES.length];
  return {
    citizenId: `${province}0${String(60 + (k % 40)).padStart(2, '0')}${String(k).padStart(6, '0')}`,
    fullName: `${FAMILY[k % 8]} ${MIDDLE[k % 5]} ${GIVEN[k % 9]}`,
    scheme: household ? 'HOUSEHOLD_HI' : 'VOLUNTARY_SI',
    unitCode: communes[k % communes.length] as string,
    coverageFrom: from,
    coverageUntil: until,
    address: `Thôn ${1 + (k % 12)}, xã ${communes[k % communes.length]}, số nhà ${k % 400}`,
    householdCode: `HGD${String(Math.floor(k / 3)).padStart(9, '0')}`,
    phone: `09${String(10_000_000 + k).slice(-8)}`,
  };
}

const IMPORT =
  'mutation ($rows: [CoverageInput!]!) { importCoverage(rows: $rows) { applied userErrors { field code } } }';

/** The rows cut into calls of the most rows whose body stays under the limit. */
function callsOf(rows: ReturnType<typeof coverRow>[]): { bodies: string[]; rowsPerCall: number } {
  const perRow = Buffer.byteLength(JSON.stringify(rows.slice(0, 1000))) / 1000;
  const size = Math.min(100_000, Math.floor((BODY_LIMIT * 0.97) / perRow));
  const bodies: string[] = [];
  for (let start = 0; start < rows.length; start += size)
    bodies.push(JSON.stringify({ query: IMPORT, variables: { rows: rows.slice(start, start + size) } }));
  for (const body of bodies)
    if (Buffer.byteLength(body) > BODY_LIMIT) throw new Error('a call is over the bulk body limit');
  return { bodies, rowsPerCall: size };
}

try {
  const { db } = await import('@toandan/db/db');
  const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
  const { buildApp } = await import('@toandan/server/app');
  const { personalData } = await import('@toandan/db/personalData');
  const { citizenKey } = await import('@toandan/db/enrolmentKeys');
  await prepareDatabaseOrThrow({ seed: 'never' });
  await buildNationalTree(db);
  const communes = communeCodes();
  const [versionRow] = await db.$queryRawUnsafe<{ version: string }[]>('SELECT version()');

  const app = await buildApp({ port: 0, host: '127.0.0.1', seed: 'never' });
  const { url } = await app.start();
  const token = await commandCenterToken();
  const send = async (body: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(token) },
      body,
    });
    const answer = (await response.json()) as {
      data?: { importCoverage: { applied: number; userErrors: unknown[] } };
    };
    if (!answer.data || answer.data.importCoverage.userErrors.length > 0)
      throw new Error(JSON.stringify(answer).slice(0, 2000));
    return answer.data.importCoverage.applied;
  };
  /** Every call in turn; rows per second over the whole list. */
  const timed = async (bodies: string[]) => {
    const started = performance.now();
    const perCall: number[] = [];
    let applied = 0;
    for (const body of bodies) {
      const callStarted = performance.now();
      applied += await send(body);
      perCall.push(round((performance.now() - callStarted) / 1000));
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      applied,
      seconds: round(seconds),
      rowsPerSecond: Math.round(applied / seconds),
      perCallSeconds: perCall,
    };
  };

  const list = Array.from({ length: COVERS }, (_, k) => coverRow(k, communes));
  const { bodies: firstCalls, rowsPerCall } = callsOf(list);
  const bodyBytes = firstCalls.map((body) => Buffer.byteLength(body));
  const loadBefore = machine().loadAverage1m5m;
  const imported = await timed(firstCalls);
  const storedAfterImport = await db.importedCover.count();
  // The same people, each cover extended by 30 days: every row an update.
  const reimported = await timed(
    callsOf(Array.from({ length: COVERS }, (_, k) => coverRow(k, communes, 30))).bodies,
  );
  const storedAfterReimport = await db.importedCover.count();

  // The floor: the same rows sealed and keyed here (not timed), then only the INSERTs, in
  // chunks of the server's size, into a copy of the table with its indexes.
  const unitIds = new Map(
    (await db.unit.findMany({ select: { id: true, code: true } })).map((unit) => [unit.code, unit.id]),
  );
  const sealing = personalData();
  const sealed = list.map((row, k) => ({
    id: `plain-${k}`,
    unitId: unitIds.get(row.unitCode),
    scheme: row.scheme,
    citizenKey: citizenKey(row.scheme, row.citizenId),
    citizenIdSealed: sealing.seal(row.citizenId),
    fullNameSealed: sealing.seal(row.fullName),
    addressSealed: sealing.seal(row.address),
    householdCodeSealed: sealing.seal(row.householdCode),
    phoneSealed: sealing.seal(row.phone),
    coverageFrom: row.coverageFrom,
    coverageUntil: row.coverageUntil,
  }));
  await db.$executeRawUnsafe('CREATE TABLE plain_cover (LIKE "ImportedCover" INCLUDING ALL)');
  const CHUNK = 5_000;
  const plainStarted = performance.now();
  await db.$transaction(
    async (tx) => {
      for (let start = 0; start < sealed.length; start += CHUNK)
        await tx.$executeRawUnsafe(
          `INSERT INTO plain_cover (id, "unitId", scheme, "citizenKey", "citizenIdSealed", "fullNameSealed",
             "addressSealed", "householdCodeSealed", "phoneSealed", "coverageFrom", "coverageUntil")
           SELECT id, "unitId", scheme, "citizenKey", "citizenIdSealed", "fullNameSealed", "addressSealed",
                  "householdCodeSealed", "phoneSealed", "coverageFrom", "coverageUntil"
           FROM jsonb_to_recordset($1::jsonb) AS t(id text, "unitId" int, scheme "Scheme", "citizenKey" text,
             "citizenIdSealed" text, "fullNameSealed" text, "addressSealed" text, "householdCodeSealed" text,
             "phoneSealed" text, "coverageFrom" date, "coverageUntil" date)`,
          JSON.stringify(sealed.slice(start, start + CHUNK)),
        );
    },
    { timeout: 600_000 },
  );
  const plainSeconds = (performance.now() - plainStarted) / 1000;
  const plain = { seconds: round(plainSeconds), rowsPerSecond: Math.round(sealed.length / plainSeconds) };

  const conditions = {
    ...machine(),
    loadAverageBefore1m5m: loadBefore,
    postgres: versionRow?.version ?? 'unknown',
    covers: COVERS,
    calls: firstCalls.length,
    rowsPerCall,
    largestBodyBytes: Math.max(...bodyBytes),
    storedAfterImport,
    storedAfterReimport,
  };
  const results = {
    importCoverage: imported,
    reimport: reimported,
    plainInsert: plain,
    importRowsPerMinute: imported.rowsPerSecond * 60,
    importShareOfFloor: round(imported.rowsPerSecond / plain.rowsPerSecond),
    reimportShareOfFloor: round(reimported.rowsPerSecond / plain.rowsPerSecond),
  };
  console.log('\n## importCoverage benchmark\n');
  for (const [key, value] of Object.entries(conditions)) console.log(`- ${key}: ${value}`);
  console.log('\n| what | rows | seconds | rows per second | per call (s) |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| importCoverage, new rows (API) | ${imported.applied} | ${imported.seconds} | ${imported.rowsPerSecond} | ${imported.perCallSeconds.join(', ')} |`,
  );
  console.log(
    `| importCoverage, re-import: every row upserted (API) | ${reimported.applied} | ${reimported.seconds} | ${reimported.rowsPerSecond} | ${reimported.perCallSeconds.join(', ')} |`,
  );
  console.log(
    `| floor: plain INSERT of the same sealed rows, ${CHUNK} a statement, one transaction | ${sealed.length} | ${plain.seconds} | ${plain.rowsPerSecond} | – |`,
  );
  console.log(
    `\nimport: ${results.importRowsPerMinute} rows a minute (goal 100,000); ${results.importShareOfFloor} of the floor's rate, re-import ${results.reimportShareOfFloor}`,
  );
  if (storedAfterImport !== COVERS || storedAfterReimport !== COVERS)
    throw new Error(`stored ${storedAfterImport} then ${storedAfterReimport} covers, not ${COVERS}`);
  const out = fileURLToPath(new URL('../../docs/benchmarks/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}coverage.json`, `${JSON.stringify({ conditions, results }, null, 2)}\n`);
  console.log('\nwrote docs/benchmarks/coverage.json');
  // Closes the database too.
  await app.stop();
} finally {
  await benchDatabase.drop();
}
process.exit(0);
