import type { Scheme } from '@toandan/db/client';
import { database, db, sql } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { recordBoardFlush } from '../metrics.ts';
import { type BoardUpdate, boardKey, pubsub, redisCommands, type TallyChange } from '../pubsub.ts';
import { deliveringUpdates } from './boardFeed.ts';
import { boardLockKey } from './boardLock.ts';

/** What a committed enrolment or void changed: one scheme and day, for a chain of units. */
export interface CommittedChange {
  campaignId: string;
  /** The enrolment's unit and every ancestor, root first. */
  unitIds: number[];
  scheme: Scheme;
  day: string;
}

/**
 * Under a burst, each board sends at most one update per interval; at a trickle, at once.
 * LIVE_COALESCE_MS (checked by env.ts) trades delay for messages: docs/design.md, "Live boards".
 * 100 ms: at 10,000 subscribers, 150 ms put the delay's p99 at the 250-ms goal, 100 ms at 158
 * ms for 15% more messages (docs/performance.md).
 */
export const COALESCE_MS = env.LIVE_COALESCE_MS;
/** After a failed flush (the database away), its changes wait this long and go out again. */
const RETRY_MS = 1000;
/**
 * An outbox row still there this long after its instance took it on was left behind (the
 * instance died between its commit and its flush): any instance claims it and sends its
 * updates. Its own instance deletes it a flush or two after the commit, within 2 × COALESCE_MS
 * and a few round trips; a row claimed from an instance that was only slow sends its updates
 * twice, which is harmless (values are absolute, numbers new).
 */
export const ORPHANED_AFTER_MS = Math.max(3000, 3 * COALESCE_MS);
/** How often each instance looks for rows left behind. */
const ORPHAN_CHECK_MS = 1000;

interface Tally {
  campaignId: string;
  unitId: number;
  scheme: Scheme;
  day: string;
}

interface Numbered {
  /** [campaignId, unitId, sequence] per board. */
  sequences: [string, number, number][];
  /** [campaignId, unitId, scheme, day, today, cumulative, renewedToday, renewed, dueForRenewal, lapsed,
   * dueWithin7Days] per tally. */
  tallies: [string, number, Scheme, string, number, number, number, number, number, number, number][];
}

interface PendingBoard {
  campaignId: string;
  unitId: number;
  /** unitId:scheme:day → the tally to send again, merged until the next flush. */
  tallies: Map<string, Tally>;
  committedAt: number;
}

const pending = new Map<string, PendingBoard>();
/** Outbox rows whose changes are in `pending`: their updates go out with the next flush. */
let recorded: string[] = [];
/** Outbox rows whose updates went out: the next flush's statement deletes them. */
let sent: string[] = [];
/** Every outbox row this process is sending or deleting: not for it to claim as left behind. */
const held = new Set<string>();
const unitCodes = new Map<number, string>();
let timer: NodeJS.Timeout | null = null;
let flushing: Promise<void> | null = null;
let notBefore = 0;

/**
 * Called after a transaction committed (never before, so a rolled-back or refused submission
 * sends nothing). The change shows on the board of every unit in the chain: as the board's own
 * total, and as the row of the child on the way down. Nothing here survives this process:
 * what a statement also recorded in the outbox goes through publishRecorded, and the same
 * change given here again (submitEnrolment's, after writeBatch published its batch) only
 * merges into the tallies already waiting.
 */
export function publishCommitted(change: CommittedChange, committedAt = Date.now()): void {
  addChange(change, committedAt);
  schedule();
}

/**
 * Like publishCommitted, for the changes of one outbox row (`LiveOutbox`, written by the
 * statement that committed them): the row is deleted once their updates went out, so that no
 * other instance sends them again; if this process dies first, another one will.
 */
export function publishRecorded(
  outboxId: string,
  changes: CommittedChange[],
  committedAt = Date.now(),
): void {
  for (const change of changes) addChange(change, committedAt);
  recorded.push(outboxId);
  held.add(outboxId);
  schedule();
}

function addChange(change: CommittedChange, committedAt: number): void {
  // A late enrolment (yesterday's, synced today) also changes today's cumulative.
  const today = vnDay.today();
  const days = change.day < today ? [change.day, today] : [change.day];
  change.unitIds.forEach((unitId, index) => {
    const key = `${change.campaignId}:${unitId}`;
    let board = pending.get(key);
    if (!board) {
      board = { campaignId: change.campaignId, unitId, tallies: new Map(), committedAt };
      pending.set(key, board);
    } else if (committedAt < board.committedAt) {
      board.committedAt = committedAt;
    }
    for (const shown of [unitId, change.unitIds[index + 1]]) {
      if (shown === undefined) continue;
      for (const day of days) {
        board.tallies.set(`${shown}:${change.scheme}:${day}`, {
          campaignId: change.campaignId,
          unitId: shown,
          scheme: change.scheme,
          day,
        });
      }
    }
  });
}

