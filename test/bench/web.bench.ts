/**
 * The board in a browser: Chromium (Debian's, through playwright-core) shows a board of 700
 * rows while 50 enrolments a second arrive through the API, for a minute measured after 20 s of
 * warm-up, against a baseline in the same run: the same board for the same time with nothing
 * arriving. It reports frames dropped (requestAnimationFrame intervals), long tasks
 * (PerformanceObserver 'longtask'), Chromium's main-thread time (Performance.getMetrics) and
 * the page's JavaScript heap after a forced garbage collection (CDP) every 30 s from the end of
 * the warm-up, with its trend (least squares, MiB per minute): a leak climbs, a warm heap
 * wanders within a range.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm bench web
 *   BENCH_SECONDS=300 BENCH_WARM_UP=60 BENCH_HEAP_EVERY=30 BENCH_RATE=50 BENCH_ROWS=700 (the defaults)
 *
 * The server coalesces a board's updates (at most one message per LIVE_COALESCE_MS, 100 ms by
 * default; docs/design.md, "Live boards"), so 50 enrolments a second reach the page as a few messages a second, each
 * carrying the rows that changed. Server, PostgreSQL, the load and Chromium share this
 * machine's cores.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vnDay } from '@toandan/shared/vnDay';
import type { CDPSession, Page } from 'playwright-core';
import { graphqlAt } from '../fixtures/app.ts';
import { openBrowser } from '../fixtures/browser.ts';
import { envWith, startServerProcess } from '../fixtures/run.ts';
import { commandCenterToken } from '../fixtures/tokens.ts';
import buildWebIfStale from '../setup/webBuild.ts';
import { createBenchDatabase } from './benchDatabase.ts';
import { machine, percentile, round } from './conditions.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const ROWS = Number(process.env.BENCH_ROWS ?? 700);
/** Long enough for the updates to have touched most of the 700 rows once: each row's first
 * re-render allocates what it keeps from then on (React's second fiber, V8's optimised code).
 * After 20 s the heap was still settling (1–2 MiB more a minute later, then no more). */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP ?? 60);
/** The heap is read this often during the measured time, each time after a forced GC. */
const HEAP_EVERY_SECONDS = Number(process.env.BENCH_HEAP_EVERY ?? 30);
const CAMPAIGN = 'bench-web';
const VIEWPORT = { width: 1600, height: 1000 };

/** A province with ROWS communes under the nation, and a campaign running today over it. */
async function buildTree() {
  const { db } = await import('@toandan/db/db');
  await db.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "ancestorIds", depth) VALUES ('VN', 'Việt Nam', 'NATION', '{}', 0)`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
     SELECT 'W', 'Tỉnh thử', 'PROVINCE', id, ARRAY[id], 1, true FROM "Unit" WHERE code = 'VN'`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "parentId", "ancestorIds", depth, generated)
     SELECT 'W-' || lpad(c::text, 3, '0'), 'Xã mẫu ' || c, 'COMMUNE', p.id, p."ancestorIds" || p.id, 2, true
     FROM "Unit" p, generate_series(1, ${ROWS}) c WHERE p.code = 'W'`,
  );
  const root = await db.unit.findUniqueOrThrow({ where: { code: 'VN' } });
  const today = vnDay.today();
  await db.campaign.create({
    data: {
      id: CAMPAIGN,
      name: 'Đợt ra quân (bench)',
      kind: 'DRIVE',
      startsOn: vnDay.toDateColumn(vnDay.addDays(today, -6)),
      endsOn: vnDay.toDateColumn(vnDay.addDays(today, 13)),
      schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
      unitId: root.id,
    },
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "Target" ("campaignId", "unitId", scheme, target)
     SELECT $1, u.id, s::"Scheme", CASE u.depth WHEN 2 THEN 400 ELSE 400 * ${ROWS} END
     FROM "Unit" u, unnest(ARRAY['VOLUNTARY_SI', 'HOUSEHOLD_HI']) s`,
    CAMPAIGN,
  );
}

