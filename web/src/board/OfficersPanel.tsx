import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type ResultOf } from '../graphql.ts';
import { formatNumber, formatPercent, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

export const OfficerProgressFields = graphql(`
  fragment OfficerProgressFields on OfficerProgress {
    total
    metQuota
    atZero
  }
`);

export type OfficerProgress = ResultOf<typeof OfficerProgressFields>;

/**
 * The personal quotas of the subtree's active officers and collection agents (the Cần Thơ rule:
 * each has one): how many met all of theirs, how many have signed nobody up. Read with the board
 * and not moved by live updates, so the time of the reading is said.
 */
export const OfficersPanel = memo(function OfficersPanel({
  officers,
  readAt,
}: {
  officers: OfficerProgress;
  readAt: Date;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const share = (count: number) =>
    t('officers.share', {
      count: formatNumber(count, language),
      total: formatNumber(officers.total, language),
      percent: formatPercent((count / officers.total) * 100, language),
    });
  return (
    <section className="officers" aria-labelledby="officers-heading" data-officers="">
      <h3 id="officers-heading">{t('officers.title')}</h3>
      {officers.total === 0 ? (
        <p className="none">{t('officers.none')}</p>
      ) : (
        <>
          <dl>
            <div>
              <dt>{t('officers.total')}</dt>
              <dd data-officers-total={officers.total}>{formatNumber(officers.total, language)}</dd>
            </div>
            <div>
              <dt>{t('officers.met')}</dt>
              <dd data-officers-met={officers.metQuota}>{share(officers.metQuota)}</dd>
            </div>
            <div>
              <dt>{t('officers.atZero')}</dt>
              <dd data-officers-at-zero={officers.atZero}>{share(officers.atZero)}</dd>
            </div>
          </dl>
          <div className="quota-bar" aria-hidden="true">
            <div className="quota-met" style={{ width: `${(officers.metQuota / officers.total) * 100}%` }} />
            <div className="quota-zero" style={{ width: `${(officers.atZero / officers.total) * 100}%` }} />
          </div>
        </>
      )}
      <p className="as-of">{t('officers.asOf', { time: formatTime(readAt, language) })}</p>
    </section>
  );
});
