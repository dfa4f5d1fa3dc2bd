import {
  DUE_SOON_SHOWN,
  rowMetDailyGoal,
  rowsMostDueWithin7Days,
  rowWithoutActivity,
} from '@toandan/shared/boardRowLists';
import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import type { Row } from './BoardRow.tsx';
import { unitLabel } from './unitLabel.ts';

/** A long list shows this many names, then how many more. */
const SHOWN = 24;

function Names({ rows, hrefOf }: { rows: Row[]; hrefOf: (code: string) => string | null }) {
  const { t } = useTranslation();
  if (!rows.length) return <p className="none">{t('lists.none')}</p>;
  return (
    <ul className="names">
      {rows.slice(0, SHOWN).map((row) => {
        const href = hrefOf(row.unit.code);
        const name = unitLabel(row.unit, t);
        return (
          <li key={row.unit.code} data-listed-unit={row.unit.code}>
            {href ? <Link to={href}>{name}</Link> : name}
          </li>
        );
      })}
      {rows.length > SHOWN && <li className="more">{t('lists.more', { count: rows.length - SHOWN })}</li>}
    </ul>
  );
}

const byName = (a: Row, b: Row) => vietnameseOrder(a.unit.name, b.unit.name);

/** The units with the most covers ending within 7 days, each with its count, linking to it. */
function DueSoon({ rows, hrefOf }: { rows: Row[]; hrefOf: (code: string) => string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const due = useMemo(() => rowsMostDueWithin7Days(rows, byName), [rows]);
  const total = due.reduce((sum, entry) => sum + entry.due, 0);
  return (
    <section aria-labelledby="due-soon-heading" data-list="due-7-days">
      <h3 id="due-soon-heading">{t('lists.dueSoon', { people: formatNumber(total, language) })}</h3>
      {due.length ? (
        <ol className="due-soon">
          {due.slice(0, DUE_SOON_SHOWN).map(({ row, due: count }) => {
            const href = hrefOf(row.unit.code);
            const name = unitLabel(row.unit, t);
            return (
              <li key={row.unit.code} data-listed-unit={row.unit.code} data-due-within-7-days={count}>
                {href ? <Link to={href}>{name}</Link> : <span>{name}</span>}
                <span className="due-soon-count">{formatNumber(count, language)}</span>
              </li>
            );
          })}
          {due.length > DUE_SOON_SHOWN && (
            <li className="more">{t('lists.more', { count: due.length - DUE_SOON_SHOWN })}</li>
          )}
        </ol>
      ) : (
        <p className="none">{t('lists.noneDueSoon')}</p>
      )}
    </section>
  );
}

/**
 * The units that met today's goal, those with nothing counted yet today (the "not reported" of
 * election-night boards), and those with the most covers to renew in the next 7 days, from the
 * live rows by the API's own rules.
 */
export const UnitLists = memo(function UnitLists({
  rows,
  hrefOf,
}: {
  rows: Row[];
  hrefOf: (code: string) => string | null;
}) {
  const { t } = useTranslation();
  const met = useMemo(() => rows.filter((row) => rowMetDailyGoal(row.tallies)), [rows]);
  const idle = useMemo(() => rows.filter((row) => rowWithoutActivity(row.tallies)), [rows]);
  return (
    <div className="unit-lists">
      <section aria-labelledby="met-heading" data-list="met">
        <h3 id="met-heading">{t('lists.met', { count: met.length, total: rows.length })}</h3>
        <Names rows={met} hrefOf={hrefOf} />
      </section>
      <section aria-labelledby="idle-heading" data-list="no-activity">
        <h3 id="idle-heading">{t('lists.noActivity', { count: idle.length, total: rows.length })}</h3>
        <Names rows={idle} hrefOf={hrefOf} />
      </section>
      <DueSoon rows={rows} hrefOf={hrefOf} />
    </div>
  );
});
