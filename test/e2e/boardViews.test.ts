// @testDatabase demo
// (starts from the demo dataset as `pnpm start` loads it today, copied from the run's template: test/setup/templateNames.ts)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from '../fixtures/app.ts';
import { demoInChromium } from '../fixtures/demoServer.ts';
import { commandCenterToken, tokenFor } from '../fixtures/tokens.ts';

// What the board shows besides its rows (issue 17, item 6): names with their kind, the ticker's
// places, the chart, the landing at /, the campaign cards, the phone's rows, print, the day
// picker, the projection and the officers, the ranked view and its filter. The demo dataset
// behind a real server process, the built app in a real Chromium.
let run: Awaited<ReturnType<typeof demoInChromium>>;
beforeAll(async () => {
  run = await demoInChromium('038191');
}, 180_000);
afterAll(() => run?.stop());

interface ApiTally {
  scheme: string;
  target: number;
  projectedTotal: number;
  status: string;
}
async function apiBoard(unitCode: string, date?: string) {
  const { body } = await graphqlAt(
    run.demo.base,
    `query ($campaignId: ID!, $unitCode: String!, $date: Date) {
      board(campaignId: $campaignId, unitCode: $unitCode, date: $date) {
        date campaign { name startsOn endsOn schemes }
        totals { scheme target projectedTotal status }
        rows { unit { code } tallies { scheme target projectedTotal status } }
        officers { total metQuota atZero } } }`,
    { campaignId: run.demo.campaignId, unitCode, ...(date ? { date } : {}) },
  );
  return body.data.board as {
    date: string;
    campaign: { name: string; startsOn: string; endsOn: string; schemes: string[] };
    totals: ApiTally[];
    rows: { unit: { code: string }; tallies: ApiTally[] }[];
    officers: { total: number; metQuota: number; atZero: number };
  };
}

const vi = (value: number) => new Intl.NumberFormat('vi-VN').format(value);
const viDay = (day: string) => day.split('-').reverse().join('/');

async function openBoard(unitCode: string, options: { page?: Page; query?: string } = {}) {
  const page = options.page ?? (await run.browser.newPage());
  const query = options.query ? `${options.query}&` : '';
  await page.goto(
    `${run.demo.base}/board/${run.demo.campaignId}/${unitCode}?${query}token=${await commandCenterToken()}`,
  );
  await page.locator(`[data-board-unit="${unitCode}"][data-sequence]`).waitFor();
  await page.locator('[data-connection="live"]').waitFor();
  return page;
}

