import type { Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { namespace, pubsub } from '../pubsub.ts';

/** What a submission is checked against: its campaign, unit and officer. */
export interface CampaignReference {
  id: string;
  schemes: Scheme[];
  startsOn: string;
  endsOn: string;
  graceDays: number;
  closedAt: Date | null;
  unitId: number;
}
export interface UnitReference {
  id: number;
  code: string;
  name: string;
  depth: number;
  ancestorIds: number[];
  mergedOn: string | null;
  mergedInto: { code: string; name: string } | null;
  dissolvedOn: string | null;
  /** Its places in the tree, the earlier ones first and the row's last (units/chains.ts). */
  places: UnitPlace[];
}
export interface UnitPlace {
  /** Null: since always. */
  fromDay: string | null;
  /** The day it ended; null for the row's place, which holds on. */
  untilDay: string | null;
  /** Its ancestors, root first. */
  chain: number[];
}
/** The tree as submissions see it, with the version that the counter writers check. */
export interface TreeReference {
  version: number;
  byCode: Map<string, UnitReference>;
  byId: Map<number, UnitReference>;
}
export interface OfficerReference {
  id: number;
  code: string;
  unitId: number;
}

/** A reference is read again after this long, whatever happened meanwhile. */
const TTL_MS = 60_000;

type Cache<T> = Map<string, { value: Promise<T | null>; at: number }>;
const campaigns: Cache<CampaignReference> = new Map();
const officers: Cache<OfficerReference> = new Map();
/** The whole tree at once: a country has about ten thousand units, one query's worth. */
let tree: { value: Promise<TreeReference>; at: number } | null = null;

function cached<T>(cache: Cache<T>, key: string, load: () => Promise<T | null>): Promise<T | null> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = load();
  cache.set(key, { value, at: Date.now() });
  // A failed read is not kept.
  value.catch(() => cache.delete(key));
  return value;
}

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

/**
 * Campaigns, units and officers as submissions see them, kept in memory: a submission reads
 * none of them from the database, only the enrolment it writes. Every change to them
 * (referencesChanged) empties the caches of every instance through the pub/sub, and each
 * entry is read again after a minute in any case.
 */
export const references = {
  campaign: (id: string) =>
    cached(campaigns, id, async () => {
      const campaign = await db.campaign.findUnique({ where: { id } });
      if (!campaign) return null;
      return {
        id: campaign.id,
        schemes: campaign.schemes,
        startsOn: day(campaign.startsOn) as string,
        endsOn: day(campaign.endsOn) as string,
        graceDays: campaign.graceDays,
        closedAt: campaign.closedAt,
        unitId: campaign.unitId,
      };
    }),
  unit: async (code: string) => (await unitTree()).byCode.get(code) ?? null,
  /** The whole tree and its version: what a counter writer computes chains from. */
  tree: () => unitTree(),
  /** This process's caches only: a writer that found its tree stale reads it again. */
  forgetHere: () => forget(),
  officer: (code: string) =>
    cached(officers, code, () =>
      db.officer.findUnique({ where: { code }, select: { id: true, code: true, unitId: true } }),
    ),
};

function unitTree(): Promise<TreeReference> {
  if (tree && Date.now() - tree.at < TTL_MS) return tree.value;
  const value = (async () => {
    // The version first: read with the units of a later one, the tree is only read again
    // (toandan_tree_guard refuses its writes); never the other way round.
    const [version] = await db.treeVersion.findMany({ select: { version: true } });
    const units = await db.unit.findMany({
      select: {
        id: true,
        code: true,
        name: true,
        depth: true,
        ancestorIds: true,
        mergedOn: true,
        mergedIntoId: true,
        dissolvedOn: true,
        placedOn: true,
      },
    });
    const placements = await db.unitPlacement.findMany({
      select: { unitId: true, fromDay: true, untilDay: true, ancestorIds: true },
      orderBy: [{ unitId: 'asc' }, { untilDay: 'asc' }],
    });
    const placesOf = new Map<number, UnitPlace[]>();
    for (const placement of placements) {
      const places = placesOf.get(placement.unitId) ?? [];
      places.push({
        fromDay: day(placement.fromDay),
        untilDay: day(placement.untilDay),
        chain: placement.ancestorIds,
      });
      placesOf.set(placement.unitId, places);
    }
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    const references = units.map((unit): UnitReference => {
      const into = unit.mergedIntoId === null ? undefined : byId.get(unit.mergedIntoId);
      return {
        id: unit.id,
        code: unit.code,
        name: unit.name,
        depth: unit.depth,
        ancestorIds: unit.ancestorIds,
        mergedOn: day(unit.mergedOn),
        mergedInto: into ? { code: into.code, name: into.name } : null,
        dissolvedOn: day(unit.dissolvedOn),
        places: [
          ...(placesOf.get(unit.id) ?? []),
          { fromDay: day(unit.placedOn), untilDay: null, chain: unit.ancestorIds },
        ],
      };
    });
    return {
      version: version?.version ?? 0,
      byCode: new Map(references.map((unit) => [unit.code, unit])),
      byId: new Map(references.map((unit) => [unit.id, unit])),
    };
  })();
  tree = { value, at: Date.now() };
  value.catch(() => {
    tree = null;
  });
  return value;
}

function forget(): void {
  campaigns.clear();
  officers.clear();
  tree = null;
}

/** After a campaign, a unit or an officer changed: every instance reads them afresh. */
export function referencesChanged(): void {
  forget();
  pubsub.publish('references:changed', namespace, { at: Date.now() });
}

/** Follows the changes made on other instances; returns what stops it. */
export function followReferenceChanges(): () => void {
  const changes = pubsub.subscribe('references:changed', namespace);
  void (async () => {
    for await (const _change of changes) forget();
  })();
  return () => void changes.return?.();
}
