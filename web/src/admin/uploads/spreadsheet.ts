import type { Cell, UploadKind } from './checkRows.ts';
import { HEADERS } from './checkRows.ts';

/**
 * Reads the first sheet of an .xlsx (exceljs) or a .csv (Papa Parse: exceljs's browser build
 * has no CSV) into rows of cells. Both libraries are loaded only here, when a file is chosen, so
 * the board never downloads them.
 */
export async function readSheet(file: File): Promise<Cell[][]> {
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') {
    const { default: Papa } = await import('papaparse');
    const text = (await file.text()).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    return parsed.data;
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await file.arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = plainValue(cell.value);
    });
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** A formula's result, a rich text's text, a hyperlink's text: what the cell shows. */
function plainValue(value: unknown): Cell {
  if (value == null || typeof value === 'string' || typeof value === 'number' || value instanceof Date)
    return value as Cell;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const object = value as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if ('result' in object) return plainValue(object.result);
    if (object.richText) return object.richText.map((part) => part.text).join('');
    if ('text' in object) return plainValue(object.text);
  }
  return String(value);
}

const SHEET_NAMES: Record<UploadKind, string> = {
  targets: 'Chỉ tiêu',
  dailyGoals: 'Chỉ tiêu ngày',
  officers: 'Cán bộ, đại lý thu',
  quotas: 'Chỉ tiêu cá nhân',
  plans: 'Kế hoạch giao',
  populations: 'Dân số',
  participantCounts: 'Số người tham gia',
};

/** Room for what the column holds: names and labels are wider than their header. */
const WIDTHS: Record<string, number> = {
  'Tên đơn vị': 28,
  'Họ và tên': 28,
  'Loại hình': 22,
  'Tổ chức': 26,
  'Chỉ số': 32,
  'Chỉ tiêu kế hoạch giao': 16,
  Ngày: 16,
  'Chỉ tiêu ngày': 16,
};

export type TemplateRow = (string | number | Date | null)[];

/** The template of a list: its Vietnamese headers and rows, as .xlsx. */
export async function templateXlsx(kind: UploadKind, rows: TemplateRow[]): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind]);
  sheet.addRow([...HEADERS[kind]]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, index) => {
    const header = HEADERS[kind][index] ?? '';
    column.width = WIDTHS[header] ?? Math.max(12, header.length + 4);
    if (kind === 'dailyGoals' && index === 3) column.numFmt = 'dd/mm/yyyy';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** The same template as .csv: UTF-8 with a BOM (so Excel reads the diacritics), commas. */
export async function templateCsv(kind: UploadKind, rows: TemplateRow[]): Promise<Blob> {
  const { default: Papa } = await import('papaparse');
  const text = Papa.unparse({
    fields: [...HEADERS[kind]],
    data: rows.map((row) => row.map((cell) => (cell instanceof Date ? writtenDay(cell) : (cell ?? '')))),
  });
  return new Blob([`\uFEFF${text}\r\n`], { type: 'text/csv;charset=utf-8' });
}

/** 05/12/2026, as a Vietnamese sheet writes a day. */
function writtenDay(date: Date): string {
  const [year, month, day] = date.toISOString().slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
