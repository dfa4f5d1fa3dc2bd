import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type UnitKind, unitLabel } from '../board/unitLabel.ts';
import { FigureCells, FigureHeaders, type Indicator, type ReportFigure } from './ReportFigures.tsx';

export interface ReportRow {
  unit: { code: string; name: string; kind: UnitKind };
  figures: ReportFigure[];
}

/** Units with nothing under them: the lowest level, and a province's own office. */
const LEAF_KINDS: ReadonlySet<UnitKind> = new Set(['COMMUNE', 'WARD', 'TOWNSHIP', 'SOCIAL_SECURITY_OFFICE']);

export const figureOf = (figures: ReportFigure[], indicator: Indicator) =>
  figures.find((figure) => figure.indicator === indicator);

/**
 * One indicator across the child units as the tree stood on the day (the API's order: the
 * provincial office first, then alphabetical), a row each with its figures and its rank by %
 * of plan, the units that met their plan marked; the unit's totals at the foot. A unit's name
 * opens its own report of the same day.
 */
export function UnitsTable({
  indicator,
  rows,
  totals,
  caption,
  hrefOf,
}: {
  indicator: Indicator;
  rows: ReportRow[];
  totals: ReportFigure | undefined;
  caption: string;
  hrefOf: (unitCode: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="report-scroll">
      <table className="report-table" data-indicator={indicator}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="unit-column">
              {t('report.unit')}
            </th>
            <FigureHeaders />
            <th scope="col" className="number">
              {t('report.rank')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const figure = figureOf(row.figures, indicator);
            const label = unitLabel(row.unit, t);
            return (
              <tr
                key={row.unit.code}
                data-unit-code={row.unit.code}
                className={figure?.metPlan ? 'met' : undefined}
              >
                <th scope="row" className="unit-column">
                  {LEAF_KINDS.has(row.unit.kind) ? (
                    label
                  ) : (
                    <Link to={hrefOf(row.unit.code)} title={t('report.drillDown', { unit: label })}>
                      {label}
                    </Link>
                  )}
                </th>
                <FigureCells figure={figure} />
                <td className="number" data-field="rank" data-value={figure?.rank ?? ''}>
                  {figure?.rank ?? '–'}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-totals="">
            <th scope="row" className="unit-column">
              {t('report.totals')}
            </th>
            <FigureCells figure={totals} />
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** "10 đơn vị đã hoàn thành và vượt chỉ tiêu BHYT: BHXH tỉnh, H. Thọ Xuân, …" (seed 002). */
export function MetPlanSentence({ indicator, rows }: { indicator: Indicator; rows: ReportRow[] }) {
  const { t } = useTranslation();
  const name = t(`indicator.${indicator}`);
  const planned = rows.filter((row) => figureOf(row.figures, indicator)?.planned != null);
  const met = rows.filter((row) => figureOf(row.figures, indicator)?.metPlan);
  if (rows.length === 0) return null;
  return (
    <p className="met-sentence" data-met-plan={met.map((row) => row.unit.code).join(' ')}>
      {planned.length === 0
        ? t('report.noPlans', { indicator: name })
        : met.length === 0
          ? t('report.noneMetPlan', { indicator: name })
          : t('report.metPlan', {
              count: met.length,
              indicator: name,
              units: met.map((row) => unitLabel(row.unit, t)).join(', '),
            })}
    </p>
  );
}
