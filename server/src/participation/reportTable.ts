import type { Indicator } from '@toandan/db/client';
import { viDay } from '../userErrors.ts';
import { indicatorRule, indicators } from './indicators.ts';
import type { ParticipationFigureData, ParticipationReportData } from './loadParticipation.ts';

/** How a column's numbers read: a count (#,##0), a percentage (0.00%), or a rank. */
export type ColumnFormat = 'count' | 'percent' | 'rank';

/** One figure column of an indicator's block, with its header as the briefing writes it. */
interface FigureColumn {
  header: string;
  format: ColumnFormat;
  value: (figure: ParticipationFigureData) => number | null;
}

/**
 * The columns of each indicator's block, in the order the seeds read them (seed 002: "có
 * 391.893 người, đạt 104,61% kế hoạch giao, tăng 6.114 người so với tháng 10 và tăng 36.236
 * người so với tháng 12-2020 … tỷ lệ bao phủ 87,1% dân số"), then the unit's rank.
 */
const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { header: 'Số người tham gia', format: 'count', value: (figure) => figure.participants },
  { header: 'Kế hoạch giao', format: 'count', value: (figure) => figure.planned },
  { header: 'Đạt % kế hoạch giao', format: 'percent', value: (figure) => figure.percentOfPlan },
  { header: 'Tăng so với tháng trước', format: 'count', value: (figure) => figure.changeSinceLastMonth },
  {
    header: 'Tăng so với tháng 12 năm trước',
    format: 'count',
    value: (figure) => figure.changeSinceDecember,
  },
  { header: 'Tỷ lệ bao phủ', format: 'percent', value: (figure) => figure.coverageRate },
  { header: 'Xếp hạng', format: 'rank', value: (figure) => figure.rank },
];

export interface ReportColumn {
  /** The indicator's name above its block (BHXH tự nguyện). */
  group: string;
  header: string;
  format: ColumnFormat;
}

export interface ReportLine {
  code: string;
  name: string;
  /** One per column of `columns`: null where the figure has no value (no plan, no base). */
  values: (number | null)[];
  /** The totals line, last. */
  totals: boolean;
}

/** The briefing report as one table: what the .xlsx and the .csv downloads both lay out. */
export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  lines: ReportLine[];
  fileName: string;
}

/**
 * The report as a table of numbers, straight from the query's own figures (loadParticipation):
 * one line per child unit, as the tree stood on the day, with its code first, then the totals;
 * one block of columns per indicator that has a figure. Percentages stay as the API gives them
 * (104.61 for 104.61%); the spreadsheet divides them for its % format.
 */
export function reportTable(report: ParticipationReportData): ReportTable {
  const shown: Indicator[] = indicators
    .map((rule) => rule.code)
    .filter((code) => report.totals.some((figure) => figure.indicator === code));
  const columns = shown.flatMap((code) =>
    FIGURE_COLUMNS.map((column) => ({
      group: indicatorRule(code).vi,
      header: column.header,
      format: column.format,
    })),
  );
  const valuesOf = (figures: ParticipationFigureData[]) =>
    shown.flatMap((code) => {
      const figure = figures.find((candidate) => candidate.indicator === code);
      return FIGURE_COLUMNS.map((column) => (figure ? column.value(figure) : null));
    });
  return {
    title: `Báo cáo tình hình phát triển người tham gia BHXH, BHYT, BHTN: ${report.unit.name}, tính đến ngày ${viDay(report.asOf)}`,
    columns,
    lines: [
      ...report.rows.map((row) => ({
        code: row.unit.code,
        name: row.unit.name,
        values: valuesOf(row.figures),
        totals: false,
      })),
      {
        code: report.unit.code,
        name: `Tổng cộng ${report.unit.name}`,
        values: valuesOf(report.totals),
        totals: true,
      },
    ],
    fileName: `bao-cao-giao-ban-${report.unit.code}-${report.asOf}`,
  };
}
