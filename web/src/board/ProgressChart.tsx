import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { graphql, type ResultOf } from '../graphql.ts';
import { formatDay, formatNumber, formatShortDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { schemeColour } from './schemeColours.ts';
import type { Tally } from './TallyCell.tsx';

export const HistoryFields = graphql(`
  fragment HistoryFields on DayTally {
    date
    scheme
    count
    cumulative
    plan
  }
`);

export type DayTally = ResultOf<typeof HistoryFields>;

/** One point a day: each scheme's cumulative (the board day's from the live totals) and plan. */
export function chartPoints(history: readonly DayTally[], totals: readonly Tally[], date: string) {
  const byDate = new Map<string, Record<string, number | string>>();
  for (const day of history) {
    const point = byDate.get(day.date) ?? { date: day.date };
    point[day.scheme] = day.cumulative;
    point[`${day.scheme}:plan`] = day.plan;
    byDate.set(day.date, point);
  }
  const last = byDate.get(date);
  if (last) for (const tally of totals) last[tally.scheme] = tally.cumulative;
  return [...byDate.values()];
}

/**
 * Cumulative enrolments per scheme against the plan line (the target spread evenly over the
 * campaign's days), drawn with recharts (docs/design.md, "The web app"). No animation: a live board
 * must not move by itself.
 */
export const ProgressChart = memo(function ProgressChart({
  history,
  totals,
  date,
}: {
  history: readonly DayTally[];
  totals: readonly Tally[];
  date: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const points = useMemo(() => chartPoints(history, totals, date), [history, totals, date]);
  const summary = totals
    .map((tally) =>
      t('chart.summary', {
        scheme: t(`scheme.${tally.scheme}`),
        cumulative: formatNumber(tally.cumulative, language),
        plan: formatNumber(history.findLast((day) => day.scheme === tally.scheme)?.plan ?? 0, language),
      }),
    )
    .join(' ');
  return (
    <figure className="chart" aria-label={t('chart.title')}>
      <figcaption>{t('chart.title')}</figcaption>
      <p className="visually-hidden">{summary}</p>
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            // The summary above speaks for the chart; its own keyboard layer would be a focus stop inside a hidden region.
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="#d5dbe3" />
            <XAxis dataKey="date" tickFormatter={(day: string) => formatShortDay(day)} minTickGap={16} />
            <YAxis tickFormatter={(value: number) => formatNumber(value, language)} width={72} />
            <Tooltip
              labelFormatter={(day) => formatDay(String(day), language)}
              formatter={(value) => formatNumber(Number(value), language)}
            />
            <Legend />
            {totals.flatMap((tally) => [
              <Line
                key={tally.scheme}
                dataKey={tally.scheme}
                name={t('chart.actual', { scheme: t(`scheme.${tally.scheme}`) })}
                stroke={schemeColour[tally.scheme]}
                strokeWidth={3}
                dot={false}
                isAnimationActive={false}
              />,
              <Line
                key={`${tally.scheme}:plan`}
                dataKey={`${tally.scheme}:plan`}
                name={t('chart.plan', { scheme: t(`scheme.${tally.scheme}`) })}
                stroke={schemeColour[tally.scheme]}
                strokeDasharray="6 4"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />,
            ])}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
