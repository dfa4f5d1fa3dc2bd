import type { App } from '@toandan/server/app';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from './fixtures/app.ts';
import { bearer, commandCenterToken } from './fixtures/tokens.ts';

// The graphql-http project's audit of the GraphQL-over-HTTP spec: every MUST, SHOULD and MAY.
let app: App;
let base = '';

beforeAll(async () => {
  ({ app, base } = await startApp());
});
afterAll(() => app.stop());

describe('GraphQL over HTTP (graphql-http audits)', () => {
  // Every request signs in, as API.md requires; what is audited is the transport.
  const signedIn: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', bearer(await commandCenterToken()));
    return fetch(input, { ...init, headers });
  };
  for (const audit of serverAudits({ url: () => `${base}/graphql`, fetchFn: signedIn })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      // On failure the reason and the response's status say what the server did wrong.
      expect(
        result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason} (HTTP ${result.response.status})`,
      ).toBe('ok');
    });
  }
});

describe('in the browser', () => {
  it('serves GraphiQL at /graphql', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect((await response.text()).toLowerCase()).toContain('graphiql');
  });

  it('serves the schema as SDL at /schema.graphql', async () => {
    const response = await fetch(`${base}/schema.graphql`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toContain('type Query');
  });
});
