/**
 * THE BASELINE of the fan-out benchmark, not the product: a bare `ws` server that speaks just
 * enough graphql-transport-ws for the same clients (ack, subscribe, next) and sends each board's
 * subscribers the very messages our server sent in the run, at the same rate per board, with no
 * GraphQL, no database and no coalescing. Each message is serialised once and joined to each
 * subscriber's id: the floor that the network and the WebSocket library set.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export type BaselineCommand =
  | { type: 'memory' }
  | {
      type: 'run';
      seconds: number;
      /** Per board: how many messages to send over `seconds`, and one message as our server sent it. */
      boards: Record<string, { messages: number; sample: string }>;
    };

const subscribers = new Map<string, { socket: WebSocket; id: string }[]>();
const server = createServer();
const wss = new WebSocketServer({ server, path: '/graphql', handleProtocols: () => 'graphql-transport-ws' });

wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      id?: string;
      payload?: { variables?: { unitCode?: string } };
    };
    if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    if (message.type === 'subscribe' && message.id) {
      const unitCode = message.payload?.variables?.unitCode ?? '';
      const list = subscribers.get(unitCode) ?? [];
      list.push({ socket, id: message.id });
      subscribers.set(unitCode, list);
      const opening = {
        data: { boardUpdated: { sequence: 0, committedAt: new Date().toISOString(), changes: [] } },
      };
      socket.send(JSON.stringify({ id: message.id, type: 'next', payload: opening }));
    }
  });
  socket.on('close', () => {
    for (const [unitCode, list] of subscribers) {
      subscribers.set(
        unitCode,
        list.filter((subscriber) => subscriber.socket !== socket),
      );
    }
  });
});

function run(command: Extract<BaselineCommand, { type: 'run' }>) {
  const timers: NodeJS.Timeout[] = [];
  for (const [unitCode, { messages, sample }] of Object.entries(command.boards)) {
    if (messages === 0) continue;
    const { payload } = JSON.parse(sample) as {
      payload: { data: { boardUpdated: Record<string, unknown> } };
    };
    let sequence = 0;
    let sent = 0;
    const interval = (command.seconds * 1000) / messages;
    const timer = setInterval(() => {
      if (++sent >= messages) clearInterval(timer);
      payload.data.boardUpdated.sequence = ++sequence;
      payload.data.boardUpdated.committedAt = new Date().toISOString();
      const body = JSON.stringify(payload);
      for (const { socket, id } of subscribers.get(unitCode) ?? []) {
        if (socket.readyState === WebSocket.OPEN)
          socket.send(`{"id":"${id}","type":"next","payload":${body}}`);
      }
    }, interval);
    timers.push(timer);
  }
  setTimeout(
    () => {
      for (const timer of timers) clearInterval(timer);
      process.send?.({ type: 'ran' });
    },
    command.seconds * 1000 + 500,
  );
}

process.on('message', (command: BaselineCommand) => {
  if (command.type === 'run') run(command);
  if (command.type === 'memory') {
    // Started with --expose-gc, so that memory is measured as the server's is: after a full GC.
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ type: 'memory', memory: process.memoryUsage() });
  }
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port });
});
