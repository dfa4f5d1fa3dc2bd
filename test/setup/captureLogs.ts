import fs from 'node:fs';
import { afterAll, expect } from 'vitest';
import { personalDataIn } from './personalDataInLogs.ts';

// Runs before each integration test file: whatever the code under test logs in this process
// (the server runs in it) is kept, and the file fails if any of it holds personal data or a
// token. Server processes that tests start check their own output (fixtures/run.ts).
const logged: string[] = [];
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    logged.push(
      args
        .map((arg) =>
          arg instanceof Error
            ? `${arg.message}\n${arg.stack}`
            : typeof arg === 'string'
              ? arg
              : JSON.stringify(arg),
        )
        .join(' '),
    );
    original(...args);
  };
}

// The server's logger (server/src/log.ts, pino) writes its lines straight to file descriptor 1
// through fs.write (fs.writeSync on a terminal), not through console: kept here too, every line
// whatever its level. Only warnings and errors go on to the terminal, so that a file's thousand
// request lines do not bury the test report.
const shown = (text: string) =>
  text
    .split('\n')
    .filter((line) => {
      if (!line.startsWith('{')) return line !== '';
      try {
        const { level } = JSON.parse(line) as { level?: unknown };
        return !['trace', 'debug', 'info', 10, 20, 30].includes(level as string);
      } catch {
        return true;
      }
    })
    .map((line) => `${line}\n`)
    .join('');
const textOf = (data: unknown) =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString()
      : String(data);

const { writeSync, write } = fs;
fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
  if (fd !== 1 && fd !== 2) return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
  const text = textOf(data);
  logged.push(text);
  const kept = shown(text);
  if (kept) writeSync(fd, kept);
  return Buffer.byteLength(text);
}) as typeof fs.writeSync;
fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
  const done = rest.at(-1) as (error: NodeJS.ErrnoException | null, written: number) => void;
  if ((fd !== 1 && fd !== 2) || typeof done !== 'function') {
    return (write as (...args: unknown[]) => void)(fd, data, ...rest);
  }
  const text = textOf(data);
  logged.push(text);
  const kept = shown(text);
  // The writer counts what the whole line took, shown or not.
  if (!kept) process.nextTick(done, null, Buffer.byteLength(text));
  else write(fd, kept, (error) => done(error, Buffer.byteLength(text)));
}) as typeof fs.write;

afterAll(() => {
  expect(personalDataIn(logged.join('\n')), 'personal data or tokens in the logs of this file').toEqual([]);
});