/** What an outbox row holds per change: [campaignId, scheme, day, ...unitIds root first]. */
export type RecordedChange = [string, Scheme, string, ...number[]];

export function recordedChange(change: CommittedChange): RecordedChange {
  return [change.campaignId, change.scheme, change.day, ...change.unitIds];
}

/**
 * Claims the outbox rows that their instances left behind (older than ORPHANED_AFTER_MS) and
 * sends their updates from here, every ORPHAN_CHECK_MS; the claim renews the row's lease, so
 * that if this instance dies too, another claims it again. SKIP LOCKED: instances looking at
 * the same time share the rows out instead of queueing. Returns what stops it.
 */
export function recoverOrphanedChanges(): () => Promise<void> {
  let checking: Promise<void> | null = null;
  const timer = setInterval(() => {
    checking ??= claimOrphans()
      .catch((error: unknown) =>
        logger.error(`looking for live board updates left behind failed: ${(error as Error).message}`),
      )
      .finally(() => {
        checking = null;
      });
  }, ORPHAN_CHECK_MS);
  timer.unref();
  // What a look in progress claimed is in `pending` when this resolves, for publishedAll to send.
  return async () => {
    clearInterval(timer);
    await checking;
  };
}

async function claimOrphans(): Promise<void> {
  // Straight to the driver and not reported to onQuery: it is no request's work, and the tests
  // that count a request's round trips must not count it.
  const rows = await database.sql<{
    id: string;
    createdAt: Date | string;
    changes: RecordedChange[] | string;
  }>(
    `UPDATE "LiveOutbox" SET "leasedAt" = now()
     WHERE "id" IN (
       SELECT "id" FROM "LiveOutbox"
       WHERE "leasedAt" < now() - $1::int * interval '1 millisecond' AND "id" <> ALL($2::text[]::bigint[])
       ORDER BY "id" LIMIT 500 FOR UPDATE SKIP LOCKED
     )
     RETURNING "id"::text AS id, "createdAt", "changes"`,
    [ORPHANED_AFTER_MS, [...held]],
  );
  for (const row of rows) {
    const changes =
      typeof row.changes === 'string' ? (JSON.parse(row.changes) as RecordedChange[]) : row.changes;
    publishRecorded(
      row.id,
      changes.map(([campaignId, scheme, day, ...unitIds]) => ({ campaignId, scheme, day, unitIds })),
      new Date(row.createdAt).getTime(),
    );
  }
}

/**
 * One flush at a time for every board of the process: the first change after a quiet spell
 * goes out at once, and what arrives while a flush runs waits for the next one, at least
 * COALESCE_MS after the last began, and after this process has handed out the updates it
 * received (boardFeed.ts): so each board sends at most one update per interval, and fewer,
 * each with the latest values, when its subscribers are more than the process can serve in one.
 */
function schedule(): void {
  if (flushing || timer || (pending.size === 0 && sent.length === 0)) return;
  const wait = Math.max(0, notBefore - Date.now());
  timer = setTimeout(() => {
    timer = null;
    flushing = (deliveringUpdates() ?? Promise.resolve()).then(flush).finally(() => {
      flushing = null;
      schedule();
    });
  }, wait);
}

async function flush(): Promise<void> {
  notBefore = Date.now() + COALESCE_MS;
  const boards = [...pending.values()];
  pending.clear();
  const carried = recorded;
  recorded = [];
  const done = sent;
  sent = [];
  let updates: Map<PendingBoard, BoardUpdate>;
  try {
    updates = await numberAndRead(boards, done);
  } catch (error) {
    // Nothing was sent and no number was taken (the transaction rolled back): the changes go
    // back to wait, merged with whatever came meanwhile, so the latest values still go out.
    logger.error(`live board updates failed, retrying in ${RETRY_MS} ms: ${(error as Error).message}`);
    for (const board of boards) {
      const key = `${board.campaignId}:${board.unitId}`;
      const newer = pending.get(key);
      if (newer) for (const [tallyKey, tally] of board.tallies) newer.tallies.set(tallyKey, tally);
      if (newer) newer.committedAt = Math.min(newer.committedAt, board.committedAt);
      else pending.set(key, board);
    }
    recorded = carried.concat(recorded);
    sent = done.concat(sent);
    notBefore = Date.now() + RETRY_MS;
    return;
  }
  for (const id of done) held.delete(id);
  for (const [board, update] of updates) {
    pubsub.publish('board:updated', boardKey(board.campaignId, board.unitId), update);
  }
  recordBoardFlush(updates.keys());
  if (carried.length === 0) return;
  // The outbox rows go only once Redis has the updates (it answers in order, so one answer
  // after them says so): a process that dies after numbering but before publishing leaves its
  // rows, and the updates sent for them later show the lost numbers as a gap, which refetches.
  // Deleted by the next flush's statement: one round trip fewer under a burst.
  const published = await redisCommands()
    ?.ping()
    .then(
      () => true,
      () => false,
    );
  if (published !== false) sent.push(...carried);
  // Redis did not answer: the rows stay, and whichever instance claims them sends them again.
  else for (const id of carried) held.delete(id);
}

