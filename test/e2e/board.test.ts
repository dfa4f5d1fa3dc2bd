// @testDatabase demo
// (starts from the demo dataset as `pnpm start` loads it today, copied from the run's template: test/setup/templateNames.ts)
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlAt } from '../fixtures/app.ts';
import {
  accessibilityViolations,
  type OpenBrowser,
  openBrowser,
  proxyGraphqlSockets,
} from '../fixtures/browser.ts';
import { demoSubmitter, startDemoServer } from '../fixtures/demoServer.ts';
import { commandCenterToken } from '../fixtures/tokens.ts';

// The demo dataset behind a real server process, and the built app in a real Chromium.
let demo: Awaited<ReturnType<typeof startDemoServer>>;
let browser: OpenBrowser;
let submit: ReturnType<typeof demoSubmitter>;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await openBrowser();
  submit = demoSubmitter(demo.base, demo.campaignId, '038190');
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

interface ApiTally {
  scheme: string;
  today: number;
  cumulative: number;
  percentOfTarget: number | null;
}
async function apiBoard(unitCode: string) {
  const { body } = await graphqlAt(
    demo.base,
    `query ($campaignId: ID!, $unitCode: String!) { board(campaignId: $campaignId, unitCode: $unitCode) {
      date sequence campaign { schemes } totals { scheme today cumulative percentOfTarget }
      rows { unit { code name } tallies { scheme today cumulative percentOfTarget } } } }`,
    { campaignId: demo.campaignId, unitCode },
  );
  return body.data.board as {
    date: string;
    sequence: number;
    campaign: { schemes: string[] };
    totals: ApiTally[];
    rows: { unit: { code: string; name: string }; tallies: ApiTally[] }[];
  };
}

const cell = (page: Page, unitCode: string, scheme: string) =>
  page.locator(`[data-unit-code="${unitCode}"] [data-scheme="${scheme}"]`);

const todayIn = (board: Awaited<ReturnType<typeof apiBoard>>, unitCode: string, scheme: string) =>
  board.rows.find((row) => row.unit.code === unitCode)?.tallies.find((t) => t.scheme === scheme)?.today ?? -1;

/** Submits an enrolment in `commune` and waits until the page's row `rowUnit` counts it. */
async function submitAndSee(page: Page, board: string, rowUnit: string, commune: string, scheme: string) {
  const today = todayIn(await apiBoard(board), rowUnit, scheme);
  await submit(commune, scheme);
  await expect
    .poll(() => cell(page, rowUnit, scheme).getAttribute('data-today'), { timeout: 15_000 })
    .toBe(String(today + 1));
}

/** Opens a page signed in (the token kept by the browser from an earlier ?token=). */
async function openBoard(unitCode: string, setUp?: (page: Page) => Promise<void>) {
  const page = await browser.newPage();
  await setUp?.(page);
  await page.goto(`${demo.base}/board/${demo.campaignId}/${unitCode}?token=${await commandCenterToken()}`);
  await page.locator(`[data-board-unit="${unitCode}"][data-sequence]`).waitFor();
  await page.locator('[data-connection="live"]').waitFor();
  // Marks this document: a reload would lose it.
  await page.evaluate(() => {
    (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
  });
  return page;
}
const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce);

