import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { BreadcrumbFields, trailOf } from '../board/Breadcrumb.tsx';
import { boardPath } from '../board/paths.ts';
import { CampaignItem, CampaignList, isRunning } from '../campaigns/CampaignList.tsx';
import { landingOf } from '../campaigns/landing.ts';
import { graphql, readFragment } from '../graphql.ts';
import '../campaigns/campaigns.css';

const CampaignsQuery = graphql(
  `
  query Campaigns {
    campaigns {
      ...CampaignItem
    }
    viewer {
      unitCode
    }
  }
`,
  [CampaignItem],
);

/** The token's unit and its ancestors, to find the running campaign that covers it. */
const ViewerUnitQuery = graphql(
  `
  query ViewerUnit($code: String!) {
    unit(code: $code) {
      ...BreadcrumbFields
    }
  }
`,
  [BreadcrumbFields],
);

/**
 * The campaigns. At `/` (`openRunning`) the command centre lands on the board of the token's
 * own unit in the running campaign that covers it (landingOf); with none, on this list.
 */
export function CampaignsPage({ openRunning = false }: { openRunning?: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: CampaignsQuery });
  const viewerUnitCode = data?.viewer.unitCode ?? null;
  const [viewerUnit] = useQuery({
    query: ViewerUnitQuery,
    variables: { code: viewerUnitCode ?? '' },
    pause: !openRunning || viewerUnitCode === null,
  });
  const waitingForUnit = openRunning && viewerUnitCode !== null && !viewerUnit.data && !viewerUnit.error;
  if ((fetching && !data) || waitingForUnit) return <p role="status">{t('common.loading')}</p>;
  if (error && !data) return <p role="alert">{t('common.failed', { message: error.message })}</p>;
  const campaigns = data?.campaigns ?? [];
  if (openRunning) {
    const running = campaigns.map((item) => readFragment(CampaignItem, item)).filter((c) => isRunning(c));
    const unit = viewerUnit.data?.unit ? readFragment(BreadcrumbFields, viewerUnit.data.unit) : null;
    const trail = unit ? trailOf(unit, '').map((step) => step.code) : [];
    const landing = landingOf(running, viewerUnitCode, trail);
    if (landing) return <Navigate replace to={boardPath(landing.campaignId, landing.unitCode)} />;
  }
  return (
    <section aria-labelledby="campaigns-heading" className="page">
      <h2 id="campaigns-heading">{t('campaigns.title')}</h2>
      <CampaignList campaigns={campaigns} />
    </section>
  );
}
