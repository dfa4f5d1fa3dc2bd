import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import type { OpenBrowser } from './fixtures/browser.ts';
import { createRunningDrive, enrol, openSubmitPage, phone, queueCount } from './fixtures/fieldPhone.ts';
import { tokenFor } from './fixtures/tokens.ts';

// The field app (/submit) in real Chromium at a phone's size, against the real server serving
// the built app (web/dist, built by test/setup/webBuild.ts), over this file's own database.
const PHONE = phone(360, 740);
const CAMPAIGN = 'field-drive';
const OFFICER = 'CB-386-01-1';

let app: App;
let base: string;
let graphql: GraphQLCall;
let token: string;
let browser: OpenBrowser | undefined;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  // A drive running today, so the form implies it; the smallTree's May campaign is over.
  await createRunningDrive({
    id: CAMPAIGN,
    name: 'Đợt ra quân thử',
    unitCode: 'VN',
    schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI', 'STUDENT_HI'],
    quotas: [
      { officerCode: OFFICER, scheme: 'VOLUNTARY_SI', quota: 1 },
      { officerCode: OFFICER, scheme: 'HOUSEHOLD_HI', quota: 2 },
    ],
  });
  token = await tokenFor('FIELD_AGENT', '386-01', { officerCode: OFFICER });
}, 180_000);
afterEach(async () => {
  if (process.env.DEBUG_CONSOLE) console.info(browser?.consoleLines.join('\n'));
  await browser?.close();
  browser = undefined;
});
afterAll(() => app.stop());

let serial = 0;
/** A new, well-formed person: born in Thanh Hóa (038) in 1990, male. */
function person(name: string) {
  serial++;
  return { citizenId: `038090${String(200_000 + serial).padStart(6, '0')}`, fullName: name };
}

async function openPhone(options: { serviceWorkers?: 'allow' | 'block'; as?: string } = {}) {
  const { as = token, serviceWorkers } = options;
  const opened = await openSubmitPage(base, as, {
    size: PHONE,
    ...(serviceWorkers ? { serviceWorkers } : {}),
  });
  browser = opened.browser;
  return { page: opened.page, context: opened.browser.context };
}

/** The enrolments the server counted for these people, by citizen ID (read as the command centre). */
async function countedFor(citizenIds: string[]) {
  const { body } = await graphql(
    `query ($campaignId: ID!) { enrolments(campaignId: $campaignId, unitCode: "386-01", first: 500) {
      edges { node { citizenId scheme voided } } } }`,
    { campaignId: CAMPAIGN },
  );
  expect(body.errors).toBeUndefined();
  const nodes = body.data.enrolments.edges.map((edge: { node: { citizenId: string } }) => edge.node);
  return citizenIds.map((id) => nodes.filter((node: { citizenId: string }) => node.citizenId === id).length);
}

async function boardToday(scheme: string) {
  const { body } = await graphql(
    `query ($campaignId: ID!) { board(campaignId: $campaignId, unitCode: "386-01") { totals { scheme today } } }`,
    { campaignId: CAMPAIGN },
  );
  return body.data.board.totals.find((tally: { scheme: string }) => tally.scheme === scheme).today as number;
}

/** Waits until the page is controlled by the app's service worker (it claims pages on install). */
async function controlledByServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
  const script = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  expect(script).toBe(`${base}/sw.js`);
}

