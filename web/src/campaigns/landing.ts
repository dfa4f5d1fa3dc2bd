/** A running campaign as the landing needs it: its id and the unit whose subtree runs it. */
interface Running {
  id: string;
  unit: { code: string };
}

/**
 * Where `/` opens: the board of the token's own unit in the first running campaign (the most
 * recent, as the API lists them) that covers it, so a Thanh Hóa agent lands on Thanh Hóa, not
 * on the nation. `viewerTrail` is the token's unit and its ancestors (any order); a token for
 * the whole country (none) lands on the campaign's own unit. Null when no running campaign
 * covers the token's unit: the list of campaigns then.
 */
export function landingOf(
  running: readonly Running[],
  viewerUnitCode: string | null,
  viewerTrail: readonly string[],
): { campaignId: string; unitCode: string } | null {
  for (const campaign of running) {
    if (viewerUnitCode === null) return { campaignId: campaign.id, unitCode: campaign.unit.code };
    if (viewerTrail.includes(campaign.unit.code))
      return { campaignId: campaign.id, unitCode: viewerUnitCode };
  }
  return null;
}
