import { beforeAll, describe, expect, it } from 'vitest';
import { rawSocket } from './fixtures/live.ts';
import {
  envWith,
  finished,
  loadSmallTreeInItsOwnProcess,
  repoRoot,
  spawnServerScript,
  startServerProcess,
} from './fixtures/run.ts';
import { validSubmission } from './fixtures/submissions.ts';
import { bearer, tokenFor } from './fixtures/tokens.ts';

// The server's log as an operator's collector reads it (README, "Logs"): a real server process,
// its stdout parsed line by line as JSON.
beforeAll(loadSmallTreeInItsOwnProcess, 120_000);

interface LogLine {
  level: string;
  time: string;
  pid: number;
  hostname: string;
  msg: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  operation?: string;
  rootField?: string;
  errors?: string[];
  closeCode?: number;
}

/** Every line of a server's stdout, each of which must be one JSON object. */
function linesOf(stdout: string): LogLine[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`a log line that is not JSON: ${line}`);
      }
    });
}

const serve = (overrides: Record<string, string | undefined> = {}) =>
  startServerProcess(
    envWith({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: undefined, LOG_FORMAT: undefined, ...overrides }),
  );

describe('the log', () => {
  it('has one JSON line per request, with method, path, status and duration, and no token, person or query string', async () => {
    const server = await serve();
    const agent = await tokenFor('FIELD_AGENT', '386');
    const submission = validSubmission(4242);
    const page = await fetch(`${server.base}/board/386?token=${agent}`);
    await page.arrayBuffer();
    const submitted = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(agent) },
      body: JSON.stringify({
        query:
          'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
        variables: { input: submission },
      }),
    });
    expect(await submitted.json()).toEqual({ data: { submitEnrolment: { userErrors: [] } } });
    const query = encodeURIComponent('query ($code: String!) { unit(code: $code) { name } }');
    const variables = encodeURIComponent(JSON.stringify({ code: submission.citizenId }));
    const asked = await fetch(`${server.base}/graphql?query=${query}&variables=${variables}`, {
      headers: { accept: 'application/json', authorization: bearer(agent) },
    });
    expect(await asked.json()).toEqual({ data: { unit: null } });
    const refused = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(`${agent.slice(0, -4)}AAAA`) },
      body: JSON.stringify({ query: '{ campaigns { id } }' }),
    });
    expect(refused.status).toBe(401);
    await refused.arrayBuffer();
    // A probe: debug, so not at the default level.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    const socket = rawSocket(server.base);
    await socket.opened;
    socket.socket.close(1000);
    await socket.closed;

    const { code, stdout } = await server.stop();
    expect(code).toBe(0);
    const lines = linesOf(stdout);
    // The socket's line is written when the server sees it close, which may come after the stop.
    expect(lines.map((line) => line.msg).sort()).toEqual(
      [
        expect.stringMatching(/^Toàn Dân is serving http:\/\/localhost:\d+\/graphql /),
        'request',
        'request',
        'request',
        'request',
        'websocket closed',
        'SIGTERM: stopping',
      ].sort(),
    );
    for (const line of lines) {
      expect(line.level).toBe('info');
      expect(Date.parse(line.time)).toBeGreaterThan(0);
    }
    const fields = lines
      .filter((line) => line.path !== undefined)
      .map(({ level, time, pid, hostname, msg, durationMs, ...rest }) => {
        expect(durationMs).toBeGreaterThanOrEqual(0);
        return rest;
      });
    expect(fields).toEqual([
      { method: 'GET', path: '/board/386', status: 200 },
      { method: 'POST', path: '/graphql', status: 200, operation: 'mutation', rootField: 'submitEnrolment' },
      { method: 'GET', path: '/graphql', status: 200, operation: 'query', rootField: 'unit' },
      { method: 'POST', path: '/graphql', status: 401, errors: ['UNAUTHENTICATED'] },
      { method: 'GET', path: '/graphql', status: 101, closeCode: 1000 },
    ]);
    // What the requests carried, in the URL, the headers or the body, is nowhere in the log.
    for (const secret of [
      agent,
      submission.citizenId,
      submission.fullName,
      'token=',
      'variables',
      'query=',
    ]) {
      expect(stdout).not.toContain(secret);
    }
  }, 120_000);

  it('writes the lines at LOG_LEVEL and above: debug adds the health probes', async () => {
    const server = await serve({ LOG_LEVEL: 'debug' });
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    const { stdout } = await server.stop();
    expect(linesOf(stdout)).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        msg: 'request',
        method: 'GET',
        path: '/healthz',
        status: 200,
      }),
    );
  }, 120_000);

  it.runIf(process.env.DATABASE_URL)(
    "gives the submission bench's floor the same line as the server",
    async () => {
      const floor = spawnServerScript(
        `${repoRoot}test/bench/reference/floorServer.ts`,
        [],
        envWith({ LOG_LEVEL: undefined }),
      );
      const exit = finished(floor);
      const base = await new Promise<string>((resolve, reject) => {
        let seen = '';
        floor.stdout?.on('data', (chunk) => {
          seen += chunk;
          const match = /floor serving (http:\/\/[\d.]+:\d+)/.exec(seen);
          if (match?.[1]) resolve(match[1]);
        });
        floor.on('close', () => reject(new Error(`the floor stopped: ${seen}`)));
      });
      const submission = validSubmission(4243);
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { duplicate } }',
          variables: { input: submission },
        }),
      });
      expect(await response.json()).toEqual({ data: { submitEnrolment: { duplicate: false } } });
      floor.kill('SIGTERM');
      const { stdout } = await exit;
      const request = linesOf(stdout).find((line) => line.msg === 'request');
      expect(request).toEqual({
        level: 'info',
        time: expect.any(String),
        pid: expect.any(Number),
        hostname: expect.any(String),
        msg: 'request',
        method: 'POST',
        path: '/graphql',
        status: 200,
        durationMs: expect.any(Number),
        operation: 'mutation',
        rootField: 'submitEnrolment',
      });
      expect(stdout).not.toContain(submission.citizenId);
    },
    60_000,
  );
});
