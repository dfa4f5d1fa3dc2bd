import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatNumber, formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import type { Tally } from './TallyCell.tsx';

/**
 * Where each scheme ends if the pace so far holds (Tally.projectedTotal, worked out again on
 * every live update), against its target: beside the unit's totals, so the question "will we
 * make it?" is answered with the figures it rests on. Nothing on the last day or after it: the
 * totals are then the result itself.
 */
export const ProjectedTotals = memo(function ProjectedTotals({
  totals,
  date,
  endsOn,
}: {
  totals: readonly Tally[];
  date: string;
  endsOn: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (date >= endsOn) return null;
  const n = (value: number) => formatNumber(value, language);
  return (
    <section className="projection" aria-labelledby="projection-heading">
      <h3 id="projection-heading">
        {t('projection.title', { date: formatDay(endsOn, language) })}{' '}
        <span className="hint">({t('projection.hint')})</span>
      </h3>
      <ul>
        {totals.map((tally) => (
          <li key={tally.scheme} data-projected-scheme={tally.scheme} data-projected={tally.projectedTotal}>
            <span className="scheme">{t(`scheme.${tally.scheme}`)}</span>{' '}
            <strong>
              {t('projection.figure', {
                projected: n(tally.projectedTotal),
                target: n(tally.target),
                percent: formatPercent(
                  tally.target > 0 ? (tally.projectedTotal / tally.target) * 100 : null,
                  language,
                ),
              })}
            </strong>
            {tally.target > 0 && (
              <span className={tally.projectedTotal >= tally.target ? 'over' : 'short'}>
                {' · '}
                {tally.projectedTotal >= tally.target
                  ? t('projection.over')
                  : t('projection.short', { count: n(tally.target - tally.projectedTotal) })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});
