import { useTranslation } from 'react-i18next';
import { graphql, type ResultOf } from '../graphql.ts';
import { formatChange, formatNumber, formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/** What the report shows of one indicator of one unit. */
export const ReportFigureFields = graphql(`
  fragment ReportFigureFields on ParticipationFigure {
    indicator
    participants
    importedOn
    planned
    percentOfPlan
    changeSinceLastMonth
    changeSinceDecember
    coverageBase
    coverageRate
    metPlan
    rank
  }
`);

export type ReportFigure = ResultOf<typeof ReportFigureFields>;
export type Indicator = ReportFigure['indicator'];

/** The figure columns of every table of the report, in the order the seeds read them. */
export const FIGURE_KEYS = [
  'participants',
  'planned',
  'percentOfPlan',
  'changeSinceLastMonth',
  'changeSinceDecember',
  'coverageRate',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** The header cells of the figure columns. */
export function FigureHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {FIGURE_KEYS.map((key) => (
        <th key={key} scope="col" className="number">
          {t(`report.${key}`)}
        </th>
      ))}
    </>
  );
}

/**
 * One figure's cells, vi-VN numbers: participants, the plan, % of plan (with a mark when the
 * plan is met), the two changes (signed), coverage. "–" where there is nothing (no plan, no
 * figure to compare with, no base); each cell keeps the API's value in data-value.
 */
export function FigureCells({ figure }: { figure: ReportFigure | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text: Record<FigureKey, string> = {
    participants: figure ? formatNumber(figure.participants, language) : '–',
    planned: figure?.planned == null ? '–' : formatNumber(figure.planned, language),
    percentOfPlan: formatPercent(figure?.percentOfPlan, language),
    changeSinceLastMonth: formatChange(figure?.changeSinceLastMonth, language),
    changeSinceDecember: formatChange(figure?.changeSinceDecember, language),
    coverageRate: formatPercent(figure?.coverageRate, language),
  };
  return (
    <>
      {FIGURE_KEYS.map((key) => (
        <td
          key={key}
          className={`number${key.startsWith('change') && (figure?.[key] ?? 0) < 0 ? ' fell' : ''}`}
          data-field={key}
          data-value={figure?.[key] ?? ''}
        >
          {text[key]}
          {key === 'percentOfPlan' && figure?.metPlan && (
            <span
              className="met-mark"
              role="img"
              aria-label={t('report.metPlanMark')}
              title={t('report.metPlanMark')}
            >
              {' '}
              ✓
            </span>
          )}
        </td>
      ))}
    </>
  );
}
