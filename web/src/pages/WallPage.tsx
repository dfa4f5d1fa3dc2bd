import { useParams } from 'react-router';

/** The command centre's big screen: the board, large, rotating through the child units. */
export function WallPage() {
  const { campaignId = '', unitCode = '' } = useParams();
  return <section className="wall" data-campaign-id={campaignId} data-board-unit={unitCode} />;
}
