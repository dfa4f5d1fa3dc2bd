import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { App } from '@toandan/server/app';
import { coverageUntil } from '@toandan/shared/cover';
import { vnDay } from '@toandan/shared/vnDay';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from './fixtures/browser.ts';
import { createRunningDrive, queueCount } from './fixtures/fieldPhone.ts';
import { tokenFor } from './fixtures/tokens.ts';

/*
 * Đến hạn tái tục on the phone (issue 20, item 6), in real Chromium at 390×844 against the real
 * server: the list of Cành Nàng's people to call back, kept for use without signal, one button
 * that renews each through the phone's queue, counted once however often it is sent, and gone
 * from the list once renewed on any phone. One server, one browser, two phones (contexts).
 */
const CAMPAIGN = 'renewal-drive';
const OFFICER = 'CB-386-01-1';
const SIZE = { width: 390, height: 844 };
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp';

let app: App;
let base: string;
let graphql: GraphQLCall;
let token: string;
let browser: Browser;
const today = vnDay.today();

/** BHXH's list of Cành Nàng, as importCoverage takes it: 12-month household cards. */
const people = {
  an: {
    citizenId: '038090300001',
    fullName: 'Nguyễn Văn An',
    daysLeft: 5,
    address: 'Số 4, thôn Bá, xã Cành Nàng',
    householdCode: '3809000101',
    phone: '0912 000 101',
  },
  binh: {
    citizenId: '038190300002',
    fullName: 'Lê Thị Bình',
    daysLeft: 12,
    address: 'Thôn Bá, xã Cành Nàng',
    householdCode: '3809000102',
  },
  chi: {
    citizenId: '038190300003',
    fullName: 'Phạm Thị Chi',
    daysLeft: -30,
    address: 'Bản Hạ, xã Cành Nàng',
    phone: '0912000103',
  },
  dung: { citizenId: '038090300004', fullName: 'Trần Văn Dũng', daysLeft: 20 },
};
type Who = keyof typeof people;
const coverIds = {} as Record<Who, string>;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  await createRunningDrive({
    id: CAMPAIGN,
    name: 'Đợt tái tục thử',
    unitCode: 'VN',
    schemes: ['HOUSEHOLD_HI'],
  });
  const rows = Object.values(people).map(({ daysLeft, ...person }) => {
    const until = vnDay.addDays(today, daysLeft);
    return {
      ...person,
      scheme: 'HOUSEHOLD_HI',
      unitCode: '386-01',
      coverageFrom: vnDay.addDays(coverageUntil(until, -12), 1),
      coverageUntil: until,
    };
  });
  const imported = await graphql(
    `mutation ($rows: [CoverageInput!]!) { importCoverage(rows: $rows) { applied userErrors { message } } }`,
    { rows },
  );
  expect(imported.body.data.importCoverage).toEqual({ applied: 4, userErrors: [] });
  const list = await graphql(`{ renewalsDue(unitCode: "386-01") { edges { node { id fullName } } } }`);
  for (const { node } of list.body.data.renewalsDue.edges as { node: { id: string; fullName: string } }[]) {
    const who = (Object.keys(people) as Who[]).find((key) => people[key].fullName === node.fullName);
    if (who) coverIds[who] = node.id;
  }
  expect(Object.keys(coverIds)).toHaveLength(4);
  token = await tokenFor('FIELD_AGENT', '386-01', { officerCode: OFFICER });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app.stop();
});

/** A phone signed in as the commune's officer, on /submit once its list is shown. */
async function openPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: SIZE,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  await page.goto(`${base}/submit?token=${encodeURIComponent(token)}`);
  await page.locator('[data-renewals-count]').waitFor();
  return { context, page };
}

const row = (page: Page, who: Who) => page.locator(`[data-renewal="${coverIds[who]}"]`);
const shownPeople = async (page: Page) =>
  (
    await page
      .locator('[data-renewal]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-renewal') ?? ''))
  ).map((id) => (Object.keys(coverIds) as Who[]).find((who) => coverIds[who] === id));

/** `renewed` on the commune's board, household HI: the counted renewals, read through the API. */
async function renewedOnBoard() {
  const { body } = await graphql(
    `query ($campaignId: ID!) { board(campaignId: $campaignId, unitCode: "386-01") { totals { scheme renewed today } } }`,
    { campaignId: CAMPAIGN },
  );
  expect(body.errors).toBeUndefined();
  return body.data.board.totals.find((tally: { scheme: string }) => tally.scheme === 'HOUSEHOLD_HI') as {
    renewed: number;
    today: number;
  };
}

/** How many counted renewals the server holds for a person. */
async function renewalsOf(who: Who) {
  const { body } = await graphql(
    `query ($campaignId: ID!) { enrolments(campaignId: $campaignId, unitCode: "386-01", first: 500) {
      edges { node { citizenId kind voided } } } }`,
    { campaignId: CAMPAIGN },
  );
  return body.data.enrolments.edges.filter(
    (edge: { node: { citizenId: string; kind: string; voided: boolean } }) =>
      edge.node.citizenId === people[who].citizenId && edge.node.kind === 'RENEWAL' && !edge.node.voided,
  ).length;
}

/** What the phone's IndexedDB holds of the list, as text: to look for whole citizen IDs in it. */
const keptOnPhone = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open('toandan-renewals');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('lists').objectStore('lists').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result));
          };
        };
      }),
  );

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Text in the list below 7:1 against its background (axe's color-contrast-enhanced, WCAG AAA). */
async function lowContrast(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: object,
          ): Promise<{ violations: { nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const results = await axe.run(
      { include: [['[data-renewals]']] },
      { runOnly: { type: 'rule', values: ['color-contrast-enhanced'] } },
    );
    return results.violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(' ')));
  });
}

