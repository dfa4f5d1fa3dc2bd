import { mkdirSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';

/** A node of V8's sampling heap profile. */
interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/**
 * The server's memory through its own inspector (`node --inspect`), after a full garbage
 * collection: what a connection really holds, without the garbage that RSS also counts.
 */
export async function connectInspector(output: () => string) {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
  if (!url) throw new Error('the server was not started with --inspect');
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = ++nextId;
      const listener = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
        if (message.id !== id) return;
        socket.off('message', listener);
        resolve(message.result ?? {});
      };
      socket.on('message', listener);
      socket.send(JSON.stringify({ id, method, params }));
    });
  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result } = (await call('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    })) as {
      result: { value: string };
    };
    return JSON.parse(result.value) as T;
  };
  return {
    evaluate,
    /**
     * Starts measuring the server's event-loop delay (perf_hooks), and returns what reads it:
     * p50, p99 and max in milliseconds since the start.
     */
    async eventLoopDelay(): Promise<() => Promise<{ p50: number; p99: number; max: number }>> {
      await evaluate(
        `(() => {
          globalThis.__benchDelay = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 });
          globalThis.__benchDelay.enable();
          return '1';
        })()`,
      );
      return () =>
        evaluate(
          'JSON.stringify((() => { const h = globalThis.__benchDelay; h.disable(); return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 }; })())',
        );
    },
    /**
     * Samples the process's CPU until the returned function is called, which writes the
     * profile to `file` (open it in Chrome DevTools or speedscope).
     */
    async cpuProfile(file: string): Promise<() => Promise<void>> {
      await call('Profiler.enable');
      await call('Profiler.setSamplingInterval', { interval: 200 });
      await call('Profiler.start');
      return async () => {
        const { profile } = await call('Profiler.stop');
        writeFileSync(file, JSON.stringify(profile));
      };
    },
    /**
     * Samples what the process allocates (every 16 KiB on average, kept or not) until the
     * returned function is called, which writes the profile to `file` (.heapprofile).
     */
    async allocationProfile(file: string): Promise<() => Promise<void>> {
      await call('HeapProfiler.enable');
      await call('HeapProfiler.startSampling', {
        samplingInterval: 16_384,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: !process.env.BENCH_PROFILE_SURVIVORS,
      });
      return async () => {
        const { profile } = await call('HeapProfiler.stopSampling');
        writeFileSync(file, JSON.stringify(profile));
      };
    },
    /**
     * Samples what the process allocates and still holds (every `interval` bytes on average;
     * what a garbage collection frees leaves the profile) until the returned function is called,
     * which collects garbage, writes the profile to `file` (.heapprofile) and returns the
     * allocating functions holding the most, by sampled bytes: what an idle connection is made of.
     */
    async liveAllocations(
      file: string,
      interval = 1024,
    ): Promise<() => Promise<{ bytes: number; where: string }[]>> {
      await call('HeapProfiler.enable');
      await call('HeapProfiler.startSampling', { samplingInterval: interval });
      return async () => {
        await call('HeapProfiler.collectGarbage');
        const { profile } = (await call('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
        writeFileSync(file, JSON.stringify(profile));
        const held = new Map<string, number>();
        const walk = (node: HeapNode, path: string[]) => {
          const frame = node.callFrame;
          const here = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|prisma|shared)\//, '$1/')}:${frame.lineNumber + 1}`;
          const own = [...path.slice(-2), here].join(' ← ');
          if (node.selfSize > 0) held.set(own, (held.get(own) ?? 0) + node.selfSize);
          for (const child of node.children) walk(child, [...path, here]);
        };
        walk(profile.head, []);
        return [...held]
          .map(([where, bytes]) => ({ where, bytes }))
          .sort((a, b) => b.bytes - a.bytes)
          .slice(0, 25);
      };
    },
    /**
     * Starts adding up the garbage collector's pauses by kind (perf_hooks), and returns what
     * reads them: milliseconds and count per kind since the start.
     */
    async garbageCollection(): Promise<() => Promise<Record<string, { ms: number; count: number }>>> {
      await evaluate(
        `(() => {
          const { PerformanceObserver, constants } = process.getBuiltinModule('node:perf_hooks');
          const kinds = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
            [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
          const totals = {};
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              const kind = kinds[entry.detail?.kind] ?? 'other';
              totals[kind] ??= { ms: 0, count: 0 };
              totals[kind].ms += entry.duration;
              totals[kind].count++;
            }
          });
          observer.observe({ entryTypes: ['gc'] });
          globalThis.__benchGc = { observer, totals };
          return '1';
        })()`,
      );
      return () =>
        evaluate(
          'JSON.stringify((() => { const { observer, totals } = globalThis.__benchGc; observer.disconnect(); return totals; })())',
        );
    },
    async memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
      await call('HeapProfiler.collectGarbage');
      return evaluate<NodeJS.MemoryUsage>('JSON.stringify(process.memoryUsage())');
    },
    close: () => socket.close(),
  };
}

/**
 * BENCH_PROFILE=<dir>: the CPU profile of what `run` does, written as <dir>/<name>.cpuprofile
 * (open it in Chrome DevTools or speedscope). BENCH_PROFILE_ALLOCATIONS=1 samples allocations
 * instead (<name>.heapprofile), for what the garbage collector has to do, and with
 * BENCH_PROFILE_SURVIVORS=1 only what outlived a young-generation collection.
 */
export async function profiledPhase<T>(
  inspector: Awaited<ReturnType<typeof connectInspector>>,
  name: string,
  run: () => Promise<T>,
): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return run();
  mkdirSync(dir, { recursive: true });
  const stop = process.env.BENCH_PROFILE_ALLOCATIONS
    ? await inspector.allocationProfile(`${dir}/${name}.heapprofile`)
    : await inspector.cpuProfile(`${dir}/${name}.cpuprofile`);
  const result = await run();
  await stop();
  return result;
}
