import { barWidth } from './status.ts';

/** The second, smaller gauge of a tally: the day's count as a share of the day's goal. */
export function GoalGauge({
  tally: { today, dailyGoal },
  label,
}: {
  tally: { today: number; dailyGoal: number };
  label: string;
}) {
  return (
    <span className="gauge" role="img" aria-label={label}>
      <span className="gauge-fill" style={{ width: `${barWidth(today, dailyGoal)}%` }} />
    </span>
  );
}
