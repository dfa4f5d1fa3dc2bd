import { vnDay } from '@toandan/shared/vnDay';

/**
 * The days a briefing is read at: the last day of each month before `today`'s, newest first,
 * `count` of them (31 December among them, the day `changeSinceDecember` compares with).
 */
export function monthEnds(today: string, count: number): string[] {
  const ends: string[] = [];
  let end = vnDay.addDays(`${today.slice(0, 7)}-01`, -1);
  while (ends.length < count) {
    ends.push(end);
    end = vnDay.addDays(`${end.slice(0, 7)}-01`, -1);
  }
  return ends;
}
