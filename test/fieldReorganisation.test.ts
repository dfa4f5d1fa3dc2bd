import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import type { Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import type { OpenBrowser } from './fixtures/browser.ts';
import { createRunningDrive, enrol, openSubmitPage, phone, queueCount } from './fixtures/fieldPhone.ts';
import { tokenFor } from './fixtures/tokens.ts';

// The field app after a reorganisation (API.md, "Reorganisation"; issue 19, item 5): the phone
// keeps its units for offline use and reads them again at its next connection once the tree's
// version changed; what it queued before the merge's day counts where it was done, what it
// queued from that day for the merged commune is refused naming the successor. Real Chromium,
// the real server and its database; the connection is lost by failing the page's requests, so
// that the browser still believes it is online and only the queue's own round reconnects.
const CAMPAIGN = 'reform-drive';
const OFFICER = 'CB-386-01-1';
const SUCCESSOR = 'X386';

let app: App;
let base: string;
let graphql: GraphQLCall;
let browser: OpenBrowser | undefined;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  await createRunningDrive({
    id: CAMPAIGN,
    name: 'Đợt ra quân sắp xếp',
    unitCode: 'VN',
    schemes: ['HOUSEHOLD_HI'],
  });
  const { body } = await graphql(
    `mutation { addUnit(input: { code: "${SUCCESSOR}", name: "Xã Cành Nàng", kind: COMMUNE, parentCode: "38" }) { userErrors { code } } }`,
  );
  expect(body.data.addUnit.userErrors).toEqual([]);
}, 180_000);
afterEach(async () => {
  if (process.env.DEBUG_CONSOLE) console.info(browser?.consoleLines.join('\n'));
  await browser?.close();
  browser = undefined;
});
afterAll(() => app.stop());

/** What a GraphQL request asks, whether sent as a GET (urql's queries) or a POST. */
const operation = (request: Request) => `${decodeURIComponent(request.url())} ${request.postData() ?? ''}`;

const unitOptions = (page: import('playwright-core').Page) =>
  page
    .locator('select[name="unitCode"] option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));

describe('the phone after a reorganisation', () => {
  it('reads its units again at the next connection, counts yesterday’s work where it was done and shows today’s refusal naming the successor', async () => {
    const token = await tokenFor('FIELD_AGENT', '386-01', { officerCode: OFFICER });
    const opened = await openSubmitPage(base, token, { size: phone(360, 740) });
    browser = opened.browser;
    const { page } = opened;
    expect(await unitOptions(page)).toEqual(['386-01']);

    // The signal goes; the browser does not notice (no `online` event will come).
    await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
    const today = vnDay.today();
    const yesterday = vnDay.addDays(today, -1);
    // One made yesterday afternoon (the phone's clock, which stamps it, set back), one today.
    await page.clock.setFixedTime(new Date(vnDay.startOf(yesterday).getTime() + 15 * 3_600_000));
    await page.reload();
    await enrol(page, { citizenId: '038090300001', fullName: 'Hà Văn Thắng' });
    await page.clock.setFixedTime(new Date());
    await page.reload();
    await enrol(page, { citizenId: '038090300002', fullName: 'Lò Thị Mai' });
    await expect.poll(() => queueCount(page, 'waiting')).toBe('2');

    // Meanwhile the commune is merged from today.
    const merged = await graphql(
      `mutation ($day: Date!) { applyReorganisation(effectiveOn: $day, rows: [{ unitCode: "386-01", mergeIntoCode: "${SUCCESSOR}" }]) { applied userErrors { code message } } }`,
      { day: today },
    );
    expect(merged.body.data.applyReorganisation).toEqual({ applied: 1, userErrors: [] });

    const unitReads: Request[] = [];
    page.on('request', (request) => {
      if (operation(request).includes('FieldUnits')) unitReads.push(request);
    });
    await page.unroute('**/graphql');
    // The next round: the officer's press, unless the queue's own retry came first.
    await page
      .getByRole('button', { name: 'Gửi ngay' })
      .tap({ timeout: 2_000 })
      .catch(() => undefined);
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => queueCount(page, 'refused')).toBe('1');
    const refused = page.locator('[data-state="refused"]');
    expect(await refused.locator('[data-reasons]').textContent()).toContain(
      `Đơn vị 386-01 (Cành Nàng) đã sáp nhập vào ${SUCCESSOR} (Xã Cành Nàng) từ ngày ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}: hãy kê khai cho ${SUCCESSOR}.`,
    );

    // The units read again: the officer's commune is now its successor, the merged one gone.
    await expect.poll(() => unitOptions(page), { timeout: 20_000 }).toEqual([SUCCESSOR]);
    expect(await page.inputValue('select[name="unitCode"]')).toBe(SUCCESSOR);
    const kept = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('toandan.field.context') ?? 'null'),
    );
    expect(kept.units.map((unit: { code: string }) => unit.code)).toEqual([SUCCESSOR]);
    expect(kept.viewer.officer.unit.code).toBe(SUCCESSOR);

    // Yesterday's counts where it was done: on 386-01, on the tree of yesterday.
    const { body } = await graphql(
      `query ($c: ID!, $d: Date!) {
         yesterday: board(campaignId: $c, unitCode: "386", date: $d) { totals { today } rows { unit { code } tallies { today } } }
         now: board(campaignId: $c, unitCode: "${SUCCESSOR}") { totals { today cumulative } }
       }`,
      { c: CAMPAIGN, d: yesterday },
    );
    expect(body.data.yesterday.totals[0].today).toBe(1);
    expect(body.data.yesterday.rows).toEqual([{ unit: { code: '386-01' }, tallies: [{ today: 1 }] }]);
    // …and in the successor's history from today, carried: nothing counted twice.
    expect(body.data.now.totals[0]).toEqual({ today: 0, cumulative: 1 });

    // The same phone corrects the refused one for the successor: counted there; the round's
    // check finds the same tree's version and reads no units again.
    const readsBefore = unitReads.length;
    expect(readsBefore).toBeGreaterThan(0);
    const versionChecked = page.waitForResponse((response) =>
      operation(response.request()).includes('FieldTreeVersion'),
    );
    // The phone's clock (held since it was set back) moves on to now.
    await page.clock.setFixedTime(new Date());
    await refused.getByRole('button', { name: 'Sửa và gửi lại' }).tap();
    await page.selectOption('select[name="unitCode"]', SUCCESSOR);
    await page.locator('button[type="submit"]').tap();
    await expect.poll(() => queueCount(page, 'sent'), { timeout: 20_000 }).toBe('2');
    expect((await (await versionChecked).json()).data.unitTreeVersion).toBe(kept.treeVersion);
    // A round trip of the page's own after the answer: what the answer set off has started by then.
    await page.evaluate(() => fetch('/healthz').then((response) => response.status));
    expect(unitReads.length).toBe(readsBefore);
  });
});
