import { vnDay } from '@toandan/shared/vnDay';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
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

/** One day of one scheme's chart: the cumulative up to the board day, the plan on every day. */
export interface ChartPoint {
  date: string;
  actual?: number;
  plan: number;
}

/**
 * One scheme's points, one a day from the campaign's first day to its last: the cumulative up to
 * the board day (that day's from the live tally), and the plan on every day. The days after the
 * board day have no history yet: their plan goes on evenly from the board day's to the target on
 * the last day, as the history's own plan does.
 */
export function schemePoints(
  history: readonly DayTally[],
  tally: Pick<Tally, 'scheme' | 'cumulative' | 'target'>,
  date: string,
  campaign: { startsOn: string; endsOn: string },
): ChartPoint[] {
  const known = new Map(history.filter((day) => day.scheme === tally.scheme).map((day) => [day.date, day]));
  const points: ChartPoint[] = [];
  let last = { date: vnDay.addDays(campaign.startsOn, -1), plan: 0 };
  for (let day = campaign.startsOn; day <= campaign.endsOn; day = vnDay.addDays(day, 1)) {
    const counted = known.get(day);
    if (counted && day <= date) {
      points.push({
        date: day,
        actual: day === date ? tally.cumulative : counted.cumulative,
        plan: counted.plan,
      });
      last = { date: day, plan: counted.plan };
    } else {
      const left = vnDay.between(last.date, campaign.endsOn);
      const plan = last.plan + ((tally.target - last.plan) * vnDay.between(last.date, day)) / left;
      points.push(day === date ? { date: day, actual: tally.cumulative, plan } : { date: day, plan });
    }
  }
  return points.map((point) => ({ ...point, plan: Math.round(point.plan) }));
}

const SchemeChart = memo(function SchemeChart({
  points,
  tally,
  date,
}: {
  points: ChartPoint[];
  tally: Tally;
  date: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const colour = schemeColour[tally.scheme];
  const number = (value: number) => formatNumber(value, language);
  return (
    <div className="chart-scheme" data-chart-scheme={tally.scheme}>
      <h4>{t(`scheme.${tally.scheme}`)}</h4>
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 12, right: 20, bottom: 24, left: 8 }}
            // The summary beside the charts speaks for them; a keyboard layer would be a focus stop inside a hidden region.
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="#d5dbe3" />
            <XAxis
              dataKey="date"
              tickFormatter={(day: string) => formatShortDay(day)}
              minTickGap={12}
              // The first day and the last always labelled: the campaign's span at a glance.
              interval="preserveStartEnd"
              tick={{ fill: '#3b4452', fontSize: 12 }}
              label={{ value: t('chart.axisDay'), position: 'insideBottom', offset: -12, fill: '#3b4452' }}
            />
            <YAxis
              // Its own scale: voluntary SI's hundreds would lie flat under household HI's thousands.
              domain={[0, (max: number) => Math.max(max, tally.target)]}
              tickFormatter={number}
              width={64}
              tick={{ fill: '#3b4452', fontSize: 12 }}
              label={{ value: t('chart.axisPeople'), angle: -90, position: 'insideLeft', fill: '#3b4452' }}
            />
            <Tooltip
              labelFormatter={(day) => formatDay(String(day), language)}
              formatter={(value) => number(Number(value))}
            />
            <Legend verticalAlign="top" height={24} />
            {tally.target > 0 && (
              <ReferenceLine
                y={tally.target}
                stroke="#3b4452"
                strokeDasharray="2 3"
                label={{
                  value: t('chart.target', { target: number(tally.target) }),
                  position: 'insideTopLeft',
                  fill: '#3b4452',
                  fontSize: 12,
                }}
              />
            )}
            <ReferenceLine
              x={date}
              stroke="#3b4452"
              // At the foot of the line, below the plan line and away from the target's label.
              label={{
                value: date === vnDay.today() ? t('chart.today') : t('chart.boardDay'),
                position: 'insideBottomRight',
                fill: '#3b4452',
                fontSize: 12,
              }}
            />
            <Line
              dataKey="actual"
              name={t('chart.actual')}
              stroke={colour}
              strokeWidth={3}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="plan"
              name={t('chart.plan')}
              stroke={colour}
              strokeDasharray="6 4"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});

/**
 * Each scheme's cumulative against its plan line, one small chart per scheme with its own scale
 * (small multiples), from the campaign's first day to its last, with the target and the board
 * day marked; drawn with recharts (docs/design.md, "The web app"). No animation: a live board
 * must not move by itself.
 */
export const ProgressChart = memo(function ProgressChart({
  history,
  totals,
  date,
  campaign,
}: {
  history: readonly DayTally[];
  totals: readonly Tally[];
  date: string;
  campaign: { startsOn: string; endsOn: string };
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const charts = useMemo(
    () => totals.map((tally) => ({ tally, points: schemePoints(history, tally, date, campaign) })),
    [history, totals, date, campaign],
  );
  const summary = charts
    .map(({ tally, points }) =>
      t('chart.summary', {
        scheme: t(`scheme.${tally.scheme}`),
        cumulative: formatNumber(tally.cumulative, language),
        plan: formatNumber(points.find((point) => point.date === date)?.plan ?? 0, language),
        target: formatNumber(tally.target, language),
        endsOn: formatDay(campaign.endsOn, language),
      }),
    )
    .join(' ');
  return (
    <figure className="chart" aria-label={t('chart.title')}>
      <figcaption>{t('chart.title')}</figcaption>
      <p className="visually-hidden">{summary}</p>
      {charts.map(({ tally, points }) => (
        <SchemeChart key={tally.scheme} tally={tally} points={points} date={date} />
      ))}
    </figure>
  );
});
