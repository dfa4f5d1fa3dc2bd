import { vnDay } from '@toandan/shared/vnDay';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentOf, graphql, readFragment } from '../graphql.ts';
import { formatDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

export const CampaignItem = graphql(`
  fragment CampaignItem on Campaign {
    id
    name
    kind
    startsOn
    endsOn
    schemes
    unit {
      code
      name
    }
  }
`);

export function isRunning(campaign: { startsOn: string; endsOn: string }, today = vnDay.today()): boolean {
  return campaign.startsOn <= today && today <= campaign.endsOn;
}

/** True when the campaign's name already writes both its first and last day ("Đợt ra quân …
 * (25/11/2026 – 14/12/2026)"), as 25/11/2026 or 1/5/2026: the card then does not say them again. */
export function nameCarriesDays(campaign: { name: string; startsOn: string; endsOn: string }): boolean {
  const written = (day: string) => {
    const [year, month, date] = day.split('-');
    return [`${date}/${month}/${year}`, `${Number(date)}/${Number(month)}/${year}`];
  };
  return [campaign.startsOn, campaign.endsOn].every((day) =>
    written(day).some((form) => campaign.name.includes(form)),
  );
}

/** The campaigns, each with a link to its board and to its wall screen. */
export function CampaignList({ campaigns }: { campaigns: readonly FragmentOf<typeof CampaignItem>[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!campaigns.length) return <p>{t('campaigns.none')}</p>;
  return (
    <ul className="campaigns">
      {campaigns.map((item) => {
        const campaign = readFragment(CampaignItem, item);
        const board = `/board/${encodeURIComponent(campaign.id)}/${encodeURIComponent(campaign.unit.code)}`;
        return (
          <li key={campaign.id} data-campaign-id={campaign.id}>
            <h3>
              <Link to={board}>{campaign.name}</Link>
              {isRunning(campaign) && <span className="badge">{t('campaigns.running')}</span>}
            </h3>
            <p>
              {campaign.kind === 'DRIVE'
                ? t('campaigns.drive')
                : campaign.kind === 'STANDING'
                  ? t('campaigns.standing')
                  : t('campaigns.month')}
              {!nameCarriesDays(campaign) && (
                <>
                  {' · '}
                  {t('campaigns.days', {
                    from: formatDay(campaign.startsOn, language),
                    to: formatDay(campaign.endsOn, language),
                  })}
                </>
              )}
            </p>
            <p className="schemes">{campaign.schemes.map((code) => t(`scheme.${code}`)).join(' · ')}</p>
            <p>
              <Link to={board}>{t('campaigns.open')}</Link> ·{' '}
              <Link to={board.replace('/board/', '/wall/')}>{t('campaigns.openWall')}</Link>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
