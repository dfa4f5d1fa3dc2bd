import type { Prisma } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { GraphQLError } from 'graphql';

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

type CampaignArgs = Omit<Prisma.CampaignFindUniqueArgs, 'where'>;
type UnitArgs = Omit<Prisma.UnitFindUniqueArgs, 'where'>;

/**
 * The campaign and the unit an operation names (by id and official code), read together, or a
 * NOT_FOUND error naming the missing one: the one lookup of every board, feed and list. `read`
 * says what each needs of its row (Prisma's select or include); the ids when left out.
 */
export async function campaignAndUnitOrThrow<
  C extends CampaignArgs = { select: { id: true } },
  U extends UnitArgs = { select: { id: true; ancestorIds: true } },
>(
  campaignId: string,
  unitCode: string,
  read: { campaign?: C; unit?: U } = {},
): Promise<{ campaign: Prisma.CampaignGetPayload<C>; unit: Prisma.UnitGetPayload<U> }> {
  // Read with the general argument types; the payloads are cast back to what `read` asked for.
  const campaignArgs: CampaignArgs = read.campaign ?? { select: { id: true } };
  const unitArgs: UnitArgs = read.unit ?? { select: { id: true, ancestorIds: true } };
  const [campaign, unit] = await Promise.all([
    db.campaign.findUnique({ ...campaignArgs, where: { id: campaignId } }),
    db.unit.findUnique({ ...unitArgs, where: { code: unitCode.trim() } }),
  ]);
  if (!campaign) throw notFound(`No campaign has the id "${campaignId}".`);
  if (!unit) throw notFound(`No unit has the code "${unitCode}".`);
  return {
    campaign: campaign as unknown as Prisma.CampaignGetPayload<C>,
    unit: unit as unknown as Prisma.UnitGetPayload<U>,
  };
}
