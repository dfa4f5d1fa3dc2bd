// @testDatabase demo
// (starts from the demo dataset as `pnpm start` loads it today, copied from the run's template: test/setup/templateNames.ts)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from '../fixtures/app.ts';
import { accessibilityViolations, type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { demoSubmitter, startDemoServer } from '../fixtures/demoServer.ts';
import { commandCenterToken } from '../fixtures/tokens.ts';

// The wall screen of the demo dataset behind a real server process, in a real Chromium, at the
// sizes command centres have: a laptop on a projector, an office screen, a television, a 4K one.
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

let demo: Awaited<ReturnType<typeof startDemoServer>>;
let browser: OpenBrowser;
let submit: ReturnType<typeof demoSubmitter>;
let token: string;

/** Communes added under a province of the demo, so that it has `total` units below it. */
async function growProvince(province: string, total: number) {
  const rows: { unitCode: string; scheme: string; target: number }[] = [];
  const start = (await childCodes(province)).length;
  for (let n = 1; n <= total - start; n++) {
    const code = `${province}-T${String(n).padStart(2, '0')}`;
    const { body } = await graphqlAt(
      demo.base,
      'mutation ($input: AddUnitInput!) { addUnit(input: $input) { userErrors { code message } } }',
      { input: { code, name: `Xã thử ${n}`, kind: 'COMMUNE', parentCode: province } },
      token,
    );
    expect(body.data?.addUnit.userErrors, JSON.stringify(body)).toEqual([]);
    rows.push({ unitCode: code, scheme: 'VOLUNTARY_SI', target: 40 + n });
    rows.push({ unitCode: code, scheme: 'HOUSEHOLD_HI', target: 90 + n });
  }
  const { body } = await graphqlAt(
    demo.base,
    'mutation ($c: ID!, $rows: [TargetRowInput!]!) { setTargets(campaignId: $c, rows: $rows) { applied userErrors { message } } }',
    { c: demo.campaignId, rows },
    token,
  );
  expect(body.data?.setTargets.userErrors, JSON.stringify(body)).toEqual([]);
}

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await openBrowser();
  submit = demoSubmitter(demo.base, demo.campaignId, '038191');
  token = await commandCenterToken();
  // Since 1 July 2025 a province's communes are its children (Thanh Hóa has 166 in life).
  // A province of the test's own, with no office beside its communes (whose long name, BHXH
  // tỉnh …, leaves room for fewer tiles): as many units as one screen holds.
  const { body } = await graphqlAt(
    demo.base,
    'mutation ($input: AddUnitInput!) { addUnit(input: $input) { userErrors { code message } } }',
    { input: { code: 'T40', name: 'Tỉnh thử', kind: 'PROVINCE', parentCode: 'VN' } },
    token,
  );
  expect(body.data?.addUnit.userErrors, JSON.stringify(body)).toEqual([]);
  await growProvince('T40', 40);
  await growProvince('92', 45); // Cần Thơ: more, so its wall pages
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function childCodes(unitCode: string): Promise<string[]> {
  const { body } = await graphqlAt(
    demo.base,
    'query ($code: String!) { unit(code: $code) { children { code } } }',
    {
      code: unitCode,
    },
  );
  return body.data.unit.children.map((child: { code: string }) => child.code).sort();
}

async function openWall(unitCode: string, size: { width: number; height: number }, seconds = 600) {
  const page = await browser.newPage();
  await page.setViewportSize(size);
  await page.goto(`${demo.base}/wall/${demo.campaignId}/${unitCode}?seconds=${seconds}&token=${token}`);
  // The grid is chosen from the measured tiles before the first paint of the board.
  await page.locator(`[data-wall-unit="${unitCode}"] .wall-tiles[data-fits]`).waitFor();
  await page.locator('[data-connection="live"]').waitFor();
  return page;
}

const shownCodes = (page: Page) =>
  page
    .locator('.wall-tiles [data-unit-code]')
    .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-unit-code') ?? ''));

/**
 * Everything wrong with the screen's geometry, one line each: a tile outside the viewport, two
 * tiles or two parts of the header on top of each other, anything that scrolls or clips its
 * text, type under 4vh (the share of the target) or 2vh (every label).
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vh = innerHeight / 100;
    const visible = (element: Element) => getComputedStyle(element).display !== 'none';
    const name = (element: Element) =>
      `${element.closest('[data-unit-code]')?.getAttribute('data-unit-code') ?? ''} ${element.className || element.tagName} "${element.textContent?.trim().slice(0, 30)}"`;
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.bottom <= outer.bottom + 0.5;

    const root = document.documentElement;
    if (root.scrollHeight > innerHeight || root.scrollWidth > innerWidth)
      problems.push(
        `the page scrolls: ${root.scrollWidth}×${root.scrollHeight} in ${innerWidth}×${innerHeight}`,
      );

    const tiles = [...document.querySelectorAll('.wall-tiles [data-unit-code]')];
    const boxes = tiles.map((tile) => tile.getBoundingClientRect());
    const viewport = new DOMRect(0, 0, innerWidth, innerHeight);
    tiles.forEach((tile, i) => {
      const box = boxes[i] as DOMRect;
      if (!inside(box, viewport)) problems.push(`outside the screen: ${name(tile)}`);
      for (let j = i + 1; j < tiles.length; j++)
        if (overlap(box, boxes[j] as DOMRect))
          problems.push(`overlap: ${name(tile)} and ${name(tiles[j] as Element)}`);
      if (tile.scrollHeight > tile.clientHeight || tile.scrollWidth > tile.clientWidth)
        problems.push(`overflows its tile: ${name(tile)}`);
    });

    // Every piece of text whole inside its band, its tile and the screen.
    const texts = [
      ...document.querySelectorAll(
        '.wall-tile-name, .wall-band-status, .wall-band-short-status, .wall-band-percent, .wall-band-today',
      ),
    ].filter((element) => visible(element) && !element.closest('.wall-probes'));
    for (const text of texts) {
      const box = text.getBoundingClientRect();
      const container = (text.closest('.wall-band') ?? text.closest('.wall-tile')) as Element;
      if (text.scrollWidth > text.clientWidth) problems.push(`clipped: ${name(text)}`);
      if (!inside(box, container.getBoundingClientRect())) problems.push(`out of its band: ${name(text)}`);
    }

    // The header's parts side by side, none on another, none clipped, none over the tiles.
    const headParts = [
      ...document.querySelectorAll('.wall-head-line > *, .wall-total p > *, .wall-total h2'),
    ];
    const headBoxes = headParts.map((part) => part.getBoundingClientRect());
    headParts.forEach((part, i) => {
      const box = headBoxes[i] as DOMRect;
      if (!inside(box, viewport)) problems.push(`header part outside the screen: ${name(part)}`);
      if (part.scrollWidth > part.clientWidth && part.clientWidth > 0)
        problems.push(`clipped: ${name(part)}`);
      for (let j = i + 1; j < headParts.length; j++) {
        const other = headParts[j] as Element;
        if (part.contains(other) || other.contains(part)) continue;
        if (overlap(box, headBoxes[j] as DOMRect))
          problems.push(`header overlap: ${name(part)} and ${name(other)}`);
      }
      for (const [k, tileBox] of boxes.entries())
        if (overlap(box, tileBox))
          problems.push(`header over a tile: ${name(part)} and ${name(tiles[k] as Element)}`);
    });
    const foot = document.querySelector('.wall-foot')?.getBoundingClientRect();
    if (foot && boxes.some((box) => overlap(box, foot))) problems.push('a tile under the footer');

    const size = (element: Element) => Number.parseFloat(getComputedStyle(element).fontSize);
    for (const figure of document.querySelectorAll('.wall-tiles .wall-band-percent, .wall-total-percent'))
      if (size(figure) < 4 * vh) problems.push(`under 4vh: ${name(figure)} ${size(figure)}px`);
    const labels = [
      ...document.querySelectorAll(
        '.wall-tiles .wall-tile-name, .wall-tiles .wall-band-status, .wall-tiles .wall-band-short-status, .wall-tiles .wall-band-today, .wall-head p, .wall-head h2, .wall-head .connection, .wall-foot > span',
      ),
    ].filter(visible);
    for (const label of labels)
      if (size(label) < 2 * vh) problems.push(`under 2vh: ${name(label)} ${size(label)}px`);
    return problems;
  });
}

describe('the wall screen in Chromium', () => {
  it.each(SIZES)(
    'shows all 28 units under Thanh Hóa (its 27 communes since the reform and its office, BHXH tỉnh) on one screen at $width×$height, readable, nothing on another',
    async (size) => {
      const page = await openWall('38', size);
      const children = await childCodes('38');
      expect(children).toHaveLength(28);
      expect((await shownCodes(page)).sort()).toEqual(children);
      expect(await page.locator('[data-wall-unit="38"]').getAttribute('data-wall-pages')).toBe('1');
      expect(await page.locator('.wall-tiles').getAttribute('data-fits')).toBe('true');
      // Every tile has a band per scheme of the campaign.
      expect(await page.locator('.wall-tiles [data-unit-code] [data-scheme="VOLUNTARY_SI"]').count()).toBe(
        children.length,
      );
      expect(await page.locator('.wall-tiles [data-unit-code] [data-scheme="HOUSEHOLD_HI"]').count()).toBe(
        children.length,
      );
      expect(await layoutProblems(page)).toEqual([]);
      expect(await page.locator('.wall-head').textContent()).toContain('Cập nhật lúc');
      await page.close();
    },
  );

  it.each(SIZES)(
    'shows a province of 40 units on one screen at $width×$height, still readable',
    async (size) => {
      const page = await openWall('T40', size);
      expect((await shownCodes(page)).sort()).toEqual(await childCodes('T40'));
      expect(await childCodes('T40')).toHaveLength(40);
      expect(await page.locator('[data-wall-unit="T40"]').getAttribute('data-wall-pages')).toBe('1');
      expect(await page.locator('.wall-tiles').getAttribute('data-fits')).toBe('true');
      expect(await layoutProblems(page)).toEqual([]);
      await page.close();
    },
  );

  it('puts the units with no result yet in a state of their own, and those behind first', async () => {
    const page = await openWall('92', SIZES[2] as (typeof SIZES)[number]);
    // The added communes have counted nothing today: every band says so in words.
    const idle = page.locator('[data-unit-code="92-T01"] [data-status="NO_ACTIVITY_YET"]');
    expect(await idle.count()).toBe(2);
    expect(await idle.first().textContent()).toContain('Chưa có');
    expect(await idle.first().textContent()).toContain('kết quả');
    const order = await page
      .locator('.wall-tiles [data-unit-code]')
      .evaluateAll((tiles) =>
        tiles.map((tile) =>
          [...tile.querySelectorAll('[data-status]')].map((band) => band.getAttribute('data-status')),
        ),
      );
    const worst = order.map((statuses) =>
      statuses.includes('BEHIND') ? 0 : statuses.includes('NO_ACTIVITY_YET') ? 1 : 2,
    );
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('pages a province of 45 units, every one of them on a page, and turns by itself and with the keys', async () => {
    const page = await openWall('92', SIZES[0] as (typeof SIZES)[number], 2);
    const wall = page.locator('[data-wall-unit="92"]');
    expect(await wall.getAttribute('data-wall-pages')).toBe('2');
    await page.locator('[data-wall-unit="92"][data-wall-page="1"]').waitFor();
    const first = await shownCodes(page);
    expect(await layoutProblems(page)).toEqual([]);
    await page.locator('[data-wall-unit="92"][data-wall-page="2"]').waitFor();
    const second = await shownCodes(page);
    expect(await layoutProblems(page)).toEqual([]);
    expect(first.length).toBeLessThanOrEqual(40);
    expect(second.length).toBeLessThanOrEqual(40);
    expect(first.filter((code) => second.includes(code))).toEqual([]);
    expect([...first, ...second].sort()).toEqual(await childCodes('92'));
    await page.locator('[data-wall-unit="92"][data-wall-page="1"]').waitFor();

    // Paused, the keys still turn the page.
    await page.keyboard.press(' ');
    await page.locator('[data-wall-paused="true"]').waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.locator('[data-wall-unit="92"][data-wall-page="2"]').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-wall-unit="92"][data-wall-page="1"]').waitFor();
    await page.close();
  }, 60_000);

  it('changes the right band live, without a reload, when an enrolment is submitted', async () => {
    const page = await openWall('38', SIZES[2] as (typeof SIZES)[number]);
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    const band = page.locator('[data-unit-code="X395"] [data-scheme="VOLUNTARY_SI"]');
    const before = Number(await band.getAttribute('data-today'));
    const other = await page
      .locator('[data-unit-code="X395"] [data-scheme="HOUSEHOLD_HI"]')
      .getAttribute('data-today');
    await submit('X395', 'VOLUNTARY_SI'); // Thọ Xuân's three communes since 1 July 2025
    await expect.poll(() => band.getAttribute('data-today'), { timeout: 15_000 }).toBe(String(before + 1));
    expect(await band.locator('.wall-band-today').textContent()).toContain(
      `+${new Intl.NumberFormat('vi-VN').format(before + 1)}`,
    );
    expect(
      await page.locator('[data-unit-code="X395"] [data-scheme="HOUSEHOLD_HI"]').getAttribute('data-today'),
    ).toBe(other);
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await page.close();
  });

  it('comes back by itself after a network cut, and follows the board again', async () => {
    const page = await openWall('38', SIZES[0] as (typeof SIZES)[number]);
    await browser.context.setOffline(true);
    await page.locator('[data-wall-unit="38"] [data-connection="offline"]').waitFor();
    await browser.context.setOffline(false);
    await page.locator('[data-wall-unit="38"] [data-connection="live"]').waitFor({ timeout: 30_000 });
    const band = page.locator('[data-unit-code="X386"] [data-scheme="HOUSEHOLD_HI"]');
    const before = Number(await band.getAttribute('data-today'));
    await submit('X386', 'HOUSEHOLD_HI');
    await expect.poll(() => band.getAttribute('data-today'), { timeout: 15_000 }).toBe(String(before + 1));
    await page.close();
  }, 60_000);

  it('says on the wall that a campaign has ended, with no live pill', async () => {
    const { body } = await graphqlAt(demo.base, '{ campaigns { id kind state } }', {}, token);
    const may = body.data.campaigns.find((campaign: { kind: string }) => campaign.kind === 'CAMPAIGN_MONTH');
    expect(may.state).toBe('CLOSED');
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${demo.base}/wall/${may.id}/38?token=${token}`);
    await page.locator('[data-wall-unit="38"] .wall-tiles[data-fits]').waitFor();
    const head = page.locator('.wall-head');
    await head.locator('.connection-ended').waitFor();
    expect(await head.locator('.connection-ended').textContent()).toContain('Đã kết thúc');
    expect(await head.textContent()).not.toContain('Trực tuyến');
    await page.close();
  });
});
