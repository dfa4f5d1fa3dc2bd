/**
 * `pnpm screenshots`: the demo dataset in a fresh embedded database, the server as `pnpm start`
 * runs it, and Debian's Chromium taking docs/board-vi.png, docs/board-en.png and the wall screen
 * at the sizes command centres have (docs/screenshots/wall-<width>x<height>.png), its cover page
 * (wall-covers-<width>x<height>.png, in the campaign of all year) and the board's list of covers
 * due this week
 * (board-due-soon-<width>x<height>.png) of Thanh Hóa's
 * board in the running drive, after a few enrolments through the API so that the ticker and the
 * last-update time are live. Then, at 1366×768, docs/screenshots/: the board of a drive on its
 * second morning (the browser's clock at 09:30, a district exactly on pace) and May's campaign,
 * closed (issue 17). And the briefing report of Thanh Hóa at the last month end
 * (docs/screenshots/report-<width>x<height>.png, whole pages, with the health tab open) and
 * the first page of its A4 print, rendered from Chromium's PDF by pdftoppm (Debian's
 * poppler-utils) when it is installed. `pnpm screenshots report` takes the report's alone.
 * The administration's screens at 390×844 and 1366×768, the officers' and the reorganisation's
 * also at 1920×1080 (issue 21).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@toandan/server/auth/tokens';
import { vnDay } from '@toandan/shared/vnDay';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { graphqlAt } from './fixtures/app.ts';
import { openBrowser } from './fixtures/browser.ts';
import { createDayTwoDrive, MORNING, type Pace } from './fixtures/dayTwoDrive.ts';
import { envWith, freePort, startServerProcess } from './fixtures/run.ts';
import buildWebIfStale from './setup/webBuild.ts';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const reportOnly = process.argv[2] === 'report';
const dataDir = mkdtempSync(join(tmpdir(), 'toandan-screenshots-'));
const secret = `screenshots-${randomUUID()}-${randomUUID()}`;
await buildWebIfStale();
const server = await startServerProcess(
  envWith({
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    DATA_DIR: dataDir,
    TOKEN_SECRET: secret,
    PERSONAL_DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
    HOST: '127.0.0.1',
    // A port of the caller's own when it names one (a shared machine), else any free one.
    PORT: process.env.PORT ?? String(await freePort()),
  }),
);
const browser = await openBrowser({ viewport: { width: 1600, height: 1200 } });
let adminBrowser: Awaited<ReturnType<typeof openBrowser>> | undefined;

/**
 * The administration (issue 21) as Thanh Hóa's command centre sees it, at a phone's size and a
 * laptop's: docs/screenshots/admin-<screen>-<width>x<height>.png. Chromium in Vietnamese, as a
 * province's browser is, so that its own date fields write 05/12/2026.
 */
