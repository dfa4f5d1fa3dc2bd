import type { Enrolment } from '@toandan/db/client';
import { counterSlots, counterWrites } from '@toandan/db/counters';
import { sql } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { type Actor, actorValues, auditColumns } from '../audit.ts';
import {
  type CommittedChange,
  publishRecorded,
  type RecordedChange,
  recordedChange,
} from '../live/boardPublisher.ts';
import { countedChain } from '../units/chains.ts';
import { references } from './references.ts';

/** An enrolment to write and who sent it. */
export interface EnrolmentToWrite {
  row: Omit<Enrolment, 'voidedAt' | 'voidReason' | 'voidedBy'>;
  actor: Actor;
}

/**
 * What insertCounted answers when the tree changed between the submission's checks and its
 * write (a reorganisation committed meanwhile): nothing was stored, and the submission is
 * checked again against the tree as it now stands.
 */
export const TREE_CHANGED = Symbol('the tree changed');

interface Waiting extends EnrolmentToWrite {
  resolve(stored: Enrolment | null | typeof TREE_CHANGED): void;
  reject(error: unknown): void;
}

/** At most this many enrolments in one statement. */
const MAX_BATCH = 200;
/** Statements in flight at once: while one commits, the next gathers what arrives. */
const IN_FLIGHT = 4;

const queue: Waiting[] = [];
let inFlight = 0;

/**
 * Writes an enrolment, adds it to the day counters of its unit and of every ancestor and to its
 * officer's, and records it in the audit trail and what it changed in the live boards' outbox,
 * all in one statement with the other enrolments that arrived meanwhile (group commit): under
 * load, one commit and one update of each hot counter for many submissions. Once committed, the
 * boards' updates are on their way (boardPublisher.ts), and they go out even if this process
 * dies before they do. Resolves with the stored row, or null when a unique key (the
 * idempotency key, or the cover key: a counted cover already follows the same one) was taken,
 * so nothing was stored or counted for it. The counters are those of the unit's chain on the
 * enrolment's day, with what it carries across later changes of the unit's place
 * (units/chains.ts), computed from the tree in memory and written only if that tree is still
 * the one in force (toandan_tree_guard, which waits while a reorganisation changes it): else
 * TREE_CHANGED, and nothing is written.
 */
export function insertCounted(enrolment: EnrolmentToWrite): Promise<Enrolment | null | typeof TREE_CHANGED> {
  return new Promise((resolve, reject) => {
    queue.push({ ...enrolment, resolve, reject });
    if (inFlight < IN_FLIGHT) setImmediate(drain);
  });
}

function drain(): void {
  if (inFlight >= IN_FLIGHT || queue.length === 0) return;
  const batch = queue.splice(0, MAX_BATCH);
  inFlight++;
  write(batch)
    .catch(async () => {
      // One enrolment that the database refuses (at COMMIT, say) must not sink the others:
      // each is written again on its own, and only the refused one fails.
      for (const one of batch) await write([one]).catch((error: unknown) => one.reject(error));
    })
    .finally(() => {
      inFlight--;
      drain();
    });
}

/**
 * $1 the rows (write, below), $2–$4 the chains of units flattened (which enrolment, which unit,
 * which counter slot), $5 the outbox row's changes, $6 the tree version the chains are of,
 * $7–$10 the opening balances carried (which enrolment, which unit, from which day, +1 or −1).
 * The counters are written through counterWrites, in the one lock order that every writer of
 * them keeps, and nothing at all unless the guard finds the tree unchanged.
 */
