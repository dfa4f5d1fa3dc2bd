import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { db } from '@toandan/db/db';
import type { App } from '@toandan/server/app';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from '../fixtures/app.ts';
import { accessibilityViolations, type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { validSubmission } from '../fixtures/submissions.ts';
import { tokenFor } from '../fixtures/tokens.ts';

// The officers' screens of /admin (issue 21): a provincial command centre registers its officers
// and their quotas from its own spreadsheets, sees who is still at zero, and revokes a lost
// phone's token from the officer's line; another province's officers stay out of its reach.
let app: App;
let base: string;
let graphql: GraphQLCall;
let browser: OpenBrowser;
let thanhHoa: string;
const files = mkdtempSync(join(tmpdir(), 'toandan-officers-'));
/** docs/screenshots when taking them: `ADMIN_SHOTS_DIR=docs/screenshots`. */
const shots = process.env.ADMIN_SHOTS_DIR;

const ORGANISATIONS = ['Bưu điện (đại lý thu)', 'Hội Liên hiệp Phụ nữ', 'Đoàn Thanh niên', 'Hội Nông dân'];
const UNITS = ['386', '390', '405', '386-01'];
const code = (n: number) => `TH-${String(n).padStart(3, '0')}`;
const officerLines = (bad: boolean) =>
  Array.from({ length: 50 }, (_, index) => {
    const n = index + 1;
    const organisation = bad && n === 7 ? 'Hội Cựu chiến binh' : ORGANISATIONS[n % 4];
    return `${code(n)},Cán bộ số ${n},${UNITS[n % 4]},,${organisation},có`;
  });
const CSV_HEADER = 'Mã cán bộ,Họ và tên,Mã đơn vị,Tên đơn vị,Tổ chức,Đang hoạt động';

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  // Cần Thơ, with an officer of its own: outside Thanh Hóa's command centre.
  const nation = await db.unit.findUniqueOrThrow({ where: { code: 'VN' } });
  const canTho = await db.unit.create({
    data: {
      code: '92',
      name: 'Cần Thơ',
      kind: 'PROVINCE',
      parentId: nation.id,
      ancestorIds: [nation.id],
      depth: 1,
    },
  });
  await db.officer.create({
    data: { code: 'CT-001', fullName: 'Trần Văn Cần', unitId: canTho.id, organisation: 'POST_OFFICE' },
  });
  thanhHoa = await tokenFor('COMMAND_CENTER', '38', { subject: 'test:thanh-hoa' });
  // Chromium in Vietnamese, as a province's browser is, so that its date fields write 01/12/2026.
  browser = await openBrowser({ viewport: { width: 1366, height: 768 }, args: ['--lang=vi-VN'] });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(files, { recursive: true, force: true });
});

