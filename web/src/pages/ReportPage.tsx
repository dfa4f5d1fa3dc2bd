import { vnDay } from '@toandan/shared/vnDay';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { Breadcrumb, BreadcrumbFields, trailOf } from '../board/Breadcrumb.tsx';
import { unitLabel } from '../board/unitLabel.ts';
import { errorMessage, failuresOf } from '../errorMessage.ts';
import { graphql, readFragment } from '../graphql.ts';
import { formatDay, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { DownloadButtons } from '../report/DownloadButtons.tsx';
import { reportPath } from '../report/paths.ts';
import { ReportDayPicker } from '../report/ReportDayPicker.tsx';
import { type Indicator, ReportFigureFields } from '../report/ReportFigures.tsx';
import { SummaryTable } from '../report/SummaryTable.tsx';
import { figureOf, MetPlanSentence, type ReportRow, UnitsTable } from '../report/UnitsTable.tsx';
import '../board/board.css';
import '../board/print.css';
import '../report/report.css';

const ParticipationQuery = graphql(
  `
  query Participation($unitCode: String!, $asOf: Date!) {
    participation(unitCode: $unitCode, asOf: $asOf) {
      unit {
        ...BreadcrumbFields
      }
      asOf
      totals {
        ...ReportFigureFields
      }
      rows {
        unit {
          code
          name
          kind
        }
        figures {
          ...ReportFigureFields
        }
      }
    }
  }
`,
  [BreadcrumbFields, ReportFigureFields],
);

/** The indicators with a table of units: the four of seed 004, then the health groups. */
const UNIT_TABLES: readonly Indicator[] = [
  'COMPULSORY_SI',
  'VOLUNTARY_SI',
  'UNEMPLOYMENT',
  'HEALTH',
  'HOUSEHOLD_HI',
  'STUDENT_HI',
  'NEAR_POOR_HI',
];

/**
 * The briefing report (báo cáo giao ban) of a unit on a day, `/report/<unitCode>?asOf=`: the
 * unit's own figures per indicator, then per indicator its child units as the tree stood that
 * day with their rank and the units that met the plan named; another day, a child's report,
 * the .xlsx and .csv of the same figures, and an A4 print (report.css) with every indicator.
 */
export function ReportPage() {
  const { unitCode = '' } = useParams();
  const [search] = useSearchParams();
  const asked = search.get('asOf');
  const asOf = asked && vnDay.isValid(asked) ? asked : vnDay.today();
  const { t } = useTranslation();
  const language = useLanguage();
  const tabsId = useId();
  const [chosen, setChosen] = useState<Indicator | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: ParticipationQuery, variables: { unitCode, asOf } });
  const hrefOf = useCallback((code: string) => reportPath(code, asked ? asOf : undefined), [asOf, asked]);

  const report = data?.participation;
  if (!report) {
    if (fetching || !error) return <p role="status">{t('common.loading')}</p>;
    const notFound = failuresOf(error).some((failure) => failure.code === 'NOT_FOUND');
    return (
      <p role="alert">
        {t('common.failed', {
          message: notFound ? t('error.unitNotFound', { code: unitCode }) : errorMessage(error, t, language),
        })}
      </p>
    );
  }
  const unit = readFragment(BreadcrumbFields, report.unit);
  const trail = trailOf(unit, '');
  const unitName = unitLabel(unit, t);
  const totals = report.totals.map((figure) => readFragment(ReportFigureFields, figure));
  const rows: ReportRow[] = report.rows.map((row) => ({
    unit: row.unit,
    figures: row.figures.map((figure) => readFragment(ReportFigureFields, figure)),
  }));
  const tables = UNIT_TABLES.filter(
    (indicator) => figureOf(totals, indicator) || rows.some((row) => figureOf(row.figures, indicator)),
  );
  const shown = chosen && tables.includes(chosen) ? chosen : tables[0];
  const day = formatDay(report.asOf, language);
  const now = new Date();

  return (
    <article className="report" data-report-unit={unit.code} data-as-of={report.asOf}>
      <header className="report-print-header">
        <p className="report-heading">{t('report.heading')}</p>
        <h2>{trail.map((step) => unitLabel(step, t)).join(' › ')}</h2>
        <p>
          <strong>{t('report.asOf', { date: day })}</strong> ·{' '}
          {t('report.printedAt', {
            time: formatTime(now, language).slice(0, 5),
            date: formatDay(vnDay.of(now), language),
          })}
        </p>
      </header>
      <div className="board-top report-screen">
        <Breadcrumb trail={trail} hrefOf={hrefOf} />
      </div>
      <div className="board-title report-screen">
        <h2>
          {t('report.title')}: {unitName}
        </h2>
        <p>{t('report.asOf', { date: day })}</p>
      </div>
      <div className="board-tools report-tools report-screen">
        <ReportDayPicker unitCode={unit.code} asOf={report.asOf} />
        <div className="report-actions">
          <DownloadButtons unitCode={unit.code} asOf={report.asOf} />
          <button type="button" className="print-button" onClick={() => window.print()}>
            {t('report.print')}
          </button>
        </div>
      </div>
      <p className="scroll-hint report-screen">{t('report.scrollHint')}</p>
      {totals.length === 0 ? (
        <p>{t('report.noFigures', { date: day })}</p>
      ) : (
        <section className="report-section" aria-label={t('report.summary', { unit: unitName })}>
          <SummaryTable totals={totals} caption={t('report.summaryCaption', { unit: unitName, date: day })} />
        </section>
      )}
      {rows.length === 0 ? (
        <p>{t('report.noChildren')}</p>
      ) : (
        <>
          <div role="tablist" aria-label={t('report.indicators')} className="report-tabs report-screen">
            {tables.map((indicator) => (
              <button
                key={indicator}
                type="button"
                role="tab"
                id={`${tabsId}-${indicator}-tab`}
                aria-controls={`${tabsId}-${indicator}`}
                aria-selected={indicator === shown}
                tabIndex={indicator === shown ? 0 : -1}
                onClick={() => setChosen(indicator)}
                onKeyDown={(event) => {
                  // The arrows move along the tabs, as a tab list's do (WAI-ARIA's tabs pattern).
                  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  const next = tables[(tables.indexOf(indicator) + step + tables.length) % tables.length];
                  if (!next) return;
                  setChosen(next);
                  document.getElementById(`${tabsId}-${next}-tab`)?.focus();
                }}
              >
                {t(`indicator.${indicator}`)}
              </button>
            ))}
          </div>
          {tables.map((indicator) => (
            <section
              key={indicator}
              id={`${tabsId}-${indicator}`}
              role="tabpanel"
              aria-labelledby={`${tabsId}-${indicator}-tab`}
              className={`report-section report-indicator${indicator === shown ? ' chosen' : ''}`}
              data-indicator={indicator}
            >
              <h3>{t(`indicator.${indicator}`)}</h3>
              <UnitsTable
                indicator={indicator}
                rows={rows}
                totals={figureOf(totals, indicator)}
                caption={t('report.unitsCaption', {
                  indicator: t(`indicator.${indicator}`),
                  unit: unitName,
                  date: day,
                })}
                hrefOf={hrefOf}
              />
              <MetPlanSentence indicator={indicator} rows={rows} />
            </section>
          ))}
        </>
      )}
    </article>
  );
}