const WRITE_BATCH = `WITH guard AS (
     SELECT "toandan_tree_guard"($6::int) AS ok
   ), input AS (
     SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (id text, "campaignId" text, "unitId" int,
       "officerId" int, scheme "Scheme", "citizenIdSealed" text, "fullNameSealed" text, channel "Channel",
       "enrolledAt" timestamptz, day date, "receivedAt" timestamptz, "idempotencyKey" text, "requestDigest" text,
       "requestDigestVersion" smallint, "personKey" text, "submittedBy" text, "citizenKey" text, kind "EnrolmentKind",
       "coverageMonths" smallint, "coverageFrom" date, "coverageUntil" date, "renewsId" text, "renewsCoverageId" text, actor text, role text,
       "actorUnit" text, "tokenId" text, client text))
       WITH ORDINALITY AS t(id, "campaignId", "unitId", "officerId", scheme, "citizenIdSealed", "fullNameSealed",
         channel, "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", "requestDigestVersion",
         "personKey", "submittedBy", "citizenKey", kind, "coverageMonths", "coverageFrom", "coverageUntil", "renewsId",
         "renewsCoverageId", actor, role, "actorUnit", "tokenId", client, position)
   ), inserted AS (
     INSERT INTO "Enrolment" (id, "campaignId", "unitId", "officerId", scheme, "citizenIdSealed", "fullNameSealed",
       channel, "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", "requestDigestVersion",
       "personKey", "submittedBy", "citizenKey", kind, "coverageMonths", "coverageFrom", "coverageUntil", "renewsId",
       "renewsCoverageId")
     SELECT id, "campaignId", "unitId", "officerId", scheme, "citizenIdSealed", "fullNameSealed", channel,
            "enrolledAt", day, "receivedAt", "idempotencyKey", "requestDigest", "requestDigestVersion",
            "personKey", "submittedBy", "citizenKey", kind, "coverageMonths", "coverageFrom", "coverageUntil", "renewsId",
            "renewsCoverageId"
     FROM input WHERE (SELECT ok FROM guard) ORDER BY position
     ON CONFLICT DO NOTHING
     RETURNING id, "campaignId", "unitId", "officerId", scheme, day, kind, "coverageUntil", "renewsId", "renewsCoverageId"
   ), ${counterWrites({
     daily: `SELECT i."campaignId", c.unit_id AS "unitId", i.scheme, i.day, c.slot,
                    (i.kind = 'NEW')::int AS "count", (i.kind = 'RENEWAL')::int AS "renewed"
             FROM inserted i
             JOIN input n ON n.id = i.id
             JOIN unnest($2::int[], $3::int[], $4::int[]) AS c(enrolment, unit_id, slot) ON c.enrolment + 1 = n.position`,
     carried: `SELECT i."campaignId", k.unit_id AS "unitId", i.scheme, k.from_day AS "fromDay",
                      CASE WHEN i.kind = 'NEW' THEN k.n ELSE 0 END AS "count",
                      CASE WHEN i.kind = 'RENEWAL' THEN k.n ELSE 0 END AS "renewed"
               FROM inserted i
               JOIN input n ON n.id = i.id
               JOIN unnest($7::int[], $8::int[], $9::date[], $10::int[]) AS k(enrolment, unit_id, from_day, n)
                 ON k.enrolment + 1 = n.position`,
     // Each cover ends unrenewed at its end; a renewal's cover no longer ends at the one it
     // extends, an enrolment's or one of BHXH's list (ImportedCover).
     coverEnds: `SELECT "unitId", scheme, "coverageUntil" AS "endsOn", 1 AS "count", false AS alone FROM inserted
                 UNION ALL
                 SELECT r."unitId", r.scheme, r."coverageUntil", -1, false
                 FROM inserted i JOIN "Enrolment" r ON r.id = i."renewsId"
                 UNION ALL
                 SELECT r."unitId", r.scheme, r."coverageUntil", -1, false
                 FROM inserted i JOIN "ImportedCover" r ON r.id = i."renewsCoverageId"`,
     officers: `SELECT "campaignId", "officerId", scheme, (kind = 'NEW')::int AS "count",
                       (kind = 'RENEWAL')::int AS "renewed" FROM inserted`,
   })}, audited AS (
     INSERT INTO "AuditEvent" (${auditColumns})
     SELECT 'SUBMIT_ENROLMENT', n.actor, n.role, n."actorUnit", n."tokenId", n.client, i.id,
            jsonb_build_object('campaignId', i."campaignId", 'unitId', i."unitId", 'scheme', i.scheme, 'day', i.day)
     FROM inserted i JOIN input n ON n.id = i.id
     ORDER BY n.position
   ), recorded AS (
     INSERT INTO "LiveOutbox" ("changes") SELECT $5::json WHERE EXISTS (SELECT 1 FROM inserted)
     RETURNING "id"::text AS id
   )
   SELECT id, NULL AS outbox, NULL::boolean AS stale FROM inserted
   UNION ALL SELECT NULL, id, NULL FROM recorded
   UNION ALL SELECT NULL, NULL, true FROM guard WHERE NOT ok`;

/**
 * The batch travels as one JSON parameter, rows keyed by column, which the database unpacks
 * with json_to_recordset: JSON.stringify is native, where twenty array parameters would have
 * the driver escape every value one by one. Each row is one object literal of one shape: a
 * spread of the stored row made objects that V8 keeps as dictionaries and stringifies slowly
 * (docs/performance.md).
 */
