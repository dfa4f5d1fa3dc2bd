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
  return {
    async memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
      await call('HeapProfiler.collectGarbage');
      const { result } = (await call('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      })) as { result: { value: string } };
      return JSON.parse(result.value) as NodeJS.MemoryUsage;
    },
    close: () => socket.close(),
  };
}
