/**
 * Submission benchmark: `submitEnrolment` from 50 concurrent clients for 60 s (autocannon), then
 * `submitEnrolments` in batches of 50, on PostgreSQL, against the floor in the same run: the
 * same load on a minimal yoga server that inserts one row with `pg` and publishes it
 * (reference/floorServer.ts). It prints throughput, latency, the server's CPU, RSS and
 * event-loop delay, and our figure ÷ the floor's. Last, the same load on the embedded default
 * (PGlite with the demo dataset, as `pnpm start` runs on a new machine) and, with REDIS_URL, on
 * two servers sharing live updates through Redis.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench submit
 *   BENCH_SECONDS=60 BENCH_CONNECTIONS=50 (the defaults)
 *   BENCH_QUICK=1: only submitEnrolment against the floor, for rounds that alternate two trees
 *   (test/bench/alternate.ts); docs/benchmarks/submit.json is left as it is
 *   BENCH_PROFILE=<dir>: CPU profiles of the measured submitEnrolment phase, ours and the floor's,
 *   written there as submitEnrolment.cpuprofile and floor.cpuprofile (inspector.ts)
 *
 * Server, PostgreSQL and load share this machine's cores. It works in a database of its own,
 * made and dropped here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { vnDay } from '@toandan/shared/vnDay';
import autocannon from 'autocannon';
import pg from 'pg';
import { envWith, startServerProcess } from '../fixtures/run.ts';
import { bearer, commandCenterToken } from '../fixtures/tokens.ts';
import { createBenchDatabase } from './benchDatabase.ts';
import { benchNodeFlags, startBenchServer } from './benchServer.ts';
import { cpuShares, cpuSnapshot, machine, processUsage, round } from './conditions.ts';
import { connectInspector, profiledPhase } from './inspector.ts';
import { CAMPAIGN, communeCodes } from './nationalTree.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const QUICK = process.env.BENCH_QUICK === '1';
const WARM_UP_SECONDS = 5;
const BATCH = 50;
const communes = communeCodes();
let person = 0;

const SUBMIT =
  'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { duplicate userErrors { code } } }';
const SUBMIT_MANY =
  'mutation ($inputs: [SubmitEnrolmentInput!]!) { submitEnrolments(inputs: $inputs) { duplicate userErrors { code } } }';

/** Where the load submits: a campaign running today and the communes it covers. */
interface Target {
  campaignId: string;
  communes: string[];
}
const national: Target = { campaignId: CAMPAIGN, communes };

/** A new person each time, in a commune spread over the target's area, in its campaign. */
function enrolment(target: Target) {
  const n = person++;
  return {
    campaignId: target.campaignId,
    unitCode: target.communes[(n * 104_729) % target.communes.length],
    scheme: n % 2 ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI',
    // Born in Hà Nội (001): the demo's people are born in its own provinces, so none is met twice.
    citizenId: `0010${70 + (Math.floor(n / 1_000_000) % 30)}${String(n % 1_000_000).padStart(6, '0')}`,
    fullName: 'Người Tham Gia',
    idempotencyKey: randomUUID(),
  };
}

interface Run {
  requestsPerSecond: number;
  enrolmentsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  refused: number;
  errors: number;
}

/** autocannon with a fresh body per request, checking every answer. */
async function load(
  base: string,
  seconds: number,
  batch: number,
  token: string,
  target: Target = national,
  connections = CONNECTIONS,
): Promise<Run> {
  let refused = 0;
  const result = await autocannon({
    url: `${base}/graphql`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(token) },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(
            batch === 1
              ? { query: SUBMIT, variables: { input: enrolment(target) } }
              : {
                  query: SUBMIT_MANY,
                  variables: { inputs: Array.from({ length: batch }, () => enrolment(target)) },
                },
          ),
        }),
        onResponse: (status, body) => {
          const answer = JSON.parse(body) as { data?: Record<string, unknown>; errors?: unknown[] };
          const payloads = [answer.data?.submitEnrolment ?? answer.data?.submitEnrolments ?? []].flat() as {
            duplicate: boolean;
            userErrors: unknown[];
          }[];
          if (
            status !== 200 ||
            answer.errors ||
            payloads.some((p) => p.duplicate || p.userErrors.length > 0)
          ) {
            refused++;
          }
        },
      },
    ],
  });
  return {
    requestsPerSecond: round(result.requests.average, 0),
    enrolmentsPerSecond: round((result.requests.total * batch) / seconds, 0),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    refused,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

function startFloor(url: string): Promise<{ base: string; child: ChildProcess; output: () => string }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  const child = spawn(
    process.execPath,
    [
      '--inspect=127.0.0.1:0',
      ...benchNodeFlags,
      '--import',
      tsx,
      fileURLToPath(new URL('./reference/floorServer.ts', import.meta.url)),
    ],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let seen = '';
  const output = () => seen;
  child.stderr?.on('data', (chunk) => {
    seen += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      seen += chunk;
      const match = /floor serving (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (match?.[1]) resolve({ base: match[1], child, output });
    });
    child.on('exit', () => reject(new Error(`the floor server stopped: ${seen}`)));
  });
}