async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: join(shots, `admin-${name}-${viewport.width}x${viewport.height}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

const file = (name: string, text: string) => {
  const path = join(files, name);
  writeFileSync(path, `\uFEFF${text}\r\n`);
  return path;
};

it('registers 50 officers from a .csv and their quotas from an .xlsx, shows who is at zero, and revokes a lost phone’s token', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/admin/uploads?token=${encodeURIComponent(thanhHoa)}`);
  await page.getByLabel('Danh sách cán bộ, đại lý thu').check();
  const input = page.getByLabel('Tệp bảng tính (.xlsx, .csv)');
  await page.locator('input[type="file"]:enabled').waitFor();

  // One bad row: said on its line, and nothing registered.
  const before = await db.officer.count();
  await input.setInputFiles(file('can-bo-sai.csv', [CSV_HEADER, ...officerLines(true)].join('\r\n')));
  const problems = page.locator('[data-upload="problems"] tbody tr');
  await problems.first().waitFor();
  expect(await problems.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-line')))).toEqual([
    '8',
  ]);
  await expect(problems.first().textContent()).resolves.toContain('Tổ chức «Hội Cựu chiến binh» không có');
  await shoot(page, 'upload-officers-problems');
  expect(await db.officer.count()).toBe(before);

  // Fixed: all 50 in one call; the same file again changes nothing.
  const good = file('can-bo.csv', [CSV_HEADER, ...officerLines(false)].join('\r\n'));
  await input.setInputFiles(good);
  await page.getByRole('button', { name: 'Áp dụng 50 thay đổi' }).click();
  await page.locator('[data-upload="applied"]').filter({ hasText: 'Đã áp dụng 50 dòng' }).waitFor();
  expect(await db.officer.count({ where: { code: { startsWith: 'TH-' } } })).toBe(50);
  await input.setInputFiles(good);
  await page.locator('[data-upload="unchanged"]').waitFor();
  // The template is the list as it stands, under the headers the upload reads.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải mẫu .xlsx' }).click(),
  ]);
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile((await download.path()) as string);
  const listed = template.worksheets[0];
  expect(listed?.getRow(1).values).toEqual([undefined, ...CSV_HEADER.split(',')]);
  expect(listed?.rowCount).toBe(52);

  // Quotas from an .xlsx: 1 voluntary SI and 2 household HI each, as Cần Thơ asks.
  await page.getByLabel('Chỉ tiêu cá nhân của cán bộ').check();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Chỉ tiêu cá nhân');
  sheet.addRow(['Mã cán bộ', 'Họ và tên', 'Loại hình', 'Chỉ tiêu cá nhân']);
  for (let n = 1; n <= 50; n++) {
    sheet.addRow([code(n), `Cán bộ số ${n}`, 'BHXH tự nguyện', 1]);
    sheet.addRow([code(n), `Cán bộ số ${n}`, 'BHYT hộ gia đình', 2]);
  }
  const quotas = join(files, 'chi-tieu-ca-nhan.xlsx');
  await workbook.xlsx.writeFile(quotas);
  await page.locator('input[type="file"]:enabled').waitFor();
  await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(quotas);
  await page.getByRole('button', { name: 'Áp dụng 100 thay đổi' }).click();
  await page.locator('[data-upload="applied"]').waitFor();
  expect(await db.officerQuota.count()).toBe(100);

  // TH-004 signs one person up; the others are at zero.
  const phone = await tokenFor('FIELD_AGENT', '386', { officerCode: 'TH-004' });
  const submitted = await graphql(
    'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { code } } }',
    { input: validSubmission(910_001, { unitCode: '386' }) },
    phone,
  );
  expect(submitted.body.data.submitEnrolment.userErrors).toEqual([]);

  await page
    .getByRole('navigation', { name: 'Mục quản trị' })
    .getByRole('link', { name: 'Cán bộ, mã truy cập' })
    .click();
  await page.getByRole('button', { name: 'Xem danh sách cán bộ' }).click();
  const summary = page.locator('.officer-summary');
  await summary.waitFor();
  await expect(summary.textContent()).resolves.toBe(
    '51 cán bộ đang hoạt động · 50 người chưa có kết quả nào · 0 người đạt đủ chỉ tiêu cá nhân',
  );
  expect(await accessibilityViolations(page)).toEqual([]);
  const line = page.locator('tr[data-officer-code="TH-004"]');
  await expect(line.getAttribute('data-at-zero')).resolves.toBe('false');
  await expect(line.locator('[data-scheme="VOLUNTARY_SI"]').textContent()).resolves.toBe('1/1');
  await expect(page.locator('tr[data-officer-code="TH-005"]').getAttribute('data-at-zero')).resolves.toBe(
    'true',
  );
  // The post office's agents (TH-004, TH-008 … TH-048) still at zero: all but TH-004.
  await page.getByLabel('Tổ chức', { exact: true }).selectOption('POST_OFFICE');
  await page.getByLabel('Chỉ người chưa có kết quả').check();
  await expect.poll(() => page.locator('tr[data-officer-code]').count()).toBe(11);
  expect(await line.count()).toBe(0);
  await page.getByLabel('Chỉ người chưa có kết quả').uncheck();
  await page.getByLabel('Tổ chức', { exact: true }).selectOption('');

  // A token for TH-004's phone: 400 days is refused beside the field; 30 is issued.
  await line.getByRole('button', { name: 'Cấp mã truy cập mới' }).click();
  await line.getByLabel('Số ngày sử dụng (1 đến 366)').fill('400');
  await line.getByRole('button', { name: 'Cấp mã truy cập', exact: true }).click();
  await line.getByRole('alert').waitFor();
  expect(await db.issuedToken.count()).toBe(0);
  await line.getByLabel('Số ngày sử dụng (1 đến 366)').fill('30');
  await line.getByRole('button', { name: 'Cấp mã truy cập', exact: true }).click();
  const url = await line.getByLabel('Đường dẫn đăng nhập').inputValue();
  const token = decodeURIComponent(url.split('#token=')[1] ?? '');
  expect(token).not.toBe('');
  const viewer = '{ viewer { subject } }';
  expect((await graphql(viewer, {}, token)).body.data.viewer.subject).toBe('officer:TH-004');

  // The QR sheet for the officers ticked.
  await page.getByLabel('Chọn Cán bộ số 5 để in mã QR').check();
  await page.getByLabel('Chọn Cán bộ số 9 để in mã QR').check();
  const sheetLink = page.getByRole('link', { name: 'In tờ mã QR cho 2 cán bộ đã chọn' });
  await expect(sheetLink.getAttribute('href')).resolves.toBe('/print/sign-in/38?officers=TH-005,TH-009');
  await line.locator('[data-token-id]').waitFor();
  // Photographed with one organisation's dozen lines, so that the register below fits in.
  await page.getByLabel('Tổ chức', { exact: true }).selectOption('POST_OFFICE');
  await shoot(page, 'officers');
  await page.getByLabel('Tổ chức', { exact: true }).selectOption('');

  // The phone is lost: revoked from the officer's line, and the token no longer works.
  await line.getByRole('button', { name: 'Thu hồi' }).click();
  await line.getByLabel('Lý do thu hồi').fill('Mất điện thoại');
  await line.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
  await line.getByText('Chưa có mã truy cập đang dùng.').waitFor();
  const refused = await graphql(viewer, {}, token);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await page.locator('.tokens-register tr[data-revoked="true"]').first().waitFor();

  await sheetLink.click();
  await page.getByRole('button', { name: 'Tạo mã QR cho 2 cán bộ đang hoạt động' }).waitFor();
  await page.close();
});