async function write(batch: Waiting[]): Promise<void> {
  const rows = batch.map(({ row, actor }) => {
    const [actorSubject, role, actorUnit, tokenId, client] = actorValues(actor);
    return {
      id: row.id,
      campaignId: row.campaignId,
      unitId: row.unitId,
      officerId: row.officerId,
      scheme: row.scheme,
      citizenIdSealed: row.citizenIdSealed,
      fullNameSealed: row.fullNameSealed,
      channel: row.channel,
      enrolledAt: row.enrolledAt.toISOString(),
      day: row.day.toISOString().slice(0, 10),
      receivedAt: row.receivedAt.toISOString(),
      idempotencyKey: row.idempotencyKey,
      requestDigest: row.requestDigest,
      requestDigestVersion: row.requestDigestVersion,
      personKey: row.personKey,
      submittedBy: row.submittedBy,
      citizenKey: row.citizenKey,
      kind: row.kind,
      coverageMonths: row.coverageMonths,
      coverageFrom: row.coverageFrom.toISOString().slice(0, 10),
      coverageUntil: row.coverageUntil.toISOString().slice(0, 10),
      renewsId: row.renewsId,
      renewsCoverageId: row.renewsCoverageId,
      actor: actorSubject,
      role,
      actorUnit,
      tokenId,
      client,
    };
  });
  // The chains of units, flattened: which enrolment, which unit, which counter slot; and what
  // each carries across later changes of its unit's place.
  const tree = await references.tree();
  const chainOf: number[] = [];
  const chainUnit: number[] = [];
  const chainSlot: number[] = [];
  const carriedOf: number[] = [];
  const carriedUnit: number[] = [];
  const carriedDay: string[] = [];
  const carriedCount: number[] = [];
  // What the batch changes on the boards, once per unit, scheme and day, for the outbox: those
  // of enrolments that a unique key turns away too, which would only send a board its values again.
  const changes: CommittedChange[][] = [];
  const outbox = new Map<string, RecordedChange>();
  const today = vnDay.today();
  let unknown = false;
  batch.forEach((waiting, index) => {
    const { campaignId, scheme, day } = rows[index] as (typeof rows)[number];
    const unit = tree.byId.get(waiting.row.unitId);
    if (!unit) {
      unknown = true;
      changes.push([]);
      return;
    }
    const counted = countedChain(unit, day);
    const slots = counterSlots(counted.chain);
    const unitIds = counted.chain.map((link, position) => {
      chainOf.push(index);
      chainUnit.push(link.id);
      chainSlot.push(slots[position] ?? 0);
      return link.id;
    });
    for (const carried of counted.carried) {
      carriedOf.push(index);
      carriedUnit.push(carried.unitId);
      carriedDay.push(carried.fromDay);
      carriedCount.push(carried.count);
    }
    const mine = [{ campaignId, unitIds, scheme, day }];
    // Carried into the ancestors it has now: their boards of today show it.
    if (counted.carried.some((carried) => carried.fromDay <= today))
      mine.push({ campaignId, unitIds: [...unit.ancestorIds, unit.id], scheme, day: today });
    changes.push(mine);
    for (const change of mine)
      outbox.set(
        `${change.campaignId}:${change.unitIds.join('.')}:${change.scheme}:${change.day}`,
        recordedChange(change),
      );
  });
  // A unit the tree in memory does not hold yet (added a moment ago on another instance).
  if (unknown) {
    references.forgetHere();
    for (const { resolve } of batch) resolve(TREE_CHANGED);
    return;
  }

  const stored = await sql<{ id: string | null; outbox: string | null; stale: boolean | null }>(WRITE_BATCH, [
    JSON.stringify(rows),
    chainOf,
    chainUnit,
    chainSlot,
    JSON.stringify([...outbox.values()]),
    tree.version,
    carriedOf,
    carriedUnit,
    carriedDay,
    carriedCount,
  ]);
  if (stored.some((row) => row.stale)) {
    references.forgetHere();
    for (const { resolve } of batch) resolve(TREE_CHANGED);
    return;
  }
  // What was stored is what was sent: the row is answered without reading it back.
  const storedIds = new Set<string | null>();
  let outboxId: string | null = null;
  for (const { id, outbox } of stored) {
    if (outbox) outboxId = outbox;
    else storedIds.add(id);
  }
  if (outboxId) {
    publishRecorded(
      outboxId,
      changes.filter((_, index) => storedIds.has(batch[index]?.row.id ?? null)).flat(),
    );
  }
  for (const { row, resolve } of batch) {
    resolve(storedIds.has(row.id) ? { ...row, voidedAt: null, voidReason: null, voidedBy: null } : null);
  }
}
