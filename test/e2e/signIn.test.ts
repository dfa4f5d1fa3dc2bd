import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from '../fixtures/app.ts';
import { accessibilityViolations, type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { commandCenterToken } from '../fixtures/tokens.ts';

let app: App;
let base: string;
let browser: OpenBrowser;
let graphql: GraphQLCall;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('signs in with ?token=, keeps it, and removes it from the address bar', async () => {
  const page = await browser.newPage();
  const token = await commandCenterToken();
  await page.goto(`${base}/campaigns?token=${encodeURIComponent(token)}`);
  await page.locator('[data-campaign-id="test-campaign"]').waitFor();
  expect(new URL(page.url()).search).toBe('');
  expect(await page.evaluate(() => localStorage.getItem('toandan.token'))).toBe(token);
  // A reload stays signed in without the token in the address.
  await page.reload();
  await page.locator('[data-campaign-id="test-campaign"]').waitFor();
  await page.close();
});

it('asks for a token, takes it from the form, and forgets it on sign-out', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/campaigns`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByLabel('Mã truy cập (token)').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Mã truy cập (token)').fill(await commandCenterToken());
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('[data-campaign-id="test-campaign"]').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Mã truy cập (token)').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('toandan.token'))).toBeNull();
  await page.close();
});

it('sends a refused token back to the sign-in form', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/campaigns?token=not-a-token`);
  await page.getByRole('alert').filter({ hasText: 'Mã truy cập không hợp lệ' }).waitFor();
  await page.close();
});

it('answers the app’s own routes with index.html and the web app’s security headers', async () => {
  for (const path of ['/', '/campaigns', '/board/test-campaign/38', '/wall/test-campaign/386?seconds=5']) {
    const response = await fetch(`${base}${path}`);
    expect(response.status, path).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<div id="root"></div>');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  }
});

it('tells a field officer to scan the QR code, and names no developer command', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/submit`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const form = page.locator('form.sign-in');
  await form.waitFor();
  expect(await form.textContent()).toContain('quét mã QR');
  expect(await form.textContent()).not.toMatch(/pnpm|token --/);
  await page.close();
});

it('signs a phone in from a QR code’s URL, keeps the code out of the address and history, and refuses it a second time', async () => {
  const { body } = await graphql('mutation { issueSignInCodes(officerCodes: ["CB-386-01-1"]) { url code } }');
  const [{ url, code }] = body.data.issueSignInCodes;
  expect(url).toBe(`${base}/submit#code=${code}`);
  const phone = await openBrowser({ context: { isMobile: true, hasTouch: true } });
  try {
    const page = await phone.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(`${request.url()} ${request.postData() ?? ''}`));
    await page.goto(url);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('toandan.token'))).not.toBeNull();
    const token = (await page.evaluate(() => localStorage.getItem('toandan.token'))) as string;
    const viewer = await graphql('{ viewer { role officer { code } } }', {}, token);
    expect(viewer.body.data.viewer).toEqual({ role: 'FIELD_AGENT', officer: { code: 'CB-386-01-1' } });
    expect(page.url()).toBe(`${base}/submit`);
    // The tab's entries: its blank start, and the QR's, rewritten without the code.
    expect(await page.evaluate(() => [history.length, location.hash])).toEqual([2, '']);
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    expect(page.url()).toBe(`${base}/submit`);
    // The code went to the server once, in the redeem's body, never in a URL.
    expect(requested.filter((line) => line.split(' ')[0]?.includes(code))).toEqual([]);
    expect(requested.filter((line) => line.includes(code))).toHaveLength(1);
    await page.close();
  } finally {
    await phone.close();
  }
  const second = await openBrowser({ context: { isMobile: true, hasTouch: true } });
  try {
    const page = await second.newPage();
    await page.goto(url);
    await page.getByRole('alert').filter({ hasText: 'Mã đăng nhập này đã được dùng' }).waitFor();
    expect(page.url()).toBe(`${base}/submit`);
    await page.close();
  } finally {
    await second.close();
  }
});
