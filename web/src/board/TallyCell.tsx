import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type ResultOf } from '../graphql.ts';
import { formatNumber, formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { GoalGauge } from './GoalGauge.tsx';
import { RenewalFigures } from './RenewalFigures.tsx';
import { lookOf } from './status.ts';
import { TargetBar } from './TargetBar.tsx';

export const TallyFields = graphql(`
  fragment TallyFields on Tally {
    scheme
    today
    dailyGoal
    cumulative
    renewedToday
    renewed
    dueForRenewal
    lapsed
    dueWithin7Days
    netGrowth
    target
    planBeforeDay
    planToNow
    percentOfDailyGoal
    percentOfTarget
    status
    requiredDailyPace
    projectedTotal
    metDailyGoal
    metTarget
  }
`);

export type Tally = ResultOf<typeof TallyFields>;

/**
 * One scheme of one row, in the board's one visual language (API.md, Web additions): today's
 * count (the element that carries `data-scheme`, API.md) with a small gauge of the day's goal
 * beside it; then the main bar, the cumulative against the campaign target with a tick where
 * planToNow stands, coloured by the status; then the share of the target and the status in words,
 * so the cell reads without colour.
 */
export const TallyCell = memo(function TallyCell({ tally, unitName }: { tally: Tally; unitName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  const scheme = t(`scheme.${tally.scheme}`);
  const status = t(`status.${tally.status}`);
  return (
    <div role="cell" className={`tally ${lookOf(tally.status).className}`}>
      <div className="tally-figures">
        <strong
          className="today"
          data-scheme={tally.scheme}
          data-today={tally.today}
          data-status={tally.status}
        >
          {n(tally.today)}
        </strong>
        <span className="goal">
          {t('board.ofGoal', { goal: n(tally.dailyGoal) })} {t('board.ofDay')}
        </span>
        <GoalGauge
          tally={tally}
          label={t('board.gaugeLabel', {
            unit: unitName,
            scheme,
            today: n(tally.today),
            goal: n(tally.dailyGoal),
          })}
        />
      </div>
      <TargetBar
        tally={tally}
        label={t('board.barLabel', {
          unit: unitName,
          scheme,
          cumulative: n(tally.cumulative),
          target: n(tally.target),
          plan: n(tally.planToNow),
          status,
        })}
      />
      <div className="tally-sub">
        <span>{t('board.ofTarget', { percent: formatPercent(tally.percentOfTarget, language) })}</span>
        <span className="status-label">{status}</span>
      </div>
      <RenewalFigures tally={tally} />
    </div>
  );
});