describe('the board in Chromium', () => {
  it('opens the running campaign’s national board at / and shows every province', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.base}/?token=${await commandCenterToken()}`);
    await page.waitForURL(`**/board/${demo.campaignId}/VN`);
    await page.locator('[data-board-unit="VN"]').waitFor();
    const expected = await apiBoard('VN');
    const codes = await page
      .locator('[role="row"][data-unit-code]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit-code')));
    expect(codes.sort()).toEqual(expected.rows.map((row) => row.unit.code).sort());
    await page.close();
  });

  it('shows every commune of Thanh Hóa with today’s count of each scheme, as the API gives them', async () => {
    const page = await openBoard('38');
    const expected = await apiBoard('38');
    // Its 27 communes since 1 July 2025 and its provincial office (BHXH tỉnh Thanh Hóa).
    expect(expected.rows).toHaveLength(28);
    const shown = await page.locator('[role="row"][data-unit-code]').evaluateAll((rows) =>
      rows.map((row) => ({
        code: row.getAttribute('data-unit-code'),
        today: Object.fromEntries(
          [...row.querySelectorAll('[data-scheme]')].map((tally) => [
            tally.getAttribute('data-scheme'),
            tally.textContent,
          ]),
        ),
      })),
    );
    const format = new Intl.NumberFormat('vi-VN');
    expect(shown).toEqual(
      expected.rows.map((row) => ({
        code: row.unit.code,
        today: Object.fromEntries(row.tallies.map((tally) => [tally.scheme, format.format(tally.today)])),
      })),
    );
    // Vietnamese order of the names by default (the kind before each is not sorted on): Bến Sung,
    // BHXH tỉnh, Bỉm Sơn, Bút Sơn … Đông Sơn after D.
    const names = await page.locator('[data-unit-code] [role="rowheader"]').allTextContents();
    expect(names.slice(0, 4)).toEqual(['X. Bến Sung', 'BHXH tỉnh Thanh Hóa', 'P. Bỉm Sơn', 'X. Bút Sơn']);
    await page.close();
  });

  it('writes numbers, percentages and the day the Vietnamese way, and in English after the toggle', async () => {
    const page = await openBoard('VN');
    const expected = await apiBoard('VN');
    const household = expected.totals.find((tally) => tally.scheme === 'HOUSEHOLD_HI');
    if (!household?.percentOfTarget) throw new Error('the demo has a household-HI target');
    expect(household.cumulative).toBeGreaterThan(999);
    const total = page.locator('[data-total-scheme="HOUSEHOLD_HI"]');
    const vi = (value: number, options?: Intl.NumberFormatOptions) =>
      new Intl.NumberFormat('vi-VN', options).format(value);
    await expect.poll(() => total.textContent()).toContain(vi(household.cumulative));
    expect(vi(household.cumulative)).toMatch(/^\d{1,3}(\.\d{3})+$/);
    const percent = vi(household.percentOfTarget / 100, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(percent).toMatch(/^\d+,\d\d%$/);
    expect(await total.locator('[data-percent-of-plan]').textContent()).toBe(percent);
    const [year, month, day] = expected.date.split('-');
    expect(await page.locator('.board-title').textContent()).toContain(`Ngày ${day}/${month}/${year}`);
    expect(await page.locator('.board-head').textContent()).toContain('BHXH tự nguyện');

    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.locator('.board-title', { hasText: `Day ${day}/${month}/${year}` }).waitFor();
    expect(await total.textContent()).toContain(new Intl.NumberFormat('en-GB').format(household.cumulative));
    expect(await page.locator('.board-head').textContent()).toContain('Voluntary SI');
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await page.locator('.board-head', { hasText: 'BHXH tự nguyện' }).waitFor();
    await page.close();
  });

  it('changes the right cell live, without a reload, when an enrolment is submitted through the API', async () => {
    const page = await openBoard('38');
    const before = await apiBoard('38');
    const todayOf = (unitCode: string, scheme: string) =>
      before.rows.find((row) => row.unit.code === unitCode)?.tallies.find((tally) => tally.scheme === scheme)
        ?.today ?? -1;
    const others = await page
      .locator('[role="row"][data-unit-code]:not([data-unit-code="X395"]) [data-scheme]')
      .allTextContents();

    await submit('X395', 'VOLUNTARY_SI'); // Thọ Xuân's three communes since 1 July 2025
    await expect
      .poll(() => cell(page, 'X395', 'VOLUNTARY_SI').getAttribute('data-today'))
      .toBe(String(todayOf('X395', 'VOLUNTARY_SI') + 1));
    expect(await cell(page, 'X395', 'HOUSEHOLD_HI').getAttribute('data-today')).toBe(
      String(todayOf('X395', 'HOUSEHOLD_HI')),
    );
    expect(
      await page
        .locator('[role="row"][data-unit-code]:not([data-unit-code="X395"]) [data-scheme]')
        .allTextContents(),
    ).toEqual(others);
    // The ticker names the commune, and nothing of the person.
    await page.locator('[data-ticker-unit="X395"]').first().waitFor();
    expect(await page.content()).not.toContain('Phạm Thị Lan');
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  });

  it('lists the communes with the most covers due in the next 7 days, with links, live as cards are bought and renewed', async () => {
    const { vnDay } = await import('@toandan/shared/vnDay');
    const token = await commandCenterToken();
    const { body } = await graphqlAt(demo.base, '{ campaigns { id kind } }', {}, token);
    const standing: string = body.data.campaigns.find((c: { kind: string }) => c.kind === 'STANDING').id;
    let serial = 0;
    const card = async (
      unitCode: string,
      enrolledOn: string,
      citizenId = `038193${String(++serial).padStart(6, '0')}`,
    ) => {
      const { body } = await graphqlAt(
        demo.base,
        'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { enrolment { kind } userErrors { code message } } }',
        {
          input: {
            campaignId: standing,
            unitCode,
            scheme: 'HOUSEHOLD_HI',
            citizenId,
            fullName: 'Trần Văn Nam',
            idempotencyKey: randomUUID(),
            // Today's at this moment, so never ahead of the clock.
            enrolledAt:
              enrolledOn === vnDay.today() ? new Date().toISOString() : `${enrolledOn}T09:00:00+07:00`,
            coverageMonths: 3,
          },
        },
        token,
      );
      expect(body.data.submitEnrolment.userErrors).toEqual([]);
      return { kind: body.data.submitEnrolment.enrolment.kind as string, citizenId };
    };
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${demo.base}/board/${standing}/38?token=${token}`);
    await page.locator('[data-board-unit="38"][data-sequence]').waitFor();
    await page.locator('[data-connection="live"]').waitFor();
    const list = page.locator('[data-list="due-7-days"]');
    const countOf = (code: string) =>
      list.locator(`[data-listed-unit="${code}"]`).getAttribute('data-due-within-7-days');
    // The demo's households have covers due this week already: the cards go to the commune
    // most due, so that it is listed whatever the others hold, and the figures move from its own.
    const { body: before } = await graphqlAt(
      demo.base,
      'query ($c: ID!) { board(campaignId: $c, unitCode: "38") { rows { unit { code kind } tallies { scheme dueWithin7Days } } } }',
      { c: standing },
      token,
    );
    const dueOf = (row: { tallies: { scheme: string; dueWithin7Days: number }[] }) =>
      row.tallies.find((tally) => tally.scheme === 'HOUSEHOLD_HI')?.dueWithin7Days ?? 0;
    const [most] = [...before.data.board.rows]
      .filter((row: { unit: { kind: string } }) => row.unit.kind === 'COMMUNE')
      .sort((a, b) => dueOf(b) - dueOf(a));
    const commune: string = most.unit.code;
    const base = dueOf(most);
    // 3-month household cards bought 86 days ago end within the week; 60 days ago, in a month.
    const ago = (days: number) => vnDay.addDays(vnDay.today(), -days);
    const renewable = await card(commune, ago(86));
    await card(commune, ago(86));
    await card(commune, ago(86));
    await card(commune, ago(60));
    await expect.poll(() => countOf(commune), { timeout: 15_000 }).toBe(String(base + 3));
    const order = await list
      .locator('[data-listed-unit]')
      .evaluateAll((items) =>
        items.map((item) => [
          item.getAttribute('data-listed-unit'),
          Number(item.getAttribute('data-due-within-7-days')),
        ]),
      );
    expect(order[0]?.[0]).toBe(commune);
    expect(order.map(([, count]) => count)).toEqual(
      [...order.map(([, count]) => count)].sort((a, b) => Number(b) - Number(a)),
    );
    expect(await list.locator('h3').textContent()).toMatch(
      /^Đến hạn tái tục trong 7 ngày tới: [\d.]+ người$/,
    );
    expect(await list.locator(`[data-listed-unit="${commune}"] a`).getAttribute('href')).toBe(
      `/board/${standing}/${commune}`,
    );
    // A renewal takes the card off the week's list, live.
    expect((await card(commune, vnDay.today(), renewable.citizenId)).kind).toBe('RENEWAL');
    await expect.poll(() => countOf(commune), { timeout: 15_000 }).toBe(String(base + 2));
    await page.close();
    // On a phone the list stays whole inside the screen.
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${demo.base}/board/${standing}/38?token=${token}`);
    const onPhone = phone.locator(`[data-list="due-7-days"] [data-listed-unit="${commune}"]`);
    await onPhone.waitFor();
    expect(await onPhone.getAttribute('data-due-within-7-days')).toBe(String(base + 2));
    const fit = await phone.locator('[data-list="due-7-days"]').evaluate((element) => {
      const box = element.getBoundingClientRect();
      return {
        left: box.left,
        right: box.right,
        screen: innerWidth,
        clipped: element.scrollWidth > element.clientWidth,
      };
    });
    expect(fit.left).toBeGreaterThanOrEqual(0);
    expect(fit.right).toBeLessThanOrEqual(fit.screen);
    expect(fit.clipped).toBe(false);
    await phone.close();
  });

  it('refetches the board when an update is missed (a gap in the sequence)', async () => {
    // The page's socket goes through a proxy to the real server that loses one board update.
    let dropNext = false;
    let dropped = 0;
    const page = await openBoard('38', (page) =>
      proxyGraphqlSockets(page, (message) => {
        if (!dropNext || !message.includes('"boardUpdated"') || !message.includes('"unitCode"')) return false;
        dropNext = false;
        dropped++;
        return true;
      }),
    );
    const refetches = Number(await page.locator('[data-refetches]').getAttribute('data-refetches'));
    dropNext = true;
    await submit('X390', 'HOUSEHOLD_HI'); // Cẩm Thủy's communes: this update is lost on the way
    await expect.poll(() => dropped).toBe(1);
    await submit('X390', 'HOUSEHOLD_HI'); // the next one shows the gap
    await page.locator('[data-last-refetch="gap"]').waitFor();
    expect(Number(await page.locator('[data-refetches]').getAttribute('data-refetches'))).toBeGreaterThan(
      refetches,
    );
    const after = await apiBoard('38');
    const expected = after.rows
      .find((row) => row.unit.code === 'X390')
      ?.tallies.find((t) => t.scheme === 'HOUSEHOLD_HI');
    await expect
      .poll(() => cell(page, 'X390', 'HOUSEHOLD_HI').getAttribute('data-today'))
      .toBe(String(expected?.today));
    await expect
      .poll(() => page.locator('[data-sequence]').getAttribute('data-sequence'))
      .toBe(String(after.sequence));
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  });

  it('comes back by itself after the server restarts, and follows the board again', async () => {
    const page = await openBoard('38');
    await demo.stop();
    await page.locator('[data-connection="reconnecting"], [data-connection="offline"]').first().waitFor();
    await demo.restart();
    await page.locator('[data-connection="live"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-last-refetch="reconnect"]').waitFor();
    await submitAndSee(page, '38', 'X386', 'X386', 'VOLUNTARY_SI');
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  }, 90_000);

  it('notices a connection that went silent without closing, reconnects and catches up', async () => {
    // The first socket's replies stop (a cable cut upstream: no close, no offline event); the
    // sockets after it pass through.
    let silent = false;
    let sockets = 0;
    const page = await openBoard('38', (page) =>
      proxyGraphqlSockets(page, (_message, socket) => {
        sockets = Math.max(sockets, socket);
        return silent && socket === 1;
      }),
    );
    const today = todayIn(await apiBoard('38'), 'X405', 'VOLUNTARY_SI');
    silent = true;
    await submit('X405', 'VOLUNTARY_SI'); // Đông Sơn's communes: sent while nothing reaches the page
    // The cut is found within a ping and a pong timeout (15 s); 'reconnecting' may then last a
    // few milliseconds, so the lasting signs are looked for: a new socket and a refetch.
    await page.locator('[data-last-refetch="reconnect"]').waitFor({ timeout: 40_000 });
    await page.locator('[data-connection="live"]').waitFor();
    await expect
      .poll(() => cell(page, 'X405', 'VOLUNTARY_SI').getAttribute('data-today'))
      .toBe(String(today + 1));
    expect(sockets).toBeGreaterThan(1);
    expect(await notReloaded(page)).toBe(true);
    await page.close();
  }, 60_000);

  it('passes axe-core’s WCAG 2 A and AA rules on the board, in both languages, and on the wall', async () => {
    const page = await openBoard('38');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.locator('.board-head', { hasText: 'Voluntary SI' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await page.goto(`${demo.base}/wall/${demo.campaignId}/38?seconds=600`);
    await page.locator('[data-wall-unit="38"]').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