/**
 * Installed before the app loads: counts frames and keeps every long task. Frame intervals go
 * into a histogram of 0.1-ms buckets allocated once, so that measuring adds nothing to the heap
 * it measures (a list of intervals grew by 0.03 MiB a minute). Plain JavaScript in a string,
 * because tsx would wrap a function's inner functions in a helper the page lacks.
 */
const INSTRUMENT = `
  const BUCKETS = 20000;
  const bench = { intervals: new Uint32Array(BUCKETS), longest: 0, longTasks: [], start() {} };
  window.bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  let last = 0;
  bench.start = () => { bench.intervals.fill(0); bench.longest = 0; bench.longTasks = []; last = 0; };
  const frame = (time) => {
    if (last) {
      const interval = time - last;
      bench.intervals[Math.min(BUCKETS - 1, Math.round(interval * 10))]++;
      if (interval > bench.longest) bench.longest = interval;
    }
    last = time;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
`;

export interface Phase {
  name: string;
  enrolmentsPerSecond: number;
  messagesPerSecond: number;
  frames: number;
  framesDropped: number;
  frameIntervalMs: { p50: number; p99: number; max: number };
  longTasks: number;
  longestTaskMs: number;
  heapMiB: {
    afterWarmUp: number;
    atEnd: number;
    growth: number;
    /** Every HEAP_EVERY_SECONDS from the end of the warm-up, the first and the last included. */
    samples: { seconds: number; mib: number }[];
    /** Least-squares slope of the samples. */
    trendMiBPerMinute: number;
    lowest: number;
    highest: number;
  };
  /** Main-thread time per second of the phase, from Chromium's own counters (Performance.getMetrics). */
  busyMsPerSecond: { task: number; script: number; layout: number; style: number };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((metric) => [metric.name, metric.value]));
}

async function heapMiB(cdp: CDPSession): Promise<number> {
  // Twice: what the first collection only finalised (weak references, detached DOM wrappers)
  // is freed by the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return round(usedSize / 2 ** 20, 2);
}

/** The least-squares slope of MiB against seconds. */
function slope(samples: { seconds: number; mib: number }[]): number {
  const n = samples.length;
  const meanX = samples.reduce((sum, s) => sum + s.seconds, 0) / n;
  const meanY = samples.reduce((sum, s) => sum + s.mib, 0) / n;
  const covariance = samples.reduce((sum, s) => sum + (s.seconds - meanX) * (s.mib - meanY), 0);
  const variance = samples.reduce((sum, s) => sum + (s.seconds - meanX) ** 2, 0);
  return variance ? covariance / variance : 0;
}

