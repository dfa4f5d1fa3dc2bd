import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import type { Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { accessibilityViolations, type OpenBrowser, openBrowser } from './fixtures/browser.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { createRunningDrive, enrol, openSubmitPage, phone, queueCount } from './fixtures/fieldPhone.ts';
import { tokenFor } from './fixtures/tokens.ts';

/*
 * What the field app (/submit) says, in real Chromium on a 390×844 phone against the real
 * server: badges that can be read (axe), refusals with their inputs named in words, top-level
 * errors worded by the web from their codes, the last scheme and unit kept through a reload.
 * `SCREENSHOTS=docs/screenshots` also writes field-badges.png there.
 */

// A small budget, so that a phone's token can be made to run out of it within a test.
process.env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE = '10';

const PHONE = phone(390, 844);
const CAMPAIGN = 'ba-thuoc-drive';
const OFFICER = 'CB-386-01-1';

let app: App;
let base: string;
let graphql: GraphQLCall;
let browser: OpenBrowser | undefined;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  // A drive of Bá Thước only: a provincial agent's form offers Cẩm Thủy too, which it refuses.
  // Near-poor HI is counted by no test, so the last one may drop it.
  await createRunningDrive({
    id: CAMPAIGN,
    name: 'Đợt ra quân Bá Thước',
    unitCode: '386',
    schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI', 'STUDENT_HI', 'NEAR_POOR_HI'],
    quotas: [
      { officerCode: OFFICER, scheme: 'VOLUNTARY_SI', quota: 1 },
      { officerCode: OFFICER, scheme: 'HOUSEHOLD_HI', quota: 2 },
    ],
  });
  const { db } = await import('@toandan/db/db');
  const province = await db.unit.findUniqueOrThrow({ where: { code: '38' } });
  const day = vnDay.toDateColumn(vnDay.today());
  // Today's goals of the province: one met by the first enrolment, one not, one with none.
  await db.dailyGoal.createMany({
    data: (
      [
        ['VOLUNTARY_SI', 1],
        ['HOUSEHOLD_HI', 3],
      ] as const
    ).map(([scheme, goal]) => ({ campaignId: CAMPAIGN, unitId: province.id, scheme, day, goal })),
  });
}, 180_000);
afterEach(async () => {
  if (process.env.DEBUG_CONSOLE) console.info(browser?.consoleLines.join('\n'));
  await browser?.close();
  browser = undefined;
});
afterAll(() => app.stop());

/** A provincial field agent's token, with the officer of Cành Nàng when asked. */
const agentToken = (officer = false) =>
  tokenFor('FIELD_AGENT', '38', officer ? { officerCode: OFFICER } : {});

async function openPhone(token: string, options: { language?: 'vi' | 'en' } = {}) {
  // Service workers blocked, so that Playwright sees the page's own requests.
  const opened = await openSubmitPage(base, token, { size: PHONE, serviceWorkers: 'block', ...options });
  browser = opened.browser;
  return opened.page;
}

let serial = 0;
/** A new person, well formed: a citizen ID of Thanh Hóa, a two-word name. */
function person(fullName: string) {
  return { citizenId: citizenIdOf(5000 + ++serial), fullName };
}

const itemOf = (page: Page, fullName: string) => page.locator('.queue-items > li', { hasText: fullName });
const badgeOf = (page: Page, fullName: string) =>
  itemOf(page, fullName).locator('[data-badge]').getAttribute('data-badge');

