import type { SchemeCode } from '@toandan/shared/schemes';
import { type CSSProperties, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BoardRow, type Row } from './BoardRow.tsx';
import { firstDirection, type SortKey, type SortOrder, sortRows } from './sortRows.ts';

const KEYS: SortKey[] = ['name', 'percent', 'gap'];

/**
 * The child units, one row each, sortable by name (Vietnamese order, the default), share of
 * the target or today's shortfall. `rows` may be given already paged (wall mode) with
 * `sortable` off.
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
  const [order, setOrder] = useState<SortOrder>({ key: 'name', descending: false });
  const sorted = useMemo(() => (sortable ? sortRows(rows, order) : rows), [rows, order, sortable]);
  const choose = (key: SortKey) =>
    setOrder((current) =>
      current.key === key
        ? { key, descending: !current.descending }
        : { key, descending: firstDirection[key] },
    );
  const ariaSort = order.descending ? 'descending' : 'ascending';
  const captionId = useId();
  return (
    <>
      {sortable && (
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
      )}
      <div
        role="table"
        className="board-table"
        aria-labelledby={captionId}
        aria-rowcount={rows.length + 1}
        style={{ '--schemes': schemes.length } as CSSProperties}
      >
        <div className="caption" id={captionId}>
          {caption}
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
            <BoardRow key={row.unit.code} row={row} href={hrefOf(row.unit.code)} />
          ))}
        </div>
      </div>
    </>
  );
}
