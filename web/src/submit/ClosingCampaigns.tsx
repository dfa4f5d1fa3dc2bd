import { campaignState, DEFAULT_GRACE_DAYS, lastSyncDay } from '@toandan/shared/campaignState';
import { useTranslation } from 'react-i18next';
import { formatDay, formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import type { FieldCampaign } from './fieldContext.ts';
import type { QueuedSubmission } from './queueStore.ts';

/**
 * Tells an officer whose phone holds unsent submissions that their campaign has ended: during
 * its grace they still count if sent before its last day of late syncs, after it they will be
 * refused. Judged on the phone from the campaign's days as last loaded, so that it warns
 * without a connection too (the server refuses by the same rule, shared/campaignState.ts).
 */
export function ClosingCampaigns({
  campaigns,
  submissions,
  now = new Date(),
}: {
  campaigns: readonly FieldCampaign[];
  submissions: readonly QueuedSubmission[];
  now?: Date;
}) {
  const { t } = useTranslation('submit');
  const language = useLanguage();
  const notices = campaigns.flatMap((campaign) => {
    const waiting = submissions.filter(
      (submission) => submission.state === 'waiting' && submission.input.campaignId === campaign.id,
    ).length;
    if (waiting === 0) return [];
    // A field context kept from before these fields existed has neither.
    const calendar = {
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      graceDays: campaign.graceDays ?? DEFAULT_GRACE_DAYS,
      closedAt: campaign.closedAt ?? null,
    };
    const state = campaignState(calendar, now);
    if (state !== 'GRACE' && state !== 'CLOSED') return [];
    return [{ campaign, state, waiting, lastDay: lastSyncDay(calendar) }];
  });
  if (notices.length === 0) return null;
  return (
    <>
      {notices.map(({ campaign, state, waiting, lastDay }) => (
        <p
          key={campaign.id}
          className={`notice closing closing-${state.toLowerCase()}`}
          role={state === 'CLOSED' ? 'alert' : 'status'}
          data-closing={state}
          data-campaign={campaign.id}
        >
          {t(state === 'GRACE' ? 'closing.grace' : 'closing.closed', {
            name: campaign.name,
            waiting: formatNumber(waiting, language),
            endsOn: formatDay(campaign.endsOn, language),
            lastDay: formatDay(lastDay, language),
          })}
        </p>
      ))}
    </>
  );
}
