import WebSocket from 'ws';

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
    async memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
      await call('HeapProfiler.collectGarbage');
      return evaluate<NodeJS.MemoryUsage>('JSON.stringify(process.memoryUsage())');
    },
    close: () => socket.close(),
  };
}
