import { db } from '@toandan/db/db';
import { childrenOnSql } from '../units/placements.ts';
import { indicators } from './indicators.ts';
import { type FigureNode, nodeKey } from './unitFigures.ts';

/** The indicators that are imported, and the schemes counted for each after an import. */
const IMPORTED = indicators.filter((rule) => rule.imported);
const PAIRS = IMPORTED.flatMap((rule) => rule.schemes.map((scheme) => [rule.code, scheme] as const));

/** A node as the statement returns it: lists as null when empty, predecessors as [id, day] pairs. */
interface NodeRow extends Omit<FigureNode, 'children' | 'predecessors'> {
  children: number[] | null;
  predecessors: [number, string][] | null;
}

/** The unit's own latest imported figure of `indicator` on or before `day`. */
const importOn = (unit: string, indicator: string, day: string) =>
  `SELECT pc.participants, pc.day FROM "ParticipantCount" pc
   WHERE pc."unitId" = ${unit} AND pc.indicator = ${indicator} AND pc.day <= ${day}
   ORDER BY pc.day DESC LIMIT 1`;

/** The units merged into `unit` whose figures its figure on `day` takes over (FigureNode.predecessors). */
const predecessorsOf = (unit: string, day: string, importedOn: string) =>
  `SELECT m.id AS unit_id, m."mergedOn" - 1 AS last_day FROM "Unit" m
   WHERE m."mergedIntoId" = ${unit} AND m."mergedOn" <= ${day}
     AND (${importedOn} IS NULL OR m."mergedOn" > ${importedOn})`;

/**
 * The statement of loadFigureNodes: $1 the unit, $2 its report day (its children on that day are
 * the report's rows), $3 the days to compute, $4 the imported indicators, $5 and $6 the schemes
 * counted for each.
 */
const FIGURE_NODES = `WITH RECURSIVE
  seeds AS (
    SELECT $1::int AS unit_id
    UNION
    SELECT c.unit_id FROM (${childrenOnSql('$1::int', '$2::date')}) c
  ),
  walk(unit_id, t, indicator, imported, imported_on) AS (
    SELECT s.unit_id, d.t, i.indicator, imp.participants, imp.day
    FROM seeds s
    CROSS JOIN unnest($3::date[]) AS d(t)
    CROSS JOIN (SELECT i::"Indicator" AS indicator FROM unnest($4::text[]) AS i) i
    LEFT JOIN LATERAL (${importOn('s.unit_id', 'i.indicator', 'd.t')}) imp ON true
    UNION
    SELECT nxt.unit_id, nxt.t, w.indicator, imp.participants, imp.day
    FROM walk w
    CROSS JOIN LATERAL (
      SELECT c.unit_id, w.t FROM (${childrenOnSql('w.unit_id', 'w.t')}) c WHERE w.imported_on IS NULL
      UNION ALL
      SELECT m.unit_id, m.last_day FROM (${predecessorsOf('w.unit_id', 'w.t', 'w.imported_on')}) m
    ) AS nxt(unit_id, t)
    LEFT JOIN LATERAL (${importOn('nxt.unit_id', 'w.indicator', 'nxt.t')}) imp ON true
  ),
  pairs AS (
    SELECT i::"Indicator" AS indicator, s::"Scheme" AS scheme FROM unnest($5::text[], $6::text[]) AS p(i, s)
  ),
  -- What a unit's place holds on a day is the same for every indicator: read once per unit and
  -- day. Its children are listed only where a figure sums them (no import in some indicator) and
  -- for the report's own unit (its rows); elsewhere whether it has any is enough (a merged
  -- predecessor with children handed them over). Listing every province's hundred communes was
  -- a fifth of the nation's report.
  places AS (
    SELECT pl.unit_id, pl.t, kids.ids AS children, has.any AS has_children, preds.list AS predecessors
    FROM (SELECT unit_id, t, bool_or(imported_on IS NULL) AS sums FROM walk GROUP BY unit_id, t) pl
    LEFT JOIN LATERAL (
      SELECT array_agg(c.unit_id ORDER BY c.unit_id) AS ids FROM (${childrenOnSql('pl.unit_id', 'pl.t')}) c
      WHERE pl.sums OR (pl.unit_id = $1::int AND pl.t = $2::date)
    ) kids ON true
    LEFT JOIN LATERAL (
      SELECT EXISTS (SELECT 1 FROM (${childrenOnSql('pl.unit_id', 'pl.t')}) c) AS any
    ) has ON true
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_array(m.unit_id, to_char(m.last_day, 'YYYY-MM-DD'))) AS list
      FROM (${predecessorsOf('pl.unit_id', 'pl.t', 'NULL::date')}) m
    ) preds ON true
  ),
  -- Every counter row the figures may add, read once by the counters' primary keys: the walk's
  -- units over the campaigns whose days overlap the widest window, summed over slots; and the
  -- covers that lapsed in it (CoverEndCount: a cover ending on E lapses on E + 1, so it is
  -- counted on that day, as an enrolment on its own day, and a renewal has moved it away).
  -- Each is summed into its cut: the first of the walk's days and imports' days on or after its
  -- own (a figure adds what falls after an import up to a day, so those bounds are all it needs).
  -- A commune has cover ends on most days: joining every day's row to every figure doubled the
  -- statement.
  span AS (SELECT min(COALESCE(imported_on, '-infinity'::date)) AS after, max(t) AS upto FROM walk),
  cuts AS (
    SELECT array_agg(DISTINCT c ORDER BY c) AS days
    FROM (SELECT t AS c FROM walk UNION SELECT imported_on FROM walk WHERE imported_on IS NOT NULL) x
  ),
  counters AS (
    SELECT x.unit_id, x.scheme, b.day, sum(x.n) AS n, sum(x.lapsed) AS lapsed FROM (
      SELECT dc."unitId" AS unit_id, dc.scheme, dc.day, dc."count" AS n, NULL::int AS lapsed
      FROM span, "Campaign" c
      JOIN "DailyCount" dc ON dc."campaignId" = c.id
      WHERE c."startsOn" <= span.upto AND c."endsOn" > span.after
        AND dc."unitId" IN (SELECT unit_id FROM places) AND dc.day > span.after AND dc.day <= span.upto
      UNION ALL
      SELECT ce."unitId", ce.scheme, ce."endsOn" + 1, NULL, ce."count"
      FROM span, "CoverEndCount" ce
      WHERE ce."unitId" IN (SELECT unit_id FROM places) AND ce.scheme = ANY(ARRAY(SELECT DISTINCT scheme FROM pairs))
        AND ce."endsOn" >= span.after AND ce."endsOn" < span.upto
    ) x
    -- The cut after those before the day (width_bucket counts them in one call, where a subquery
    -- per row cost as much as reading the rows).
    CROSS JOIN LATERAL (SELECT cuts.days[width_bucket(x.day - 1, cuts.days) + 1] AS day FROM cuts) b
    GROUP BY 1, 2, 3
  ),
  -- Summed by the walk's own columns only: grouping by the places' arrays too sorted every row
  -- by a hundred children (a third of the statement's time for the nation's report).
  counted AS (
    SELECT w.unit_id, w.t, w.indicator, w.imported, w.imported_on,
           (COALESCE(sum(k.n), 0) - COALESCE(sum(k.lapsed), 0))::int AS counted, count(k.n) > 0 AS counted_any
    FROM walk w
    JOIN places pl ON pl.unit_id = w.unit_id AND pl.t = w.t
    LEFT JOIN pairs p ON p.indicator = w.indicator AND (w.imported_on IS NOT NULL OR NOT pl.has_children)
    LEFT JOIN counters k ON k.unit_id = w.unit_id AND k.scheme = p.scheme
      AND k.day > COALESCE(w.imported_on, '-infinity'::date) AND k.day <= w.t
    GROUP BY w.unit_id, w.t, w.indicator, w.imported, w.imported_on
  )
  SELECT c.unit_id AS "unitId", to_char(c.t, 'YYYY-MM-DD') AS day, c.indicator::text AS indicator,
         c.imported, to_char(c.imported_on, 'YYYY-MM-DD') AS "importedOn",
         pl.children, pl.has_children AS "hasChildren", pl.predecessors, c.counted, c.counted_any AS "countedAny"
  FROM counted c
  JOIN places pl ON pl.unit_id = c.unit_id AND pl.t = c.t`;

