import type { TFunction } from 'i18next';
import { formatDay, type Language } from '../../i18n/format.ts';

/** A cell as a spreadsheet gives it: text, a number, a date (xlsx), or nothing. */
export type Cell = string | number | Date | null | undefined;

export type GoalKind = 'targets' | 'dailyGoals';
/** Lists that are not a campaign's goals: officers, their quotas, and the briefing report's figures. */
export type ListKind = 'officers' | 'quotas' | 'plans' | 'populations' | 'participantCounts';
export type UploadKind = GoalKind | ListKind;

/** The Vietnamese headers of each template, as provinces write them, in order. */
export const HEADERS: Record<UploadKind, readonly string[]> = {
  targets: ['Mã đơn vị', 'Tên đơn vị', 'Loại hình', 'Chỉ tiêu kế hoạch giao'],
  dailyGoals: ['Mã đơn vị', 'Tên đơn vị', 'Loại hình', 'Ngày', 'Chỉ tiêu ngày'],
  officers: ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Tên đơn vị', 'Tổ chức', 'Đang hoạt động'],
  quotas: ['Mã cán bộ', 'Họ và tên', 'Loại hình', 'Chỉ tiêu cá nhân'],
  plans: ['Mã đơn vị', 'Tên đơn vị', 'Chỉ số', 'Kế hoạch giao', 'Tỷ lệ bao phủ mục tiêu (%)'],
  populations: ['Mã đơn vị', 'Tên đơn vị', 'Dân số', 'Lực lượng lao động'],
  participantCounts: ['Mã đơn vị', 'Tên đơn vị', 'Chỉ số', 'Số người tham gia'],
};

/** Columns a sheet may leave out: the unit's name or code (one of the two), a person's name beside a code. */
const OPTIONAL_HEADERS = new Set([
  'Tên đơn vị',
  'Đang hoạt động',
  'Tỷ lệ bao phủ mục tiêu (%)',
  'Kế hoạch giao',
]);
const optionalIn = (kind: UploadKind, name: string) =>
  OPTIONAL_HEADERS.has(name) || (kind === 'quotas' && name === 'Họ và tên');

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

/** The column of each header the sheet has; a missing required one is a problem on line 1. */
function columnsOf(
  kind: UploadKind,
  table: readonly (readonly Cell[])[],
  problems: RowProblem[],
  t: TFunction<'admin'>,
): Map<string, number> {
  const header = (table[0] ?? []).map((cell) => normalise(textOf(cell)));
  const column = new Map<string, number>();
  for (const name of HEADERS[kind]) {
    const index = header.indexOf(normalise(name));
    if (index >= 0) column.set(name, index);
    else if (
      !optionalIn(kind, name) &&
      !(name === 'Mã đơn vị' && header.includes(normalise('Tên đơn vị')) && kind !== 'quotas')
    )
      problems.push({ line: 1, message: t('row.missingHeader', { header: name }) });
  }
  return column;
}

const cellReader = (column: ReadonlyMap<string, number>) => (row: readonly Cell[], name: string) => {
  const index = column.get(name);
  return index === undefined ? undefined : row[index];
};

/** A scheme by its code or any of its labels, in any case; one the campaign does not run is said. */
function schemeChecker(
  labels: Record<string, readonly string[]>,
  schemes: readonly string[],
  t: TFunction<'admin'>,
) {
  const schemeOf = labelIndex(labels);
  return (written: string, say: (message: string) => void): string | undefined => {
    const scheme = schemeOf.get(normalise(written));
    if (!written) say(t('row.noScheme'));
    else if (!scheme)
      say(
        t('row.unknownScheme', {
          scheme: written,
          known: schemes.map((s) => labels[s]?.[0] ?? s).join(', '),
        }),
      );
    else if (!schemes.includes(scheme)) say(t('row.schemeNotRun', { scheme: labels[scheme]?.[0] ?? scheme }));
    return scheme;
  };
}

/**
 * A unit by its code, or by its name where no other unit of the uploader's subtree has it
 * ("Xã mẫu 2" repeats): each failure said once, on the row's line.
 */
function unitResolver(units: readonly UnitRef[], t: TFunction<'admin'>) {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const byName = new Map<string, UnitRef[]>();
  for (const unit of units) {
    const key = normalise(unit.name);
    byName.set(key, [...(byName.get(key) ?? []), unit]);
  }
  return (code: string, name: string, say: (message: string) => void): string | null => {
    if (code) {
      if (byCode.has(code)) return code;
      say(t('row.unknownCode', { code }));
      return null;
    }
    if (!name) {
      say(t('row.noUnit'));
      return null;
    }
    const named = byName.get(normalise(name)) ?? [];
    if (named.length === 1) return named[0]?.code ?? null;
    if (named.length === 0) say(t('row.unknownName', { name }));
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
    return null;
  };
}

