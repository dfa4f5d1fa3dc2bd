import { describe, expect, it } from 'vitest';
import { dailyGoal } from './dailyGoal.ts';
import { defaultWorkingHours } from './defaultWorkingHours.ts';
import { planBeforeDay } from './planBeforeDay.ts';
import { type TallyInput, tallyFigures } from './tallyFigures.ts';
import { vnDay } from './vnDay.ts';

// A 20-day drive, 16 Nov – 5 Dec, with a target of 40,000: 2,000 a day for a unit on pace.
const drive = { startsOn: '2026-11-16', endsOn: '2026-12-05', workingHours: defaultWorkingHours };
const TARGET = 40_000;
/** An instant in Viet Nam's time (UTC+7). */
const at = (day: string, clock: string) => new Date(`${day}T${clock}:00+07:00`);

/** The board of `day` at `clock` for a unit that met every earlier day's goal exactly. */
function onPaceBefore(day: string, clock: string) {
  const days = new Map(
    vnDay.range(drive.startsOn, vnDay.addDays(day, -1)).map((d) => [d, { counted: 2000 }] as const),
  );
  const before = planBeforeDay({ ...drive, target: TARGET, day, days });
  const goal = dailyGoal({ ...drive, target: TARGET, countedBefore: before, day });
  const figures = (today: number, cumulative: number) =>
    tallyFigures({
      ...drive,
      target: TARGET,
      planBeforeDay: before,
      dailyGoal: goal,
      date: day,
      now: at(day, clock),
      today,
      renewedToday: 0,
      cumulative,
    });
  return { before, goal, figures, planToNow: figures(0, before).planToNow };
}

describe('tallyFigures by the hour', () => {
  const days = [
    ['day 1', '2026-11-16'],
    ['day 7', '2026-11-22'],
    ['the last day', '2026-12-05'],
  ];
  const clocks = [
    ['07:30', 0],
    // 4 h 30 of the 9 h 30 working day: 2000 × 270 / 570 = 947.4
    ['12:00', 947],
    ['17:00', 2000],
  ] as const;

  describe.each(days)('on %s', (_name, day) => {
    it.each(clocks)('at %s owes the days before and the hour’s share of today’s goal', (clock, share) => {
      const { before, goal, planToNow } = onPaceBefore(day, clock);
      expect(goal).toBe(2000);
      expect(before).toBe(2000 * vnDay.between(drive.startsOn, day));
      expect(planToNow).toBe(before + share);
    });

    it.each(clocks)('at %s says NO_ACTIVITY_YET before anything is counted today, never BEHIND', (clock) => {
      const { before, figures } = onPaceBefore(day, clock);
      expect(figures(0, before).status).toBe('NO_ACTIVITY_YET');
      expect(figures(0, 0).status).toBe('NO_ACTIVITY_YET');
    });

    it.each(clocks)('at %s shows a unit exactly on pace ON_TRACK once it has counted', (clock) => {
      const { before, planToNow, figures } = onPaceBefore(day, clock);
      // Exactly what is due by now; at the start of the working day, its first enrolment.
      const today = Math.max(planToNow - before, 1);
      const onPace = figures(today, before + today);
      // At 17:00 on the last day a unit on pace has met its target, and TARGET_MET comes first.
      expect(onPace.status).toBe(before + today >= TARGET ? 'TARGET_MET' : 'ON_TRACK');
      expect(onPace.projectedTotal).toBe(
        planToNow > 0 ? Math.round(((before + today) * TARGET) / planToNow) : 1,
      );
    });

    it.each(clocks)('at %s shows a unit at 80%% of planToNow BEHIND', (clock) => {
      const { planToNow, figures } = onPaceBefore(day, clock);
      if (planToNow === 0) {
        // 07:30 on the first day: nothing is due yet, so nobody can be behind.
        expect(day).toBe(drive.startsOn);
        expect(figures(1, 1).status).toBe('ON_TRACK');
        return;
      }
      const behind = Math.floor(planToNow * 0.8);
      expect(figures(1, behind).status).toBe('BEHIND');
    });

    it.each(clocks)('at %s shows TARGET_MET over a quiet day', (clock) => {
      const { figures } = onPaceBefore(day, clock);
      expect(figures(0, TARGET).status).toBe('TARGET_MET');
      expect(figures(0, TARGET + 1)).toMatchObject({ status: 'TARGET_MET', metTarget: true });
    });
  });

  it('no longer shows Bá Thước behind at 15:28 on day 7 with 30.99% against the whole day’s 35%', () => {
    // 6 days and 478 of 570 minutes of the 7th: 2000 × 6.8386 = 13,677 due; 12,396 is 90.6% of it.
    const { figures } = onPaceBefore('2026-11-22', '15:28');
    const baThuoc = figures(396, 12_396);
    expect(baThuoc.planToNow).toBe(13_677);
    expect(baThuoc.status).toBe('ON_TRACK');
  });

  it('changes its answer as the hours pass, with nothing new counted', () => {
    const morning = onPaceBefore('2026-11-22', '09:00').figures(300, 12_300);
    const afternoon = onPaceBefore('2026-11-22', '16:00').figures(300, 12_300);
    expect([morning.status, afternoon.status]).toEqual(['ON_TRACK', 'BEHIND']);
  });

  it('grades against planToNow: ahead from 105%, behind under 90%', () => {
    // The day's end of day 7: 14,000 due.
    const at17 = onPaceBefore('2026-11-22', '17:00');
    const status = (cumulative: number) => at17.figures(10, cumulative).status;
    expect(status(14_700)).toBe('AHEAD');
    expect(status(14_699)).toBe('ON_TRACK');
    expect(status(12_600)).toBe('ON_TRACK');
    expect(status(12_599)).toBe('BEHIND');
  });
});

