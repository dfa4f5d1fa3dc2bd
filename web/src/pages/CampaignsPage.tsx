import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { CampaignItem, CampaignList, isRunning } from '../campaigns/CampaignList.tsx';
import { graphql, readFragment } from '../graphql.ts';
import '../campaigns/campaigns.css';

const CampaignsQuery = graphql(
  `
  query Campaigns {
    campaigns {
      ...CampaignItem
    }
  }
`,
  [CampaignItem],
);

/**
 * The campaigns. At `/` (`openRunning`) the command centre lands on the board of the running
 * campaign (the most recent one, as the API lists them); with none running, on this list.
 */
export function CampaignsPage({ openRunning = false }: { openRunning?: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: CampaignsQuery });
  if (fetching && !data) return <p role="status">{t('common.loading')}</p>;
  if (error && !data) return <p role="alert">{t('common.failed', { message: error.message })}</p>;
  const campaigns = data?.campaigns ?? [];
  const running = campaigns
    .map((item) => readFragment(CampaignItem, item))
    .find((campaign) => isRunning(campaign));
  if (openRunning && running) {
    return (
      <Navigate
        replace
        to={`/board/${encodeURIComponent(running.id)}/${encodeURIComponent(running.unit.code)}`}
      />
    );
  }
  return (
    <section aria-labelledby="campaigns-heading" className="page">
      <h2 id="campaigns-heading">{t('campaigns.title')}</h2>
      <CampaignList campaigns={campaigns} />
    </section>
  );
}
