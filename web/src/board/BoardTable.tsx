import type { SchemeCode } from '@toandan/shared/schemes';
import { type CSSProperties, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { BoardRow, type Row } from './BoardRow.tsx';
import {
  firstDirection,
  rankRows,
  rowIsBehind,
  rowPercentOfTarget,
  type SortKey,
  type SortOrder,
  sortRows,
} from './sortRows.ts';

const KEYS: SortKey[] = ['name', 'percent', 'gap'];

/**
 * The child units, one row each, sortable by name (Vietnamese order, the default), rank (share
 * of the target, each row numbered) or today's shortfall, and filtered to the units behind plan
 * on request. `rows` may be given already paged (wall mode) with `sortable` off.
 */
export function BoardTable({
  rows,
  schemes,
  hrefOf,
  sortable = true,
  caption,
}: {
  rows: Row[];
  schemes: readonly SchemeCode[];
  hrefOf: (unitCode: string) => string | null;
  sortable?: boolean;
  caption: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [order, setOrder] = useState<SortOrder>({ key: 'name', descending: false });
  const [onlyBehind, setOnlyBehind] = useState(false);
  const behind = useMemo(() => rows.filter(rowIsBehind), [rows]);
  const shown = sortable && onlyBehind ? behind : rows;
  const sorted = useMemo(() => (sortable ? sortRows(shown, order) : shown), [shown, order, sortable]);
  // Ranked among all the rows, so a unit keeps its place when the others are filtered out.
  const ranks = useMemo(() => {
    if (!sortable || order.key !== 'percent') return null;
    const rankOf = rankRows(rows);
    return new Map(
      [...rankOf].map(([row, rank]) => [
        row,
        {
          rank,
          label: t('views.rankLabel', {
            rank,
            total: rankOf.size,
            percent: formatPercent(rowPercentOfTarget(row), language),
          }),
        },
      ]),
    );
  }, [rows, sortable, order.key, t, language]);
  const choose = (key: SortKey) =>
    setOrder((current) =>
      current.key === key
        ? { key, descending: !current.descending }
        : { key, descending: firstDirection[key] },
    );
  const ariaSort = order.descending ? 'descending' : 'ascending';
  const captionId = useId();
  const fullCaption =
    sortable && onlyBehind
      ? t('views.filteredCaption', { caption, count: behind.length, total: rows.length })
      : caption;
  return (
    <>
      {sortable && (
        <div className="board-views">
          <fieldset className="sort">
            <legend>{t('board.sortBy')}</legend>
            {KEYS.map((key) => (
              <button
                key={key}
                type="button"
                aria-pressed={order.key === key}
                data-sort={key}
                onClick={() => choose(key)}
              >
                {t(`sort.${key}`)}
                {order.key === key && <span aria-hidden="true">{order.descending ? ' ↓' : ' ↑'}</span>}
              </button>
            ))}
          </fieldset>
          <button
            type="button"
            className="only-behind"
            aria-pressed={onlyBehind}
            data-filter="behind"
            onClick={() => setOnlyBehind((current) => !current)}
          >
            {t('views.onlyBehind', { count: behind.length })}
          </button>
        </div>
      )}
      <div
        role="table"
        className="board-table"
        aria-labelledby={captionId}
        aria-rowcount={sorted.length + 1}
        style={{ '--schemes': schemes.length } as CSSProperties}
      >
        <div className="caption" id={captionId}>
          {fullCaption}
        </div>
        <div role="rowgroup">
          <div role="row" className="board-row board-head">
            <div role="columnheader" aria-sort={sortable && order.key === 'name' ? ariaSort : undefined}>
              {t('board.unit')}
            </div>
            {schemes.map((scheme) => (
              <div role="columnheader" key={scheme}>
                {t(`scheme.${scheme}`)}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {sorted.map((row) => (
            <BoardRow
              key={row.unit.code}
              row={row}
              href={hrefOf(row.unit.code)}
              rank={ranks?.get(row)?.rank}
              rankLabel={ranks?.get(row)?.label}
            />
          ))}
        </div>
      </div>
      {sortable && onlyBehind && behind.length === 0 && <p className="none">{t('views.noneBehind')}</p>}
    </>
  );
}