describe('the board’s smaller parts in Chromium', () => {
  it('opens / on the token’s own unit: a Thanh Hóa agent on Thanh Hóa, a commune’s on its commune, one of a commune merged since on its successor', async () => {
    const page = await run.browser.newPage();
    for (const [tokenUnit, unitCode] of [
      ['38', '38'],
      ['X386', 'X386'],
      ['386-02', 'X386'],
    ] as const) {
      await page.goto(`${run.demo.base}/?token=${await tokenFor('FIELD_AGENT', tokenUnit)}`);
      await page.waitForURL(`**/board/${run.demo.campaignId}/${unitCode}`);
      await page.locator(`[data-board-unit="${unitCode}"]`).waitFor();
    }
    // The whole country's token on the campaign's own unit, as before.
    await page.goto(`${run.demo.base}/?token=${await commandCenterToken()}`);
    await page.waitForURL(`**/board/${run.demo.campaignId}/VN`);
    await page.close();
  });

  it('names units with their kind, the city’s ward apart from its province, and the ticker’s communes with their province', async () => {
    const page = await openBoard('38');
    // Since 1 July 2025 the city of Thanh Hóa's communes are one ward of the province.
    expect(await page.locator('[data-unit-code="P380"] [role="rowheader"]').textContent()).toBe(
      'P. Thanh Hóa',
    );
    expect(await page.locator('[data-unit-code="P381"] [role="rowheader"]').textContent()).toBe('P. Bỉm Sơn');
    await run.submit('X386'); // Bá Thước's three communes since 1 July 2025
    const place = page.locator('[data-ticker-unit="X386"] .ticker-unit').first();
    await place.waitFor();
    expect(await place.textContent()).toBe('X. Cành Nàng, Thanh Hóa');

    await page.locator('[data-unit-code="P380"] [role="rowheader"] a').click();
    await page.locator('[data-board-unit="P380"][data-sequence]').waitFor();
    expect(await page.locator('.breadcrumb li').allTextContents()).toEqual([
      'Việt Nam',
      'Thanh Hóa',
      'P. Thanh Hóa',
    ]);
    expect(await page.locator('.board-title h2').textContent()).toBe('P. Thanh Hóa');
    await page.close();
  });

  it('draws each scheme on its own scale, axes labelled in Vietnamese, from the first day to the last, with the target', async () => {
    const page = await openBoard('38');
    const board = await apiBoard('38');
    expect(await page.locator('[data-chart-scheme]').count()).toBe(board.campaign.schemes.length);
    const tops: number[] = [];
    for (const tally of board.totals) {
      const chart = page.locator(`[data-chart-scheme="${tally.scheme}"]`);
      await chart.locator('.recharts-line').first().waitFor();
      const yTicks = await chart
        .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
        .allTextContents();
      const top = Number(yTicks.at(-1)?.replaceAll('.', ''));
      expect(yTicks.at(-1)).toBe(vi(top));
      // Up to the target (the plan line ends there), not far above it.
      expect(top).toBeGreaterThanOrEqual(tally.target);
      expect(top).toBeLessThan(tally.target * 1.5);
      tops.push(top);
      const xTicks = await chart
        .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
        .allTextContents();
      expect(xTicks[0]).toBe(viDay(board.campaign.startsOn).slice(0, 5));
      expect(xTicks.at(-1)).toBe(viDay(board.campaign.endsOn).slice(0, 5));
      const labels = await chart.locator('.recharts-label').allTextContents();
      expect(labels).toEqual(
        expect.arrayContaining(['Ngày', 'Số người', `Chỉ tiêu ${vi(tally.target)}`, 'Hôm nay']),
      );
    }
    // Voluntary SI's scale is its own, not household HI's tens of thousands.
    expect(Math.max(...tops) / Math.min(...tops)).toBeGreaterThan(5);
    await page.close();
  });

  it('writes a campaign’s days once on its card', async () => {
    const page = await run.browser.newPage();
    await page.goto(`${run.demo.base}/campaigns?token=${await commandCenterToken()}`);
    const board = await apiBoard('VN');
    const card = page.locator(`[data-campaign-id="${run.demo.campaignId}"]`);
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text.split(viDay(board.campaign.startsOn))).toHaveLength(2);
    expect(text.split(viDay(board.campaign.endsOn))).toHaveLength(2);
    await page.close();
  });

  it('keeps every status label and cover figure whole inside its cell on a 390 px phone, with no sideways scroll', async () => {
    const page = await run.browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await openBoard('38', { page });
    const rows = page.locator('[role="row"][data-unit-code]');
    // The 27 communes since 1 July 2025 and the province's office (BHXH tỉnh).
    expect(await rows.count()).toBe(28);
    const clipped: string[] = [];
    for (const row of await rows.all()) {
      // Rows out of view are not laid out (content-visibility): each is measured in view.
      await row.scrollIntoViewIfNeeded();
      clipped.push(
        ...(await row.evaluate((element) =>
          [
            ...element.querySelectorAll<HTMLElement>(
              '[role="cell"] .status-label, [role="cell"] .renewal-figures > div',
            ),
          ].flatMap((label) => {
            const cell = label.closest('[role="cell"]')?.getBoundingClientRect();
            const box = label.getBoundingClientRect();
            const inside = cell && box.left >= cell.left && box.right <= cell.right + 0.5 && box.width > 0;
            const whole = label.scrollWidth <= label.clientWidth + 1 && label.getClientRects().length === 1;
            return inside && whole ? [] : [`${element.getAttribute('data-unit-code')}: ${label.textContent}`];
          }),
        )),
      );
    }
    expect(clipped).toEqual([]);
    // The cover figures are there, in Vietnamese first (tái tục, đến hạn tái tục, đã giảm, tăng thực).
    const figures = page.locator('[role="row"][data-unit-code] [role="cell"] .renewal-figures').first();
    // textContent: rows scrolled out of view are not rendered (content-visibility), innerText is empty.
    expect(await figures.textContent()).toMatch(
      /Tái tục[\s\S]*Đến hạn tái tục[\s\S]*Đã giảm[\s\S]*Tăng thực/,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('prints on A4 with the unit, the campaign, the day and the time of the figures, no buttons, rows whole', async () => {
    const page = await openBoard('38');
    const board = await apiBoard('38');
    await page.emulateMedia({ media: 'print' });
    const header = page.locator('[data-print-header]');
    expect(await header.isVisible()).toBe(true);
    const text = (await header.textContent()) ?? '';
    expect(text).toContain('Bảng theo dõi: Việt Nam › Thanh Hóa');
    expect(text).toContain(board.campaign.name);
    expect(text).toContain(`Ngày theo dõi${viDay(board.date)}`);
    expect(text).toMatch(/Số liệu lúc\d\d:\d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
    const printed = await page.evaluate(() => ({
      buttons: [...document.querySelectorAll('button, nav, select, .app-header')].filter(
        (element) => element.getClientRects().length > 0,
      ).length,
      rows: [...document.querySelectorAll('.board-row')].map((row) => getComputedStyle(row).breakInside),
    }));
    expect(printed.buttons).toBe(0);
    expect(printed.rows).toHaveLength(29);
    expect(new Set(printed.rows)).toEqual(new Set(['avoid']));

    const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(([, w, h]) => [
      Math.round(Number(w)),
      Math.round(Number(h)),
    ]);
    // 28 rows do not fit one page; every page is A4 (595 × 842 points).
    expect(boxes.length).toBeGreaterThan(1);
    expect(new Set(boxes.map((box) => box.join('×')))).toEqual(new Set(['596×843']));
    await page.close();
  });

  it('opens another day of the campaign from the day picker, and today again', async () => {
    const page = await openBoard('38');
    const board = await apiBoard('38');
    const picker = page.getByLabel('Xem ngày');
    const days = await picker
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(days[0]).toBe(board.date);
    expect(days.at(-1)).toBe(board.campaign.startsOn);
    const past = days[2] as string;
    await picker.selectOption(past);
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL(`**/board/${run.demo.campaignId}/38?date=${past}`);
    await page.locator('.board-title', { hasText: `Ngày ${viDay(past)}` }).waitFor();
    expect(await page.getByLabel('Xem ngày').inputValue()).toBe(past);
    await page.getByRole('link', { name: 'Về hôm nay' }).click();
    await page.waitForURL(`**/board/${run.demo.campaignId}/38`);
    await page.locator('.board-title', { hasText: `Ngày ${viDay(board.date)}` }).waitFor();
    await page.close();
  });

  it('shows the projected totals and the officers’ quotas the API gives', async () => {
    const page = await openBoard('38');
    const board = await apiBoard('38');
    for (const tally of board.totals) {
      const projected = page.locator(`[data-projected-scheme="${tally.scheme}"]`);
      expect(await projected.getAttribute('data-projected')).toBe(String(tally.projectedTotal));
      expect(await projected.textContent()).toContain(`${vi(tally.projectedTotal)} / ${vi(tally.target)}`);
    }
    expect(board.officers.total).toBeGreaterThan(0);
    const officers = page.locator('[data-officers]');
    expect(await officers.locator('[data-officers-total]').textContent()).toBe(vi(board.officers.total));
    expect(await officers.locator('[data-officers-met]').getAttribute('data-officers-met')).toBe(
      String(board.officers.metQuota),
    );
    expect(await officers.locator('[data-officers-at-zero]').getAttribute('data-officers-at-zero')).toBe(
      String(board.officers.atZero),
    );
    await page.close();
  });

  it('ranks the units and keeps only those behind on request, as the API judges them', async () => {
    const page = await openBoard('38');
    const board = await apiBoard('38');
    const behind = board.rows
      .filter((row) => row.tallies.some((tally) => tally.status === 'BEHIND'))
      .map((row) => row.unit.code);
    const codes = () =>
      page
        .locator('[role="row"][data-unit-code]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit-code')));
    await page.locator('[data-filter="behind"]').click();
    expect((await codes()).sort()).toEqual([...behind].sort());
    await page.locator('[data-filter="behind"]').click();
    expect(await codes()).toHaveLength(28);
    await page.locator('[data-sort="percent"]').click();
    const ranks = await page
      .locator('[role="row"][data-unit-code] [data-rank]')
      .evaluateAll((marks) => marks.map((mark) => Number(mark.getAttribute('data-rank'))));
    // The office (BHXH tỉnh) has no target in the drive, so no share of it and no rank.
    expect(ranks).toHaveLength(27);
    expect(ranks[0]).toBe(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await page.close();
  });
});
