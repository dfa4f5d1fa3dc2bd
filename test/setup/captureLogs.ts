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

afterAll(() => {
  expect(personalDataIn(logged.join('\n')), 'personal data or tokens in the logs of this file').toEqual([]);
});
