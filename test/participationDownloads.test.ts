import type { Indicator } from '@toandan/db/client';
import { SEED_002 } from '@toandan/db/demo/briefing';
import type { App } from '@toandan/server/app';
import { indicatorRule } from '@toandan/server/participation/indicators';
import type { ParticipationFigureData } from '@toandan/server/participation/loadParticipation';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { loadSeed002, OFFICE_CODE, type ParticipationAnswer, participationOf } from './fixtures/briefing.ts';
import { bearer, commandCenterToken, tokenFor } from './fixtures/tokens.ts';

// The briefing report's downloads (API.md, "Participation"): the .xlsx and the .csv of seed
// 002's Thanh Hóa on 30 November 2021, read back with exceljs and a standard CSV parser, and
// held to the figures of the participation query, cell by cell.
let app: App;
let base: string;
let graphql: GraphQLCall;
let report: ParticipationAnswer;

const ASKED_COLUMNS = [
  'Số người tham gia',
  'Kế hoạch giao',
  'Đạt % kế hoạch giao',
  'Tăng so với tháng trước',
  'Tăng so với tháng 12 năm trước',
  'Tỷ lệ bao phủ',
  'Xếp hạng',
] as const;
/** What each column holds of a figure, in the order of ASKED_COLUMNS. */
const valuesOf = (figure: ParticipationFigureData) => [
  figure.participants,
  figure.planned,
  figure.percentOfPlan,
  figure.changeSinceLastMonth,
  figure.changeSinceDecember,
  figure.coverageRate,
  figure.rank,
];
/** The indicators' names as the report heads their blocks (indicators.ts). */
const nameOf = (indicator: string) => indicatorRule(indicator as Indicator).vi;

beforeAll(async () => {
  ({ app, base, graphql } = await startApp());
  await loadSeed002(graphql);
  report = await participationOf(graphql, '38', SEED_002.asOf);
});
afterAll(() => app.stop());

async function download(
  path: string,
  token: string | null = null,
  headers: Record<string, string> = {},
): Promise<Response> {
  const sent = token ?? (await commandCenterToken());
  return fetch(`${base}${path}`, { headers: { authorization: bearer(sent), ...headers } });
}

/** The report's lines as the query gives them: the rows, then the totals under the unit's code. */
const expectedLines = () => [
  ...report.rows.map((row) => ({ code: row.unit.code, name: row.unit.name, figures: row.figures })),
  { code: report.unit.code, name: `Tổng cộng ${report.unit.name}`, figures: report.totals },
];
const shownIndicators = () => report.totals.map((figure) => figure.indicator);