it('keeps another province’s officers out of a provincial command centre’s reach, on screen', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/admin/uploads?token=${encodeURIComponent(thanhHoa)}`);
  await page.getByLabel('Danh sách cán bộ, đại lý thu').check();
  await page.locator('input[type="file"]:enabled').waitFor();
  // Cần Thơ's officer code, claimed for a Thanh Hóa district: the server refuses it on its line.
  await page
    .getByLabel('Tệp bảng tính (.xlsx, .csv)')
    .setInputFiles(file('can-bo-can-tho.csv', `${CSV_HEADER}\r\nCT-001,Trần Văn Cần,386,,Bưu điện,có`));
  await page.getByRole('button', { name: 'Áp dụng 1 thay đổi' }).click();
  const problems = page.locator('[data-upload="problems"]');
  await problems.getByText('Máy chủ không nhận danh sách; chưa áp dụng dòng nào:').waitFor();
  await expect(problems.locator('tbody tr').getAttribute('data-line')).resolves.toBe('2');
  await expect(problems.locator('tbody tr').textContent()).resolves.toContain('ngoài đơn vị 38');
  const stored = await db.officer.findUniqueOrThrow({ where: { code: 'CT-001' }, include: { unit: true } });
  expect(stored.unit.code).toBe('92');

  // Nor may it list them.
  await page.goto(`${base}/admin/officers`);
  await page.getByLabel('Mã đơn vị', { exact: true }).fill('92');
  await page.getByRole('button', { name: 'Xem danh sách cán bộ' }).click();
  await page.locator('.admin-section > p[role="alert"]').waitFor();
  expect(await page.locator('tr[data-officer-code="CT-001"]').count()).toBe(0);
  await page.close();
});

it('applies a year’s plans from a .csv, and a unit move on screen with each refusal on its row', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/admin/uploads?token=${encodeURIComponent(thanhHoa)}`);
  await page.getByLabel('Kế hoạch giao của năm').check();
  await page.getByLabel('Năm', { exact: true }).fill('2026');
  await page.locator('input[type="file"]:enabled').waitFor();
  const plans = file(
    'ke-hoach-giao.csv',
    'Mã đơn vị,Tên đơn vị,Chỉ số,Kế hoạch giao,Tỷ lệ bao phủ mục tiêu (%)\r\n386,,BHXH tự nguyện,1200,\r\n,Cẩm Thủy,BHYT,,"95,5"',
  );
  await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(plans);
  await page.getByRole('button', { name: 'Áp dụng 2 thay đổi' }).click();
  await page.locator('[data-upload="applied"]').waitFor();
  const stored = await db.plan.findMany({ where: { year: 2026 }, include: { unit: true } });
  expect(
    stored.map((plan) => [plan.unit.code, plan.indicator, plan.planned, plan.coverageTargetPercent]).sort(),
  ).toEqual([
    ['386', 'VOLUNTARY_SI', 1200, null],
    ['390', 'HEALTH', null, 95.5],
  ]);

  await page
    .getByRole('navigation', { name: 'Mục quản trị' })
    .getByRole('link', { name: 'Sắp xếp đơn vị' })
    .click();
  await page.getByLabel('Mã đơn vị (dòng 1)').fill('386-01');
  await page.getByLabel('Thay đổi').first().selectOption('move');
  await page.getByLabel('Mã đơn vị cấp trên mới').first().fill('777');
  await page.getByRole('button', { name: 'Thêm dòng' }).click();
  await page.getByLabel('Mã đơn vị (dòng 2)').fill('92');
  await page.getByLabel('Thay đổi').nth(1).selectOption('move');
  await page.getByLabel('Mã đơn vị cấp trên mới').nth(1).fill('38');
  await page.getByRole('button', { name: 'Áp dụng sắp xếp' }).click();
  await page.getByText('Chưa áp dụng dòng nào: hãy sửa các dòng được đánh dấu.').waitFor();
  const rows = page.locator('.reorganisation-rows > li');
  await expect(rows.nth(0).getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(rows.nth(1).getAttribute('aria-invalid')).resolves.toBe('true');
  await shoot(page, 'reorganisation');
  const commune = await db.unit.findUniqueOrThrow({ where: { code: '386-01' }, include: { parent: true } });
  expect(commune.parent?.code).toBe('386');

  await rows.nth(1).getByRole('button', { name: 'Bỏ dòng' }).click();
  await page.getByLabel('Mã đơn vị cấp trên mới').fill('390');
  await page.getByRole('button', { name: 'Áp dụng sắp xếp' }).click();
  await page.locator('[data-reorganisation="applied"]').waitFor();
  const { body } = await graphql('{ unit(code: "390") { children { code } } }');
  expect(body.data.unit.children.map((child: { code: string }) => child.code)).toContain('386-01');
  await page.close();
});
