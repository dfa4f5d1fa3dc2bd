import { useCallback, useEffect, useRef, useState } from 'react';
import { getToken, onTokenChange } from '../auth/token.ts';
import { client } from '../client.ts';
import type { ResultOf } from '../graphql.ts';
import { RenewalsDueQuery } from './documents.ts';
import {
  forgetRenewals,
  type KeptRenewals,
  keepRenewals,
  keptRenewals,
  type RenewalItem,
} from './renewalStore.ts';

/** Pages of 500 read at most: a commune's list is far shorter; a province's is not a phone's. */
const MAX_PAGES = 4;

async function loadRenewals(unitCode: string): Promise<KeptRenewals> {
  const items: RenewalItem[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result: { data?: ResultOf<typeof RenewalsDueQuery>; error?: unknown } = await client
      .query(RenewalsDueQuery, { unitCode, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) throw result.error ?? new Error('no data');
    const { edges, pageInfo } = result.data.renewalsDue;
    for (const { node } of edges)
      items.push({
        id: node.id,
        citizenIdMasked: node.citizenIdMasked,
        fullName: node.fullName,
        scheme: node.scheme,
        unitCode: node.unit.code,
        unitName: node.unit.name,
        coverageUntil: node.coverageUntil as string,
        hamlet: node.hamlet ?? null,
        address: node.address ?? null,
        householdCode: node.householdCode ?? null,
        phone: node.phone ?? null,
      });
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor ?? null;
  }
  return { unitCode, items, loadedAt: Date.now() };
}

/**
 * The unit's list of people to call back: at once from what the phone kept (IndexedDB, for a
 * week at most, renewalStore.ts), then fresh from renewalsDue at each connection (`refreshKey`,
 * the queue's last answered sync, and the browser's `online`), so that a person renewed on
 * any phone leaves the list. Forgotten at sign-out.
 */
export function useRenewals(unitCode: string | null, refreshKey: number | null) {
  const [list, setList] = useState<KeptRenewals | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = useRef(unitCode);
  current.current = unitCode;

  const refresh = useCallback(async () => {
    if (!unitCode) return;
    setLoading(true);
    try {
      const fresh = await loadRenewals(unitCode);
      if (current.current !== unitCode) return;
      await keepRenewals(fresh);
      setList(fresh);
      setError(null);
    } catch (problem) {
      setError(problem);
    } finally {
      setLoading(false);
    }
  }, [unitCode]);

  useEffect(() => {
    if (!unitCode) return;
    let live = true;
    void keptRenewals(unitCode).then((kept) => {
      if (live && kept) setList((shown) => shown ?? kept);
    });
    return () => {
      live = false;
    };
  }, [unitCode]);
  // Each answered sync is a connection: read the list again (refreshKey).
  useEffect(() => {
    void refresh();
  }, [refresh, refreshKey]);
  useEffect(() => {
    const onOnline = () => void refresh();
    globalThis.addEventListener('online', onOnline);
    return () => globalThis.removeEventListener('online', onOnline);
  }, [refresh]);
  useEffect(
    () =>
      onTokenChange(() => {
        if (getToken() === null) {
          setList(null);
          void forgetRenewals();
        }
      }),
    [],
  );
  return { list, loading, error, refresh };
}