/**
 * Numbers each board's update and reads its values in one statement that holds the boards'
 * locks, so numbers and values move together: a board read (`loadBoard`, which takes the same
 * lock shared) lies wholly before or wholly after each update, and an update numbered after
 * another never carries older values, even with several instances flushing side by side.
 */
async function numberAndRead(
  boards: PendingBoard[],
  sentOutbox: string[],
): Promise<Map<PendingBoard, BoardUpdate>> {
  const locks = boards
    .map((board) => boardLockKey(board.campaignId, board.unitId))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const tallies = [
    ...new Map(
      boards.flatMap((board) =>
        [...board.tallies.values()].map(
          (tally) => [`${tally.campaignId}:${tally.unitId}:${tally.scheme}:${tally.day}`, tally] as const,
        ),
      ),
    ).values(),
  ];
  await loadUnitCodes(tallies.map((tally) => tally.unitId));

  // One statement: the locks, the numbers and the values (migration live_board_functions), and
  // the outbox rows of updates already sent deleted (migration live_outbox).
  const [row] = await sql<{ numbered: Numbered }>(
    `SELECT "toandan_number_board_updates"($1::text[]::bigint[], $2::text[], $3::int[], $4::text[], $5::int[],
       $6::text[]::"Scheme"[], $7::date[], $8::text[]::bigint[]) AS numbered`,
    [
      locks.map(String),
      boards.map((board) => board.campaignId),
      boards.map((board) => board.unitId),
      tallies.map((tally) => tally.campaignId),
      tallies.map((tally) => tally.unitId),
      tallies.map((tally) => tally.scheme),
      tallies.map((tally) => tally.day),
      sentOutbox,
    ],
  );
  if (!row) throw new Error('numbering returned nothing');
  const sequenceOf = new Map(
    row.numbered.sequences.map(([campaignId, unitId, sequence]) => [`${campaignId}:${unitId}`, sequence]),
  );
  const tallyValues = new Map(
    row.numbered.tallies.map(
      ([
        campaignId,
        unitId,
        scheme,
        day,
        today,
        cumulative,
        renewedToday,
        renewed,
        dueForRenewal,
        lapsed,
        dueWithin7Days,
      ]) => [
        `${campaignId}:${unitId}:${scheme}:${day}`,
        { today, cumulative, renewedToday, renewed, dueForRenewal, lapsed, dueWithin7Days },
      ],
    ),
  );
  const updates = new Map<PendingBoard, BoardUpdate>();
  for (const board of boards) {
    const changes: TallyChange[] = [...board.tallies.values()].map((tally) => {
      const value = tallyValues.get(`${tally.campaignId}:${tally.unitId}:${tally.scheme}:${tally.day}`);
      return {
        unitCode: unitCodes.get(tally.unitId) ?? String(tally.unitId),
        scheme: tally.scheme,
        date: tally.day,
        today: value?.today ?? 0,
        cumulative: value?.cumulative ?? 0,
        renewedToday: value?.renewedToday ?? 0,
        renewed: value?.renewed ?? 0,
        dueForRenewal: value?.dueForRenewal ?? 0,
        lapsed: value?.lapsed ?? 0,
        dueWithin7Days: value?.dueWithin7Days ?? 0,
        netGrowth: (value?.cumulative ?? 0) - (value?.lapsed ?? 0),
      };
    });
    const sequence = sequenceOf.get(`${board.campaignId}:${board.unitId}`);
    if (sequence === undefined) throw new Error(`no sequence was taken for board ${board.unitId}`);
    updates.set(board, { sequence, committedAt: board.committedAt, changes });
  }
  return updates;
}

/** Unit codes do not change; each is read once per process. */
async function loadUnitCodes(unitIds: number[]): Promise<void> {
  const missing = [...new Set(unitIds)].filter((id) => !unitCodes.has(id));
  if (missing.length === 0) return;
  const units = await db.unit.findMany({ where: { id: { in: missing } }, select: { id: true, code: true } });
  for (const unit of units) unitCodes.set(unit.id, unit.code);
}

/**
 * Resolves when every change committed so far has gone out (for shutdown and tests), or with
 * false after `timeoutMs` when they cannot (the database is away).
 */
export async function publishedAll(timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0 || sent.length > 0 || flushing || timer) {
    if (Date.now() > deadline) return false;
    if (timer && !flushing && notBefore - Date.now() < RETRY_MS / 2) {
      // Shutting down or a test waiting: no reason to sit out the coalescing interval.
      clearTimeout(timer);
      timer = null;
      notBefore = 0;
      schedule();
    }
    await (flushing ?? new Promise((resolve) => setTimeout(resolve, 5)));
  }
  return true;
}
