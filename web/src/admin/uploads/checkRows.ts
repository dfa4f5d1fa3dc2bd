import type { TFunction } from 'i18next';
import { formatDay, type Language } from '../../i18n/format.ts';

/** A cell as a spreadsheet gives it: text, a number, a date (xlsx), or nothing. */
export type Cell = string | number | Date | null | undefined;

export type UploadKind = 'targets' | 'dailyGoals';

/** The Vietnamese headers of each template, as provinces write them, in order. */
export const HEADERS: Record<UploadKind, readonly string[]> = {
  targets: ['Mã đơn vị', 'Tên đơn vị', 'Loại hình', 'Chỉ tiêu kế hoạch giao'],
  dailyGoals: ['Mã đơn vị', 'Tên đơn vị', 'Loại hình', 'Ngày', 'Chỉ tiêu ngày'],
};

export interface UnitRef {
  code: string;
  name: string;
}

export interface UploadContext {
  /** The uploader's subtree: what a row may name. */
  units: readonly UnitRef[];
  schemes: readonly string[];
  startsOn: string;
  endsOn: string;
  /** The scheme's label in each language, e.g. "BHXH tự nguyện". */
  schemeLabels: Record<string, readonly string[]>;
}

export interface CheckedRow {
  /** Its line in the spreadsheet, the header being line 1. */
  line: number;
  unitCode: string;
  scheme: string;
  day?: string;
  value: number;
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface CheckResult {
  rows: CheckedRow[];
  problems: RowProblem[];
  /** Lines that name a unit but leave the number empty: said nothing, so skipped. */
  blank: number;
}

/** Headers and names compared as people type them: NFC, any case, single spaces. */
export const normalise = (text: string) =>
  text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

const textOf = (cell: Cell): string =>
  cell == null ? '' : cell instanceof Date ? cell.toISOString() : String(cell).normalize('NFC').trim();

const MAX_NUMBER = 10_000_000;

/** A whole number as a cell holds it: 1200, "1200", "1.200" or "1 200" (Vietnamese thousands). */
function wholeNumberOf(cell: Cell): number | null {
  if (typeof cell === 'number')
    return Number.isInteger(cell) && cell >= 0 && cell <= MAX_NUMBER ? cell : null;
  const text = textOf(cell).replace(/\u00a0/g, ' ');
  const digits = /^\d{1,3}([. ]\d{3})+$/.test(text) ? text.replace(/[. ]/g, '') : text;
  if (!/^\d+$/.test(digits)) return null;
  const value = Number(digits);
  return value <= MAX_NUMBER ? value : null;
}

/** A Viet Nam day from a date cell (exceljs gives UTC midnight), "05/12/2026" or "2026-12-05". */
function dayOf(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  const text = textOf(cell);
  const written = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, date] = written
    ? [written[3], written[2], written[1]]
    : iso
      ? [iso[1], iso[2], iso[3]]
      : [];
  if (!year || !month || !date) return null;
  const day = `${year}-${month.padStart(2, '0')}-${date.padStart(2, '0')}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : null;
}

/**
 * Checks every line of an uploaded sheet before anything is sent: each bad line is reported with
 * its spreadsheet line number and the reason, in the reader's language. A unit is named by its
 * code, or by its name where no other unit of the uploader's subtree has it ("Xã mẫu 2" repeats).
 */
export function checkRows(
  kind: UploadKind,
  table: readonly (readonly Cell[])[],
  context: UploadContext,
  t: TFunction<'admin'>,
  language: Language,
): CheckResult {
  const problems: RowProblem[] = [];
  const header = (table[0] ?? []).map((cell) => normalise(textOf(cell)));
  const column = new Map<string, number>();
  for (const name of HEADERS[kind]) {
    const index = header.indexOf(normalise(name));
    if (index >= 0) column.set(name, index);
    else if (name !== 'Tên đơn vị' && !(name === 'Mã đơn vị' && header.includes(normalise('Tên đơn vị'))))
      problems.push({ line: 1, message: t('row.missingHeader', { header: name }) });
  }
  if (problems.length) return { rows: [], problems, blank: 0 };

  const byCode = new Map(context.units.map((unit) => [unit.code, unit]));
  const byName = new Map<string, UnitRef[]>();
  for (const unit of context.units) {
    const key = normalise(unit.name);
    byName.set(key, [...(byName.get(key) ?? []), unit]);
  }
  const schemeOf = new Map<string, string>();
  for (const [scheme, labels] of Object.entries(context.schemeLabels)) {
    for (const label of [scheme, ...labels]) schemeOf.set(normalise(label), scheme);
  }
  const cell = (row: readonly Cell[], name: string) => {
    const index = column.get(name);
    return index === undefined ? undefined : row[index];
  };
  const numberHeader = kind === 'targets' ? 'Chỉ tiêu kế hoạch giao' : 'Chỉ tiêu ngày';

  const rows: CheckedRow[] = [];
  const firstLineOf = new Map<string, number>();
  let blank = 0;
  table.slice(1).forEach((row, index) => {
    const line = index + 2;
    if (row.every((value) => textOf(value) === '')) return;
    const say = (message: string) => problems.push({ line, message });
    const before = problems.length;

    const code = textOf(cell(row, 'Mã đơn vị'));
    const name = textOf(cell(row, 'Tên đơn vị'));
    let unitCode: string | null = null;
    if (code) {
      if (byCode.has(code)) unitCode = code;
      else say(t('row.unknownCode', { code }));
    } else if (name) {
      const named = byName.get(normalise(name)) ?? [];
      if (named.length === 1) unitCode = named[0]?.code ?? null;
      else if (named.length === 0) say(t('row.unknownName', { name }));
      else
        say(
          t('row.repeatedName', {
            name,
            count: named.length,
            // A generated name may repeat in every district: the first few codes say enough.
            codes: `${named
              .slice(0, 5)
              .map((unit) => unit.code)
              .join(', ')}${named.length > 5 ? ', …' : ''}`,
          }),
        );
    } else {
      say(t('row.noUnit'));
    }

    const schemeText = textOf(cell(row, 'Loại hình'));
    const scheme = schemeOf.get(normalise(schemeText));
    if (!schemeText) say(t('row.noScheme'));
    else if (!scheme)
      say(
        t('row.unknownScheme', {
          scheme: schemeText,
          known: context.schemes.map((s) => context.schemeLabels[s]?.[0] ?? s).join(', '),
        }),
      );
    else if (!context.schemes.includes(scheme))
      say(t('row.schemeNotRun', { scheme: context.schemeLabels[scheme]?.[0] ?? scheme }));

    let day: string | undefined;
    if (kind === 'dailyGoals') {
      const dayCell = cell(row, 'Ngày');
      const parsed = dayOf(dayCell);
      if (textOf(dayCell) === '') say(t('row.noDay'));
      else if (!parsed) say(t('row.badDay', { value: textOf(dayCell) }));
      else if (parsed < context.startsOn || parsed > context.endsOn)
        say(
          t('row.dayOutside', {
            day: formatDay(parsed, language),
            from: formatDay(context.startsOn, language),
            to: formatDay(context.endsOn, language),
          }),
        );
      else day = parsed;
    }

    const numberCell = cell(row, numberHeader);
    const empty = textOf(numberCell) === '';
    const value = empty ? null : wholeNumberOf(numberCell);
    if (!empty && value === null) say(t('row.badNumber', { value: textOf(numberCell) }));

    if (unitCode && scheme) {
      const key = `${unitCode}:${scheme}:${day ?? ''}`;
      const earlier = firstLineOf.get(key);
      if (earlier !== undefined)
        say(t('row.repeated', { line: earlier, andDay: day ? t('row.andDay') : '' }));
      else firstLineOf.set(key, line);
    }
    if (problems.length > before) return;
    if (empty) {
      blank++;
      return;
    }
    if (unitCode && scheme && value !== null)
      rows.push({ line, unitCode, scheme, value, ...(day ? { day } : {}) });
  });
  return { rows, problems, blank };
}

/** The key of a row's value: unit, scheme and day. */
export const valueKey = (row: { unitCode: string; scheme: string; day?: string | null }) =>
  `${row.unitCode}:${row.scheme}:${row.day ?? ''}`;

/**
 * The server's userErrors on a list (field ["rows", i, …], 0-based over the rows sent) back on
 * the spreadsheet's lines.
 */
export function problemsOnLines(
  errors: readonly { field?: readonly string[] | null; message: string }[],
  sent: readonly CheckedRow[],
): RowProblem[] {
  return errors.map((error) => {
    const index = error.field?.[0] === 'rows' ? Number(error.field[1]) : Number.NaN;
    return { line: sent[index]?.line ?? 0, message: error.message };
  });
}
