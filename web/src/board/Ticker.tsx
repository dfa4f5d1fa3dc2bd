import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type ResultOf } from '../graphql.ts';
import { formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { unitLabel } from './unitLabel.ts';

/** Where (the unit and its parent: "Xã mẫu 2" is under every district), which scheme and
 * when: nothing of the person (docs/security.md, "Personal data"). */
export const TickerFields = graphql(`
  fragment TickerFields on RecentEnrolment {
    unit {
      code
      name
      kind
      parent {
        code
        name
        kind
      }
    }
    scheme
    enrolledAt
    receivedAt
  }
`);

export type TickerItem = ResultOf<typeof TickerFields>;

/** "X. Xã mẫu 2, H. Bá Thước": the unit with its kind, then its parent's (none above the nation). */
export function placeOf(item: TickerItem, t: TFunction): string {
  const unit = unitLabel(item.unit, t);
  return item.unit.parent ? t('ticker.place', { unit, parent: unitLabel(item.unit.parent, t) }) : unit;
}

/** The latest enrolments in the subtree, at the time they were counted. Not a live region: one announcement per enrolment
 * would drown a screen reader; the throttled summary (Announcer) speaks instead. */
export const Ticker = memo(function Ticker({ items }: { items: readonly TickerItem[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="ticker" aria-labelledby="ticker-heading">
      <h3 id="ticker-heading">{t('ticker.title')}</h3>
      {items.length === 0 ? (
        <p className="none">{t('ticker.none')}</p>
      ) : (
        <ol>
          {items.map((item, index) => (
            // Two enrolments may share a unit, a scheme and a millisecond: the place keeps keys apart.
            <li
              key={`${item.receivedAt}:${item.unit.code}:${item.scheme}:${index}`}
              data-ticker-unit={item.unit.code}
            >
              <time dateTime={item.receivedAt}>{formatTime(item.receivedAt, language)}</time>
              <span className="ticker-unit">{placeOf(item, t)}</span>
              <span className="ticker-scheme">{t(`scheme.${item.scheme}`)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
