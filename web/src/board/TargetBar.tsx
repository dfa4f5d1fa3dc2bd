import { planTickAt, targetBarWidth } from './status.ts';

/**
 * The main bar of a tally (API.md, Web additions): the cumulative as a share of the campaign
 * target, filled in the status's colour (the `--status` of the enclosing status class), with a
 * tick where planToNow stands. `label` says all of it in words for screen readers.
 */
export function TargetBar({
  tally: { cumulative, target, planToNow },
  label,
}: {
  tally: { cumulative: number; target: number; planToNow: number };
  label: string;
}) {
  const tick = planTickAt(planToNow, target);
  return (
    <div className="bar" role="img" data-plan-to-now={planToNow} aria-label={label}>
      <div className="fill" style={{ width: `${targetBarWidth(cumulative, target)}%` }} />
      {tick !== null && <div className="plan-tick" style={{ left: `${tick}%` }} />}
    </div>
  );
}
