import { useTranslation } from 'react-i18next';
import { FigureCells, FigureHeaders, type ReportFigure } from './ReportFigures.tsx';

/** The unit's own figures, one row per indicator: the paragraph a briefing opens with. */
export function SummaryTable({ totals, caption }: { totals: ReportFigure[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="report-scroll">
        <table className="report-table report-summary">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="unit-column">
                {t('report.indicator')}
              </th>
              <FigureHeaders />
            </tr>
          </thead>
          <tbody>
            {totals.map((figure) => (
              <tr
                key={figure.indicator}
                data-indicator={figure.indicator}
                className={figure.metPlan ? 'met' : undefined}
              >
                <th scope="row" className="unit-column">
                  {t(`indicator.${figure.indicator}`)}
                </th>
                <FigureCells figure={figure} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Outside the scrolled table, so that it wraps at the screen's width on a phone. */}
      <p className="report-note">{t('report.participantsNote')}</p>
    </>
  );
}
