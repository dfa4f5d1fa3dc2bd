import { useParams } from 'react-router';

/** The board of one unit in one campaign (API.md, Web). */
export function BoardPage() {
  const { campaignId = '', unitCode = '' } = useParams();
  return <section className="page" data-campaign-id={campaignId} data-board-unit={unitCode} />;
}
