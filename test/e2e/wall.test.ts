// @testDatabase demo
// (starts from the demo dataset as `pnpm start` loads it today, copied from the run's template: test/setup/templateNames.ts)
import { randomUUID } from 'node:crypto';
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

async function openWall(
  unitCode: string,
  size: { width: number; height: number },
  seconds = 600,
  { view = '', campaignId = demo.campaignId } = {},
) {
  const page = await browser.newPage();
  await page.setViewportSize(size);
  await page.goto(
    `${demo.base}/wall/${campaignId}/${unitCode}?seconds=${seconds}${view ? `&${view}` : ''}&token=${token}`,
  );
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
 * text, type under 4vh (the share of the target, the net growth of the cover page) or 2vh
 * (every label and small figure).
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
        '.wall-tile-name, .wall-band-status, .wall-band-short-status, .wall-band-percent, .wall-band-today, .wall-tile .cover-net-label, .wall-tile .cover-net-value, .cover-figures dt, .cover-figures dd',
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
    for (const figure of document.querySelectorAll(
      '.wall-tiles .wall-band-percent, .wall-tiles .cover-net-value, .wall-total-percent',
    ))
      if (size(figure) < 4 * vh) problems.push(`under 4vh: ${name(figure)} ${size(figure)}px`);
    const labels = [
      ...document.querySelectorAll(
        '.wall-tiles .wall-tile-name, .wall-tiles .wall-band-status, .wall-tiles .wall-band-short-status, .wall-tiles .wall-band-today, .wall-tiles .cover-net-label, .wall-tiles .cover-figures dt, .wall-tiles .cover-figures dd, .wall-head p, .wall-head h2, .wall-head p > span, .wall-head .connection, .wall-foot > span',
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

/** The demo's campaign of all year, where the covers of the last quarter were sold and lapse. */
async function standingCampaign(): Promise<string> {
  const { body } = await graphqlAt(demo.base, '{ campaigns { id kind } }', {}, token);
  return body.data.campaigns.find((campaign: { kind: string }) => campaign.kind === 'STANDING').id;
}

/** The cover tiles shown, in order, with the figures they carry. */
const coverTiles = (page: Page) =>
  page.locator('.wall-tiles [data-unit-code]').evaluateAll((tiles) =>
    tiles.map((tile) => ({
      code: tile.getAttribute('data-unit-code') ?? '',
      scheme: tile.getAttribute('data-scheme') ?? '',
      net: Number(tile.getAttribute('data-net-growth')),
      lapsed: Number(tile.getAttribute('data-lapsed')),
      losing: tile.hasAttribute('data-losing'),
      netText: tile.querySelector('.cover-net-value')?.textContent ?? '',
    })),
  );

describe('the wall’s cover page (?view=covers) in Chromium', () => {
  it.each(SIZES)(
    'shows the covers of a province of 40 units on one screen per scheme at $width×$height, readable, nothing on another',
    async (size) => {
      const page = await openWall('T40', size, 600, { view: 'view=covers' });
      const wall = page.locator('[data-wall-unit="T40"][data-wall-view="covers"]');
      // A page per scheme of the campaign, each with every child.
      expect(await wall.getAttribute('data-wall-pages')).toBe('2');
      expect(await page.locator('.wall-tiles').getAttribute('data-fits')).toBe('true');
      expect((await shownCodes(page)).sort()).toEqual(await childCodes('T40'));
      const scheme = await wall.getAttribute('data-wall-scheme');
      expect((await coverTiles(page)).every((tile) => tile.scheme === scheme)).toBe(true);
      expect(await layoutProblems(page)).toEqual([]);
      // Every figure of a tile, labelled in Vietnamese.
      const tile = page.locator('.wall-tiles [data-unit-code]').first();
      for (const word of ['Tăng thực', 'Mới', 'Tái tục', 'Đến hạn', 'Đã giảm'])
        expect(await tile.textContent()).toContain(word);
      await page.keyboard.press('ArrowRight');
      await page.locator('[data-wall-unit="T40"][data-wall-page="2"]').waitFor();
      expect(await wall.getAttribute('data-wall-scheme')).not.toBe(scheme);
      expect((await shownCodes(page)).sort()).toEqual(await childCodes('T40'));
      expect(await layoutProblems(page)).toEqual([]);
      await page.close();
    },
  );

  it.each(SIZES)(
    'marks the communes of Thanh Hóa losing people in red with a minus sign, the most lost first, at $width×$height',
    async (size) => {
      const standing = await standingCampaign();
      const page = await openWall('38', size, 600, {
        view: 'view=covers&scheme=HOUSEHOLD_HI',
        campaignId: standing,
      });
      const wall = page.locator('[data-wall-unit="38"][data-wall-view="covers"]');
      expect(await wall.getAttribute('data-wall-scheme')).toBe('HOUSEHOLD_HI');
      expect(await wall.getAttribute('data-wall-pages')).toBe('1');
      expect((await shownCodes(page)).sort()).toEqual(await childCodes('38'));
      expect(await layoutProblems(page)).toEqual([]);
      const tiles = await coverTiles(page);
      // The demo's household cards lapse: some communes are below zero.
      const losing = tiles.filter((tile) => tile.net < 0);
      expect(losing.length).toBeGreaterThan(0);
      for (const tile of tiles) {
        expect(tile.losing).toBe(tile.net < 0);
        expect(tile.netText.startsWith(tile.net < 0 ? '−' : tile.net > 0 ? '+' : '0')).toBe(true);
      }
      // The lowest net growth first, then the most lapsed.
      const ranks = tiles.map((tile) => [tile.net, -tile.lapsed]);
      expect(ranks).toEqual(
        [...ranks].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)),
      );
      // Red that reads: at least 4.5:1 against the tile, and the tile edged in red as well.
      const looks = await page.locator('.wall-tiles [data-losing]').evaluateAll((elements) => {
        const luminance = (css: string) => {
          const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
            const c = v / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
        };
        return elements.map((tile) => {
          const figure = tile.querySelector('.cover-net-value') as Element;
          const text = luminance(getComputedStyle(figure).color);
          const background = luminance(
            getComputedStyle(tile).backgroundColor.replace(/rgba\(0, 0, 0, 0\)/, 'rgb(255, 255, 255)'),
          );
          return {
            contrast: (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05),
            edge: getComputedStyle(tile).borderTopColor,
          };
        });
      });
      for (const look of looks) {
        expect(look.contrast).toBeGreaterThanOrEqual(4.5);
        expect(look.edge).toBe('rgb(179, 38, 30)');
      }
      const total = page.locator('.wall-head [data-total-scheme="HOUSEHOLD_HI"]');
      expect(await total.textContent()).toContain('Tăng thực');
      if (size.width === 1920) expect(await accessibilityViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it('changes a tile live, without a reload, when an enrolment is submitted', async () => {
    const page = await openWall('T40', SIZES[2] as (typeof SIZES)[number], 600, {
      view: 'view=covers&scheme=VOLUNTARY_SI',
    });
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    const tile = page.locator('.wall-tiles [data-unit-code="T40-T07"]');
    const before = {
      today: Number(await tile.getAttribute('data-today')),
      cumulative: Number(await tile.getAttribute('data-cumulative')),
      net: Number(await tile.getAttribute('data-net-growth')),
    };
    const total = page.locator('.wall-head [data-total-scheme="VOLUNTARY_SI"]');
    const totalBefore = Number(await total.getAttribute('data-net-growth'));
    await submit('T40-T07', 'VOLUNTARY_SI');
    await expect
      .poll(() => tile.getAttribute('data-net-growth'), { timeout: 15_000 })
      .toBe(String(before.net + 1));
    const n = (value: number) => new Intl.NumberFormat('vi-VN').format(value);
    expect(await tile.locator('[data-figure="new"] dd').textContent()).toBe(
      `+${n(before.today + 1)} · ${n(before.cumulative + 1)}`,
    );
    expect(await tile.locator('.cover-net-value').textContent()).toBe(`+${n(before.net + 1)}`);
    await expect.poll(() => total.getAttribute('data-net-growth')).toBe(String(totalBefore + 1));
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await page.close();
  });

  it('moves due and renewed live when a card ending this week is renewed through the API', async () => {
    const standing = await standingCampaign();
    const { vnDay } = await import('@toandan/shared/vnDay');
    const SUBMIT =
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { enrolment { kind coverageUntil } userErrors { code message } } }';
    const card = (enrolledOn: string) => ({
      campaignId: standing,
      unitCode: 'X386',
      scheme: 'HOUSEHOLD_HI',
      citizenId: '038192000001',
      fullName: 'Lê Thị Thu',
      idempotencyKey: randomUUID(),
      enrolledAt: `${enrolledOn}T09:00:00+07:00`,
      coverageMonths: 3,
    });
    const page = await openWall('38', SIZES[2] as (typeof SIZES)[number], 600, {
      view: 'view=covers&scheme=HOUSEHOLD_HI',
      campaignId: standing,
    });
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    const tile = page.locator('.wall-tiles [data-unit-code="X386"]');
    const figure = async (name: string) => Number(await tile.getAttribute(`data-${name}`));
    const before = { due: await figure('due-for-renewal'), renewed: await figure('renewed') };
    // A 3-month household card bought 86 days ago ends within the week: due, live.
    const bought = await graphqlAt(
      demo.base,
      SUBMIT,
      { input: card(vnDay.addDays(vnDay.today(), -86)) },
      token,
    );
    expect(bought.body.data.submitEnrolment.userErrors).toEqual([]);
    await expect
      .poll(() => tile.getAttribute('data-due-for-renewal'), { timeout: 15_000 })
      .toBe(String(before.due + 1));
    // Renewed today: out of due, in renewed today and so far.
    const renewal = await graphqlAt(
      demo.base,
      SUBMIT,
      { input: { ...card(vnDay.today()), enrolledAt: new Date().toISOString() } },
      token,
    );
    expect(renewal.body.data.submitEnrolment).toMatchObject({
      enrolment: { kind: 'RENEWAL' },
      userErrors: [],
    });
    await expect
      .poll(() => tile.getAttribute('data-renewed'), { timeout: 15_000 })
      .toBe(String(before.renewed + 1));
    expect(await figure('due-for-renewal')).toBe(before.due);
    expect(await tile.locator('[data-figure="renewed"] dd').textContent()).toMatch(/^\+[1-9][\d.]* · /);
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await page.close();
  });

  it('takes its turn after the progress pages with ?view=all, and back', async () => {
    const page = await openWall('38', SIZES[0] as (typeof SIZES)[number], 2, { view: 'view=all' });
    await page.locator('[data-wall-unit="38"][data-wall-view="progress"]').waitFor();
    await page.locator('[data-wall-unit="38"][data-wall-view="covers"]').waitFor({ timeout: 10_000 });
    await page.keyboard.press(' ');
    await page.locator('[data-wall-paused="true"]').waitFor();
    const covers = page.locator('[data-wall-unit="38"][data-wall-view="covers"]');
    expect(await covers.getAttribute('data-wall-pages')).toBe('2');
    expect(await layoutProblems(page)).toEqual([]);
    // ← from the first cover page goes back to the progress.
    for (let n = Number(await covers.getAttribute('data-wall-page')); n >= 1; n--)
      await page.keyboard.press('ArrowLeft');
    await page.locator('[data-wall-unit="38"][data-wall-view="progress"]').waitFor();
    await page.close();
  }, 30_000);
});