describe('tallyFigures', () => {
  const base: TallyInput = {
    ...drive,
    date: '2026-11-22',
    now: at('2026-11-23', '08:00'),
    today: 1046,
    renewedToday: 0,
    dailyGoal: 2000,
    cumulative: 14_000,
    target: TARGET,
    planBeforeDay: 12_000,
  };

  it('computes percents, pace and projection of a past day from exact values', () => {
    const figures = tallyFigures(base);
    expect(figures.percentOfDailyGoal).toBeCloseTo(52.3, 10);
    expect(figures.percentOfTarget).toBe(35);
    expect(figures.planToNow).toBe(14_000);
    // 26,000 left over the 13 days after the 22nd.
    expect(figures.requiredDailyPace).toBe(2000);
    expect(figures.projectedTotal).toBe(40_000);
    expect(figures.status).toBe('ON_TRACK');
    expect(figures.metDailyGoal).toBe(false);
    expect(figures.metTarget).toBe(false);
  });

  it('is NO_ACTIVITY_YET only when nothing new and nothing renewed is counted on the day', () => {
    expect(tallyFigures({ ...base, today: 0 }).status).toBe('NO_ACTIVITY_YET');
    expect(tallyFigures({ ...base, today: 0, renewedToday: 2 }).status).not.toBe('NO_ACTIVITY_YET');
  });

  it('projects from the ratio to the plan by the hour, not from whole days', () => {
    // 12:00 on day 7, 12,947 due and counted: the old rule (14,000 due) projected 36,991.
    const noon = tallyFigures({ ...base, now: at('2026-11-22', '12:00'), cumulative: 12_947 });
    expect(noon.projectedTotal).toBe(40_000);
    // A unit far behind, whose goals through the day (30,000 + 12,000) ask more than its target.
    const behind = tallyFigures({ ...base, planBeforeDay: 30_000, dailyGoal: 12_000, cumulative: 21_000 });
    expect(behind.projectedTotal).toBe(21_000);
    const halfway = tallyFigures({ ...base, cumulative: 7000 });
    expect(halfway.projectedTotal).toBe(20_000);
  });

  it('projects the result itself once the last working day is over', () => {
    const last = { ...base, date: '2026-12-05', planBeforeDay: 30_000, dailyGoal: 4000, cumulative: 39_000 };
    expect(tallyFigures({ ...last, now: at('2026-12-05', '17:00') }).projectedTotal).toBe(39_000);
    expect(tallyFigures({ ...last, now: at('2026-12-20', '10:00') }).projectedTotal).toBe(39_000);
    // Half of the last working day left: 32,000 due; 39,000 is 121.9% of it, and 34,000 will be.
    expect(tallyFigures({ ...last, now: at('2026-12-05', '12:15') }).projectedTotal).toBe(
      Math.round((39_000 * 34_000) / 32_000),
    );
  });

  it('has no percent without a goal or target, and asks the whole remainder on the last day', () => {
    const last = tallyFigures({
      ...base,
      date: '2026-12-05',
      today: 3,
      dailyGoal: 0,
      cumulative: 90,
      target: 0,
    });
    expect(last.percentOfDailyGoal).toBeNull();
    expect(last.percentOfTarget).toBeNull();
    expect(
      tallyFigures({ ...base, date: '2026-12-05', today: 3, dailyGoal: 10, cumulative: 90, target: 100 })
        .requiredDailyPace,
    ).toBe(10);
    expect(tallyFigures({ ...base, today: 2500, cumulative: 41_000 })).toMatchObject({
      status: 'TARGET_MET',
      metDailyGoal: true,
      metTarget: true,
      requiredDailyPace: 0,
    });
  });

  it('never reads the clock: the same input gives the same figures at any time', () => {
    expect(tallyFigures(base)).toEqual(tallyFigures({ ...base }));
  });
});
