import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { db } from '@toandan/db/db';
import type { App } from '@toandan/server/app';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from '../fixtures/app.ts';
import { accessibilityViolations, type OpenBrowser, openBrowser } from '../fixtures/browser.ts';
import { submitThrough, validSubmission } from '../fixtures/submissions.ts';
import { commandCenterToken, tokenFor } from '../fixtures/tokens.ts';

let app: App;
let base: string;
let graphql: GraphQLCall;
let browser: OpenBrowser;
const files = mkdtempSync(join(tmpdir(), 'toandan-uploads-'));
/** Where each screen is photographed, to be looked at (docs/screenshots come from test/screenshots.ts). */
const shots = process.env.ADMIN_SHOTS_DIR;

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  // Two communes of the same name in two districts, as the demo's generated "Xã mẫu 2" repeats.
  const province = await db.unit.findUniqueOrThrow({ where: { code: '38' } });
  for (const districtCode of ['405', '390']) {
    const district = await db.unit.findUniqueOrThrow({ where: { code: districtCode } });
    await db.unit.create({
      data: {
        code: `${districtCode}-02`,
        name: 'Xã mẫu 2',
        kind: 'COMMUNE',
        parentId: district.id,
        ancestorIds: [...district.ancestorIds, district.id],
        depth: district.depth + 1,
        generated: true,
      },
    });
  }
  expect(province.code).toBe('38');
  browser = await openBrowser({ viewport: LAPTOP });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(files, { recursive: true, force: true });
});

