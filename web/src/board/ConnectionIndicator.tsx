import {
  type CampaignCalendar,
  type CampaignState,
  campaignState,
  lastSyncDay,
} from '@toandan/shared/campaignState';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../client.ts';
import { formatDay, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/** What the indicator needs of a campaign to say it has ended. */
export interface CampaignEnd {
  state: CampaignState;
  /** The last day late syncs count (lastSyncDay), shown during the grace. */
  lastSyncDay: string;
}

/** A campaign's states in the order they come. */
const STATES: readonly CampaignState[] = ['UPCOMING', 'RUNNING', 'GRACE', 'CLOSED'];

/**
 * Where a campaign stands at `now` on the page's clock, so that a board or a wall left open past
 * the last day says it has ended; never earlier than the server said when it was read (a
 * campaign closed by the command centre stays closed).
 */
export function campaignEndAt(campaign: CampaignCalendar & { state: CampaignState }, now: Date): CampaignEnd {
  const byClock = campaignState(campaign, now);
  const state = STATES.indexOf(campaign.state) >= STATES.indexOf(byClock) ? campaign.state : byClock;
  return { state, lastSyncDay: lastSyncDay(campaign) };
}

/** Live, reconnecting or offline, and when the board last changed: a board must never look
 * current when it is not. The status is announced politely; the time, which changes all the
 * time, is not. A campaign that has ended is not a live race: it says so instead, and during
 * its grace (late syncs still count) it still says when the connection is lost. */
export function ConnectionIndicator({
  lastUpdate,
  campaign,
}: {
  lastUpdate: Date | null;
  campaign?: CampaignEnd;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useConnectionStatus();
  const updated = (
    <span className="last-update" data-last-update={lastUpdate?.toISOString() ?? ''}>
      {lastUpdate
        ? t('connection.lastUpdate', { time: formatTime(lastUpdate, language) })
        : t('connection.never')}
    </span>
  );
  if (campaign?.state === 'CLOSED' || campaign?.state === 'GRACE') {
    return (
      <div
        className="connection connection-ended"
        data-connection={status}
        data-campaign-state={campaign.state}
      >
        <span aria-live="polite">
          {campaign.state === 'CLOSED'
            ? t('board.endedClosed')
            : t('board.endedGrace', { date: formatDay(campaign.lastSyncDay, language) })}
        </span>
        {campaign.state === 'GRACE' && status !== 'live' && (
          <span className={`connection-${status}`}>{t(`connection.${status}`)}</span>
        )}
        {campaign.state === 'GRACE' && updated}
      </div>
    );
  }
  return (
    <div className={`connection connection-${status}`} data-connection={status}>
      <span className="dot" aria-hidden="true" />
      <span aria-live="polite">{t(`connection.${status}`)}</span>
      {updated}
    </div>
  );
}
