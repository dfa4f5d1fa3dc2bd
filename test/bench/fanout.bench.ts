/**
 * Fan-out benchmark: N subscribers (1,000, 5,000 and 10,000) spread over the board tree of the
 * whole country, one real graphql-ws client and WebSocket each, while enrolments arrive at M per
 * second through the API. It prints, per N: memory per idle connection, messages per second,
 * the delay from each update's commit to its arrival (p50, p99, max), and the server's CPU; and
 * the same figures for the baseline in the same run, a bare `ws` server that sends the very same
 * messages at the same rates (wsBroadcastBaseline.ts).
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench fanout
 *   BENCH_SUBSCRIBERS=1000,5000,10000 BENCH_RATE=200 BENCH_SECONDS=20 BENCH_RUNS=2 (the defaults)
 *   BENCH_PROFILE=<dir>: the server's CPU profile of each measured phase (inspector.ts)
 *   BENCH_HEAP_PROFILE=<dir>: what idle subscribers hold, by allocating function (printed, and
 *   as .heapprofile files for DevTools)
 *   BENCH_SPLIT=1 with REDIS_URL: the WebSockets on a second instance of the server, the
 *   submissions on the first, as a proxy that sends upgrades to their own instance would run
 *
 * Server, subscribers and load share this machine's cores, as they would on a 2-core box; the
 * output says so. It works in a database of its own, made and dropped here.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import { Pool } from 'undici';
import type { startServerProcess } from '../fixtures/run.ts';
import { bearer, commandCenterToken } from '../fixtures/tokens.ts';
import { createBenchDatabase } from './benchDatabase.ts';
import { startBenchInstance, startBenchServer } from './benchServer.ts';
import { machine, processUsage, round } from './conditions.ts';
import type { Command, Report } from './fanoutSubscribers.ts';
import { connectInspector, profiledPhase } from './inspector.ts';
import { CAMPAIGN, COMMUNES, communeCodes, PROVINCES } from './nationalTree.ts';
import type { BaselineCommand } from './wsBroadcastBaseline.ts';

const SUBSCRIBERS = (process.env.BENCH_SUBSCRIBERS ?? '1000,5000,10000').split(',').map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** Each size is measured this many times over, for the spread. */
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const SPLIT = process.env.BENCH_SPLIT === '1';
/** BENCH_HEAP_PROFILE=<dir>: what the idle subscribers hold, sampled by allocating function. */
const HEAP_PROFILE = process.env.BENCH_HEAP_PROFILE;
const REDIS_URL = process.env.REDIS_URL;
if (SPLIT && !REDIS_URL) {
  console.error('error: BENCH_SPLIT=1 needs REDIS_URL: the two instances share live updates through Redis');
  process.exit(2);
}
const WORKERS = 2;
const WARM_UP_SECONDS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const tsxImport = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** A forked TypeScript process with a typed request/answer over IPC. */
function forkScript(file: string, nodeOptions: string[] = []) {
  const child = fork(here(file), [], { execArgv: [...nodeOptions, '--import', tsxImport], stdio: 'inherit' });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const listener = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        child.off('message', listener);
        resolve(message);
      };
      child.on('message', listener);
    });
  return { child, next };
}

/**
 * Who watches what: a tenth of the subscribers the nation's board, three tenths the provinces'
 * (spread evenly), the rest communes' boards, spread over all 3,321.
 */
function boardsFor(subscribers: number): string[] {
  const communes = communeCodes();
  return Array.from({ length: subscribers }, (_, i) => {
    if (i % 10 === 0) return 'VN';
    if (i % 10 <= 3) return `P${String((i % PROVINCES) + 1).padStart(2, '0')}`;
    return communes[(i * 7919) % COMMUNES] as string;
  });
}

interface Subscribers {
  workers: ReturnType<typeof forkScript>[];
  connect(url: string, boards: string[]): Promise<number>;
  measure(): Promise<void>;
  report(): Promise<Report[]>;
  close(): Promise<void>;
}

async function startSubscribers(): Promise<Subscribers> {
  const workers = Array.from({ length: WORKERS }, () => forkScript('fanoutSubscribers.ts'));
  await Promise.all(workers.map((worker) => worker.next('ready')));
  const all = <T>(command: Command, answer: string) =>
    Promise.all(
      workers.map((worker) => {
        const answered = worker.next(answer);
        worker.child.send(command);
        return answered as Promise<T>;
      }),
    );
  return {
    workers,
    async connect(url, boards) {
      const token = await commandCenterToken();
      const answers = await Promise.all(
        workers.map((worker, w) => {
          const answered = worker.next('connected');
          const unitCodes = boards.filter((_, i) => i % WORKERS === w);
          worker.child.send({
            type: 'connect',
            url,
            campaignId: CAMPAIGN,
            unitCodes,
            token,
          } satisfies Command);
          return answered as Promise<{ opened: number; errors: string[] }>;
        }),
      );
      for (const answer of answers)
        if (answer.errors.length) console.error('subscriber errors:', answer.errors);
      return answers.reduce((sum, answer) => sum + answer.opened, 0);
    },
    measure: async () => {
      await all({ type: 'measure' }, 'measuring');
    },
    report: () => all<Report>({ type: 'report' }, 'report'),
    close: async () => {
      await all({ type: 'close' }, 'closed');
    },
  };
}

