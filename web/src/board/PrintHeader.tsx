import { vnDay } from '@toandan/shared/vnDay';
import { useTranslation } from 'react-i18next';
import { formatDay, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/**
 * What a printed board says at its top and nowhere on screen (print.css): the unit, the campaign,
 * the board day and the time of the figures, since paper cannot say "live".
 */
export function PrintHeader({
  unit,
  campaign,
  date,
  figuresAt,
}: {
  unit: string;
  campaign: string;
  date: string;
  figuresAt: Date;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <header className="print-header" data-print-header="">
      <h2>{t('print.title', { unit })}</h2>
      <dl>
        <div>
          <dt>{t('print.campaign')}</dt>
          <dd>{campaign}</dd>
        </div>
        <div>
          <dt>{t('print.day')}</dt>
          <dd>{formatDay(date, language)}</dd>
        </div>
        <div>
          <dt>{t('print.figuresAt')}</dt>
          <dd data-figures-at={figuresAt.toISOString()}>
            {t('print.figuresAtValue', {
              time: formatTime(figuresAt, language),
              date: formatDay(vnDay.of(figuresAt), language),
            })}
          </dd>
        </div>
      </dl>
    </header>
  );
}
