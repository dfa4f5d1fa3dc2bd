import { vnDay } from './vnDay.ts';

/** Where a campaign stands (API.md, Campaign.state). */
export type CampaignState = 'UPCOMING' | 'RUNNING' | 'GRACE' | 'CLOSED';

/** Days after the last one during which late syncs from phones that were offline still count. */
export const DEFAULT_GRACE_DAYS = 7;

export interface CampaignCalendar {
  startsOn: string;
  endsOn: string;
  graceDays: number;
  /** When closeCampaign closed it (an instant, as a Date or ISO-8601), or null. */
  closedAt: Date | string | null;
}

/**
 * UPCOMING before the first Viet Nam day, RUNNING through the last, GRACE for `graceDays`
 * after it (late syncs of enrolments made on the campaign's days still count), CLOSED after the
 * grace or from the moment the command centre closed it. The server refuses submissions to a
 * CLOSED campaign, and the field app warns with the same rule while it is offline.
 */
export function campaignState(campaign: CampaignCalendar, now: Date = new Date()): CampaignState {
  if (campaign.closedAt !== null && new Date(campaign.closedAt).getTime() <= now.getTime()) return 'CLOSED';
  const today = vnDay.of(now);
  if (today < campaign.startsOn) return 'UPCOMING';
  if (today <= campaign.endsOn) return 'RUNNING';
  return today <= lastSyncDay(campaign) ? 'GRACE' : 'CLOSED';
}

/** The last Viet Nam day on which late syncs count, unless the campaign is closed earlier. */
export function lastSyncDay(campaign: Pick<CampaignCalendar, 'endsOn' | 'graceDays'>): string {
  return vnDay.addDays(campaign.endsOn, campaign.graceDays);
}
