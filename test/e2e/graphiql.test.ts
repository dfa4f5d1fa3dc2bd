import type { App } from '@toandan/server/app';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppOnSmallTree } from '../fixtures/app.ts';
import { type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { commandCenterToken } from '../fixtures/tokens.ts';

let app: App;
let base: string;
let browser: OpenBrowser;

beforeAll(async () => {
  // The browser starts while the database is prepared.
  const [started, opened] = await Promise.all([startAppOnSmallTree(), openBrowser()]);
  ({ app, base } = started);
  browser = opened;
});
afterAll(() => Promise.all([browser?.close(), app?.stop()]));

/** Every request the page makes to a host other than this server is aborted, and kept. */
async function offline(page: Page): Promise<string[]> {
  const elsewhere: string[] = [];
  const local = new URL(base).host;
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === local || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    elsewhere.push(url.href);
    return route.abort('internetdisconnected');
  });
  return elsewhere;
}

/** One of GraphiQL's Monaco editors, by the model it edits. */
const editor = (model: string) => `.monaco-editor[data-uri$="-${model}"]`;

/** Replaces the text of a Monaco editor by pasting, as a partner pastes a token. */
async function replaceText(page: Page, selector: string, text: string): Promise<void> {
  await page.evaluate((copied) => navigator.clipboard.writeText(copied), text);
  await page.locator(`${selector} .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => textOf(page, selector)).toContain(text);
}

/** What a Monaco editor shows (it renders spaces as no-break spaces, and only lines in view). */
const textOf = async (page: Page, selector: string) =>
  ((await page.locator(`${selector} .view-lines`).textContent()) ?? '').replaceAll('\u00a0', ' ');

it('runs a query and a subscription from GraphiQL with the token in the header editor, no other host reachable', async () => {
  const page = await browser.newPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const elsewhere = await offline(page);
  await page.goto(`${base}/graphql`);
  // The header editor opens on the API's scheme, waiting for the token.
  await expect.poll(() => textOf(page, editor('request-headers.json'))).toContain('"Authorization": "Bearer');

  const token = await commandCenterToken();
  await replaceText(
    page,
    editor('request-headers.json'),
    JSON.stringify({ Authorization: `Bearer ${token}` }),
  );
  await replaceText(page, editor('operation.graphql'), '{ campaigns { id } }');
  const answered = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/graphql' && response.request().method() === 'POST',
  );
  await page.locator('.graphiql-execute-button').click();
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ data: { campaigns: [{ id: 'test-campaign' }] } });
  await expect.poll(() => textOf(page, editor('response.json'))).toContain('"test-campaign"');

  // A board's live updates, with the same header: the opening update shows its sequence.
  await replaceText(
    page,
    editor('operation.graphql'),
    'subscription { boardUpdated(campaignId: "test-campaign", unitCode: "38") { sequence } }',
  );
  await page.locator('.graphiql-execute-button').click();
  await expect.poll(() => textOf(page, editor('response.json'))).toMatch(/"sequence": \d+/);

  expect(elsewhere).toEqual([]);
  expect(browser.consoleLines.filter((line) => /Content Security Policy|pageerror/.test(line))).toEqual([]);
  await page.close();
});

it('serves GraphiQL under the app’s security headers, naming no other origin', async () => {
  const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  const policy = page.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("script-src 'self'");
  // Only this server's own sources: no host, no scheme such as https: that allows every host.
  const sources = policy.split(';').flatMap((directive) => directive.trim().split(/\s+/).slice(1));
  expect(
    sources.filter((source) => !["'self'", "'none'", "'unsafe-inline'", 'data:'].includes(source)),
  ).toEqual([]);
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  const html = await page.text();
  expect(html.match(/(src|href)="[^"]+"/g)?.every((link) => /="\/graphiql\//.test(link))).toBe(true);

  // Its code, under the same headers, cached for good under its version.
  const script = html.match(/src="([^"]+)"/)?.[1] ?? '';
  const file = await fetch(`${base}${script}`);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toContain('javascript');
  expect(file.headers.get('cache-control')).toContain('immutable');
  expect(file.headers.get('content-security-policy')).toBe(policy);
  // The bundle it loads goes gzipped to a browser (fetch asks for it and inflates it).
  const bundle = await fetch(`${base}${script.replace(/start\.js$/, 'graphiql.js')}`);
  expect(bundle.headers.get('content-encoding')).toBe('gzip');
  expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  expect((await fetch(`${base}/graphiql/0.0.0/graphiql.js`)).status).toBe(404);
});
