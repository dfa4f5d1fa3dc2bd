import ExcelJS from 'exceljs';
import type { ColumnFormat, ReportTable } from './reportTable.ts';

/** Excel's display formats; a Vietnamese Excel shows them as 3.294.829 and 104,61%. */
const NUMBER_FORMATS: Record<ColumnFormat, string> = { count: '#,##0', percent: '0.00%', rank: '0' };
/** How wide each format's widest value reads, in characters: 3.294.829 / -12.345, 104,61%, 28. */
const VALUE_WIDTHS: Record<ColumnFormat, (value: number) => number> = {
  count: (value) => Math.round(value).toLocaleString('vi-VN').length,
  percent: (value) => `${value.toFixed(2)}%`.length,
  rank: (value) => String(value).length,
};
/** Header cells wrap: a column is as wide as its longest word or value, at least this. */
const MIN_WIDTH = 9;
const HEADER_ROWS = 3;

/**
 * The report as an .xlsx workbook (exceljs): one sheet, the title on its first row, the
 * indicators' names above their blocks of columns and the figures' names under them, frozen
 * with the unit's code and name; numbers as numbers in vi-VN display formats (percentages as
 * fractions under 0.00%, as a spreadsheet keeps them); the totals in bold on the last row; set
 * to print on landscape A4 with the headers and units repeated on every page.
 */
export async function reportWorkbook(table: ReportTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Toàn Dân';
  const lastColumn = table.columns.length + 2;
  const sheet = workbook.addWorksheet('Báo cáo giao ban', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 0,
      fitToHeight: 0,
      printTitlesRow: `2:${HEADER_ROWS}`,
      printTitlesColumn: 'A:B',
    },
  });

  const title = sheet.getCell(1, 1);
  title.value = table.title;
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, lastColumn);

  const bold = { bold: true } as const;
  const centred = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;
  const thin = { style: 'thin' } as const;
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  for (const [column, header] of [
    [1, 'Mã đơn vị'],
    [2, 'Đơn vị'],
  ] as const) {
    sheet.getCell(2, column).value = header;
    sheet.mergeCells(2, column, HEADER_ROWS, column);
  }
  table.columns.forEach((column, index) => {
    const at = index + 3;
    if (index === 0 || table.columns[index - 1]?.group !== column.group) {
      const span = table.columns.filter((other) => other.group === column.group).length;
      sheet.getCell(2, at).value = column.group;
      sheet.mergeCells(2, at, 2, at + span - 1);
    }
    sheet.getCell(HEADER_ROWS, at).value = column.header;
  });
  for (let row = 2; row <= HEADER_ROWS; row++) {
    for (let column = 1; column <= lastColumn; column++) {
      const cell = sheet.getCell(row, column);
      cell.font = bold;
      cell.alignment = centred;
      cell.border = border;
    }
  }
  sheet.getRow(HEADER_ROWS).height = 48;

  table.lines.forEach((line, index) => {
    const row = sheet.getRow(HEADER_ROWS + 1 + index);
    row.values = [line.code, line.name, ...line.values.map((value) => value ?? null)];
    table.columns.forEach((column, at) => {
      const value = line.values[at];
      if (value == null) return;
      const cell = row.getCell(at + 3);
      // A percentage is a fraction under Excel's % format: 104.61 is 1.0461.
      cell.value = column.format === 'percent' ? value / 100 : value;
      cell.numFmt = NUMBER_FORMATS[column.format];
    });
    for (let column = 1; column <= lastColumn; column++) {
      const cell = row.getCell(column);
      cell.border = border;
      if (line.totals) cell.font = bold;
    }
  });

  const longestWord = (text: string) => Math.max(...text.split(/\s+/).map((word) => word.length));
  sheet.getColumn(1).width = Math.max(MIN_WIDTH, ...table.lines.map((line) => line.code.length + 2));
  sheet.getColumn(2).width = Math.max(16, ...table.lines.map((line) => line.name.length + 2));
  table.columns.forEach((column, at) => {
    const values = table.lines.map((line) => line.values[at]).filter((value) => value != null);
    sheet.getColumn(at + 3).width = Math.max(
      MIN_WIDTH,
      longestWord(column.header) + 2,
      ...values.map((value) => VALUE_WIDTHS[column.format](value) + 2),
    );
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * A field as RFC 4180 writes it: in double quotes, its own doubled, when it holds a comma, a
 * quote or a line break. By hand: exceljs's CSV writer leaves a row's empty trailing cells out,
 * so a row without a plan would have fewer fields than the header.
 */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** A number as plain digits: String() alone writes 1e-7 for a tiny share. */
const plainNumber = (value: number) => {
  const text = String(value);
  return text.includes('e') ? value.toFixed(20).replace(/\.?0+$/, '') : text;
};

/**
 * The report as CSV: UTF-8 with a byte-order mark (so that Excel reads the diacritics), commas,
 * CRLF line ends, one header line naming each column by its indicator and figure, then one
 * line per unit and the totals; numbers plain (no thousands separator, `.` for decimals,
 * percentages as the API gives them: 104.61 for 104.61%), empty where there is no value.
 */
export function reportCsv(table: ReportTable): Uint8Array<ArrayBuffer> {
  const header = [
    'Mã đơn vị',
    'Đơn vị',
    ...table.columns.map((column) => `${column.group}: ${column.header}`),
  ];
  const lines = [
    header,
    ...table.lines.map((line) => [
      line.code,
      line.name,
      ...line.values.map((value) => (value == null ? '' : plainNumber(value))),
    ]),
  ];
  const text = `\uFEFF${lines.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
  return new TextEncoder().encode(text);
}