/** Sends `rate` submitEnrolment calls a second for `seconds`, open loop; returns what happened. */
async function submitAtRate(base: string, rate: number, seconds: number, firstPerson: number) {
  const pool = new Pool(base, { connections: 32, pipelining: 1 });
  const authorization = bearer(await commandCenterToken());
  const communes = communeCodes();
  const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000 });
  let sent = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const enrolledAt = new Date().toISOString();
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      const person = firstPerson + sent;
      const body = JSON.stringify({
        query:
          'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { duplicate userErrors { code } } }',
        variables: {
          input: {
            campaignId: CAMPAIGN,
            unitCode: communes[(person * 104_729) % COMMUNES],
            scheme: person % 2 ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI',
            citizenId: `0380${85 + (person % 10)}${String(person % 1_000_000).padStart(6, '0')}`,
            fullName: 'Người Tham Gia',
            idempotencyKey: randomUUID(),
            enrolledAt,
          },
        },
      });
      const requested = performance.now();
      const call = pool
        .request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body,
        })
        .then(async ({ statusCode, body: response }) => {
          const answer = (await response.json()) as {
            data?: { submitEnrolment?: { duplicate: boolean; userErrors: unknown[] } };
          };
          const result = answer.data?.submitEnrolment;
          if (statusCode !== 200 || !result || result.duplicate || result.userErrors.length) failed++;
          latency.recordValue(Math.max(1, Math.round(performance.now() - requested)));
        })
        .catch(() => {
          failed++;
        })
        .finally(() => inFlight.delete(call));
      inFlight.add(call);
    }
    await sleep(5);
  }
  await Promise.all(inFlight);
  await pool.close();
  return {
    sent,
    failed,
    perSecond: round(sent / seconds),
    p50: latency.getValueAtPercentile(50),
    p99: latency.getValueAtPercentile(99),
  };
}

function merge(reports: Report[]) {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000 });
  const boards: Record<string, { updates: number; sample: string }> = {};
  let messages = 0;
  let bytes = 0;
  for (const report of reports) {
    histogram.add(hdr.decodeFromCompressedBase64(report.histogram));
    messages += report.messages;
    bytes += report.bytes;
    for (const [unitCode, board] of Object.entries(report.boards)) {
      const updates = board.last - board.first + 1;
      const known = boards[unitCode];
      if (!known || known.updates < updates) {
        boards[unitCode] = { updates, sample: report.samples[unitCode] ?? '' };
      }
    }
    if (report.errors.length) console.error('subscriber errors:', report.errors);
  }
  return {
    messages,
    bytesPerMessage: messages ? Math.round(bytes / messages) : 0,
    p50: histogram.getValueAtPercentile(50),
    p99: histogram.getValueAtPercentile(99),
    max: histogram.maxValue,
    boards,
  };
}

/** What the server's JavaScript holds: its heap, and buffers outside it (sockets' among them). */
const held = (memory: NodeJS.MemoryUsage) => memory.heapUsed + memory.external;

interface Delay {
  p50: number;
  p99: number;
  max: number;
}
interface Result {
  subscribers: number;
  run: number;
  opened: number;
  submissions: Awaited<ReturnType<typeof submitAtRate>>;
  boardUpdates: number;
  messagesPerSecond: number;
  bytesPerMessage: number;
  delayMs: Delay;
  idleKiBPerConnection: number;
  busyKiBPerConnection: number;
  serverCpuPercent: number;
  /** BENCH_SPLIT: the CPU of the instance that holds the WebSockets (serverCpuPercent: the other's). */
  socketsCpuPercent: number | null;
  serverRssMiB: number;
  subscriberCpuPercent: number;
  baseline: {
    messagesPerSecond: number;
    delayMs: Delay;
    idleKiBPerConnection: number;
    busyKiBPerConnection: number;
    cpuPercent: number;
  };
}

