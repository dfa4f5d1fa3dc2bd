import type { SchemeCode } from '@toandan/shared/schemes';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstDirection, type SortKey, type SortOrder, sortRows } from '../board/sortRows.ts';
import { BoardRow, type Row } from './BoardRow.tsx';

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
      <table className="board-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={sortable && order.key === 'name' ? ariaSort : undefined}>
              {t('board.unit')}
            </th>
            {schemes.map((scheme) => (
              <th key={scheme} scope="col">
                {t(`scheme.${scheme}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <BoardRow key={row.unit.code} row={row} href={hrefOf(row.unit.code)} />
          ))}
        </tbody>
      </table>
    </>
  );
}
