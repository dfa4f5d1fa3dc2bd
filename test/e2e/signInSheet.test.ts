import type { App } from '@toandan/server/app';
import jsqr from 'jsqr';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from '../fixtures/app.ts';
import { accessibilityViolations, type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { validSubmission } from '../fixtures/submissions.ts';
import { tokenFor } from '../fixtures/tokens.ts';

// jsqr is CommonJS: Node gives its module.exports, which also carries the decoder as `default`.
const { default: decodeQr } = jsqr;

// The printable sheet of sign-in QR codes (issueSignInCodes): a provincial command centre
// prints it, and a phone signs in from one of its codes, as decoded from the rendered image.
let app: App;
let base: string;
let graphql: GraphQLCall;
let browser: OpenBrowser;

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  browser = await openBrowser();
  const { body } = await graphql(
    'mutation ($rows: [OfficerInput!]!) { registerOfficers(rows: $rows) { applied userErrors { message } } }',
    {
      rows: [
        { code: 'TH-QR-1', name: 'Hà Văn Quyết', unitCode: '386-01', organisation: 'POST_OFFICE' },
        { code: 'TH-QR-2', name: 'Lò Thị Hiền', unitCode: '386', organisation: 'WOMENS_UNION' },
        {
          code: 'TH-QR-3',
          name: 'Phạm Văn Tới',
          unitCode: '386',
          organisation: 'YOUTH_UNION',
          active: false,
        },
      ],
    },
  );
  expect(body.data.registerOfficers).toEqual({ applied: 3, userErrors: [] });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('prints a QR code per active officer with name, unit and expiry, and a phone signs in from one', async () => {
  const provincial = await tokenFor('COMMAND_CENTER', '38', { subject: 'test:command-centre-38' });
  const page = await browser.newPage();
  await page.goto(`${base}/print/sign-in/386?token=${encodeURIComponent(provincial)}`);
  const issue = page.getByRole('button', { name: 'Tạo mã QR cho 3 cán bộ đang hoạt động' });
  await issue.click();
  const cards = page.locator('.sign-in-card');
  await expect.poll(() => cards.locator('img').count()).toBe(3);
  expect(await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-officer-code')))).toEqual(
    ['CB-386-01-1', 'TH-QR-1', 'TH-QR-2'],
  );
  const card = page.locator('[data-officer-code="TH-QR-1"]');
  const text = (await card.textContent()) ?? '';
  expect(text).toContain('Hà Văn Quyết');
  expect(text).toContain('Cành Nàng (386-01)');
  expect(text).toMatch(/Hết hạn lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  expect(await card.locator('img').getAttribute('alt')).toBe('Mã QR đăng nhập của Hà Văn Quyết');
  expect(await accessibilityViolations(page)).toEqual([]);

  // On paper: no buttons, three codes across an A4 page.
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: 'In tờ mã QR' }).isVisible()).toBe(false);
  const columns = await page
    .locator('.sign-in-cards')
    .evaluate((list) => getComputedStyle(list).gridTemplateColumns.split(' ').length);
  expect(columns).toBe(3);
  await page.emulateMedia({ media: 'screen' });

  // The QR code as the page drew it, read back from its pixels.
  const pixels = await card.locator('img').evaluate((image: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  });
  const decoded = decodeQr(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
  const url = decoded?.data ?? '';
  expect(url).toMatch(new RegExp(`^${base}/submit#code=tdsi_[\\w-]{27}$`));
  await page.close();

  const phone = await openBrowser({ context: { isMobile: true, hasTouch: true } });
  try {
    const tab = await phone.newPage();
    await tab.goto(url);
    await expect.poll(() => tab.evaluate(() => localStorage.getItem('toandan.token'))).not.toBeNull();
    expect(tab.url()).toBe(`${base}/submit`);
    const token = (await tab.evaluate(() => localStorage.getItem('toandan.token'))) as string;
    const submitted = await graphql(
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { enrolment { id } userErrors { code } } }',
      { input: validSubmission(820_001) },
      token,
    );
    expect(submitted.body.data.submitEnrolment.userErrors).toEqual([]);
    const { body } = await graphql(
      '{ officers(unitCode: "386-01") { edges { node { code progress(campaignId: "test-campaign") { scheme counted } } } } }',
    );
    const officer = body.data.officers.edges.find(
      (edge: { node: { code: string } }) => edge.node.code === 'TH-QR-1',
    );
    expect(officer.node.progress).toContainEqual({ scheme: 'VOLUNTARY_SI', counted: 1 });
  } finally {
    await phone.close();
  }
});