const database = await createBenchDatabase();
const results: Result[] = [];
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
let socketsServer: Awaited<ReturnType<typeof startServerProcess>> | undefined;
let socketsInspector: Awaited<ReturnType<typeof connectInspector>> | undefined;
let baseline: ReturnType<typeof forkScript> | undefined;
let subscribers: Subscribers | undefined;
let inspector: Awaited<ReturnType<typeof connectInspector>> | undefined;
try {
  const started = await startBenchServer(database.url, { redisUrl: SPLIT ? REDIS_URL : undefined });
  server = started.server;
  inspector = started.inspector;
  const version = started.postgres;
  const serverPid = server.child.pid as number;
  const { base } = server;
  if (SPLIT) {
    socketsServer = await startBenchInstance(database.url, { redisUrl: REDIS_URL });
    socketsInspector = await connectInspector(socketsServer.output);
  }
  // Where the subscribers connect, and whose memory a connection costs.
  const socketsPid = (socketsServer ?? server).child.pid as number;
  const memoryOf = socketsInspector ?? inspector;
  const url = `${(socketsServer ?? server).base.replace('http', 'ws')}/graphql`;
  subscribers = await startSubscribers();
  baseline = forkScript('wsBroadcastBaseline.ts', ['--expose-gc']);
  const baselineMemory = async () => {
    const answered = baseline?.next('memory');
    baseline?.child.send({ type: 'memory' } satisfies BaselineCommand);
    return ((await answered) as { memory: NodeJS.MemoryUsage }).memory;
  };
  const { port: baselinePort } = (await baseline.next('listening')) as { port: number };
  const baselinePid = baseline.child.pid as number;
  let person = 0;

  for (const count of SUBSCRIBERS)
    for (let run = 1; run <= RUNS; run++) {
      const boards = boardsFor(count);

      // Ours: idle memory, then the load.
      const before = await memoryOf.memoryAfterGc();
      const heldBy = HEAP_PROFILE
        ? await memoryOf.liveAllocations(`${HEAP_PROFILE}/idle-${count}-${run}.heapprofile`)
        : null;
      const opened = await subscribers.connect(url, boards);
      await sleep(2000);
      if (heldBy) {
        console.log(
          `\nWhat ${count.toLocaleString('en')} idle subscribers hold, by allocating function (sampled, KiB per subscriber):`,
        );
        for (const { where, bytes } of await heldBy())
          console.log(`  ${round(bytes / 1024 / count, 3)}  ${where}`);
      }
      const idle = await memoryOf.memoryAfterGc();
      // Warm up (JIT, pools, caches) at the same rate before measuring.
      person += (await submitAtRate(server.base, RATE, WARM_UP_SECONDS, person)).sent;
      await sleep(1000);
      const warm = await processUsage(serverPid);
      const socketsWarm = await processUsage(socketsPid);
      const clientsBefore = await Promise.all(
        subscribers.workers.map((w) => processUsage(w.child.pid as number)),
      );
      await subscribers.measure();
      const submissions = await profiledPhase(inspector, `fanout-${count}-${run}`, () =>
        submitAtRate(base, RATE, SECONDS, person),
      );
      person += submissions.sent;
      await sleep(2000);
      const busy = await processUsage(serverPid);
      const socketsBusy = await processUsage(socketsPid);
      // What a connection holds once it has been busy: its buffers, its subscription's state.
      const afterLoad = await memoryOf.memoryAfterGc();
      const clientsAfter = await Promise.all(
        subscribers.workers.map((w) => processUsage(w.child.pid as number)),
      );
      const subscriberCpuPercent = round(
        (clientsAfter.reduce((sum, u, i) => sum + u.cpuSeconds - (clientsBefore[i]?.cpuSeconds ?? 0), 0) /
          (SECONDS + 2)) *
          100,
        0,
      );
      const ours = merge(await subscribers.report());
      await subscribers.close();

      // The baseline: the same subscribers, sent the same messages at the same rates.
      const baselineBefore = await baselineMemory();
      await subscribers.connect(`ws://127.0.0.1:${baselinePort}/graphql`, boards);
      await sleep(2000);
      const baselineIdle = await baselineMemory();
      const baselineStart = await processUsage(baselinePid);
      await subscribers.measure();
      const ran = baseline.next('ran');
      baseline.child.send({
        type: 'run',
        seconds: SECONDS,
        boards: Object.fromEntries(
          Object.entries(ours.boards).map(([unitCode, board]) => [
            unitCode,
            { messages: board.updates, sample: board.sample },
          ]),
        ),
      } satisfies BaselineCommand);
      await ran;
      await sleep(1000);
      const baselineBusy = await processUsage(baselinePid);
      const baselineAfterLoad = await baselineMemory();
      const floor = merge(await subscribers.report());
      await subscribers.close();
      await sleep(3000);

      const result: Result = {
        subscribers: count,
        run,
        opened,
        submissions,
        boardUpdates: Object.values(ours.boards).reduce((sum, board) => sum + board.updates, 0),
        messagesPerSecond: round(ours.messages / SECONDS),
        bytesPerMessage: ours.bytesPerMessage,
        delayMs: { p50: ours.p50, p99: ours.p99, max: ours.max },
        idleKiBPerConnection: round((held(idle) - held(before)) / 1024 / count, 1),
        busyKiBPerConnection: round((held(afterLoad) - held(before)) / 1024 / count, 1),
        serverCpuPercent: round(((busy.cpuSeconds - warm.cpuSeconds) / (SECONDS + 2)) * 100, 0),
        socketsCpuPercent: SPLIT
          ? round(((socketsBusy.cpuSeconds - socketsWarm.cpuSeconds) / (SECONDS + 2)) * 100, 0)
          : null,
        serverRssMiB: round(busy.rssBytes / 2 ** 20, 0),
        subscriberCpuPercent,
        baseline: {
          messagesPerSecond: round(floor.messages / SECONDS),
          delayMs: { p50: floor.p50, p99: floor.p99, max: floor.max },
          idleKiBPerConnection: round((held(baselineIdle) - held(baselineBefore)) / 1024 / count, 1),
          busyKiBPerConnection: round((held(baselineAfterLoad) - held(baselineBefore)) / 1024 / count, 1),
          cpuPercent: round(((baselineBusy.cpuSeconds - baselineStart.cpuSeconds) / (SECONDS + 1)) * 100, 0),
        },
      };
      results.push(result);
      console.log(JSON.stringify(result));
    }

  const conditions = {
    ...machine(),
    postgres: version,
    units: 1 + PROVINCES + COMMUNES,
    distribution: '10% on the national board, 30% on the 34 provincial boards, 60% over the 3,321 communes',
    enrolmentsPerSecond: RATE,
    seconds: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
    coalesceMs: Number(process.env.LIVE_COALESCE_MS || 100),
    subscriberProcesses: WORKERS,
    runsPerSize: RUNS,
    instances: SPLIT
      ? 'two sharing Redis: submissions on one, the WebSockets on the other (server CPU: the first; sockets CPU: the second)'
      : 'one: submissions and WebSockets on the same event loop',
    note: 'server, subscribers and load generator share the same cores; delay = arrival − committedAt (same clock)',
  };
  console.log('\n## Fan-out benchmark\n');
  for (const [key, value] of Object.entries(conditions)) console.log(`- ${key}: ${value}`);
  console.log(
    '\n| subscribers | run | enrolments/s | submissions p50 / p99 ms | messages/s | delay p50 / p99 / max ms | server CPU | KiB per idle / busy connection | baseline messages/s | baseline delay p50 / p99 / max ms | baseline KiB per idle / busy connection |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const delay = (d: Delay) => `${d.p50} / ${d.p99} / ${d.max}`;
  for (const r of results) {
    const cpu =
      r.socketsCpuPercent === null
        ? `${r.serverCpuPercent}%`
        : `${r.serverCpuPercent}% + sockets ${r.socketsCpuPercent}%`;
    console.log(
      `| ${r.subscribers.toLocaleString('en')} | ${r.run} | ${r.submissions.perSecond} | ${r.submissions.p50} / ${r.submissions.p99} | ${r.messagesPerSecond.toLocaleString('en')} | ${delay(r.delayMs)} | ${cpu} | ${r.idleKiBPerConnection} / ${r.busyKiBPerConnection} | ${r.baseline.messagesPerSecond.toLocaleString('en')} | ${delay(r.baseline.delayMs)} | ${r.baseline.idleKiBPerConnection} / ${r.baseline.busyKiBPerConnection} |`,
    );
  }
  // The spread of each size's runs: the machine is shared, and one run is not a figure.
  console.log('');
  for (const count of SUBSCRIBERS) {
    const runs = results.filter((r) => r.subscribers === count);
    const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;
    console.log(
      `- ${count.toLocaleString('en')} subscribers, ${runs.length} runs: delivery p99 ${range(runs.map((r) => r.delayMs.p99))} ms (baseline ${range(runs.map((r) => r.baseline.delayMs.p99))}), submissions p99 ${range(runs.map((r) => r.submissions.p99))} ms`,
    );
  }
  const out = fileURLToPath(new URL('../../docs/benchmarks/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}fanout.json`, `${JSON.stringify({ conditions, results }, null, 2)}\n`);
  console.log('\nwrote docs/benchmarks/fanout.json');
} finally {
  inspector?.close();
  socketsInspector?.close();
  for (const worker of subscribers?.workers ?? []) worker.child.kill();
  baseline?.child.kill();
  await socketsServer?.stop();
  await server?.stop();
  await database.drop();
}
process.exit(0);
