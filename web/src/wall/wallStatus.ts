import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';
import { useTranslation } from 'react-i18next';
import { statusLook } from '../board/status.ts';

interface Look {
  className: string;
  colour: string;
}

/** A status this screen was built before (the API adds values): grey, labelled as unknown. */
const unknownLook: Look = { className: 'status-unknown', colour: '#5b6470' };

/** The board's look of a status (web/src/board/status.ts), or a neutral one for a value it lacks. */
export function lookOf(status: string): Look {
  return (statusLook as Partial<Record<string, Look>>)[status] ?? unknownLook;
}

/** The board's words for each status, or "status unknown" for a value the app has no words for. */
export function useStatusLabel(): (status: string) => string {
  const { t } = useTranslation();
  const labels: Partial<Record<string, string>> = t('status', { returnObjects: true });
  const unknown = t('wall.unknownStatus');
  return (status) => labels[status] ?? unknown;
}

/** The status in a word where a dense wall has no room for the phrase; the phrase otherwise. */
export function useShortStatusLabel(): (status: string) => string {
  const { t } = useTranslation();
  const words: Partial<Record<string, string>> = t('wall.shortStatus', { returnObjects: true });
  const label = useStatusLabel();
  return (status) => words[status] ?? label(status);
}

/** Which units a room must see first: behind plan, then nothing counted yet, then the rest. */
const severity: Partial<Record<string, number>> = {
  BEHIND: 0,
  NO_ACTIVITY_YET: 1,
  ON_TRACK: 3,
  AHEAD: 4,
  TARGET_MET: 5,
};
const UNKNOWN_SEVERITY = 2;

export function statusSeverity(status: string): number {
  return severity[status] ?? UNKNOWN_SEVERITY;
}

interface OrderedRow {
  unit: { name: string };
  tallies: readonly { status: string }[];
}

/**
 * The tiles in the order the wall draws them: a unit by its worst scheme (behind, then no result
 * yet, then on track, ahead, target met), then in Vietnamese alphabetical order. A tile moves
 * only when a unit's status changes, which is the news.
 */
export function orderTiles<Row extends OrderedRow>(rows: readonly Row[]): Row[] {
  const worst = new Map(
    rows.map((row) => [row, Math.min(...row.tallies.map((tally) => statusSeverity(tally.status)))]),
  );
  return [...rows].sort(
    (a, b) => (worst.get(a) ?? 0) - (worst.get(b) ?? 0) || vietnameseOrder(a.unit.name, b.unit.name),
  );
}