describe('what the server sends for the field app', () => {
  it('lets the service worker in, and never caches it or the page for long', async () => {
    const page = await fetch(`${base}/submit`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("script-src 'self'");
    const html = await page.text();
    const worker = await fetch(`${base}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const bundle = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(bundle).toBeDefined();
    const asset = await fetch(`${base}${bundle}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/manifest.webmanifest`)).status).toBe(200);
  });
});

describe('/submit on a phone', () => {
  it('fits a 360 px screen, implies the running campaign and offers the agent’s own unit', async () => {
    const { page } = await openPhone();
    expect(await page.locator('.implied-campaign').textContent()).toContain('Đợt ra quân thử');
    expect(await page.inputValue('select[name="unitCode"]')).toBe('386-01');
    expect(await page.locator('button[type="submit"]').count()).toBe(1);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    const button = await page.locator('button[type="submit"]').boundingBox();
    expect(button?.height).toBeGreaterThanOrEqual(48);
    // The ID is checked as it is typed, in Vietnamese.
    const hintColour = () => page.locator('[data-hint]').evaluate((hint) => getComputedStyle(hint).color);
    await page.fill('input[name="citizenId"]', '039');
    expect(await page.locator('[data-hint]').textContent()).toBe(
      'Ba số đầu 039 không phải mã tỉnh nơi đăng ký khai sinh.',
    );
    // Wrong in red, right in green (submit.css), not the base's grey.
    expect(await hintColour()).toBe('rgb(164, 0, 15)');
    await page.fill('input[name="citizenId"]', '0385');
    expect(await page.locator('[data-hint]').textContent()).toBe(
      'Chữ số thứ 4 (5) phải từ 0 đến 3 (thế kỷ và giới tính).',
    );
    await page.fill('input[name="citizenId"]', '038190000123');
    expect(await page.locator('[data-hint]').textContent()).toBe(
      'Hợp lệ: nữ, sinh năm 1990, khai sinh tại Thanh Hóa.',
    );
    expect(await hintColour()).toBe('rgb(10, 92, 43)');
  });

  it('offers every unit below the token’s, down to the communes', async () => {
    const { page } = await openPhone({ as: await tokenFor('COMMAND_CENTER') });
    const codes = await page
      .locator('select[name="unitCode"] option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(codes).toEqual(['VN', '38', '386', '386-01', '390', '405']);
    expect(await page.inputValue('select[name="unitCode"]')).toBe('VN');
  });

  it('keeps what is submitted offline through a reload, and counts each exactly once when back online', async () => {
    const { page, context } = await openPhone();
    await controlledByServiceWorker(page);
    await context.setOffline(true);
    const people = [person('Hà Văn Sơn'), person('Lò Thị Hoa'), person('Phạm Văn Tú')];
    await enrol(page, people[0] as (typeof people)[number], { scheme: 'VOLUNTARY_SI' });
    await enrol(page, people[1] as (typeof people)[number]);
    await enrol(page, people[2] as (typeof people)[number]);
    expect(await page.locator('[data-confirmation]').getAttribute('data-confirmation')).toBe('waiting');
    expect(await queueCount(page, 'waiting')).toBe('3');

    // The phone restarts the page with no signal: the service worker serves it, IndexedDB keeps them.
    await page.reload();
    await page.locator('select[name="scheme"]').waitFor();
    await expect.poll(() => queueCount(page, 'waiting')).toBe('3');
    expect(await countedFor(people.map((p) => p.citizenId))).toEqual([0, 0, 0]);

    await context.setOffline(false);
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 20_000 }).toBe('3');
    expect(await queueCount(page, 'waiting')).toBe('0');
    // The queue marks each sent before the sync round ends and stamps its time.
    await expect
      .poll(() => page.locator('.last-sync').textContent())
      .toMatch(/Đồng bộ lần cuối lúc \d\d:\d\d:\d\d/);
    expect(await countedFor(people.map((p) => p.citizenId))).toEqual([1, 1, 1]);

    // Another reload and another sync send nothing twice: a fourth person is the sentinel, whose
    // sync goes after anything the reload might have queued again.
    await page.reload();
    await page.locator('select[name="scheme"]').waitFor();
    await expect.poll(() => queueCount(page, 'sent')).toBe('3');
    expect(await queueCount(page, 'waiting')).toBe('0');
    const sentinel = person('Lường Văn Bốn');
    await enrol(page, sentinel, { scheme: 'VOLUNTARY_SI' });
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 20_000 }).toBe('4');
    expect(await countedFor([...people, sentinel].map((p) => p.citizenId))).toEqual([1, 1, 1, 1]);
    expect(await boardToday('HOUSEHOLD_HI')).toBe(2);
    expect(await boardToday('VOLUNTARY_SI')).toBe(2);

    // My progress: the officer's quota (1 voluntary SI, 2 household HI) met, the unit's today.
    await expect
      .poll(() => page.locator('[data-officer-scheme="HOUSEHOLD_HI"]').getAttribute('data-counted'))
      .toBe('2');
    expect(await page.locator('[data-officer-scheme="HOUSEHOLD_HI"]').textContent()).toContain('2 / 2 người');
    expect(await page.locator('[data-unit-scheme="HOUSEHOLD_HI"]').getAttribute('data-today')).toBe('2');
  });

  it('counts once when the answer is lost after the server committed, and the phone sends again', async () => {
    // Service workers blocked, so that Playwright sees (and cuts) the page's own requests.
    const { page } = await openPhone({ serviceWorkers: 'block' });
    const sentKeys: string[][] = [];
    let lose = true;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('submitEnrolments')) return route.continue();
      const { variables } = JSON.parse(body) as { variables: { inputs: { idempotencyKey: string }[] } };
      sentKeys.push(variables.inputs.map((input) => input.idempotencyKey));
      if (lose) {
        lose = false;
        // The server commits and answers; the answer never reaches the phone.
        const answered = await route.fetch();
        expect(answered.status()).toBe(200);
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const who = person('Vi Văn Quân');
    await enrol(page, who);
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 20_000 }).toBe('1');
    expect(sentKeys).toHaveLength(2);
    expect(sentKeys[1]).toEqual(sentKeys[0]);
    expect(await countedFor([who.citizenId])).toEqual([1]);
    // Its own enrolment, counted on the first try: not shown as already enrolled.
    expect(await page.locator('[data-state="sent"]').textContent()).not.toContain('Đã tham gia');

    // The same person entered again (a new key): already enrolled, not counted, and the phone
    // holds nothing of the first enrolment but what it sent itself.
    await enrol(page, who);
    await expect.poll(() => queueCount(page, 'refused')).toBe('1');
    expect(await queueCount(page, 'sent')).toBe('1');
    const again = page.locator('[data-state="refused"]');
    expect(await again.textContent()).toContain('Đã tham gia');
    expect(await again.locator('[data-reasons]').textContent()).toContain(
      'Người này đang tham gia loại hình này, thời hạn còn hiệu lực (Số CCCD)',
    );
    expect(await page.locator('[data-confirmation]').getAttribute('data-confirmation')).toBe(
      'alreadyEnrolled',
    );
    expect(await page.locator('[data-confirmation]').textContent()).toContain(
      'Người có số CCCD này đang tham gia BHYT hộ gia đình, thời hạn tham gia còn hiệu lực: không tính thêm.',
    );
    expect(await countedFor([who.citizenId])).toEqual([1]);
  });

  it('shows a refusal with the server’s reason, and sends the corrected one', async () => {
    const { page, context } = await openPhone();
    await context.setOffline(true);
    const who = person('Mạc Thị Lan');
    await enrol(page, who, { scheme: 'STUDENT_HI' });
    // Meanwhile the command centre stops the drive's student scheme: only the server knows.
    const { body } = await graphql(
      `mutation { updateCampaign(id: "${CAMPAIGN}", input: { schemes: [VOLUNTARY_SI, HOUSEHOLD_HI] }) {
        userErrors { message } } }`,
    );
    expect(body.data.updateCampaign.userErrors).toEqual([]);
    await context.setOffline(false);
    await expect.poll(() => queueCount(page, 'refused'), { timeout: 20_000 }).toBe('1');
    const refused = page.locator('[data-state="refused"]');
    expect(await refused.locator('[data-reasons]').textContent()).toContain(
      'Chiến dịch này không triển khai BHYT học sinh, sinh viên',
    );
    expect(await refused.textContent()).toContain('Dữ liệu không hợp lệ (Loại hình)');
    expect(await countedFor([who.citizenId])).toEqual([0]);

    await refused.getByRole('button', { name: 'Sửa và gửi lại' }).tap();
    await expect.poll(() => page.inputValue('input[name="citizenId"]')).toBe(who.citizenId);
    expect(await page.inputValue('input[name="fullName"]')).toBe(who.fullName);
    // The form shows what was refused, even a scheme the drive no longer runs.
    expect(await page.inputValue('select[name="scheme"]')).toBe('STUDENT_HI');
    await page.selectOption('select[name="scheme"]', 'VOLUNTARY_SI');
    const button = page.locator('button[type="submit"]');
    expect(await button.textContent()).toBe('Gửi lại bản đã sửa');
    await button.tap();
    await expect
      .poll(() => page.locator('[data-confirmation]').getAttribute('data-confirmation'))
      .toBe('sent');
    expect(await queueCount(page, 'refused')).toBe('0');
    expect(await countedFor([who.citizenId])).toEqual([1]);
  });

  it('opens from the service worker with no connection at all', async () => {
    const { page, context } = await openPhone();
    await controlledByServiceWorker(page);
    await context.setOffline(true);
    const offline = await context.newPage();
    await offline.goto(`${base}/submit`);
    await offline.locator('select[name="scheme"]').waitFor();
    expect(await offline.locator('input[name="citizenId"]').count()).toBe(1);
    expect(await offline.locator('.connection').textContent()).toContain('Không có mạng');
  });

  // Last in this file: it closes the drive.
  it('tells an officer with a backlog that the drive is closing, then shows its refusal once closed', async () => {
    const { page, context } = await openPhone();
    await controlledByServiceWorker(page);
    await context.setOffline(true);
    const who = person('Lường Thị Xuân');
    await enrol(page, who);
    expect(await page.locator('[data-closing]').count()).toBe(0);

    // Days pass without a signal: the phone judges from the drive's days as it last loaded them.
    const endsOn = vnDay.addDays(vnDay.today(), 10);
    const localNoon = (day: string) => new Date(vnDay.startOf(day).getTime() + 12 * 3_600_000);
    await page.clock.setFixedTime(localNoon(vnDay.addDays(endsOn, 2)));
    await page.reload();
    const notice = page.locator(`[data-closing][data-campaign="${CAMPAIGN}"]`);
    await expect.poll(() => notice.getAttribute('data-closing')).toBe('GRACE');
    const lastDay = vnDay.addDays(endsOn, 7);
    const shown = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    expect(await notice.textContent()).toBe(
      `Chiến dịch «Đợt ra quân thử» đã kết thúc ngày ${shown(endsOn)} và chỉ nhận hồ sơ gửi muộn đến hết ngày ${shown(lastDay)}: còn 1 hồ sơ trên máy chưa gửi, hãy gửi ngay.`,
    );
    await page.clock.setFixedTime(localNoon(vnDay.addDays(lastDay, 1)));
    await page.reload();
    await expect.poll(() => notice.getAttribute('data-closing')).toBe('CLOSED');
    expect(await page.getByRole('alert').textContent()).toContain('đã đóng');

    // The command centre closes the drive before the phone finds a signal.
    const { body } = await graphql(`mutation { closeCampaign(id: "${CAMPAIGN}") { userErrors { code } } }`);
    expect(body.data.closeCampaign.userErrors).toEqual([]);
    await context.setOffline(false);
    await expect.poll(() => queueCount(page, 'refused'), { timeout: 20_000 }).toBe('1');
    const refused = page.locator('[data-state="refused"]');
    expect(await refused.locator('[data-reasons]').textContent()).toBe(
      `Chiến dịch đã đóng (Chiến dịch): Chiến dịch ${CAMPAIGN} đã được trung tâm chỉ huy đóng ngày ${shown(vnDay.today())}: không nhận thêm hồ sơ nào.`,
    );
    // Nothing to correct: only giving it up is offered.
    expect(await refused.getByRole('button', { name: 'Sửa và gửi lại' }).count()).toBe(0);
    expect(await refused.getByRole('button', { name: 'Bỏ hồ sơ này' }).count()).toBe(1);
    expect(await notice.count()).toBe(0);
    expect(await countedFor([who.citizenId])).toEqual([0]);
  });
});
