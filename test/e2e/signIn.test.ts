import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppOnSmallTree } from '../fixtures/app.ts';
import { type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { commandCenterToken } from '../fixtures/tokens.ts';

let app: App;
let base: string;
let browser: OpenBrowser;

beforeAll(async () => {
  ({ app, base } = await startAppOnSmallTree());
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
  await page.getByLabel('Mã truy cập (token)').fill(await commandCenterToken());
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('[data-campaign-id="test-campaign"]').waitFor();
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
