import { vnDay } from '@toandan/shared/vnDay';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../errorMessage.ts';
import { formatDay, formatNumber, formatTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { type FieldCampaign, runningCampaigns } from './fieldContext.ts';
import { isAlreadyEnrolled, type QueuedSubmission } from './queueStore.ts';
import { type KeptRenewals, RENEWALS_KEPT_DAYS, type RenewalItem } from './renewalStore.ts';

/** The months a renewal from the list pays: the server's default, said on the button. */
export const RENEWAL_MONTHS = 12;

interface Group {
  key: string;
  hamlet: string | null;
  unitName: string;
  items: RenewalItem[];
}

/** The list's runs of one unit and hamlet, in the server's order (renewalsDue, orderBy ADDRESS). */
function groupsOf(items: RenewalItem[]): Group[] {
  const groups: Group[] = [];
  for (const item of items) {
    const key = `${item.unitCode}\u0000${item.hamlet ?? ''}`;
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, hamlet: item.hamlet, unitName: item.unitName, items: [item] });
  }
  return groups;
}

/**
 * Đến hạn tái tục: the people of the officer's unit whose cover ends within 30 days or ended at
 * most 90 days before, by hamlet, each with one button that renews them. The button queues a
 * submission by the cover's id (renewsCover) under a key made now, through the phone's queue:
 * a retry counts once. Someone whose renewal was counted leaves the list, and someone renewed
 * on another phone leaves it at the next connection (useRenewals).
 */
export function RenewalList({
  list,
  loading,
  error,
  submissions,
  campaigns,
  onRenew,
  onRefresh,
}: {
  list: KeptRenewals | null;
  loading: boolean;
  error: unknown;
  submissions: QueuedSubmission[];
  campaigns: readonly FieldCampaign[];
  onRenew: (item: RenewalItem, campaignId: string) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation('submit');
  const { t: tShell } = useTranslation();
  const language = useLanguage();
  const today = vnDay.today();
  const running = runningCampaigns(campaigns, today);
  const renewalOf = new Map(
    submissions.flatMap((submission) =>
      submission.input.renewsCover ? [[submission.input.renewsCover, submission] as const] : [],
    ),
  );
  // Counted: off the list at once, before the server's list says so too.
  const shown = (list?.items ?? []).filter((item) => renewalOf.get(item.id)?.state !== 'sent');
  const groups = groupsOf(shown);
  const keptUntil = list ? vnDay.addDays(vnDay.of(new Date(list.loadedAt)), RENEWALS_KEPT_DAYS) : null;

  return (
    <section className="renewals" aria-labelledby="renewals-heading" data-renewals>
      <h2 id="renewals-heading">
        {t('renewals.title')}
        {list && (
          <span className="renewals-count" data-renewals-count={shown.length}>
            {' '}
            · {t('renewals.count', { count: formatNumber(shown.length, language) })}
          </span>
        )}
      </h2>
      <p className="hint">{t('renewals.intro')}</p>
      {list && keptUntil && (
        <p className="renewals-loaded" data-loaded-at={list.loadedAt}>
          {t('renewals.loadedAt', {
            time: formatTime(new Date(list.loadedAt), language),
            day: formatDay(vnDay.of(new Date(list.loadedAt)), language),
            until: formatDay(keptUntil, language),
          })}
        </p>
      )}
      {Boolean(error) && (
        <p className="sync-failure" data-renewals-failure>
          {list
            ? t('renewals.failed', { reason: errorMessage(error, tShell, language) })
            : t('renewals.notLoaded', { reason: errorMessage(error, tShell, language) })}
        </p>
      )}
      <button type="button" className="secondary" onClick={onRefresh} disabled={loading}>
        {loading ? t('renewals.refreshing') : t('renewals.refresh')}
      </button>
      {list && shown.length === 0 && <p>{t('renewals.empty')}</p>}
      {groups.map((group) => (
        <div key={group.key} className="renewal-group" data-hamlet={group.hamlet ?? ''}>
          <h3>
            {group.hamlet ?? t('renewals.noAddress')}
            {new Set(groups.map((g) => g.unitName)).size > 1 && (
              <span className="renewal-unit"> · {group.unitName}</span>
            )}
          </h3>
          <ul className="renewal-items">
            {group.items.map((item) => {
              const daysLeft = vnDay.between(today, item.coverageUntil);
              const queued = renewalOf.get(item.id);
              const campaign = running.find((c) => (c.schemes as readonly string[]).includes(item.scheme));
              const scheme = tShell(`scheme.${item.scheme}` as 'scheme.VOLUNTARY_SI');
              return (
                <li key={item.id} className="renewal" data-renewal={item.id}>
                  <div className="renewal-person">
                    <strong>{item.fullName}</strong>
                    <span>{item.citizenIdMasked}</span>
                  </div>
                  <p className="renewal-cover">
                    <span
                      className={`badge ${daysLeft < 0 ? 'badge-lapsed' : 'badge-due'}`}
                      data-days-left={daysLeft}
                    >
                      {daysLeft < 0
                        ? t('renewals.lapsed', { count: formatNumber(-daysLeft, language) })
                        : daysLeft === 0
                          ? t('renewals.lastDay')
                          : t('renewals.daysLeft', { count: formatNumber(daysLeft, language) })}
                    </span>{' '}
                    {scheme} · {t('renewals.until', { day: formatDay(item.coverageUntil, language) })}
                  </p>
                  {(item.address || item.householdCode || item.phone) && (
                    <p className="renewal-contact">
                      {item.address && <span>{item.address}</span>}
                      {item.householdCode && (
                        <span>{t('renewals.household', { code: item.householdCode })}</span>
                      )}
                      {item.phone && (
                        <a href={`tel:${item.phone.replace(/[^0-9+]/g, '')}`}>
                          {t('renewals.call', { phone: item.phone })}
                        </a>
                      )}
                    </p>
                  )}
                  {queued ? (
                    <p className="renewal-state">
                      <span
                        className={`badge badge-${isAlreadyEnrolled(queued) ? 'alreadyEnrolled' : queued.state}`}
                        data-renewal-state={queued.state}
                      >
                        {queued.state === 'waiting'
                          ? t('renewals.waiting')
                          : isAlreadyEnrolled(queued)
                            ? t('renewals.alreadyRenewed')
                            : t('renewals.refused')}
                      </span>
                    </p>
                  ) : campaign ? (
                    <button
                      type="button"
                      className="primary"
                      aria-label={t('renewals.renewLabel', { name: item.fullName, months: RENEWAL_MONTHS })}
                      onClick={() => onRenew(item, campaign.id)}
                    >
                      {t('renewals.renew', { months: RENEWAL_MONTHS })}
                    </button>
                  ) : (
                    <p className="hint">{t('renewals.noCampaign', { scheme })}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
