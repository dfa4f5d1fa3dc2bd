/**
 * A process of subscribers for the fan-out benchmark (fanout.bench.ts forks two of them): one
 * real graphql-ws client, one WebSocket and one `boardUpdated` subscription per subscriber.
 * Each message's delay is its arrival time less the `committedAt` it carries, recorded in an
 * HDR histogram; the parent asks for the figures over IPC.
 */

import { type Client, createClient } from 'graphql-ws';
import * as hdr from 'hdr-histogram-js';
import WebSocket from 'ws';

export type Command =
  | { type: 'connect'; url: string; campaignId: string; unitCodes: string[]; token?: string }
  | { type: 'measure' }
  | { type: 'report' }
  | { type: 'close' };

export interface Report {
  type: 'report';
  histogram: string;
  messages: number;
  bytes: number;
  /** Per board: the first and last sequence seen while measuring, and the messages received. */
  boards: Record<string, { first: number; last: number; messages: number }>;
  /** A sample message of each board, for the baseline to send the same bytes. */
  samples: Record<string, string>;
  errors: string[];
}

const QUERY = `subscription ($campaignId: ID!, $unitCode: String!) {
  boardUpdated(campaignId: $campaignId, unitCode: $unitCode) { sequence committedAt changes { unitCode scheme date today cumulative } }
}`;

let clients: Client[] = [];
let histogram = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 120_000,
  numberOfSignificantValueDigits: 3,
});
let measuring = false;
let messages = 0;
let bytes = 0;
let boards: Report['boards'] = {};
const samples: Report['samples'] = {};
const errors: string[] = [];

const send = (message: unknown) => process.send?.(message);

/**
 * A lean subscriber: the graphql-transport-ws protocol by hand over `ws` (init, ack, subscribe,
 * next), reading each message's `committedAt` and `sequence` without parsing the whole of it,
 * so that the subscribers leave the cores to the server. BENCH_CLIENT=graphql-ws uses the real
 * client library instead.
 */
function leanSubscriber(url: string, campaignId: string, unitCode: string, token: string | undefined) {
  return new Promise<void>((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    let first = true;
    socket.on('open', () =>
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          payload: token ? { authorization: `Bearer ${token}` } : {},
        }),
      ),
    );
    socket.on('error', (error) => {
      errors.push(error.message);
      resolve();
    });
    socket.on('close', (code, reason) => {
      if (code !== 1000 && code !== 1005) errors.push(`closed ${code} ${reason}`);
      resolve();
    });
    socket.on('message', (data) => {
      const text = String(data);
      if (text.includes('"connection_ack"')) {
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: QUERY, variables: { campaignId, unitCode } },
          }),
        );
        return;
      }
      if (first) {
        first = false;
        opened++;
        resolve();
        return;
      }
      if (!measuring) return;
      const at = text.indexOf('"committedAt":"');
      const sequence = Number(/"sequence":(\d+)/.exec(text)?.[1] ?? Number.NaN);
      if (at < 0 || Number.isNaN(sequence)) return errors.push(`unexpected message: ${text.slice(0, 200)}`);
      record(unitCode, sequence, Date.parse(text.slice(at + 15, text.indexOf('"', at + 15))), text);
    });
    sockets.push(socket);
  });
}

let sockets: WebSocket[] = [];
let opened = 0;

function record(unitCode: string, sequence: number, committedAt: number, text: string) {
  histogram.recordValue(Math.max(1, Date.now() - committedAt));
  messages++;
  bytes += text.length;
  samples[unitCode] ??= text;
  const board = boards[unitCode];
  if (board) {
    board.last = Math.max(board.last, sequence);
    board.first = Math.min(board.first, sequence);
    board.messages++;
  } else boards[unitCode] = { first: sequence, last: sequence, messages: 1 };
}

async function connect(command: Extract<Command, { type: 'connect' }>) {
  opened = 0;
  const CONCURRENCY = 100;
  let next = 0;
  const one = async (unitCode: string) => {
    const client = createClient({
      url: command.url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: command.token ? { authorization: `Bearer ${command.token}` } : undefined,
      onNonLazyError: (error) => errors.push(String(error)),
    });
    clients.push(client);
    await new Promise<void>((resolve) => {
      let first = true;
      client.subscribe<{ boardUpdated: { sequence: number; committedAt: string } }>(
        { query: QUERY, variables: { campaignId: command.campaignId, unitCode } },
        {
          next: (message) => {
            const update = message.data?.boardUpdated;
            if (first) {
              first = false;
              opened++;
              resolve();
              return;
            }
            if (!update || !measuring) return;
            const text = JSON.stringify({ payload: message });
            record(unitCode, update.sequence, Date.parse(update.committedAt), text);
          },
          error: (error) => {
            errors.push(String(error instanceof Error ? error.message : JSON.stringify(error)));
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
  };
  const lean = (process.env.BENCH_CLIENT ?? 'lean') === 'lean';
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < command.unitCodes.length) {
        const unitCode = command.unitCodes[next++] as string;
        await (lean
          ? leanSubscriber(command.url, command.campaignId, unitCode, command.token)
          : one(unitCode));
      }
    }),
  );
  send({ type: 'connected', opened, errors: errors.slice(0, 5) });
}

process.on('message', async (command: Command) => {
  if (command.type === 'connect') await connect(command);
  if (command.type === 'measure') {
    histogram = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 120_000,
      numberOfSignificantValueDigits: 3,
    });
    messages = 0;
    bytes = 0;
    boards = {};
    measuring = true;
    send({ type: 'measuring' });
  }
  if (command.type === 'report') {
    measuring = false;
    const report: Report = {
      type: 'report',
      histogram: hdr.encodeIntoCompressedBase64(histogram),
      messages,
      bytes,
      boards,
      samples,
      errors: errors.slice(0, 5),
    };
    send(report);
  }
  if (command.type === 'close') {
    await Promise.all(clients.map((client) => client.dispose()));
    clients = [];
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve(null);
            socket.once('close', resolve);
            socket.close(1000);
          }),
      ),
    );
    sockets = [];
    send({ type: 'closed' });
  }
});
send({ type: 'ready' });