describe('the .xlsx download', () => {
  it('holds the query’s figures as numbers, one row per child unit with its code first, then the totals', async () => {
    const response = await download(`/reports/participation/38.xlsx?asOf=${SEED_002.asOf}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-giao-ban-38-2021-11-30.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;

    expect(String(sheet.getCell('A1').value)).toBe(
      'Báo cáo tình hình phát triển người tham gia BHXH, BHYT, BHTN: Thanh Hóa, tính đến ngày 30/11/2021',
    );
    expect([sheet.getCell('A2').value, sheet.getCell('B2').value]).toEqual(['Mã đơn vị', 'Đơn vị']);
    const indicators = shownIndicators();
    expect(indicators).toContain('HEALTH');
    indicators.forEach((indicator, block) => {
      const first = 3 + block * ASKED_COLUMNS.length;
      expect(sheet.getCell(2, first).value).toBe(nameOf(indicator));
      expect(ASKED_COLUMNS.map((_, at) => sheet.getCell(3, first + at).value)).toEqual([...ASKED_COLUMNS]);
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });

    const lines = expectedLines();
    expect(sheet.rowCount).toBe(3 + lines.length);
    expect(lines[0]?.code).toBe(OFFICE_CODE);
    lines.forEach((line, index) => {
      const row = sheet.getRow(4 + index);
      expect([row.getCell(1).value, row.getCell(2).value]).toEqual([line.code, line.name]);
      indicators.forEach((indicator, block) => {
        const figure = line.figures.find((candidate) => candidate.indicator === indicator);
        const expected = figure ? valuesOf(figure) : ASKED_COLUMNS.map(() => null);
        expected.forEach((value, at) => {
          const cell = row.getCell(3 + block * ASKED_COLUMNS.length + at);
          const percent = at === 2 || at === 5;
          if (value === null) {
            expect(cell.value, `${line.code} ${indicator} ${ASKED_COLUMNS[at]}`).toBeNull();
            return;
          }
          expect(typeof cell.value).toBe('number');
          expect(cell.numFmt).toBe(percent ? '0.00%' : at === 6 ? '0' : '#,##0');
          if (percent) expect((cell.value as number) * 100).toBeCloseTo(value, 9);
          else expect(cell.value).toBe(value);
        });
      });
    });
    expect(sheet.getRow(3 + lines.length).getCell(1).font?.bold).toBe(true);
    // Wide enough for what they hold: the names, and 3.294.829 with room to spare.
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(
      Math.max(...lines.map((line) => line.name.length)),
    );
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual('3.294.829'.length);
  });

  it('is the province’s health figure of seed 002 to the unit', async () => {
    const response = await download(`/reports/participation/38.xlsx?asOf=${SEED_002.asOf}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const block = shownIndicators().indexOf('HEALTH');
    const totals = sheet.getRow(sheet.rowCount);
    const first = 3 + block * ASKED_COLUMNS.length;
    expect(totals.getCell(first).value).toBe(3_220_197);
    expect(((totals.getCell(first + 2).value as number) * 100).toFixed(2)).toBe('98.73');
    expect(((totals.getCell(first + 5).value as number) * 100).toFixed(1)).toBe('87.1');
  });
});

describe('the .csv download', () => {
  it('is UTF-8 with a BOM, commas and plain numbers, and parses to the query’s figures', async () => {
    const response = await download(`/reports/participation/38.csv?asOf=${SEED_002.asOf}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text).not.toMatch(/\d\.\d{3}\.\d{3}/);
    const records = parse(text, { bom: true }) as string[][];
    const [header, ...body] = records;
    const indicators = shownIndicators();
    expect(header).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      ...indicators.flatMap((indicator) => ASKED_COLUMNS.map((column) => `${nameOf(indicator)}: ${column}`)),
    ]);
    // A header that holds a comma comes quoted, and parses back whole.
    expect(text).toContain('"Người tham gia BHXH, BHYT, BHTN: Số người tham gia"');
    const lines = expectedLines();
    expect(body.map((record) => record.slice(0, 2))).toEqual(lines.map((line) => [line.code, line.name]));
    lines.forEach((line, index) => {
      const values = indicators.flatMap((indicator) => {
        const figure = line.figures.find((candidate) => candidate.indicator === indicator);
        return figure ? valuesOf(figure) : ASKED_COLUMNS.map(() => null);
      });
      expect(body[index]?.slice(2).map((field) => (field === '' ? null : Number(field)))).toEqual(values);
    });
  });
});

describe('who may download, and what is refused', () => {
  it('takes every role’s token, a partner’s and a field agent’s too: aggregates only', async () => {
    for (const token of [await tokenFor('PARTNER'), await tokenFor('FIELD_AGENT', '395')]) {
      const response = await download(`/reports/participation/38.csv?asOf=${SEED_002.asOf}`, token);
      expect(response.status).toBe(200);
      const records = parse(await response.text(), { bom: true }) as string[][];
      expect(records).toHaveLength(1 + expectedLines().length);
    }
  });

  it('refuses a request without a token with 401, in Vietnamese unless English is asked for', async () => {
    const path = `${base}/reports/participation/38.xlsx?asOf=${SEED_002.asOf}`;
    const vi = await fetch(path);
    expect(vi.status).toBe(401);
    expect(vi.headers.get('www-authenticate')).toBe('Bearer');
    expect(await vi.text()).toBe(
      'Cần có mã truy cập (token): gửi kèm tiêu đề Authorization: Bearer <token>.\n',
    );
    const en = await fetch(path, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.status).toBe(401);
    expect(await en.text()).toBe('A token is required: send Authorization: Bearer <token>.\n');
    const forged = await fetch(path, { headers: { authorization: 'Bearer not-a-token' } });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('Mã truy cập (token) không hợp lệ.\n');
  });

  it('says what is wrong with the unit, the day or the format, in either language', async () => {
    const cases: [string, number, string, string][] = [
      [
        `/reports/participation/99999.xlsx?asOf=${SEED_002.asOf}`,
        404,
        'Không có đơn vị nào mang mã "99999".',
        'No unit has the code "99999".',
      ],
      [
        '/reports/participation/38.csv?asOf=2021-11-31',
        400,
        'Ngày báo cáo (asOf) phải là một ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2021-11-30); nhận được "2021-11-31".',
        'The report day (asOf) must be a real calendar day written YYYY-MM-DD (e.g. 2021-11-30); got "2021-11-31".',
      ],
      [
        '/reports/participation/38.csv?asOf=30/11/2021',
        400,
        'Ngày báo cáo (asOf) phải là một ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2021-11-30); nhận được "30/11/2021".',
        'The report day (asOf) must be a real calendar day written YYYY-MM-DD (e.g. 2021-11-30); got "30/11/2021".',
      ],
      [
        '/reports/participation/38.xlsx',
        400,
        'Thiếu ngày báo cáo: thêm ?asOf=YYYY-MM-DD vào địa chỉ (ví dụ ?asOf=2021-11-30).',
        'The report day is missing: add ?asOf=YYYY-MM-DD to the address (e.g. ?asOf=2021-11-30).',
      ],
      [
        `/reports/participation/38.pdf?asOf=${SEED_002.asOf}`,
        404,
        'Báo cáo tải về dưới dạng .xlsx hoặc .csv, ví dụ /reports/participation/38.xlsx?asOf=2021-11-30.',
        'The report downloads as .xlsx or .csv, e.g. /reports/participation/38.xlsx?asOf=2021-11-30.',
      ],
    ];
    for (const [path, status, vi, en] of cases) {
      const inVietnamese = await download(path);
      expect([path, inVietnamese.status, await inVietnamese.text()]).toEqual([path, status, `${vi}\n`]);
      expect(inVietnamese.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const inEnglish = await download(path, null, { 'accept-language': 'en' });
      expect([path, inEnglish.status, await inEnglish.text()]).toEqual([path, status, `${en}\n`]);
    }
  });

  it('gives the query’s answer for the same unit and day whatever the format: the national report too', async () => {
    const nation = await participationOf(graphql, 'VN', SEED_002.asOf);
    const response = await download(`/reports/participation/VN.csv?asOf=${SEED_002.asOf}`);
    const records = parse(await response.text(), { bom: true }) as string[][];
    expect(records.slice(1).map((record) => record[0])).toEqual([
      ...nation.rows.map((row) => row.unit.code),
      'VN',
    ]);
  });
});