/**
 * Checks every line of an uploaded sheet before anything is sent: each bad line is reported with
 * its spreadsheet line number and the reason, in the reader's language. A unit is named by its
 * code, or by its name where no other unit of the uploader's subtree has it ("Xã mẫu 2" repeats).
 */
export function checkRows(
  kind: GoalKind,
  table: readonly (readonly Cell[])[],
  context: UploadContext,
  t: TFunction<'admin'>,
  language: Language,
): CheckResult {
  const problems: RowProblem[] = [];
  const column = columnsOf(kind, table, problems, t);
  if (problems.length) return { rows: [], problems, blank: 0 };
  const unitCodeOf = unitResolver(context.units, t);
  const schemeOf = schemeChecker(context.schemeLabels, context.schemes, t);
  const cell = cellReader(column);
  const numberHeader = kind === 'targets' ? 'Chỉ tiêu kế hoạch giao' : 'Chỉ tiêu ngày';

  const rows: CheckedRow[] = [];
  const firstLineOf = new Map<string, number>();
  let blank = 0;
  table.slice(1).forEach((row, index) => {
    const line = index + 2;
    if (row.every((value) => textOf(value) === '')) return;
    const say = (message: string) => problems.push({ line, message });
    const before = problems.length;

    const unitCode = unitCodeOf(textOf(cell(row, 'Mã đơn vị')), textOf(cell(row, 'Tên đơn vị')), say);

    const scheme = schemeOf(textOf(cell(row, 'Loại hình')), say);

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
  sent: readonly { line: number }[],
): RowProblem[] {
  return errors.map((error) => {
    const index = error.field?.[0] === 'rows' ? Number(error.field[1]) : Number.NaN;
    return { line: sent[index]?.line ?? 0, message: error.message };
  });
}

export interface ListContext {
  /** The uploader's subtree: what a row may name. */
  units: readonly UnitRef[];
  /** The officers registered in that subtree, for quotas. */
  officerCodes?: ReadonlySet<string>;
  /** The campaign's schemes, for quotas. */
  schemes?: readonly string[];
  /** Each value's labels in each language, by the enum it stands for. */
  schemeLabels: Record<string, readonly string[]>;
  indicatorLabels: Record<string, readonly string[]>;
  organisationLabels: Record<string, readonly string[]>;
}

/** One row of a list as its mutation takes it, with its line and the key it replaces by. */
export interface ListRow {
  line: number;
  key: string;
  input: Record<string, string | number | boolean | null>;
}

const YES = new Set(['có', 'x', '1', 'true', 'yes', 'đang hoạt động', 'hoạt động']);
const NO = new Set(['không', '0', 'false', 'no', 'ngừng', 'ngừng hoạt động', 'nghỉ']);

/** "95", "95,5" or "95.5": a share in percent. */
function percentOf(cell: Cell): number | null {
  if (typeof cell === 'number') return cell;
  const text = textOf(cell).replace(',', '.').replace(/%$/, '').trim();
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

function labelIndex(labels: Record<string, readonly string[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [value, names] of Object.entries(labels))
    for (const name of [value, ...names]) index.set(normalise(name), value);
  return index;
}

/**
 * The same check for the lists that are not a campaign's goals: officers (danh sách cán bộ, đại
 * lý thu), their personal quotas, plans (kế hoạch giao), populations and participant counts.
 * Every line is checked first; each bad one is said on its line; the rows come out as the
 * mutation takes them.
 */
export function checkList(
  kind: ListKind,
  table: readonly (readonly Cell[])[],
  context: ListContext,
  t: TFunction<'admin'>,
): { rows: ListRow[]; problems: RowProblem[]; blank: number } {
  const problems: RowProblem[] = [];
  const column = columnsOf(kind, table, problems, t);
  if (kind === 'plans' && !column.has('Kế hoạch giao') && !column.has('Tỷ lệ bao phủ mục tiêu (%)'))
    problems.push({ line: 1, message: t('row.missingHeader', { header: 'Kế hoạch giao' }) });
  if (problems.length) return { rows: [], problems, blank: 0 };
  const cell = cellReader(column);
  const unitCodeOf = unitResolver(context.units, t);
  const schemeOf = schemeChecker(context.schemeLabels, context.schemes ?? [], t);
  const indicatorOf = labelIndex(context.indicatorLabels);
  const organisationOf = labelIndex(context.organisationLabels);
  const firstLineOf = new Map<string, number>();
  const rows: ListRow[] = [];
  let blank = 0;

  table.slice(1).forEach((row, index) => {
    const line = index + 2;
    if (row.every((value) => textOf(value) === '')) return;
    const say = (message: string) => problems.push({ line, message });
    const before = problems.length;
    const text = (name: string) => textOf(cell(row, name));
    const unit = () => unitCodeOf(text('Mã đơn vị'), text('Tên đơn vị'), say);
    const whole = (name: string, required: boolean): number | null | undefined => {
      const value = cell(row, name);
      if (textOf(value) === '') {
        if (required) say(t('row.noValue', { header: name }));
        return undefined;
      }
      const parsed = wholeNumberOf(value);
      if (parsed === null) say(t('row.badNumber', { value: textOf(value) }));
      return parsed;
    };
    const indicator = () => {
      const written = text('Chỉ số');
      const value = indicatorOf.get(normalise(written));
      if (!written) say(t('row.noValue', { header: 'Chỉ số' }));
      else if (!value)
        say(
          t('row.unknownIndicator', {
            value: written,
            known: Object.values(context.indicatorLabels)
              .map((labels) => labels[0])
              .join('; '),
          }),
        );
      return value ?? null;
    };

    let key = '';
    let input: ListRow['input'] | null = null;
    let empty = false;
    switch (kind) {
      case 'officers': {
        const code = text('Mã cán bộ');
        const name = text('Họ và tên');
        if (!code) say(t('row.noValue', { header: 'Mã cán bộ' }));
        if (!name) say(t('row.noValue', { header: 'Họ và tên' }));
        const unitCode = unit();
        const written = text('Tổ chức');
        const organisation = organisationOf.get(normalise(written));
        if (!written) say(t('row.noValue', { header: 'Tổ chức' }));
        else if (!organisation)
          say(
            t('row.unknownOrganisation', {
              value: written,
              known: Object.values(context.organisationLabels)
                .map((labels) => labels[0])
                .join('; '),
            }),
          );
        const activeText = normalise(text('Đang hoạt động'));
        const active =
          activeText === '' ? null : YES.has(activeText) ? true : NO.has(activeText) ? false : undefined;
        if (active === undefined) say(t('row.badActive', { value: text('Đang hoạt động') }));
        key = code;
        if (code && name && unitCode && organisation && active !== undefined)
          input = { code, name, unitCode, organisation, ...(active === null ? {} : { active }) };
        break;
      }
      case 'quotas': {
        const officerCode = text('Mã cán bộ');
        if (!officerCode) say(t('row.noValue', { header: 'Mã cán bộ' }));
        else if (!context.officerCodes?.has(officerCode)) say(t('row.unknownOfficer', { code: officerCode }));
        const written = text('Loại hình');
        const scheme = schemeOf(written, say);
        const quota = whole('Chỉ tiêu cá nhân', false);
        empty = quota === undefined;
        key = `${officerCode}:${scheme ?? written}`;
        if (officerCode && scheme && typeof quota === 'number') input = { officerCode, scheme, quota };
        break;
      }
      case 'plans': {
        const unitCode = unit();
        const value = indicator();
        const planned = whole('Kế hoạch giao', false);
        const percentCell = cell(row, 'Tỷ lệ bao phủ mục tiêu (%)');
        const percent = textOf(percentCell) === '' ? undefined : percentOf(percentCell);
        if (percent === null || (typeof percent === 'number' && (percent <= 0 || percent > 100)))
          say(t('row.badPercent', { value: textOf(percentCell) }));
        empty = planned === undefined && percent === undefined;
        key = `${unitCode}:${value}`;
        if (unitCode && value && planned !== null && percent !== null && !empty)
          input = {
            unitCode,
            indicator: value,
            planned: planned ?? null,
            coverageTargetPercent: percent ?? null,
          };
        break;
      }
      case 'populations': {
        const unitCode = unit();
        const population = whole('Dân số', false);
        const labourForce = whole('Lực lượng lao động', false);
        empty = population === undefined && labourForce === undefined;
        if (!empty && (population === undefined || labourForce === undefined))
          say(t('row.noValue', { header: population === undefined ? 'Dân số' : 'Lực lượng lao động' }));
        else if (
          typeof population === 'number' &&
          typeof labourForce === 'number' &&
          labourForce > population
        )
          say(t('row.labourAbovePopulation'));
        key = `${unitCode}`;
        if (unitCode && typeof population === 'number' && typeof labourForce === 'number')
          input = { unitCode, population, labourForce };
        break;
      }
      case 'participantCounts': {
        const unitCode = unit();
        const value = indicator();
        const participants = whole('Số người tham gia', false);
        empty = participants === undefined;
        key = `${unitCode}:${value}`;
        if (unitCode && value && typeof participants === 'number')
          input = { unitCode, indicator: value, participants };
        break;
      }
    }
    if (key && !key.includes('null') && !key.includes('undefined')) {
      const earlier = firstLineOf.get(key);
      if (earlier !== undefined) say(t('row.repeatedKey', { line: earlier }));
      else firstLineOf.set(key, line);
    }
    if (problems.length > before) return;
    if (empty) {
      blank++;
      return;
    }
    if (input) rows.push({ line, key, input });
  });
  return { rows, problems, blank };
}