describe('Đến hạn tái tục on the phone', () => {
  let phoneA: { context: BrowserContext; page: Page };

  it('lists the unit’s people by hamlet, masked, readable in sunlight at 390×844', async () => {
    phoneA = await openPhone();
    const { page } = phoneA;
    expect(await page.locator('#renewals-heading').textContent()).toBe('Đến hạn tái tục · 4 người');
    // By hamlet (byte order: Bản, Thôn), the soonest first in each, no address last.
    expect(await page.locator('.renewal-group h3').allTextContents()).toEqual([
      'Bản Hạ',
      'Thôn Bá',
      'Chưa rõ địa chỉ',
    ]);
    expect(await shownPeople(page)).toEqual(['chi', 'an', 'binh', 'dung']);
    const an = row(page, 'an');
    expect(await an.locator('.renewal-person').textContent()).toBe('Nguyễn Văn An038 ••• ••• 001');
    expect(await an.locator('[data-days-left]').textContent()).toBe('Còn 5 ngày');
    expect(await an.locator('.renewal-contact').textContent()).toBe(
      'Số 4, thôn Bá, xã Cành NàngMã hộ: 3809000101Gọi 0912 000 101',
    );
    expect(await an.locator('a').getAttribute('href')).toBe('tel:0912000101');
    expect(await row(page, 'chi').locator('[data-days-left]').textContent()).toBe('Đã hết hạn 30 ngày');
    expect(await an.locator('button').textContent()).toBe('Tái tục 12 tháng');
    const button = await an.locator('button').boundingBox();
    expect(button?.height).toBeGreaterThanOrEqual(48);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    expect(await lowContrast(page)).toEqual([]);
    // The phone keeps names, masked IDs and contacts, never a whole citizen ID.
    const kept = await keptOnPhone(page);
    expect(kept).toContain('Nguyễn Văn An');
    for (const person of Object.values(people)) expect(kept).not.toContain(person.citizenId);
    await page.locator('[data-renewals]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/renewals-390x844.png` });
    // English second, and the same list on a desk's screen.
    await page.locator('.field-actions button[lang="en"]').tap();
    await expect
      .poll(() => page.locator('#renewals-heading').textContent())
      .toBe('Due for renewal · 4 people');
    expect(await row(page, 'chi').locator('[data-days-left]').textContent()).toBe('Lapsed 30 days ago');
    await page.locator('[data-renewals]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/renewals-en-390x844.png` });
    await page.locator('.field-actions button[lang="vi"]').tap();
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.locator('[data-renewals]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/renewals-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize(SIZE);
  });

  it('stays on the phone without signal, renews offline, and counts once however often it is sent', async () => {
    const { context, page } = phoneA;
    const before = await renewedOnBoard();
    // The app shell from the service worker, the list from IndexedDB: a reload without signal.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await context.setOffline(true);
    await page.reload();
    await page.locator('[data-renewals-count]').waitFor();
    expect(await shownPeople(page)).toEqual(['chi', 'an', 'binh', 'dung']);
    expect(await page.locator('[data-renewals-failure]').count()).toBe(1);

    await row(page, 'an').locator('button').tap();
    await expect.poll(() => queueCount(page, 'waiting')).toBe('1');
    expect(await row(page, 'an').locator('[data-renewal-state]').textContent()).toBe(
      'Đã lưu tái tục, chờ gửi',
    );
    expect(await row(page, 'an').locator('button').count()).toBe(0);
    await page.locator('[data-renewals]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/renewals-offline-390x844.png` });
    expect((await renewedOnBoard()).renewed).toBe(before.renewed);

    // Back online, the first answer is lost after the server counted it: the phone sends the
    // same key again, and the server answers with the renewal it already counted.
    let lost = 0;
    await page.route('**/graphql', async (route) => {
      if (lost === 0 && route.request().postData()?.includes('SubmitEnrolments')) {
        lost++;
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await context.setOffline(false);
    await expect.poll(() => lost).toBe(1);
    await expect.poll(async () => (await renewedOnBoard()).renewed).toBe(before.renewed + 1);
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => shownPeople(page)).toEqual(['chi', 'binh', 'dung']);
    // Once more, by hand: nothing waits, nothing is counted again.
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await expect
      .poll(() => page.locator('[data-renewals-count]').getAttribute('data-renewals-count'))
      .toBe('3');
    expect(await renewedOnBoard()).toMatchObject({ renewed: before.renewed + 1, today: before.today });
    expect(await renewalsOf('an')).toBe(1);
    await page.unroute('**/graphql');
  });

  it('drops a person renewed on another phone at the first phone’s next sync', async () => {
    const phoneB = await openPhone();
    expect(await shownPeople(phoneB.page)).toEqual(['chi', 'binh', 'dung']);
    await row(phoneB.page, 'binh').locator('button').tap();
    await expect.poll(() => shownPeople(phoneB.page)).toEqual(['chi', 'dung']);
    expect(await renewalsOf('binh')).toBe(1);
    // The first phone has not connected since: Bình is still on it, until its next sync.
    const { page } = phoneA;
    expect(await shownPeople(page)).toEqual(['chi', 'binh', 'dung']);
    await row(page, 'chi').locator('button').tap();
    await expect.poll(() => shownPeople(page)).toEqual(['dung']);
    expect(await renewalsOf('chi')).toBe(1);
    expect((await renewedOnBoard()).renewed).toBe(3);

    // Signing out leaves nothing of the list on the phone.
    await phoneB.page.locator('.field-actions button', { hasText: 'Đăng xuất' }).tap();
    await expect.poll(() => keptOnPhone(phoneB.page)).toBe('[]');
    await phoneB.context.close();
    await phoneA.context.close();
  });
});