/**
 * What the figures of `rootId` and of its children on `asOf` depend on, on each of `days`, in
 * one statement whatever the tree's size: a recursive walk from those units down to where
 * imported figures stand (a unit with its own figure is not looked into; one without sums its
 * children as the tree stood on the day, and the units merged into it), then, for every unit
 * reached, its imported figure and what the counters hold after it. It reads counters, imports
 * and the tree, never an enrolment. The counters are DailyCount's NEW enrolments (each under
 * the tree of its own day; a renewal keeps a participant and is no +1), over the campaigns
 * whose days overlap the window, less the lapses of CoverEndCount (covers ended unrenewed,
 * whatever campaign sold them), by their primary keys.
 */
export async function loadFigureNodes(
  rootId: number,
  asOf: string,
  days: readonly string[],
): Promise<Map<string, FigureNode>> {
  // PostgreSQL would compile this statement to machine code (JIT: its estimates of a recursive
  // walk are large), which took twenty times as long as running it; it is off for this
  // statement alone.
  const [, rows] = await db.$transaction([
    db.$executeRawUnsafe('SET LOCAL jit = off'),
    db.$queryRawUnsafe<NodeRow[]>(
      FIGURE_NODES,
      rootId,
      asOf,
      [...days],
      IMPORTED.map((rule) => rule.code),
      PAIRS.map(([indicator]) => indicator),
      PAIRS.map(([, scheme]) => scheme),
    ),
  ]);
  const nodes = new Map<string, FigureNode>();
  for (const row of rows) {
    nodes.set(nodeKey(row.unitId, row.day, row.indicator), {
      unitId: row.unitId,
      day: row.day,
      indicator: row.indicator,
      imported: row.imported === null ? null : Number(row.imported),
      importedOn: row.importedOn,
      counted: Number(row.counted),
      countedAny: row.countedAny,
      children: row.children ?? [],
      hasChildren: row.hasChildren,
      // Every unit merged into it by the day; those merged after its own import, when it has one.
      predecessors: (row.predecessors ?? [])
        .filter(([, lastDay]) => row.importedOn === null || lastDay >= row.importedOn)
        .map(([unitId, day]) => ({ unitId, day })),
    });
  }
  return nodes;
}
