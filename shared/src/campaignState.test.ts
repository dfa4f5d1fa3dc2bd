import { describe, expect, it } from 'vitest';
import { campaignState, lastSyncDay } from './campaignState.ts';

const may = { startsOn: '2026-05-01', endsOn: '2026-05-31', graceDays: 7, closedAt: null };
/** An instant in Viet Nam's time (UTC+7). */
const at = (local: string) => new Date(`${local}+07:00`);

describe('campaignState', () => {
  it.each([
    ['2026-04-30T23:59:59', 'UPCOMING'],
    ['2026-05-01T00:00:00', 'RUNNING'],
    ['2026-05-31T23:59:59', 'RUNNING'],
    ['2026-06-01T00:00:00', 'GRACE'],
    ['2026-06-07T23:59:59', 'GRACE'],
    ['2026-06-08T00:00:00', 'CLOSED'],
  ])('at %s in Viet Nam, a May campaign with 7 days of grace is %s', (local, state) => {
    expect(campaignState(may, at(local))).toBe(state);
  });

  it('counts the days in Viet Nam, not in UTC: 17:00 UTC on 7 June is already 8 June', () => {
    expect(campaignState(may, new Date('2026-06-07T16:59:59Z'))).toBe('GRACE');
    expect(campaignState(may, new Date('2026-06-07T17:00:00Z'))).toBe('CLOSED');
  });

  it('goes from RUNNING to CLOSED the next day without grace', () => {
    const noGrace = { ...may, graceDays: 0 };
    expect(lastSyncDay(noGrace)).toBe('2026-05-31');
    expect(campaignState(noGrace, at('2026-06-01T00:00:00'))).toBe('CLOSED');
  });

  it('is CLOSED from the moment it was closed, in any state, and not before', () => {
    const closed = { ...may, closedAt: '2026-05-20T10:00:00.000Z' };
    expect(campaignState(closed, new Date('2026-05-20T09:59:59.999Z'))).toBe('RUNNING');
    expect(campaignState(closed, new Date('2026-05-20T10:00:00.000Z'))).toBe('CLOSED');
    expect(
      campaignState({ ...closed, closedAt: new Date('2026-04-01T00:00:00Z') }, at('2026-04-02T08:00:00')),
    ).toBe('CLOSED');
  });

  it('says until which day late syncs count', () => {
    expect(lastSyncDay(may)).toBe('2026-06-07');
    expect(lastSyncDay({ endsOn: '2026-12-28', graceDays: 7 })).toBe('2027-01-04');
  });
});
