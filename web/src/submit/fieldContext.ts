import { vnDay } from '@toandan/shared/vnDay';
import { useCallback, useEffect, useRef, useState } from 'react';
import { client } from '../client.ts';
import type { ResultOf } from '../graphql.ts';
import { FieldContextQuery, FieldTreeVersionQuery, FieldUnitsQuery } from './documents.ts';

export type Viewer = ResultOf<typeof FieldContextQuery>['viewer'];
export type FieldCampaign = ResultOf<typeof FieldContextQuery>['campaigns'][number];
export interface FieldUnit {
  code: string;
  name: string;
  /** 0 for the token's own unit, 1 for the units below it, and so on. */
  depth: number;
}

/** What the form needs to open, kept in the browser so that it opens without a connection. */
export interface FieldContext {
  viewer: Viewer;
  campaigns: FieldCampaign[];
  /** The token's unit and its subtree, in tree order. */
  units: FieldUnit[];
  /** The tree's version the units are of (absent in what an older version kept). */
  treeVersion?: number;
  loadedAt: number;
}

const KEY = 'toandan.field.context';

export function storedFieldContext(): FieldContext | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as FieldContext) : null;
  } catch {
    return null;
  }
}

/** The campaigns running on a Viet Nam day: the form's choices. */
export function runningCampaigns(
  campaigns: readonly FieldCampaign[],
  today = vnDay.today(),
): FieldCampaign[] {
  return campaigns.filter((campaign) => campaign.startsOn <= today && today <= campaign.endsOn);
}

async function unitAndChildren(code: string) {
  const result = await client.query(FieldUnitsQuery, { code }, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) throw result.error;
  return result.data?.unit ?? null;
}

/**
 * Units read one level at a time, in parallel, while a level needs at most this many reads: a
 * district's or a province's agent gets every commune below it, the nation's (the command
 * centre) the provinces, districts and communes of the demo, and the communes of the 34
 * provinces since 2025.
 */
const MAX_READS_PER_LEVEL = 60;

/** The token's unit and the units below it, each followed by those below it, as the tree reads. */
async function unitsBelow(code: string): Promise<FieldUnit[]> {
  const top = await unitAndChildren(code);
  if (!top) return [];
  const childrenOf = new Map<string, { code: string; name: string }[]>([[top.code, [...top.children]]]);
  let level = [...top.children];
  while (level.length > 0 && level.length <= MAX_READS_PER_LEVEL) {
    const read = await Promise.all(level.map((unit) => unitAndChildren(unit.code)));
    level = [];
    for (const unit of read) {
      if (!unit) continue;
      childrenOf.set(unit.code, [...unit.children]);
      level.push(...unit.children);
    }
  }
  const units: FieldUnit[] = [];
  const visit = (unit: { code: string; name: string }, depth: number) => {
    units.push({ code: unit.code, name: unit.name, depth });
    for (const child of childrenOf.get(unit.code) ?? []) visit(child, depth + 1);
  };
  visit(top, 0);
  return units;
}

async function loadFieldContext(): Promise<FieldContext> {
  const result = await client.query(FieldContextQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  if (result.error || !result.data) throw result.error ?? new Error('no data');
  const { viewer, campaigns, unitTreeVersion } = result.data;
  const units = await unitsBelow(viewer.unitCode ?? 'VN');
  return { viewer, campaigns: [...campaigns], units, treeVersion: unitTreeVersion, loadedAt: Date.now() };
}

/**
 * The form's campaigns, units and viewer: at once from what the browser kept, then fresh from
 * the server when it answers (and kept again). Without a connection, the kept ones serve.
 * `checkTree`, called at each connection (a sync round that reached the server), reads the
 * tree's version alone and everything again only when a reorganisation changed it: an officer
 * of a merged commune then finds its successor, and the merged one is gone from the list.
 */
export function useFieldContext() {
  const [context, setContext] = useState<FieldContext | null>(storedFieldContext);
  const keptVersion = useRef(context?.treeVersion);
  /** Why the last refresh failed (a CombinedError, fetch's own error), worded where shown. */
  const [error, setError] = useState<unknown>(null);
  const refresh = useCallback(async () => {
    try {
      const fresh = await loadFieldContext();
      try {
        globalThis.localStorage?.setItem(KEY, JSON.stringify(fresh));
      } catch {
        // Not kept: the form still works while this page stays open.
      }
      keptVersion.current = fresh.treeVersion;
      setContext(fresh);
      setError(null);
    } catch (problem) {
      setError(problem);
    }
  }, []);
  useEffect(() => {
    void refresh();
    const onOnline = () => void refresh();
    globalThis.addEventListener('online', onOnline);
    return () => globalThis.removeEventListener('online', onOnline);
  }, [refresh]);
  const checkTree = useCallback(async () => {
    const result = await client
      .query(FieldTreeVersionQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    // No answer: the next connection checks again.
    if (result.data && result.data.unitTreeVersion !== keptVersion.current) await refresh();
  }, [refresh]);
  return { context, error, refresh, checkTree };
}
