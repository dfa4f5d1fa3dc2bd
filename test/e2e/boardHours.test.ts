import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from '../fixtures/app.ts';
import { accessibilityViolations, type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { createDayTwoDrive, MORNING, type Pace } from '../fixtures/dayTwoDrive.ts';
import { submitThrough, validSubmission } from '../fixtures/submissions.ts';
import { commandCenterToken } from '../fixtures/tokens.ts';

// The board by the hour in Chromium (issue 17, items 1 and 2): the browser's clock is set with
// Playwright's, the server keeps the real one. Thanh Hóa's three districts, in board order.
let app: App;
let base: string;
let graphql: GraphQLCall;
let browser: OpenBrowser;
const PACES: Record<string, Pace> = { '386': 'ON_PACE', '390': 'BEHIND', '405': 'IDLE' };

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  browser = await openBrowser({ viewport: { width: 1366, height: 768 } });
  await createDayTwoDrive(async (query, variables) => (await graphql(query, variables)).body, {
    id: 'ngay-thu-hai',
    unitCode: '38',
    paceOf: (child) => PACES[child.code] ?? 'IDLE',
  });
  // May's test campaign, long over: Bá Thước and so Thanh Hóa meet a voluntary SI target of 2
  // on 20 May; Thanh Hóa's household HI target of 5 is never met.
  const { db } = await import('@toandan/db/db');
  const units = await db.unit.findMany({ where: { code: { in: ['38', '386'] } } });
  const id = (code: string) => units.find((unit) => unit.code === code)?.id ?? 0;
  await db.target.createMany({
    data: [
      { campaignId: 'test-campaign', unitId: id('386'), scheme: 'VOLUNTARY_SI', target: 2 },
      { campaignId: 'test-campaign', unitId: id('38'), scheme: 'VOLUNTARY_SI', target: 2 },
      { campaignId: 'test-campaign', unitId: id('38'), scheme: 'HOUSEHOLD_HI', target: 5 },
    ],
  });
  for (const person of [1, 2]) {
    const answer = await submitThrough(
      graphql,
      validSubmission(910_000 + person, { enrolledAt: '2026-05-20T09:00:00+07:00' }),
    );
    expect(answer.userErrors).toEqual([]);
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Opens a board with the browser's clock at `clock` today in Viet Nam. */
async function openAt(path: string, clock: string): Promise<Page> {
  const page = await browser.newPage();
  await page.clock.install({ time: new Date(`${vnDay.today()}T${clock}:00+07:00`) });
  await page.goto(`${base}${path}?token=${await commandCenterToken()}`);
  await page.locator('[data-board-unit="38"][data-sequence]').waitFor();
  return page;
}

const statusOf = (page: Page, unitCode: string) =>
  page.locator(`[data-unit-code="${unitCode}"] [data-scheme="VOLUNTARY_SI"]`).getAttribute('data-status');
const labelOf = (page: Page, unitCode: string) =>
  page.locator(`[data-unit-code="${unitCode}"] [role="cell"]`).first().locator('.status-label').textContent();

describe('the board by the hour, in Chromium', () => {
  it('shows a district exactly on pace Đúng tiến độ on the second morning, and moves with the hours by itself', async () => {
    const page = await openAt('/board/ngay-thu-hai/38', MORNING);
    await page.locator('[data-connection="live"]').waitFor();
    // Bá Thước: 10 on the first day and 2 by 09:30, as its plan says (10 + 10 × 120 / 570).
    expect(await statusOf(page, '386')).toBe('ON_TRACK');
    expect(await labelOf(page, '386')).toBe('Đúng tiến độ');
    const bar = page.locator('[data-unit-code="386"] [role="cell"]').first().locator('.bar');
    expect(await bar.getAttribute('data-plan-to-now')).toBe('12');
    expect(await bar.getAttribute('aria-label')).toBe(
      'H. Bá Thước, BHXH tự nguyện: lũy kế 12 trên chỉ tiêu 200, kế hoạch đến giờ 12, Đúng tiến độ',
    );
    // Cẩm Thủy, 7 of 12 due; Đông Sơn has counted nothing: not behind, not yet reported.
    expect(await statusOf(page, '390')).toBe('BEHIND');
    expect(await statusOf(page, '405')).toBe('NO_ACTIVITY_YET');
    expect(await labelOf(page, '405')).toBe('Chưa có kết quả');
    expect(await accessibilityViolations(page)).toEqual([]);

    const refetches = await page.locator('[data-board-unit="38"]').getAttribute('data-refetches');
    // Left open into the afternoon with nothing new: at 16:00, 10 + 10 × 510 / 570 = 19 are due.
    await page.clock.fastForward('06:30:00');
    await expect.poll(() => statusOf(page, '386'), { timeout: 10_000 }).toBe('BEHIND');
    expect(await bar.getAttribute('data-plan-to-now')).toBe('19');
    expect(await labelOf(page, '386')).toBe('Chậm tiến độ');
    expect(await statusOf(page, '405')).toBe('NO_ACTIVITY_YET');
    expect(await page.locator('[data-board-unit="38"]').getAttribute('data-refetches')).toBe(refetches);
    await page.close();
  }, 60_000);

  it('opens a campaign in its grace on its last day, with its result and no live pill', async () => {
    const page = await openAt('/board/test-campaign/38', '10:00');
    const pill = page.locator('[data-campaign-state="GRACE"].connection');
    await pill.waitFor();
    expect(await pill.textContent()).toContain('Đã kết thúc · gia hạn đồng bộ đến');
    expect(await page.locator('.connection').textContent()).not.toContain('Trực tuyến');
    expect(await page.locator('.board-title p').textContent()).toContain(
      'Ngày 31/05/2026 (ngày cuối của chiến dịch)',
    );
    const total = page.locator('[data-total-scheme="VOLUNTARY_SI"]');
    expect(await total.locator('.result .figure-today dt').textContent()).toBe(
      'Kết quả tạm tính (còn nhận đồng bộ muộn)',
    );
    expect(await statusOf(page, '386')).toBe('TARGET_MET');
    expect(await labelOf(page, '386')).toBe('Hoàn thành chỉ tiêu');
    await page.close();
  });

  it('says a closed campaign has ended, with its final result and whether it met the target', async () => {
    const { body } = await graphql('mutation { closeCampaign(id: "test-campaign") { userErrors { code } } }');
    expect(body.data.closeCampaign.userErrors).toEqual([]);
    const page = await openAt('/board/test-campaign/38', '10:00');
    const pill = page.locator('[data-campaign-state="CLOSED"].connection');
    await pill.waitFor();
    expect(await pill.textContent()).toBe('Đã kết thúc');
    const total = page.locator('[data-total-scheme="VOLUNTARY_SI"]');
    expect(await total.locator('.result .figure-today dt').textContent()).toBe('Kết quả cuối cùng');
    expect(await total.locator('.verdict').textContent()).toBe('Đạt chỉ tiêu');
    const household = page.locator('[data-total-scheme="HOUSEHOLD_HI"]');
    expect(await household.locator('.verdict').textContent()).toBe('Không đạt chỉ tiêu');
    expect(await household.locator('[data-target-gap]').textContent()).toBe('5');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
