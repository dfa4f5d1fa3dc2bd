import { db } from '@toandan/db/db';
import { GraphQLError } from 'graphql';

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** The ids of a campaign and a unit named by a query, or a NOT_FOUND error naming the missing one. */
export async function campaignAndUnitOrThrow(
  campaignId: string,
  unitCode: string,
): Promise<{ campaignId: string; unitId: number; ancestorIds: number[] }> {
  const [campaign, unit] = await Promise.all([
    db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } }),
    db.unit.findUnique({ where: { code: unitCode.trim() }, select: { id: true, ancestorIds: true } }),
  ]);
  if (!campaign) throw notFound(`No campaign has the id "${campaignId}".`);
  if (!unit) throw notFound(`No unit has the code "${unitCode}".`);
  return { campaignId: campaign.id, unitId: unit.id, ancestorIds: unit.ancestorIds };
}
