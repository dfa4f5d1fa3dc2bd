// @testDatabase demo
// (starts from the demo dataset as `pnpm start` loads it today, copied from the run's template: test/setup/templateNames.ts)
import { readFileSync } from 'node:fs';
import { vnDay } from '@toandan/shared/vnDay';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from '../fixtures/app.ts';
import { PARTICIPATION, type ParticipationAnswer } from '../fixtures/briefing.ts';
import { accessibilityViolations } from '../fixtures/browser.ts';
import { demoInChromium } from '../fixtures/demoServer.ts';
import { commandCenterToken, tokenFor } from '../fixtures/tokens.ts';

// The briefing report's page (issue 18, item 6), /report/<unitCode>?asOf=: the demo dataset
// behind a real server process, the built app in a real Chromium, its figures held to the
// participation query's, its downloads read back, its print on A4.
let run: Awaited<ReturnType<typeof demoInChromium>>;
/** The last month end: the demo has every unit's figures there. */
const lastMonthEnd = vnDay.addDays(`${vnDay.today().slice(0, 7)}-01`, -1);

beforeAll(async () => {
  run = await demoInChromium('038192');
}, 180_000);
afterAll(() => run?.stop());

async function apiReport(unitCode: string, asOf: string): Promise<ParticipationAnswer> {
  const { body } = await graphqlAt(run.demo.base, PARTICIPATION, { unitCode, asOf });
  expect(body.errors).toBeUndefined();
  return body.data.participation;
}

const vi = (value: number) => new Intl.NumberFormat('vi-VN').format(value);
const viChange = (value: number | null) =>
  value === null ? '–' : new Intl.NumberFormat('vi-VN', { signDisplay: 'exceptZero' }).format(value);
