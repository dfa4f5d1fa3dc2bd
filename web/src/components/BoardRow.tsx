import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql, type ResultOf } from '../graphql.ts';
import { type Tally, TallyCell, TallyFields } from './TallyCell.tsx';

export const BoardRowFields = graphql(
  `
  fragment BoardRowFields on BoardRow {
    unit {
      code
      name
    }
    tallies {
      ...TallyFields
    }
  }
`,
  [TallyFields],
);

export interface Row {
  unit: ResultOf<typeof BoardRowFields>['unit'];
  tallies: Tally[];
}

/**
 * One child unit: its name leads to its own board (drill down), then one cell per scheme.
 * Memoised: a live update gives new objects only to the rows it changed, so only those render.
 */
export const BoardRow = memo(function BoardRow({ row, href }: { row: Row; href: string | null }) {
  const { t } = useTranslation();
  return (
    <tr data-unit-code={row.unit.code}>
      <th scope="row">
        {href ? (
          <Link to={href} aria-label={t('board.drillDown', { unit: row.unit.name })}>
            {row.unit.name}
          </Link>
        ) : (
          row.unit.name
        )}
      </th>
      {row.tallies.map((tally) => (
        <TallyCell key={tally.scheme} tally={tally} unitName={row.unit.name} />
      ))}
    </tr>
  );
});
