import { schemes } from '@toandan/shared/schemes';
import { vnDay } from '@toandan/shared/vnDay';
import { useQuery } from 'urql';
import { type Campaign, CampaignsQuery } from '../graphql.ts';
import { formatDay, useText } from '../i18n.ts';

const schemeLabel = new Map(schemes.map((scheme) => [scheme.code, scheme]));

export function CampaignList({ language }: { language: 'vi' | 'en' }) {
  const text = useText();
  const [{ data, fetching, error }] = useQuery<{ campaigns: Campaign[] }>({ query: CampaignsQuery });
  const today = vnDay.today();

  if (fetching) return <p role="status">{text.loading}</p>;
  if (error)
    return (
      <p role="alert">
        {text.failed}: {error.message}
      </p>
    );
  if (!data?.campaigns.length) return <p>{text.noCampaigns}</p>;
  return (
    <ul className="campaigns">
      {data.campaigns.map((campaign) => (
        <li key={campaign.id} data-campaign-id={campaign.id}>
          <h3>
            {campaign.name}
            {campaign.startsOn <= today && today <= campaign.endsOn && (
              <span className="badge">{text.running}</span>
            )}
          </h3>
          <p>
            {campaign.kind === 'DRIVE' ? text.drive : text.month} ·{' '}
            {text.days(formatDay(campaign.startsOn), formatDay(campaign.endsOn))}
          </p>
          <p className="schemes">
            {campaign.schemes.map((code) => schemeLabel.get(code as never)?.[language] ?? code).join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
}