/**
 * The embedded default as `pnpm start` runs it on a new machine: PGlite in a fresh DATA_DIR,
 * loaded with the demo dataset, under the same load on the demo's drive running today (its
 * communes of Thanh Hóa). No floor here: the floor needs a PostgreSQL server.
 */
async function embeddedRun(token: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'toandan-bench-embedded-'));
  const server = await startServerProcess(
    envWith({
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      REDIS_URL: undefined,
    }),
    benchNodeFlags,
  );
  try {
    const ask = async <Data>(query: string): Promise<Data> => {
      const response = await fetch(`${server.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(token) },
        body: JSON.stringify({ query }),
      });
      const { data, errors } = (await response.json()) as { data: Data; errors?: { message: string }[] };
      if (errors) throw new Error(`the embedded server refused ${query}: ${errors[0]?.message}`);
      return data;
    };
    const today = vnDay.today();
    const { campaigns } = await ask<{
      campaigns: { id: string; kind: string; startsOn: string; endsOn: string; unit: { code: string } }[];
    }>('{ campaigns { id kind startsOn endsOn unit { code } } }');
    const drive = campaigns.find(
      (campaign) => campaign.kind === 'DRIVE' && campaign.startsOn <= today && today <= campaign.endsOn,
    );
    if (!drive) throw new Error('the demo has no drive running today');
    const { unit } = await ask<{ unit: { children: { children: { code: string }[] }[] } }>(
      `{ unit(code: "${drive.unit.code}") { children { children { code } } } }`,
    );
    const target = {
      campaignId: drive.id,
      communes: unit.children.flatMap((district) => district.children.map((commune) => commune.code)),
    };
    await load(server.base, WARM_UP_SECONDS, 1, token, target);
    const pid = server.child.pid as number;
    const before = await processUsage(pid);
    const cpuBefore = await cpuSnapshot(pid);
    const run = await load(server.base, SECONDS, 1, token, target);
    const cpu = cpuShares(cpuBefore, await cpuSnapshot(pid), SECONDS);
    const after = await processUsage(pid);
    return {
      ...run,
      cpuPercent: cpu,
      communes: target.communes.length,
      serverCpuPercent: round(((after.cpuSeconds - before.cpuSeconds) / SECONDS) * 100, 0),
      serverRssMiB: round(after.rssBytes / 2 ** 20, 0),
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * How the product scales past one process: two servers on the same database, sharing live
 * updates through Redis (REDIS_URL), half the clients on each. Not a comparison with the floor,
 * which is one process: what the cores one Node process leaves idle are worth.
 */
async function twoInstancesRun(databaseUrl: string, token: string) {
  const redis = process.env.REDIS_URL;
  if (!redis) return null;
  const start = () =>
    startServerProcess(
      envWith({
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        REDIS_URL: redis,
      }),
      benchNodeFlags,
    );
  const servers = await Promise.all([start(), start()]);
  try {
    const half = Math.ceil(CONNECTIONS / 2);
    await Promise.all(servers.map((s) => load(s.base, WARM_UP_SECONDS, 1, token, national, half)));
    const before = await Promise.all(servers.map((s) => processUsage(s.child.pid as number)));
    const runs = await Promise.all(servers.map((s) => load(s.base, SECONDS, 1, token, national, half)));
    const after = await Promise.all(servers.map((s) => processUsage(s.child.pid as number)));
    const cpuSeconds = after.reduce(
      (sum, usage, i) => sum + usage.cpuSeconds - (before[i]?.cpuSeconds ?? 0),
      0,
    );
    return {
      requestsPerSecond: runs.reduce((sum, run) => sum + run.requestsPerSecond, 0),
      enrolmentsPerSecond: runs.reduce((sum, run) => sum + run.enrolmentsPerSecond, 0),
      // The slower instance's: each client talks to one.
      latencyMs: {
        p50: Math.max(...runs.map((run) => run.latencyMs.p50)),
        p99: Math.max(...runs.map((run) => run.latencyMs.p99)),
        max: Math.max(...runs.map((run) => run.latencyMs.max)),
      },
      refused: runs.reduce((sum, run) => sum + run.refused, 0),
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
      serverCpuPercent: round((cpuSeconds / SECONDS) * 100, 0),
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** The garbage collector's pauses per second of the run, young generation and old apart. */
function gcMsPerSecond(gc: Record<string, { ms: number; count: number }>) {
  const ms = (kind: string) => gc[kind]?.ms ?? 0;
  return {
    young: round(ms('minor') / SECONDS, 1),
    old: round((ms('major') + ms('incremental') + ms('weak callbacks')) / SECONDS, 1),
    youngCollections: gc.minor?.count ?? 0,
  };
}

const database = await createBenchDatabase();
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
let floor: ChildProcess | undefined;
try {
  const bench = await startBenchServer(database.url);
  server = bench.server;
  const { inspector } = bench;
  const version = bench.postgres;
  const token = await commandCenterToken();
  const pid = server.child.pid as number;

  await load(server.base, WARM_UP_SECONDS, 1, token);
  const measure = async (batch: number) => {
    const before = await processUsage(pid);
    const readDelay = await inspector.eventLoopDelay();
    const readGc = await inspector.garbageCollection();
    const cpuBefore = await cpuSnapshot(pid, database.url);
    const run = await load(server?.base as string, SECONDS, batch, token);
    const cpu = cpuShares(cpuBefore, await cpuSnapshot(pid, database.url), SECONDS);
    const after = await processUsage(pid);
    const gc = await readGc();
    return {
      cpuPercent: cpu,
      gcMsPerSecond: gcMsPerSecond(gc),
      ...run,
      serverCpuPercent: round(((after.cpuSeconds - before.cpuSeconds) / SECONDS) * 100, 0),
      serverRssMiB: round(after.rssBytes / 2 ** 20, 0),
      eventLoopDelayMs: await readDelay(),
    };
  };
  const single = await profiledPhase(inspector, 'submitEnrolment', () => measure(1));
  const batched = QUICK ? null : await measure(BATCH);
  inspector.close();

  // Every answer said "counted": the database agrees.
  const check = new pg.Client({ connectionString: database.url });
  await check.connect();
  const { rows } = await check.query<{ n: string }>('SELECT count(*) AS n FROM "Enrolment"');
  // One outbox row per group-commit statement that stored something (and per void): how many
  // enrolments share one, which is what the outbox costs per submission.
  const { rows: outbox } = await check.query<{ n: string }>(
    'SELECT last_value AS n FROM "LiveOutbox_id_seq"',
  );
  await check.end();
  await server.stop();
  server = undefined;

  const started = await startFloor(database.url);
  floor = started.child;
  await load(started.base, WARM_UP_SECONDS, 1, token);
  const floorInspector = await connectInspector(started.output);
  const floorBefore = await processUsage(floor.pid as number);
  const floorCpuBefore = await cpuSnapshot(floor.pid as number, database.url);
  const readFloorGc = await floorInspector.garbageCollection();
  const floorLoad = await profiledPhase(floorInspector, 'floor', () => load(started.base, SECONDS, 1, token));
  const floorGc = gcMsPerSecond(await readFloorGc());
  const floorAfter = await processUsage(floor.pid as number);
  const floorCpu = cpuShares(floorCpuBefore, await cpuSnapshot(floor.pid as number, database.url), SECONDS);
  floorInspector.close();
  const floorRun = {
    ...floorLoad,
    gcMsPerSecond: floorGc,
    cpuPercent: floorCpu,
    serverCpuPercent: round(((floorAfter.cpuSeconds - floorBefore.cpuSeconds) / SECONDS) * 100, 0),
  };
  const embedded = QUICK ? null : await embeddedRun(token);
  const twoInstances = QUICK ? null : await twoInstancesRun(database.url, token);
  const cpuPerRequest = (run: { serverCpuPercent: number; requestsPerSecond: number }) =>
    round((run.serverCpuPercent * 10) / run.requestsPerSecond, 2);

  const results = {
    submitEnrolment: single,
    submitEnrolments: batched && { batch: BATCH, ...batched },
    floor: floorRun,
    embedded,
    twoInstances,
    cpuMsPerRequest: {
      ours: cpuPerRequest(single),
      floor: cpuPerRequest(floorRun),
      embedded: embedded && cpuPerRequest(embedded),
    },
    ratioToFloor: {
      throughput: round(single.requestsPerSecond / floorRun.requestsPerSecond, 2),
      p99: round(single.latencyMs.p99 / floorRun.latencyMs.p99, 2),
      cpuPerRequest: round(cpuPerRequest(single) / cpuPerRequest(floorRun), 2),
    },
    enrolmentsStored: Number(rows[0]?.n ?? 0),
    outboxRowsWritten: Number(outbox[0]?.n ?? 0),
  };
  const conditions = {
    ...machine(),
    postgres: version,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
    nodeFlags: benchNodeFlags.join(' ') || 'none',
    note: 'server, PostgreSQL and autocannon share the same cores; synchronous_commit as the server has it',
  };
  console.log('\n## Submission benchmark\n');
  for (const [key, value] of Object.entries(conditions)) console.log(`- ${key}: ${value}`);
  console.log(
    '\n| | requests/s | enrolments/s | p50 / p99 / max ms | refused | server CPU | CPU % server / PostgreSQL (the bench database only) / autocannon / machine | GC ms/s young / old | event-loop delay p99 ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const row = (
    name: string,
    run: Run & {
      serverCpuPercent?: number;
      eventLoopDelayMs?: { p99: number };
      gcMsPerSecond?: { young: number; old: number };
      cpuPercent?: { server: number; postgres: number; loadGenerator: number; machine: number };
    },
  ) =>
    console.log(
      `| ${name} | ${run.requestsPerSecond} | ${run.enrolmentsPerSecond} | ${run.latencyMs.p50} / ${run.latencyMs.p99} / ${run.latencyMs.max} | ${run.refused + run.errors} | ${run.serverCpuPercent ?? '–'}% | ${run.cpuPercent ? `${run.cpuPercent.server} / ${run.cpuPercent.postgres} / ${run.cpuPercent.loadGenerator} / ${run.cpuPercent.machine}` : '–'} | ${run.gcMsPerSecond ? `${run.gcMsPerSecond.young} / ${run.gcMsPerSecond.old}` : '–'} | ${run.eventLoopDelayMs?.p99 ?? '–'} |`,
    );
  row('submitEnrolment', single);
  if (batched) row(`submitEnrolments × ${BATCH}`, batched);
  row('floor (one INSERT, no rules)', floorRun);
  if (embedded) row(`submitEnrolment, embedded PGlite (demo, ${embedded.communes} communes)`, embedded);
  if (twoInstances) row('submitEnrolment, two servers sharing Redis (25 clients each)', twoInstances);
  else if (!QUICK) console.log('(two servers sharing Redis: set REDIS_URL to measure them)');
  console.log(
    `\nours ÷ floor: throughput ${results.ratioToFloor.throughput}, p99 ${results.ratioToFloor.p99}, server CPU per request ${results.cpuMsPerRequest.ours} ÷ ${results.cpuMsPerRequest.floor} ms = ${results.ratioToFloor.cpuPerRequest}; enrolments stored ${results.enrolmentsStored} in ${results.outboxRowsWritten} group commits (outbox rows), ${round(results.enrolmentsStored / Math.max(1, results.outboxRowsWritten), 1)} a commit`,
  );
  if (!QUICK) {
    const out = fileURLToPath(new URL('../../docs/benchmarks/', import.meta.url));
    mkdirSync(out, { recursive: true });
    writeFileSync(`${out}submit.json`, `${JSON.stringify({ conditions, results }, null, 2)}\n`);
    console.log('wrote docs/benchmarks/submit.json');
  }
} finally {
  await server?.stop();
  if (floor && floor.exitCode === null) {
    const exited = new Promise((resolve) => floor?.once('exit', resolve));
    floor.kill('SIGTERM');
    await exited;
  }
  await database.drop();
}
process.exit(0);