async function shootAdmin(base: string, driveId: string) {
  adminBrowser = await openBrowser({ args: ['--lang=vi-VN'] });
  const token = (role: 'COMMAND_CENTER' | 'FIELD_AGENT', unitCode: string) =>
    issueToken(new TextEncoder().encode(secret), {
      role,
      unitCode,
      expiresInSeconds: 3600,
      subject: `screenshots:${role}:${unitCode}`,
    });
  const province = await token('COMMAND_CENTER', '38');
  const sheet = join(dataDir, 'chi-tieu-thanh-hoa.xlsx');
  const workbook = new ExcelJS.Workbook();
  const rows = workbook.addWorksheet('Chỉ tiêu');
  rows.addRow(['Mã đơn vị', 'Tên đơn vị', 'Loại hình', 'Chỉ tiêu kế hoạch giao']);
  rows.addRow(['X395', '', 'BHXH tự nguyện', 1200]);
  rows.addRow(['', 'Xã mẫu 2', 'BHYT hộ gia đình', 300]);
  rows.addRow(['777', '', 'BHXH tự nguyện', 50]);
  rows.addRow(['X386', '', 'BHXH tự nguyện', 'một trăm']);
  await workbook.xlsx.writeFile(sheet);
  const screens: [string, string, string, (page: Page) => Promise<void>][] = [
    [
      'campaigns',
      '/admin/campaigns',
      province,
      (page) => page.locator(`[data-campaign-id="${driveId}"]`).waitFor(),
    ],
    [
      'uploads',
      '/admin/uploads',
      province,
      async (page) => {
        await page.locator('input[type="file"]:enabled').waitFor();
        await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(sheet);
        await page.locator('[data-upload="problems"]').waitFor();
      },
    ],
    [
      'enrolments',
      '/admin/enrolments',
      province,
      async (page) => {
        await page.getByRole('button', { name: 'Xem danh sách' }).click();
        await page.locator('[data-enrolment-id]').first().waitFor();
      },
    ],
    ['audit', '/admin/audit', province, (page) => page.locator('[data-audit-action]').first().waitFor()],
    [
      'officers-thanh-hoa',
      '/admin/officers',
      province,
      async (page) => {
        await page.getByRole('button', { name: 'Xem danh sách cán bộ' }).click();
        await page.locator('tr[data-officer-code]').first().waitFor();
      },
    ],
    [
      'reorganisation-empty',
      '/admin/reorganisation',
      province,
      (page) => page.getByRole('button', { name: 'Áp dụng sắp xếp' }).waitFor(),
    ],
    [
      'refused',
      '/admin',
      await token('FIELD_AGENT', 'X395'),
      (page) => page.getByRole('heading', { name: 'Chỉ trung tâm chỉ huy được vào mục quản trị' }).waitFor(),
    ],
  ];
  for (const [name, path, signIn, ready] of screens) {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1366, height: 768 },
      // The screens issue 21 added last are also photographed on a command centre's big screen.
      ...(name === 'officers-thanh-hoa' || name === 'reorganisation-empty'
        ? [{ width: 1920, height: 1080 }]
        : []),
    ]) {
      const page = await adminBrowser.newPage();
      await page.setViewportSize(viewport);
      await page.addInitScript(`localStorage.setItem('toandan.language', 'vi')`);
      await page.goto(`${base}${path}?token=${signIn}`);
      await ready(page);
      const file = `screenshots/admin-${name}-${viewport.width}x${viewport.height}.png`;
      await page.screenshot({ path: `${docs}${file}`, fullPage: name === 'uploads' });
      console.log(`wrote docs/${file}`);
      if (name === 'campaigns' && viewport.width === 390) {
        await page.getByRole('button', { name: 'Chiến dịch', exact: true }).click();
        await page.screenshot({ path: `${docs}screenshots/admin-menu-390x844.png` });
        console.log('wrote docs/screenshots/admin-menu-390x844.png');
      }
      await page.close();
    }
  }
  // The printed sheet of one-time sign-in codes for a commune's officers (issueSignInCodes).
  const sheetPage = await adminBrowser.newPage();
  await sheetPage.setViewportSize({ width: 1366, height: 768 });
  await sheetPage.addInitScript(`localStorage.setItem('toandan.language', 'vi')`);
  await sheetPage.goto(`${base}/print/sign-in/X395?token=${province}`);
  await sheetPage.getByRole('button', { name: /^Tạo mã QR cho/ }).click();
  await sheetPage.locator('.sign-in-card img').first().waitFor();
  await sheetPage.screenshot({ path: `${docs}screenshots/sign-in-sheet-1366x768.png`, fullPage: true });
  console.log('wrote docs/screenshots/sign-in-sheet-1366x768.png');
  await sheetPage.close();
}
try {
  const base = server.base.replace('localhost', '127.0.0.1');
  const token = await issueToken(new TextEncoder().encode(secret), {
    role: 'COMMAND_CENTER',
    unitCode: null,
    expiresInSeconds: 3600,
    subject: 'screenshots',
  });
  const { body } = await graphqlAt(base, '{ campaigns { id kind } }', undefined, token);
  const drive = body.data.campaigns.find((campaign: { kind: string }) => campaign.kind === 'DRIVE');
  const may = body.data.campaigns.find((campaign: { kind: string }) => campaign.kind === 'CAMPAIGN_MONTH');
  for (const [n, unitCode] of ['X395', 'X386', 'X405', 'X390'].entries()) {
    await graphqlAt(
      base,
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
      {
        input: {
          campaignId: drive.id,
          unitCode,
          scheme: n % 2 ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI',
          citizenId: `03819${n}000001`,
          fullName: 'Người Minh Họa',
          idempotencyKey: randomUUID(),
        },
      },
      token,
    );
  }
  const shoot = async (
    path: string,
    file: string,
    language: 'vi' | 'en',
    viewport = { width: 1600, height: 1200 },
    /** The browser's clock, "HH:MM" today in Viet Nam; the real time when left out. */
    clock?: string,
  ) => {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    if (clock) await page.clock.install({ time: new Date(`${vnDay.today()}T${clock}:00+07:00`) });
    await page.addInitScript(`localStorage.setItem('toandan.language', '${language}')`);
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}token=${token}`);
    await page.locator('[data-connection="live"]').first().waitFor();
    await page.locator('[data-board-unit="38"], [data-wall-unit="38"]').first().waitFor();
    await page.locator('[data-ticker-unit]').first().waitFor();
    // The chart draws after its container is measured.
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${docs}${file}` });
    console.log(`wrote docs/${file}`);
    await page.close();
  };
  /** A screen once `ready` shows, in Vietnamese, scrolled to `scrollTo` when given. */
  const shootPart = async (
    path: string,
    file: string,
    viewport: { width: number; height: number },
    ready: string,
    scrollTo?: string,
  ) => {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    await page.addInitScript(`localStorage.setItem('toandan.language', 'vi')`);
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}token=${token}`);
    await page.locator('[data-connection="live"]').first().waitFor();
    await page.locator(ready).first().waitFor();
    // The board's rows skip their layout off screen (content-visibility: auto) at an estimated
    // height: a scroll lays out the rows it passes, which moves the part again. Scrolled until
    // it stays where the scroll put it.
    if (scrollTo)
      // (No named function inside: tsx would wrap it in a helper the page does not have.)
      await page.locator(scrollTo).evaluate(async (element) => {
        for (let attempt = 0; attempt < 10; attempt++) {
          element.scrollIntoView({ block: 'center' });
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          const { top, height } = element.getBoundingClientRect();
          if (Math.abs(top + height / 2 - innerHeight / 2) < 2 || top <= 0) return;
        }
      });
    await page.screenshot({ path: `${docs}${file}` });
    console.log(`wrote docs/${file}`);
    await page.close();
  };
  mkdirSync(`${docs}screenshots`, { recursive: true });
  const lastMonthEnd = vnDay.addDays(`${vnDay.today().slice(0, 7)}-01`, -1);
  const shootReport = async (viewport: { width: number; height: number }) => {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    await page.addInitScript(`localStorage.setItem('toandan.language', 'vi')`);
    await page.goto(`${base}/report/38?asOf=${lastMonthEnd}&token=${token}`);
    await page.locator('[data-report-unit="38"]').waitFor();
    await page.getByRole('tab', { name: 'BHYT', exact: true }).click();
    const file = `screenshots/report-${viewport.width}x${viewport.height}.png`;
    await page.screenshot({ path: `${docs}${file}`, fullPage: true });
    console.log(`wrote docs/${file}`);
    return page;
  };
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1920, height: 1080 },
  ])
    await (await shootReport(viewport)).close();
  const printed = await shootReport({ width: 1366, height: 768 });
  const pdf = join(dataDir, 'report.pdf');
  writeFileSync(pdf, await printed.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  await printed.close();
  try {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      `${docs}screenshots/report-print-a4`,
    ]);
    console.log('wrote docs/screenshots/report-print-a4.png');
  } catch {
    console.log(
      'skipped docs/screenshots/report-print-a4.png: pdftoppm (apt-get install poppler-utils) is not installed',
    );
  }
  if (!reportOnly) {
    await shoot(`/board/${drive.id}/38`, 'board-vi.png', 'vi');
    await shoot(`/board/${drive.id}/38`, 'board-en.png', 'en');
    mkdirSync(`${docs}screenshots`, { recursive: true });
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ])
      await shoot(
        `/wall/${drive.id}/38?seconds=600`,
        `screenshots/wall-${viewport.width}x${viewport.height}.png`,
        'vi',
        viewport,
      );
    // The wall's cover page (issue 20) of Thanh Hóa in the campaign of all year, which sold the
    // demo's household cards of the last quarter, some renewed, some lapsed, some due this week;
    // and the board's list of the communes with the most covers due in the next 7 days.
    const standing = body.data.campaigns.find((campaign: { kind: string }) => campaign.kind === 'STANDING');
    // Household cards of 3 months bought 86 days ago end this week, and 70 days ago in three
    // weeks; one of this week's is renewed today.
    const card = async (unitCode: string, serial: number, daysAgo: number) =>
      graphqlAt(
        base,
        'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
        {
          input: {
            campaignId: standing.id,
            unitCode,
            scheme: 'HOUSEHOLD_HI',
            citizenId: `038192${String(serial).padStart(6, '0')}`,
            fullName: 'Người Minh Họa',
            idempotencyKey: randomUUID(),
            enrolledAt: daysAgo ? `${vnDay.addDays(vnDay.today(), -daysAgo)}T09:00:00+07:00` : undefined,
            coverageMonths: 3,
          },
        },
        token,
      );
    let serial = 0;
    for (const [unitCode, thisWeek, later] of [
      ['X395', 6, 1],
      ['X386', 4, 2],
      ['X405', 3, 0],
      ['X390', 1, 3],
    ] as const) {
      for (let n = 0; n < thisWeek; n++) await card(unitCode, ++serial, 86);
      for (let n = 0; n < later; n++) await card(unitCode, ++serial, 70);
    }
    await card('X395', 1, 0);
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ])
      await shootPart(
        `/wall/${standing.id}/38?view=covers&scheme=HOUSEHOLD_HI&seconds=600`,
        `screenshots/wall-covers-${viewport.width}x${viewport.height}.png`,
        viewport,
        '[data-wall-view="covers"] .wall-tiles[data-fits]',
      );
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ])
      await shootPart(
        `/board/${drive.id}/38`,
        `screenshots/board-due-soon-${viewport.width}x${viewport.height}.png`,
        viewport,
        '[data-list="due-7-days"] [data-listed-unit]',
        '[data-list="due-7-days"]',
      );
    const paces: Pace[] = [
      'ON_PACE',
      'BEHIND',
      'ON_PACE',
      'AHEAD',
      'IDLE',
      'ON_PACE',
      'MET',
      'ON_PACE',
      'ON_PACE',
    ];
    await createDayTwoDrive(
      async (query, variables) => (await graphqlAt(base, query, variables, token)).body,
      {
        id: 'ngay-thu-hai',
        unitCode: '38',
        paceOf: (_child, index) => paces[index % paces.length] ?? 'ON_PACE',
      },
    );
    const laptop = { width: 1366, height: 768 };
    await shoot('/board/ngay-thu-hai/38', 'screenshots/board-day2-morning.png', 'vi', laptop, MORNING);
    await shoot(`/board/${may.id}/38`, 'screenshots/board-closed.png', 'vi', laptop);
    await shootAdmin(base, drive.id);
  }
} finally {
  await adminBrowser?.close();
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