const viPercent = (value: number | null) =>
  value === null
    ? '–'
    : new Intl.NumberFormat('vi-VN', {
        style: 'percent',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(value / 100);

async function openReport(unitCode: string, asOf: string | null, options: { page?: Page } = {}) {
  const page = options.page ?? (await run.browser.newPage());
  await page.goto(
    `${run.demo.base}/report/${unitCode}?${asOf ? `asOf=${asOf}&` : ''}token=${await commandCenterToken()}`,
  );
  await page.locator(`[data-report-unit="${unitCode}"]`).waitFor();
  return page;
}

/** What a row of a table shows, cell by cell, as text. */
const rowText = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((row) =>
      Object.fromEntries(
        [...row.querySelectorAll('[data-field]')].map((cell) => [
          cell.getAttribute('data-field'),
          (cell.textContent ?? '').replace('✓', '').trim(),
        ]),
      ),
    );

describe('the briefing report in Chromium', () => {
  it('shows the query’s figures: the unit’s own per indicator, then each child’s, ranked, the units that met the plan named', async () => {
    const page = await openReport('38', lastMonthEnd);
    const api = await apiReport('38', lastMonthEnd);
    expect(await page.locator('h2').first().textContent()).toContain('Thanh Hóa');
    for (const figure of api.totals) {
      expect(await rowText(page, `.report-summary tr[data-indicator="${figure.indicator}"]`)).toEqual({
        participants: vi(figure.participants),
        planned: figure.planned === null ? '–' : vi(figure.planned),
        percentOfPlan: viPercent(figure.percentOfPlan),
        changeSinceLastMonth: viChange(figure.changeSinceLastMonth),
        changeSinceDecember: viChange(figure.changeSinceDecember),
        coverageRate: viPercent(figure.coverageRate),
      });
    }
    await page.getByRole('tab', { name: 'BHYT', exact: true }).click();
    const panel = page.locator('section[data-indicator="HEALTH"]');
    expect(await panel.isVisible()).toBe(true);
    expect(await page.locator('section[data-indicator="COMPULSORY_SI"]').isVisible()).toBe(false);
    expect(await panel.locator('tbody tr').count()).toBe(api.rows.length);
    for (const row of api.rows) {
      const health = row.figures.find((figure) => figure.indicator === 'HEALTH');
      if (!health) throw new Error(`no health figure for ${row.unit.code}`);
      const selector = `section[data-indicator="HEALTH"] tr[data-unit-code="${row.unit.code}"]`;
      expect(await rowText(page, selector)).toEqual({
        participants: vi(health.participants),
        planned: health.planned === null ? '–' : vi(health.planned),
        percentOfPlan: viPercent(health.percentOfPlan),
        changeSinceLastMonth: viChange(health.changeSinceLastMonth),
        changeSinceDecember: viChange(health.changeSinceDecember),
        coverageRate: viPercent(health.coverageRate),
        rank: health.rank === null ? '–' : String(health.rank),
      });
      expect(await page.locator(selector).getAttribute('class')).toBe(health.metPlan ? 'met' : null);
    }
    const met = api.rows.filter(
      (row) => row.figures.find((figure) => figure.indicator === 'HEALTH')?.metPlan,
    );
    const sentence = panel.locator('.met-sentence');
    expect(await sentence.getAttribute('data-met-plan')).toBe(met.map((row) => row.unit.code).join(' '));
    if (met.length > 0)
      expect(await sentence.textContent()).toMatch(
        new RegExp(`^${met.length} đơn vị đã hoàn thành và vượt chỉ tiêu BHYT: `),
      );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('opens a child’s report of the same day, another month end from the list, and is linked from the board', async () => {
    const page = await openReport('38', lastMonthEnd);
    const options = await page
      .locator('.report-days select option')
      .evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).value));
    // Month ends first, newest first, today after them.
    expect(options[0]).toBe(lastMonthEnd);
    expect(options.slice(0, 3).every((day) => vnDay.addDays(day, 1).endsWith('-01'))).toBe(true);
    expect(options.at(-1)).toBe(vnDay.today());
    const monthBefore = options[1] as string;
    await page.locator('.report-days select').selectOption(monthBefore);
    await page.getByRole('button', { name: 'Xem' }).first().click();
    await page.locator(`[data-report-unit="38"][data-as-of="${monthBefore}"]`).waitFor();
    expect(new URL(page.url()).search).toBe(`?asOf=${monthBefore}`);

    // Any other day, typed as Vietnamese write it; an impossible one is said so, nothing opened.
    const typed = page.getByLabel('Ngày khác');
    await typed.fill('31/11/2021');
    await page.getByRole('button', { name: 'Xem' }).nth(1).click();
    expect(await page.locator('.report-days [role="alert"]').textContent()).toBe(
      '«31/11/2021» không phải là một ngày: hãy viết ngày/tháng/năm, ví dụ 30/11/2021.',
    );
    await typed.fill('30/11/2021');
    await page.getByRole('button', { name: 'Xem' }).nth(1).click();
    await page.locator('[data-report-unit="38"][data-as-of="2021-11-30"]').waitFor();
    // Before 1 July 2025 the province's rows are its districts, each opening its report of that day.
    await page.locator('section.chosen tr[data-unit-code="395"] a').click();
    await page.locator('[data-report-unit="395"][data-as-of="2021-11-30"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/report/395');
    const district = await apiReport('395', '2021-11-30');
    expect(await page.locator('section.chosen tbody tr').count()).toBe(district.rows.length);
    await page.goBack();
    await page.locator('[data-report-unit="38"][data-as-of="2021-11-30"]').waitFor();
    await page.goBack();
    await page.locator(`[data-report-unit="38"][data-as-of="${monthBefore}"]`).waitFor();
    // Since then its rows are communes, with nothing below them to open.
    expect(await page.locator('section.chosen tr[data-unit-code="X395"]').count()).toBe(1);
    expect(await page.locator('section.chosen tr[data-unit-code="X395"] a').count()).toBe(0);

    await page.goto(`${run.demo.base}/board/${run.demo.campaignId}/38`);
    const link = page.locator('[data-report-link]');
    expect(await link.getAttribute('href')).toBe('/report/38');
    await link.click();
    await page.locator(`[data-report-unit="38"][data-as-of="${vnDay.today()}"]`).waitFor();
    await page.close();
  });

  it('downloads the .xlsx and the .csv with the token, saved under the server’s names, the figures of the page', async () => {
    const page = await openReport('38', lastMonthEnd);
    const api = await apiReport('38', lastMonthEnd);
    const health = api.totals.find((figure) => figure.indicator === 'HEALTH');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-download="xlsx"]').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`bao-cao-giao-ban-38-${lastMonthEnd}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync((await xlsx.path()) as string)).buffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const headers = sheet.getRow(2).values as unknown[];
    const healthColumn = headers.indexOf('BHYT');
    expect(sheet.getRow(sheet.rowCount).getCell(healthColumn).value).toBe(health?.participants);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-download="csv"]').click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`bao-cao-giao-ban-38-${lastMonthEnd}.csv`);
    const text = readFileSync((await csv.path()) as string, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`\r\n38,Tổng cộng Thanh Hóa,`);
    expect(await page.locator('.report-downloads [role="alert"]').count()).toBe(0);
    await page.close();
  });

  it('opens for a partner too, in English on request: aggregates only', async () => {
    const page = await run.browser.newPage();
    await page.addInitScript(`localStorage.setItem('toandan.language', 'en')`);
    await page.goto(`${run.demo.base}/report/VN?asOf=${lastMonthEnd}&token=${await tokenFor('PARTNER')}`);
    await page.locator('[data-report-unit="VN"]').waitFor();
    const api = await apiReport('VN', lastMonthEnd);
    expect(await page.locator('section.chosen tbody tr').count()).toBe(api.rows.length);
    expect(await page.locator('section.chosen thead th').allTextContents()).toEqual([
      'Unit',
      'Participants',
      'Plan',
      '% of plan',
      'Change since last month',
      'Change since last December',
      'Coverage',
      'Rank',
    ]);
    const first = api.totals[0];
    if (first)
      expect(
        await page
          .locator(`.report-summary tr[data-indicator="${first.indicator}"] [data-field="participants"]`)
          .textContent(),
      ).toBe(new Intl.NumberFormat('en-GB').format(first.participants));
    // The browser's one profile keeps the choice: Vietnamese again for the tests after this one.
    await page.evaluate(() => localStorage.setItem('toandan.language', 'vi'));
    await page.close();
  });

  it('prints on A4: the briefing’s heading, every indicator, no buttons, no row cut across two pages', async () => {
    // The page as wide as A4 less its margins (190 mm at 96 px to the inch), so that what is
    // measured below is what the page is laid out in.
    const page = await run.browser.newPage();
    await page.setViewportSize({ width: 718, height: 1000 });
    await openReport('38', lastMonthEnd, { page });
    await page.emulateMedia({ media: 'print' });
    const header = page.locator('.report-print-header');
    expect(await header.isVisible()).toBe(true);
    const heading = (await header.textContent()) ?? '';
    expect(heading).toContain('Báo cáo tình hình phát triển người tham gia BHXH, BHYT, BHTN');
    expect(heading).toContain('Việt Nam › Thanh Hóa');
    expect(heading).toContain(`Tính đến ngày ${lastMonthEnd.split('-').reverse().join('/')}`);
    const printed = await page.evaluate(() => ({
      controls: [...document.querySelectorAll('button, nav, select, input, .app-header')].filter(
        (element) => element.getClientRects().length > 0,
      ).length,
      sections: [...document.querySelectorAll('.report-indicator')].filter(
        (element) => element.getClientRects().length > 0,
      ).length,
      rows: [...document.querySelectorAll('.report-table tr')].map(
        (row) => getComputedStyle(row).breakInside,
      ),
      widest: Math.max(...[...document.querySelectorAll('.report-table')].map((table) => table.scrollWidth)),
    }));
    expect(printed.controls).toBe(0);
    expect(printed.sections).toBe(7);
    expect(new Set(printed.rows)).toEqual(new Set(['avoid']));
    // Every table fits the page's width: nothing is cut off at the right edge.
    expect(printed.widest).toBeLessThanOrEqual(718);

    const pdf = (await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })).toString(
      'latin1',
    );
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(([, w, h]) =>
      [Math.round(Number(w)), Math.round(Number(h))].join('×'),
    );
    // The summary and seven tables of 28 units: a few pages, each A4 as its @page says
    // (595.28 × 841.89 points).
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    expect(boxes.length).toBeLessThanOrEqual(12);
    expect(new Set(boxes)).toEqual(new Set(['595×842']));
    await page.close();
  });
});
