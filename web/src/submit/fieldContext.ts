import { vnDay } from '@toandan/shared/vnDay';
import { useCallback, useEffect, useState } from 'react';
import { client } from '../client.ts';
import type { ResultOf } from '../graphql.ts';
import { FieldContextQuery, FieldUnitsQuery } from './documents.ts';

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

/** The token's unit, its children and their children, each unit followed by those below it. */
async function unitsBelow(code: string): Promise<FieldUnit[]> {
  const top = await unitAndChildren(code);
  if (!top) return [];
  const below = await Promise.all(top.children.map((child) => unitAndChildren(child.code)));
  return [
    { code: top.code, name: top.name, depth: 0 },
    ...top.children.flatMap((child, index) => [
      { code: child.code, name: child.name, depth: 1 },
      ...(below[index]?.children ?? []).map((grandchild) => ({ ...grandchild, depth: 2 })),
    ]),
  ];
}

async function loadFieldContext(): Promise<FieldContext> {
  const result = await client.query(FieldContextQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  if (result.error || !result.data) throw result.error ?? new Error('no data');
  const { viewer, campaigns } = result.data;
  const units = await unitsBelow(viewer.unitCode ?? 'VN');
  return { viewer, campaigns: [...campaigns], units, loadedAt: Date.now() };
}

/**
 * The form's campaigns, units and viewer: at once from what the browser kept, then fresh from
 * the server when it answers (and kept again). Without a connection, the kept ones serve.
 */
export function useFieldContext() {
  const [context, setContext] = useState<FieldContext | null>(storedFieldContext);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      const fresh = await loadFieldContext();
      try {
        globalThis.localStorage?.setItem(KEY, JSON.stringify(fresh));
      } catch {
        // Not kept: the form still works while this page stays open.
      }
      setContext(fresh);
      setError(null);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  }, []);
  useEffect(() => {
    void refresh();
    const onOnline = () => void refresh();
    globalThis.addEventListener('online', onOnline);
    return () => globalThis.removeEventListener('online', onOnline);
  }, [refresh]);
  return { context, error, refresh };
}
