import { useEffect, useSyncExternalStore } from 'react';
import { openQueueStore } from './queueStore.ts';
import { createSyncQueue, emptySnapshot, type QueueSnapshot, type SyncQueue } from './syncQueue.ts';
import { sendBatch } from './transport.ts';

let opened: Promise<SyncQueue> | null = null;
let current: SyncQueue | null = null;
const waiters = new Set<() => void>();

/** The page's one queue over the browser's IndexedDB, started once: on open, `online` and a timer. */
export function fieldQueue(): Promise<SyncQueue> {
  opened ??= openQueueStore().then((store) => {
    const queue = createSyncQueue({ store, transport: sendBatch });
    queue.start();
    current = queue;
    for (const waiter of waiters) waiter();
    return queue;
  });
  return opened;
}

function subscribe(listener: () => void) {
  waiters.add(listener);
  const unsubscribe = current?.subscribe(listener);
  let late: (() => void) | undefined;
  if (!current) void fieldQueue().then((queue) => (late = queue.subscribe(listener)));
  return () => {
    waiters.delete(listener);
    unsubscribe?.();
    late?.();
  };
}

/** The queue's state, re-rendering on every change, and the queue once it is open. */
export function useFieldQueue(): { snapshot: QueueSnapshot; queue: SyncQueue | null } {
  useEffect(() => void fieldQueue(), []);
  const snapshot = useSyncExternalStore(subscribe, () => current?.getSnapshot() ?? emptySnapshot);
  return { snapshot, queue: current };
}