async function openAdmin(path: string, token: string, viewport = LAPTOP): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${base}${path}?token=${encodeURIComponent(token)}`);
  return page;
}

async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const [size, viewport] of [
    ['390x844', PHONE],
    ['1366x768', LAPTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(shots, `admin-${name}-${size}.png`), fullPage: true });
  }
}

/** A targets sheet as a province keeps one, written with the same library the web reads it with. */
async function targetsXlsx(name: string, rows: (string | number | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Chỉ tiêu');
  sheet.addRow(['Mã đơn vị', 'Tên đơn vị', 'Loại hình', 'Chỉ tiêu kế hoạch giao']);
  for (const row of rows) sheet.addRow(row);
  const path = join(files, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const targetsOf = async (unitCode: string) => {
  const { body } = await graphql(
    `query ($unitCode: String!) { campaignTargets(campaignId: "test-campaign", unitCode: $unitCode) { unitCode scheme target } }`,
    { unitCode },
  );
  return body.data.campaignTargets as { unitCode: string; scheme: string; target: number }[];
};

describe('/admin in Chromium', () => {
  it('refuses a field agent in Vietnamese, and shows it no way in', async () => {
    const page = await openAdmin('/admin', await tokenFor('FIELD_AGENT', '386'));
    await page.getByRole('heading', { name: 'Chỉ trung tâm chỉ huy được vào mục quản trị' }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('«cán bộ thu»');
    expect(await page.getByRole('link', { name: 'Quản trị' }).count()).toBe(0);
    await shoot(page, 'refused');
    await page.close();
  });

  it('opens from the board’s header for the command centre, with a navigation that folds on a phone', async () => {
    const page = await openAdmin('/campaigns', await commandCenterToken());
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.waitForURL('**/admin/campaigns');
    const nav = page.getByRole('navigation', { name: 'Mục quản trị' });
    await nav.getByRole('link', { name: 'Nhật ký truy cập' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    // Folded: one button naming the section, the links behind it.
    await expect(nav.getByRole('link', { name: 'Nhật ký truy cập' }).isVisible()).resolves.toBe(false);
    const menu = nav.getByRole('button', { name: 'Chiến dịch', exact: true });
    await menu.click();
    await nav.getByRole('link', { name: 'Nhật ký truy cập' }).click();
    await page.waitForURL('**/admin/audit');
    await expect(nav.getByRole('link', { name: 'Nhật ký truy cập' }).isVisible()).resolves.toBe(false);
    // English second: the same screen in the other language.
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Administration sections' })
      .getByRole('button', { name: 'Audit trail', exact: true })
      .waitFor();
    await page.evaluate(() => localStorage.setItem('toandan.language', 'vi'));
    await page.close();
  });

  it('creates, edits and closes a campaign, each userError next to its field', async () => {
    const page = await openAdmin('/admin/campaigns', await commandCenterToken());
    await page.getByRole('button', { name: 'Tạo chiến dịch' }).click();
    const form = page.locator('form.admin-form');
    await form.getByLabel('Ngày bắt đầu').fill('2026-12-20');
    await form.getByLabel('Ngày kết thúc').fill('2026-12-10');
    await form.getByLabel('Mã đơn vị triển khai').fill('38');
    await form.getByRole('button', { name: 'Lưu' }).click();
    // The server's errors, each beside its own field, and nothing created.
    await form.getByRole('alert').waitFor();
    await expect(form.getByLabel('Tên chiến dịch').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByLabel('Ngày kết thúc').getAttribute('aria-invalid')).resolves.toBe('true');
    await shoot(page, 'campaign-errors');
    expect(await db.campaign.count()).toBe(1);

    await form.getByLabel('Tên chiến dịch').fill('Đợt ra quân tháng 12 Thanh Hóa');
    await form.getByLabel('Mã chiến dịch (để trống thì tự tạo)').fill('ra-quan-12-thanh-hoa');
    await form.getByLabel('Ngày kết thúc').fill('2026-12-31');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã tạo chiến dịch «Đợt ra quân tháng 12 Thanh Hóa».' })
      .waitFor();
    const card = page.locator('[data-campaign-id="ra-quan-12-thanh-hoa"]');
    await card.getByText('20/12/2026 – 31/12/2026').waitFor();

    await card.getByRole('button', { name: 'Sửa' }).click();
    await page.locator('form.admin-form').getByLabel('Tên chiến dịch').fill('Đợt ra quân cuối năm Thanh Hóa');
    await page.locator('form.admin-form').getByRole('button', { name: 'Lưu' }).click();
    await card.getByRole('link', { name: 'Đợt ra quân cuối năm Thanh Hóa' }).waitFor();
    await shoot(page, 'campaigns');

    await card.getByRole('button', { name: 'Kết thúc' }).click();
    const confirm = card.getByRole('alertdialog');
    await expect(confirm.textContent()).resolves.toContain(
      'Kết thúc chiến dịch «Đợt ra quân cuối năm Thanh Hóa» ngay bây giờ?',
    );
    await shoot(page, 'campaign-close');
    await confirm.getByRole('button', { name: 'Kết thúc «Đợt ra quân cuối năm Thanh Hóa»' }).click();
    await card.getByText('Đã kết thúc').waitFor();
    const closed = await db.campaign.findUniqueOrThrow({ where: { id: 'ra-quan-12-thanh-hoa' } });
    expect(closed.closedAt).not.toBeNull();
    await page.close();
  });

  it('refuses a bad targets sheet by its lines and applies nothing; the fixed one once; the same again changes nothing', async () => {
    const token = await tokenFor('COMMAND_CENTER', '38', { subject: 'test:thanh-hoa' });
    const page = await openAdmin('/admin/uploads', token);
    const before = await targetsOf('38');

    // The template: Vietnamese headers, one row per district and scheme.
    await page
      .getByRole('heading', { name: 'Tải lên từ bảng tính: chỉ tiêu, cán bộ, kế hoạch, số liệu' })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải mẫu .xlsx' }).click(),
    ]);
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile((await download.path()) as string);
    const header = template.worksheets[0]?.getRow(1).values as string[];
    expect(header.slice(1)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Loại hình', 'Chỉ tiêu kế hoạch giao']);
    expect(template.worksheets[0]?.getRow(2).values).toEqual([
      undefined,
      '386',
      'Bá Thước',
      'BHXH tự nguyện',
    ]);

    const bad = await targetsXlsx('chi-tieu-sai.xlsx', [
      ['386', 'Bá Thước', 'BHXH tự nguyện', 1200],
      ['', 'Xã mẫu 2', 'BHYT hộ gia đình', 300],
      ['777', '', 'BHXH tự nguyện', 50],
      ['390', 'Cẩm Thủy', 'BHXH tự nguyện', 'một trăm'],
      ['', 'Cẩm Thủy', 'BHTN', 10],
    ]);
    await page.locator('input[type="file"]:enabled').waitFor();
    await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(bad);
    const problems = page.locator('[data-upload="problems"]');
    await problems.waitFor();
    await expect(problems.locator('p').first().textContent()).resolves.toBe(
      'Có 4 dòng chưa đúng; chưa áp dụng dòng nào. Hãy sửa trong tệp rồi tải lên lại.',
    );
    const lines = await problems
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-line'), row.lastElementChild?.textContent]),
      );
    expect(lines).toEqual([
      ['3', 'Tên «Xã mẫu 2» có ở 2 đơn vị (mã 390-02, 405-02): hãy ghi mã đơn vị ở cột «Mã đơn vị».'],
      ['4', 'Không có đơn vị mã «777» trong phạm vi của anh/chị.'],
      ['5', '«một trăm» không phải số nguyên từ 0 đến 10.000.000.'],
      ['6', 'Chiến dịch không triển khai BHTN.'],
    ]);
    await shoot(page, 'upload-problems');
    expect(await targetsOf('38')).toEqual(before);

    const good = await targetsXlsx('chi-tieu.xlsx', [
      ['386', 'Bá Thước', 'BHXH tự nguyện', 1200],
      ['405-02', 'Xã mẫu 2', 'BHYT hộ gia đình', 300],
      ['', 'Cẩm Thủy', 'BHXH tự nguyện', 2500],
      ['405', 'Đông Sơn', 'BHXH tự nguyện', null],
    ]);
    await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(good);
    await page
      .getByRole('status')
      .filter({
        hasText: 'Tệp «chi-tieu.xlsx»: 3 dòng sẽ thay đổi, 0 dòng giữ nguyên, 1 dòng để trống bị bỏ qua.',
      })
      .waitFor();
    await shoot(page, 'upload-ready');
    await page.getByRole('button', { name: 'Áp dụng 3 thay đổi' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã áp dụng 3 dòng của tệp «chi-tieu.xlsx».' })
      .waitFor();
    const after = await targetsOf('38');
    expect(after).toEqual(
      expect.arrayContaining([
        { unitCode: '386', scheme: 'VOLUNTARY_SI', target: 1200 },
        { unitCode: '405-02', scheme: 'HOUSEHOLD_HI', target: 300 },
        { unitCode: '390', scheme: 'VOLUNTARY_SI', target: 2500 },
      ]),
    );
    // The board reads the new target.
    const { body } = await graphql(
      '{ board(campaignId: "test-campaign", unitCode: "38") { rows { unit { code } tallies { scheme target } } } }',
    );
    const camThuy = body.data.board.rows.find((row: { unit: { code: string } }) => row.unit.code === '390');
    expect(camThuy.tallies.find((tally: { scheme: string }) => tally.scheme === 'VOLUNTARY_SI').target).toBe(
      2500,
    );

    const audited = await db.auditEvent.count({ where: { action: 'SET_TARGETS' } });
    await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(good);
    await page
      .locator('[data-upload="unchanged"]')
      .filter({ hasText: 'Tệp «chi-tieu.xlsx» khớp với số liệu hiện có: không có gì thay đổi.' })
      .waitFor();
    await shoot(page, 'upload-unchanged');
    expect(await targetsOf('38')).toEqual(after);
    expect(await db.auditEvent.count({ where: { action: 'SET_TARGETS' } })).toBe(audited);
    await page.close();
  });

  it('puts the server’s refusal back on the spreadsheet’s lines when the campaign changed after the check', async () => {
    const page = await openAdmin('/admin/uploads', await commandCenterToken());
    const sheet = await targetsXlsx('chi-tieu-moi.xlsx', [
      ['386', 'Bá Thước', 'BHXH tự nguyện', 1300],
      ['', '', '', ''],
      ['390', 'Cẩm Thủy', 'BHYT hộ gia đình', 700],
    ]);
    await page.locator('input[type="file"]:enabled').waitFor();
    await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(sheet);
    await page.getByRole('button', { name: 'Áp dụng 2 thay đổi' }).waitFor();
    // Meanwhile the campaign stops running household health insurance.
    const narrow = `mutation ($schemes: [Scheme!]) { updateCampaign(id: "test-campaign", input: { schemes: $schemes }) { userErrors { code } } }`;
    expect(
      (await graphql(narrow, { schemes: ['VOLUNTARY_SI'] })).body.data.updateCampaign.userErrors,
    ).toEqual([]);
    try {
      const before = await targetsOf('38');
      await page.getByRole('button', { name: 'Áp dụng 2 thay đổi' }).click();
      const problems = page.locator('[data-upload="problems"]');
      await problems.getByText('Máy chủ không nhận danh sách; chưa áp dụng dòng nào:').waitFor();
      const lines = await problems
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-line')));
      // The second row sent is the sheet's line 4 (line 3 is empty).
      expect(lines).toEqual(['4']);
      await expect(problems.locator('tbody tr').textContent()).resolves.toContain('BHYT hộ gia đình');
      expect(await targetsOf('38')).toEqual(before);
    } finally {
      await graphql(narrow, { schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'] });
    }
    await page.close();
  });

  it('reads daily goals from a .csv with days written as the province writes them', async () => {
    const page = await openAdmin('/admin/uploads', await commandCenterToken());
    await page.getByLabel('Chỉ tiêu ngày').check();
    const csv = join(files, 'chi-tieu-ngay.csv');
    writeFileSync(
      csv,
      '\uFEFFMã đơn vị,Tên đơn vị,Loại hình,Ngày,Chỉ tiêu ngày\r\n386,Bá Thước,BHXH tự nguyện,12/05/2026,40\r\n386,Bá Thước,BHXH tự nguyện,12/06/2026,40\r\n390,Cẩm Thủy,BHYT hộ gia đình,2026-05-13,"1.200"\r\n',
    );
    await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(csv);
    const problems = page.locator('[data-upload="problems"] tbody tr');
    await problems.first().waitFor();
    await expect(problems.allTextContents()).resolves.toEqual([
      '3Ngày 12/06/2026 nằm ngoài chiến dịch, từ 01/05/2026 đến 31/05/2026.',
    ]);
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('12/06/2026', '14/05/2026'));
    await page.getByLabel('Tệp bảng tính (.xlsx, .csv)').setInputFiles(csv);
    await page.getByRole('button', { name: 'Áp dụng 3 thay đổi' }).click();
    await page.locator('[data-upload="applied"]').waitFor();
    const goals = await db.dailyGoal.findMany({ orderBy: [{ day: 'asc' }] });
    expect(goals.map((goal) => [goal.day.toISOString().slice(0, 10), goal.goal])).toEqual([
      ['2026-05-12', 40],
      ['2026-05-13', 1200],
      ['2026-05-14', 40],
    ]);
    await page.close();
  });

  it('lists a unit’s enrolments and voids one with a reason, which the audit trail then shows', async () => {
    const submitted = await submitThrough(graphql, validSubmission(1));
    await submitThrough(graphql, validSubmission(2, { fullName: 'Trần Văn Bình', scheme: 'HOUSEHOLD_HI' }));
    const page = await openAdmin('/admin/enrolments', await commandCenterToken());
    await page.getByLabel('Mã đơn vị').fill('386');
    await page.getByRole('button', { name: 'Xem danh sách' }).click();
    const row = page.locator(`[data-enrolment-id="${submitted.enrolment?.id}"]`);
    await row.getByText('Nguyễn Thị Lan').waitFor();
    await shoot(page, 'enrolments');
    await row.getByRole('button', { name: 'Hủy kết quả' }).click();
    await row.getByRole('button', { name: 'Xác nhận hủy' }).click();
    // The reason is required: nothing is voided without one.
    await row.getByRole('alert').waitFor();
    expect(
      (await db.enrolment.findUniqueOrThrow({ where: { id: submitted.enrolment?.id } })).voidedAt,
    ).toBeNull();
    await row.getByLabel('Lý do hủy (bắt buộc)').fill('Nhập trùng hồ sơ');
    await shoot(page, 'enrolment-void');
    await row.getByRole('button', { name: 'Xác nhận hủy' }).click();
    await row.getByText('Đã hủy: Nhập trùng hồ sơ').waitFor();

    await page.goto(`${base}/admin/audit`);
    await page.getByLabel('Loại việc').selectOption('VOID_ENROLMENT');
    await page.getByRole('button', { name: 'Lọc' }).click();
    const entries = page.locator('[data-audit-action]');
    await expect
      .poll(() => entries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit-action'))))
      .toEqual(['VOID_ENROLMENT']);
    await expect(entries.first().textContent()).resolves.toContain(submitted.enrolment?.id);
    await page.getByLabel('Loại việc').selectOption('');
    await page.getByLabel('Từ ngày').fill('2020-01-01');
    await page.getByLabel('Đến ngày').fill('2020-01-31');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByText('Không có mục nào khớp bộ lọc.').waitFor();
    await page.getByLabel('Từ ngày').fill('');
    await page.getByLabel('Đến ngày').fill('');
    await page.getByLabel('Mã đơn vị').fill('386');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect
      .poll(() => entries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit-action'))))
      .toContain('READ_PERSONAL_DATA');
    await page.getByLabel('Mã đơn vị').fill('');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await shoot(page, 'audit');
    await page.close();
  });

  it('pages the audit trail 50 entries at a time', async () => {
    for (let n = 0; n < 55; n++) {
      await db.auditEvent.create({ data: { action: 'ADD_UNIT', actor: 'test:paging', target: `P-${n}` } });
    }
    const page = await openAdmin('/admin/audit', await commandCenterToken());
    await page.getByLabel('Loại việc').selectOption('ADD_UNIT');
    await page.getByRole('button', { name: 'Lọc' }).click();
    const entries = page.locator('[data-audit-action]');
    await expect.poll(() => entries.count()).toBe(50);
    await expect(entries.first().textContent()).resolves.toContain('P-54');
    await page.getByRole('button', { name: 'Cũ hơn' }).click();
    await expect.poll(() => entries.count()).toBe(5);
    await expect(entries.last().textContent()).resolves.toContain('P-0');
    await page.close();
  });
});