async function runPhase(
  name: string,
  page: Page,
  cdp: CDPSession,
  load: (() => Promise<void>) | null,
): Promise<Phase> {
  const sequence = async () => Number(await page.locator('[data-sequence]').getAttribute('data-sequence'));
  let submitted = 0;
  let failed = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  if (load) {
    timer = setInterval(() => {
      submitted++;
      load().catch(() => failed++);
    }, 1000 / RATE);
  }
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_SECONDS * 1000));
  const warm = await heapMiB(cdp);
  const firstSequence = await sequence();
  const submittedAtWarm = submitted;
  await page.evaluate(() => (window as unknown as { bench: { start(): void } }).bench.start());
  const before = await metrics(cdp);
  const started = Date.now();
  // The heap over the measured time, each sample after a forced GC (a few milliseconds on this
  // heap: no long task in the runs so far, and the idle baseline pays the same).
  const samples = [{ seconds: 0, mib: warm }];
  const sampler = setInterval(() => {
    const seconds = round((Date.now() - started) / 1000, 0);
    void heapMiB(cdp).then((mib) => {
      samples.push({ seconds, mib });
      console.log(`  heap ${name} ${seconds} s: ${mib} MiB`);
    });
  }, HEAP_EVERY_SECONDS * 1000);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  clearInterval(sampler);
  const measured = await page.evaluate(() => {
    const { intervals, longest, longTasks } = (
      window as unknown as { bench: { intervals: Uint32Array; longest: number; longTasks: number[] } }
    ).bench;
    return { intervals: [...intervals], longest, longTasks: [...longTasks] };
  });
  // Every frame interval, to 0.1 ms, in order.
  const sorted = measured.intervals.flatMap((count, bucket) =>
    Array.from({ length: count }, () => bucket / 10),
  );
  const elapsed = (Date.now() - started) / 1000;
  const after = await metrics(cdp);
  const perSecond = (name: string) => round((((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / elapsed, 1);
  const lastSequence = await sequence();
  const submittedInWindow = submitted - submittedAtWarm;
  clearInterval(timer);
  if (failed) throw new Error(`${failed} submissions failed`);
  const end = await heapMiB(cdp);
  samples.push({ seconds: round(elapsed, 0), mib: end });
  const frameMs = percentile(sorted, 50) || 16.67;
  // A frame "dropped" for every whole frame interval missed between two frames drawn.
  const dropped = sorted.reduce((sum, interval) => sum + Math.max(0, Math.round(interval / frameMs) - 1), 0);
  return {
    name,
    enrolmentsPerSecond: round(submittedInWindow / elapsed, 1),
    messagesPerSecond: round((lastSequence - firstSequence) / elapsed, 1),
    frames: sorted.length,
    framesDropped: dropped,
    frameIntervalMs: {
      p50: round(percentile(sorted, 50), 1),
      p99: round(percentile(sorted, 99), 1),
      max: round(measured.longest, 1),
    },
    longTasks: measured.longTasks.length,
    longestTaskMs: round(Math.max(0, ...measured.longTasks), 1),
    heapMiB: {
      afterWarmUp: warm,
      atEnd: end,
      growth: round(end - warm, 2),
      samples,
      trendMiBPerMinute: round(slope(samples) * 60, 3),
      lowest: Math.min(...samples.map((sample) => sample.mib)),
      highest: Math.max(...samples.map((sample) => sample.mib)),
    },
    busyMsPerSecond: {
      task: perSecond('TaskDuration'),
      script: perSecond('ScriptDuration'),
      layout: perSecond('LayoutDuration'),
      style: perSecond('RecalcStyleDuration'),
    },
  };
}

const bench = await createBenchDatabase();
let stopServer: (() => Promise<unknown>) | null = null;
let closeBrowser: (() => Promise<void>) | null = null;
try {
  await buildWebIfStale();
  const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
  const { database } = await import('@toandan/db/db');
  await prepareDatabaseOrThrow({ seed: 'never' });
  await buildTree();
  await database.close();
  const server = await startServerProcess(
    envWith({
      DATABASE_URL: bench.url,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      REDIS_URL: undefined,
    }),
  );
  stopServer = () => server.stop();
  const base = server.base.replace('localhost', '127.0.0.1');
  const token = await commandCenterToken();

  const browser = await openBrowser({ viewport: VIEWPORT });
  closeBrowser = () => browser.close();
  // The profile's first tab is the one in front: a background tab gets no animation frames.
  const page = browser.context.pages()[0] ?? (await browser.newPage());
  await page.bringToFront();
  await page.addInitScript({ content: INSTRUMENT });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${base}/board/${CAMPAIGN}/W?token=${token}`);
  await page.locator('[data-board-unit="W"] [data-connection="live"]').waitFor({ timeout: 60_000 });
  const rendered = await page.locator('[role="row"][data-unit-code]').count();
  if (rendered !== ROWS) throw new Error(`the board shows ${rendered} rows, not ${ROWS}`);

  let person = 0;
  const submit = async () => {
    const n = person++;
    const { body } = await graphqlAt(
      base,
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
      {
        input: {
          campaignId: CAMPAIGN,
          unitCode: `W-${String(1 + ((n * 7919) % ROWS)).padStart(3, '0')}`,
          scheme: n % 2 ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI',
          citizenId: `038095${String(n).padStart(6, '0')}`,
          fullName: 'Người Tham Gia',
          idempotencyKey: randomUUID(),
        },
      },
      token,
    );
    if (body.errors || body.data?.submitEnrolment.userErrors.length) throw new Error(JSON.stringify(body));
  };

  console.log(`board of ${ROWS} rows; baseline: ${SECONDS} s with nothing arriving`);
  // BENCH_BASELINE=skip: the live phase alone, for a long look at the heap (not for the record:
  // the report needs both phases).
  const baseline =
    process.env.BENCH_BASELINE === 'skip' ? null : await runPhase('no updates (baseline)', page, cdp, null);
  console.log(`live: ${SECONDS} s at ${RATE} enrolments/s through the API`);
  // BENCH_PAGE_PROFILE=<file>: the page's CPU profile of the live phase, for DevTools.
  const profile = process.env.BENCH_PAGE_PROFILE;
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const live = await runPhase(`${RATE} enrolments/s`, page, cdp, submit);
  if (profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));

  // What the page shows is what the API says.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { body } = await graphqlAt(
    base,
    '{ board(campaignId: "bench-web", unitCode: "W") { sequence totals { today } } }',
    undefined,
    token,
  );
  const shownTotal = await page
    .locator('[data-scheme]')
    .evaluateAll((cells) => cells.reduce((sum, cell) => sum + Number(cell.getAttribute('data-today')), 0));
  const apiTotal = body.data.board.totals.reduce(
    (sum: number, tally: { today: number }) => sum + tally.today,
    0,
  );
  if (shownTotal !== apiTotal) throw new Error(`the page shows ${shownTotal} for today, the API ${apiTotal}`);
  const browserVersion =
    browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));

  const conditions = {
    ...machine(),
    browser: browserVersion,
    viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
    rows: ROWS,
    schemes: 2,
    secondsMeasured: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
    heapEverySeconds: HEAP_EVERY_SECONDS,
    enrolmentsPerSecond: RATE,
    database: 'PostgreSQL (DATABASE_URL)',
    command: 'DATABASE_URL=… pnpm bench web',
    coalesceMs: Number(process.env.LIVE_COALESCE_MS || 100),
  };
  const results = {
    phases: baseline ? [baseline, live] : [live],
    enrolmentsCounted: apiTotal,
    pageMatchesApi: true,
  };
  console.log('\nconditions:');
  for (const [key, value] of Object.entries(conditions)) console.log(`- ${key}: ${value}`);
  console.log(
    '\n| phase | enrolments/s | messages/s | frames | dropped | frame p50 / p99 / max ms | long tasks | longest ms | heap after warm-up → end MiB | heap lowest–highest MiB, trend MiB/min | main thread ms/s: all / script / layout / style |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const p of results.phases) {
    console.log(
      `| ${p.name} | ${p.enrolmentsPerSecond} | ${p.messagesPerSecond} | ${p.frames} | ${p.framesDropped} | ${p.frameIntervalMs.p50} / ${p.frameIntervalMs.p99} / ${p.frameIntervalMs.max} | ${p.longTasks} | ${p.longestTaskMs} | ${p.heapMiB.afterWarmUp} → ${p.heapMiB.atEnd} (${p.heapMiB.growth >= 0 ? '+' : ''}${p.heapMiB.growth}) | ${p.heapMiB.lowest}–${p.heapMiB.highest}, ${p.heapMiB.trendMiBPerMinute} | ${p.busyMsPerSecond.task} / ${p.busyMsPerSecond.script} / ${p.busyMsPerSecond.layout} / ${p.busyMsPerSecond.style} |`,
    );
  }
  const out = fileURLToPath(new URL('../../docs/benchmarks/', import.meta.url));
  mkdirSync(out, { recursive: true });
  const file = baseline ? 'web.json' : 'web-live-only.json';
  writeFileSync(`${out}${file}`, `${JSON.stringify({ conditions, results }, null, 2)}\n`);
  console.log(`\nwrote docs/benchmarks/${file}`);
} finally {
  await closeBrowser?.();
  await stopServer?.();
  await bench.drop();
}
process.exit(0);
