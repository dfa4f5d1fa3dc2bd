import type { Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { boardKey, pubsub, type TallyChange } from '../pubsub.ts';

/** What a committed enrolment or void changed: one scheme and day, for a chain of units. */
export interface CommittedChange {
  campaignId: string;
  /** The enrolment's unit and every ancestor, root first. */
  unitIds: number[];
  scheme: Scheme;
  day: string;
}

/** Under a burst, each board sends at most one update per interval; at a trickle, at once. */
export const COALESCE_MS = 150;

interface BoardState {
  /** unitId:scheme:day → the tally to send again, merged until the next update. */
  pending: Map<string, { unitId: number; scheme: Scheme; day: string }>;
  running: boolean;
  lastSentAt: number;
}

const boards = new Map<string, BoardState>();
const unitCodes = new Map<number, string>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Called after a transaction committed (never before, so a rolled-back or refused submission
 * sends nothing). The change shows on the board of every unit in the chain: as the board's own
 * total, and as the row of the child on the way down.
 */
export function publishCommitted(change: CommittedChange): void {
  change.unitIds.forEach((unitId, index) => {
    const key = boardKey(change.campaignId, unitId);
    const state = boards.get(key) ?? { pending: new Map(), running: false, lastSentAt: 0 };
    boards.set(key, state);
    // A late enrolment (yesterday's, synced today) also changes today's cumulative.
    const today = vnDay.today();
    const days = change.day < today ? [change.day, today] : [change.day];
    for (const shown of [unitId, change.unitIds[index + 1]]) {
      if (shown === undefined) continue;
      for (const day of days)
        state.pending.set(`${shown}:${change.scheme}:${day}`, { unitId: shown, scheme: change.scheme, day });
    }
    if (!state.running) void drain(change.campaignId, unitId, state);
  });
}

/** Sends a board's pending changes, one update at a time, merging what arrives meanwhile. */
async function drain(campaignId: string, unitId: number, state: BoardState): Promise<void> {
  state.running = true;
  try {
    while (state.pending.size > 0) {
      const wait = state.lastSentAt + COALESCE_MS - Date.now();
      if (wait > 0) await sleep(wait);
      const tallies = [...state.pending.values()];
      state.pending.clear();
      state.lastSentAt = Date.now();
      const update = await buildUpdate(campaignId, unitId, tallies);
      pubsub.publish('board:updated', boardKey(campaignId, unitId), update);
    }
  } catch (error) {
    // A lost update is repaired by the next one or by a refetch; it must not stop the server.
    console.error(`board update for ${campaignId}:${unitId} failed: ${(error as Error).message}`);
  } finally {
    state.running = false;
  }
}

/**
 * Takes the board's next sequence number first, then reads the values: a board read before
 * this number was taken can only hold older values than the ones sent with it.
 */
async function buildUpdate(
  campaignId: string,
  unitId: number,
  tallies: { unitId: number; scheme: Scheme; day: string }[],
) {
  const [{ sequence } = { sequence: 0 }] = await db.$queryRaw<{ sequence: number }[]>`
    INSERT INTO "BoardSequence" ("campaignId", "unitId", "sequence") VALUES (${campaignId}, ${unitId}, 1)
    ON CONFLICT ("campaignId", "unitId") DO UPDATE SET "sequence" = "BoardSequence"."sequence" + 1
    RETURNING "sequence"`;
  const unitIds = [...new Set(tallies.map((tally) => tally.unitId))];
  const missing = unitIds.filter((id) => !unitCodes.has(id));
  if (missing.length > 0) {
    for (const unit of await db.unit.findMany({
      where: { id: { in: missing } },
      select: { id: true, code: true },
    })) {
      unitCodes.set(unit.id, unit.code);
    }
  }
  const days = [...new Set(tallies.map((tally) => tally.day))];
  const changes: TallyChange[] = [];
  for (const day of days) {
    const rows = await db.$queryRaw<{ unitId: number; scheme: Scheme; today: number; cumulative: number }[]>`
      SELECT "unitId", "scheme",
             COALESCE(sum("count") FILTER (WHERE "day" = ${vnDay.toDateColumn(day)}::date), 0)::int AS "today",
             COALESCE(sum("count"), 0)::int AS "cumulative"
      FROM "DailyCount"
      WHERE "campaignId" = ${campaignId} AND "unitId" = ANY(${unitIds}::int[]) AND "day" <= ${vnDay.toDateColumn(day)}::date
      GROUP BY 1, 2`;
    for (const tally of tallies.filter((t) => t.day === day)) {
      const row = rows.find((r) => r.unitId === tally.unitId && r.scheme === tally.scheme);
      changes.push({
        unitCode: unitCodes.get(tally.unitId) ?? String(tally.unitId),
        scheme: tally.scheme,
        date: day,
        today: row?.today ?? 0,
        cumulative: row?.cumulative ?? 0,
      });
    }
  }
  return { sequence: Number(sequence), changes };
}

/** Resolves when every board has sent what it had pending (for shutdown and tests). */
export async function publishedAll(): Promise<void> {
  while ([...boards.values()].some((state) => state.running || state.pending.size > 0)) await sleep(10);
}
