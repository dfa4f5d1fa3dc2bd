import { rowMetDailyGoal, rowWithoutActivity } from '@toandan/shared/boardRowLists';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
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

/**
 * The units that met today's goal and those with nothing counted yet today (the "not
 * reported" of election-night boards), from the live rows by the API's own rules.
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
    </div>
  );
});