describe('the field app’s badges', () => {
  it('gives each state of the progress and the queue its own colours, legible to axe', async () => {
    const page = await openPhone(await agentToken(true));
    const counted = person('Hà Văn Sơn');
    await enrol(page, counted, { scheme: 'VOLUNTARY_SI' });
    await enrol(page, person('Lò Thị Hoa'), { scheme: 'STUDENT_HI' });
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 20_000 }).toBe('2');
    await enrol(page, { ...counted, fullName: 'Hà Văn Sơn Hai' }, { scheme: 'VOLUNTARY_SI' });
    await enrol(page, person('Phạm Văn Tú'), { scheme: 'HOUSEHOLD_HI', unitCode: '390' });
    await expect.poll(() => queueCount(page, 'refused'), { timeout: 20_000 }).toBe('2');

    // The next batch is held on its way, so that one submission is seen sending, one waiting.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('submitEnrolments')) return route.continue();
      await held;
      return route.continue();
    });
    await enrol(page, person('Vi Văn Quân'), { scheme: 'HOUSEHOLD_HI', unitCode: '386-01' });
    await expect.poll(() => badgeOf(page, 'Vi Văn Quân')).toBe('sending');
    await enrol(page, person('Mạc Thị Lan'), { scheme: 'HOUSEHOLD_HI' });
    await expect.poll(() => badgeOf(page, 'Mạc Thị Lan')).toBe('waiting');

    expect(await badgeOf(page, 'Hà Văn Sơn Hai')).toBe('alreadyEnrolled');
    expect(await badgeOf(page, 'Phạm Văn Tú')).toBe('refused');
    expect(await badgeOf(page, 'Lò Thị Hoa')).toBe('sent');
    const officerBadge = (scheme: string) =>
      page.locator(`[data-officer-scheme="${scheme}"] [data-badge]`).getAttribute('data-badge');
    await expect.poll(() => officerBadge('STUDENT_HI')).toBe('noGoal');
    expect(await officerBadge('VOLUNTARY_SI')).toBe('met');
    expect(await officerBadge('HOUSEHOLD_HI')).toBe('notMet');
    const unitBadge = (scheme: string) => page.locator(`[data-unit-scheme="${scheme}"] [data-badge]`);
    expect(await unitBadge('VOLUNTARY_SI').getAttribute('data-badge')).toBe('met');
    expect(await unitBadge('HOUSEHOLD_HI').getAttribute('data-badge')).toBe('notMet');
    expect(await unitBadge('STUDENT_HI').getAttribute('data-badge')).toBe('noGoal');
    expect(await unitBadge('STUDENT_HI').textContent()).toBe('Không có chỉ tiêu');
    // The day's goal is every scheme's that has one, and the phone says so.
    expect(await page.locator('[data-day-goal]').textContent()).toBe(
      'Chưa hoàn thành chỉ tiêu ngày: phải đạt ở mọi loại hình có chỉ tiêu, còn thiếu ở BHYT hộ gia đình.',
    );

    const looks = await page.locator('.field-app [data-badge]').evaluateAll((badges) =>
      badges.map((badge) => {
        const style = getComputedStyle(badge);
        return {
          state: badge.getAttribute('data-badge'),
          text: badge.textContent,
          look: `${style.backgroundColor} / ${style.color}`,
        };
      }),
    );
    const lookOf = new Map(looks.map(({ state, look }) => [state, look]));
    expect([...lookOf.keys()].sort()).toEqual(
      ['alreadyEnrolled', 'met', 'noGoal', 'notMet', 'refused', 'sending', 'sent', 'waiting'].sort(),
    );
    // No two states alike, and the words on each.
    expect(new Set(lookOf.values()).size).toBe(8);
    expect(Object.fromEntries(looks.map(({ state, text }) => [state, text]))).toEqual({
      met: 'Đạt',
      notMet: 'Chưa đạt',
      noGoal: 'Không có chỉ tiêu',
      waiting: 'Chờ gửi',
      sending: 'Đang gửi',
      sent: 'Đã gửi',
      alreadyEnrolled: 'Đã tham gia',
      refused: 'Bị từ chối',
    });
    expect(await accessibilityViolations(page)).toEqual([]);
    // axe (loaded by the line above) measured every badge's contrast, none left undecided.
    const contrast = await page.evaluate(async () => {
      type Nodes = { nodes: { target: string[] }[] }[];
      const { axe } = window as unknown as {
        axe: { run(options: object): Promise<{ violations: Nodes; passes: Nodes; incomplete: Nodes }> };
      };
      const results = await axe.run({ runOnly: { type: 'rule', values: ['color-contrast'] } });
      const count = (rules: Nodes) => rules.flatMap((rule) => rule.nodes).length;
      const badges = [...document.querySelectorAll('[data-badge]')];
      const measured = new Set(
        results.passes
          .flatMap((rule) => rule.nodes)
          .flatMap((node) => [...document.querySelectorAll(node.target.join(' '))]),
      );
      return {
        violations: count(results.violations),
        incomplete: count(results.incomplete),
        unmeasuredBadges: badges.filter((badge) => !measured.has(badge)).length,
      };
    });
    expect(contrast).toEqual({ violations: 0, incomplete: 0, unmeasuredBadges: 0 });
    if (process.env.SCREENSHOTS) {
      mkdirSync(process.env.SCREENSHOTS, { recursive: true });
      // The queue and the progress under it, as the phone scrolls through them.
      const top = await page
        .locator('.queue')
        .evaluate((queue) => queue.getBoundingClientRect().top + scrollY);
      const bottom = await page
        .locator('.my-progress')
        .evaluate((progress) => progress.getBoundingClientRect().bottom + scrollY);
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/field-badges.png`,
        fullPage: true,
        clip: { x: 0, y: top - 8, width: PHONE.viewport.width, height: bottom - top + 16 },
      });
    }

    release();
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 20_000 }).toBe('4');
    expect(await queueCount(page, 'waiting')).toBe('0');
  });
});

describe('what the field app says when the server refuses', () => {
  it('names the inputs of a refusal in words, never their raw names nor "[GraphQL]"', async () => {
    const page = await openPhone(await agentToken(true));
    // Cẩm Thủy is in the agent's province, but the drive is Bá Thước's, and the officer is Cành Nàng's.
    await enrol(page, person('Lường Văn Bốn'), { scheme: 'VOLUNTARY_SI', unitCode: '390' });
    await expect.poll(() => queueCount(page, 'refused'), { timeout: 20_000 }).toBe('1');
    const reasons = itemOf(page, 'Lường Văn Bốn').locator('[data-reasons] > li');
    const lines = await reasons.allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Ngoài phạm vi được giao \(Đơn vị\): \S/);
    expect(lines[1]).toMatch(/^Ngoài phạm vi được giao \(Mã cán bộ\): \S/);
    const shown = await page.locator('.queue').textContent();
    for (const raw of ['[GraphQL]', 'unitCode', 'officerCode', 'OUT_OF_SCOPE', 'input'])
      expect(shown).not.toContain(raw);
    expect(await page.locator('[data-confirmation]').textContent()).toBe(
      'Máy chủ từ chối hồ sơ của Lường Văn Bốn: xem lý do bên dưới để sửa.',
    );
  });

  it('words a top-level refusal from its code, in the chosen language, and sends that language', async () => {
    const token = await agentToken();
    // Another phone of the same token has spent the minute's budget.
    const { body } = await graphql(
      `mutation ($inputs: [SubmitEnrolmentInput!]!) { submitEnrolments(inputs: $inputs) { userErrors { code } } }`,
      {
        inputs: Array.from({ length: 10 }, (_, n) => ({
          campaignId: CAMPAIGN,
          unitCode: '386-01',
          scheme: 'VOLUNTARY_SI',
          citizenId: citizenIdOf(7000 + n),
          fullName: 'Nguyễn Thị Lan',
          idempotencyKey: randomUUID(),
        })),
      },
      token,
    );
    expect(body.errors).toBeUndefined();
    const page = await openPhone(token);
    const languages: string[] = [];
    page.on('request', (request: Request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('submitEnrolments'))
        languages.push(request.headers()['accept-language'] ?? '');
    });
    await enrol(page, person('Quách Thị Mai'), { scheme: 'VOLUNTARY_SI', unitCode: '386-01' });
    const failure = page.locator('[data-sync-failure]');
    await expect
      .poll(() => failure.getAttribute('data-sync-failure'), { timeout: 20_000 })
      .toBe('RATE_LIMITED');
    expect(await failure.textContent()).toBe(
      'Chưa gửi được. Mã truy cập này đã gửi quá nhiều yêu cầu trong một phút, máy chủ tạm ngừng nhận. Hồ sơ vẫn giữ trên máy và sẽ tự gửi lại.',
    );
    expect(await queueCount(page, 'waiting')).toBe('1');
    expect(languages[0]).toBe('vi');

    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).tap();
    expect(await failure.textContent()).toBe(
      'Not sent yet. This access token sent too many requests in a minute, and the server has paused taking them. The submissions stay on this phone and go out again by themselves.',
    );
    const tries = languages.length;
    await page.getByRole('button', { name: 'Send now' }).tap();
    await expect.poll(() => languages.length).toBeGreaterThan(tries);
    expect(languages.at(-1)).toBe('en');
    await expect.poll(() => failure.getAttribute('data-sync-failure')).toBe('RATE_LIMITED');
    expect(await page.locator('.queue').textContent()).not.toMatch(/\[GraphQL\]|try again in/);
  });
});

describe('the same words on the board', () => {
  it('says an unknown unit or campaign in words, and asks for English over the socket', async () => {
    const token = await tokenFor('COMMAND_CENTER');
    browser = await openBrowser({ viewport: { width: 1366, height: 768 } });
    const page = await browser.newPage();
    await page.goto(`${base}/board/${CAMPAIGN}/000?token=${encodeURIComponent(token)}`);
    const failure = page.locator('[data-board-failure]');
    await failure.waitFor();
    expect(await failure.textContent()).toBe('Không tải được dữ liệu: Không có đơn vị nào mang mã «000».');
    await page.goto(`${base}/board/no-such-drive/38`);
    await failure.waitFor();
    expect(await failure.textContent()).toBe(
      'Không tải được dữ liệu: Không có chiến dịch nào mang mã «no-such-drive».',
    );

    const initPayloads: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"connection_init"')) initPayloads.push(String(payload));
      }),
    );
    await page.evaluate(() => localStorage.setItem('toandan.language', 'en'));
    await page.goto(`${base}/board/${CAMPAIGN}/000`);
    await failure.waitFor();
    expect(await failure.textContent()).toBe('Could not load the data: No unit has the code “000”.');
    await page.goto(`${base}/board/${CAMPAIGN}/386`);
    await page.locator('[data-board-unit="386"]').waitFor();
    expect(initPayloads.length).toBeGreaterThan(0);
    for (const init of initPayloads) expect(JSON.parse(init).payload).toMatchObject({ language: 'en' });
  });
});

// Last in this file: it changes the drive's schemes.
describe('the form’s choice', () => {
  it('keeps the last scheme and unit through a reload, until the campaign stops running the scheme', async () => {
    const page = await openPhone(await agentToken());
    expect(await page.inputValue('select[name="unitCode"]')).toBe('38');
    await page.selectOption('select[name="scheme"]', 'NEAR_POOR_HI');
    await page.selectOption('select[name="unitCode"]', '386');
    await page.reload();
    await page.locator('select[name="scheme"]').waitFor();
    expect(await page.inputValue('select[name="scheme"]')).toBe('NEAR_POOR_HI');
    expect(await page.inputValue('select[name="unitCode"]')).toBe('386');

    const { body } = await graphql(
      `mutation { updateCampaign(id: "${CAMPAIGN}", input: { schemes: [VOLUNTARY_SI, HOUSEHOLD_HI, STUDENT_HI] }) {
        userErrors { message } } }`,
    );
    expect(body.data.updateCampaign.userErrors).toEqual([]);
    await page.reload();
    await page.locator('select[name="scheme"]').waitFor();
    // The kept campaign opens the form; the fresh one, without near-poor HI, takes its scheme.
    await expect.poll(() => page.inputValue('select[name="scheme"]')).toBe('VOLUNTARY_SI');
    expect(
      await page
        .locator('select[name="scheme"] option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['VOLUNTARY_SI', 'HOUSEHOLD_HI', 'STUDENT_HI']);
    expect(await page.inputValue('select[name="unitCode"]')).toBe('386');
    await page.reload();
    await page.locator('select[name="scheme"]').waitFor();
    expect(await page.inputValue('select[name="scheme"]')).toBe('VOLUNTARY_SI');
  });
});
