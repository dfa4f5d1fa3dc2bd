import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/** What a tally says of covers: renewals, covers due, covers lapsed, and the net growth. */
export interface RenewalTally {
  renewedToday: number;
  renewed: number;
  dueForRenewal: number;
  lapsed: number;
  netGrowth: number;
}

/**
 * The cover figures of one tally (API.md, Renewals) as a list of four short terms in the
 * board's words (tái tục, đến hạn, đã giảm, tăng thực), each with its number and a data
 * attribute for tests and screen scrapers. `wide` gives each term its own line, for the header
 * and the wall; in a row's cell they wrap as space allows (a phone of 390 px keeps two a line).
 */
export function RenewalFigures({ tally, wide = false }: { tally: RenewalTally; wide?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  return (
    <dl className={wide ? 'renewal-figures renewal-figures-wide' : 'renewal-figures'}>
      <div data-renewed={tally.renewed} data-renewed-today={tally.renewedToday}>
        <dt>{t('renewals.renewed')}</dt>
        <dd>
          {n(tally.renewed)}
          {tally.renewedToday > 0 ? ` (+${n(tally.renewedToday)})` : ''}
        </dd>
      </div>
      <div data-due-for-renewal={tally.dueForRenewal}>
        <dt>{t('renewals.due')}</dt>
        <dd>{n(tally.dueForRenewal)}</dd>
      </div>
      <div data-lapsed={tally.lapsed}>
        <dt>{t('renewals.lapsed')}</dt>
        <dd>{n(tally.lapsed)}</dd>
      </div>
      <div data-net-growth={tally.netGrowth}>
        <dt>{t('renewals.netGrowth')}</dt>
        <dd>{n(tally.netGrowth)}</dd>
      </div>
    </dl>
  );
}
