import type { Indicator } from '@toandan/db/client';

/**
 * What the database knows of one unit in one imported indicator on one day (loadFigureNodes
 * reads it in one statement for every unit the report's figures depend on).
 */
export interface FigureNode {
  unitId: number;
  day: string;
  indicator: Indicator;
  /** The unit's own latest imported figure on or before `day`, and its day. */
  imported: number | null;
  importedOn: string | null;
  /**
   * What this system counted for the unit (its subtree as it stood on each enrolment's day) with
   * an enrolment day after `importedOn` up to `day`, less the covers that lapsed in that time (a
   * first uncovered day after `importedOn` up to `day`, without renewal); without an import and
   * without children, everything it counted up to `day` less every lapse before it; 0 otherwise.
   * NEW enrolments only: a renewal keeps a participant the figure already has.
   */
  counted: number;
  /** Whether any enrolment at all falls in that count (a count of 0 from nothing is no figure). */
  countedAny: boolean;
  /**
   * The units below it on `day`, as the tree stood then: listed where a figure of the unit sums
   * them (no import in some indicator) and for the report's own unit on its day, empty elsewhere;
   * `hasChildren` says whether it has any in every case.
   */
  children: number[];
  hasChildren: boolean;
  /**
   * Units merged into it that its figure takes over, each with its last day before the merge:
   * those merged after its own import (which they are not in), or every one when it has none.
   */
  predecessors: { unitId: number; day: string }[];
}

export interface UnitFigure {
  participants: number;
  /** The imported figure's day; for a sum, the earliest of the imported figures it adds. */
  importedOn: string | null;
}

export const nodeKey = (unitId: number, day: string, indicator: Indicator) => `${unitId}:${day}:${indicator}`;

/**
 * The figure of a unit in an imported indicator on a day (API.md, "Participation"), from the
 * nodes that loadFigureNodes read:
 * - a unit with an imported figure on or before the day: that figure, plus what was counted
 *   for it after the figure's day less what lapsed since, plus the figures of the units merged
 *   into it since (on the day before their merge: BHXH's figure of the successor takes them in
 *   from its next import);
 * - a unit without one: the sum of its children's figures as the tree stood on the day, and
 *   of its merged predecessors' that had no children (a merged unit that had children handed
 *   them over, and they are summed as children);
 * - a unit with neither an import nor children: what was counted for it up to the day less
 *   what lapsed, at least 0, plus its merged predecessors'.
 * null when nothing is known: no imported figure anywhere in it and nothing counted.
 */
export function unitFigures(nodes: ReadonlyMap<string, FigureNode>) {
  const memo = new Map<string, UnitFigure | null>();

  const nodeOf = (unitId: number, day: string, indicator: Indicator): FigureNode => {
    const node = nodes.get(nodeKey(unitId, day, indicator));
    if (!node) throw new Error(`no figure node for unit ${unitId} on ${day} (${indicator})`);
    return node;
  };

  const figureOf = (unitId: number, day: string, indicator: Indicator): UnitFigure | null => {
    const key = nodeKey(unitId, day, indicator);
    if (memo.has(key)) return memo.get(key) ?? null;
    const node = nodeOf(unitId, day, indicator);
    const parts: UnitFigure[] = [];
    const add = (figure: UnitFigure | null) => {
      if (figure) parts.push(figure);
    };
    let own: UnitFigure | null = null;
    if (node.imported !== null) {
      own = { participants: node.imported + node.counted, importedOn: node.importedOn };
      for (const p of node.predecessors) add(figureOf(p.unitId, p.day, indicator));
    } else if (node.hasChildren) {
      for (const child of node.children) add(figureOf(child, day, indicator));
      for (const p of node.predecessors) {
        if (!nodeOf(p.unitId, p.day, indicator).hasChildren) add(figureOf(p.unitId, p.day, indicator));
      }
    } else {
      // At least 0: the lapses of covers from BHXH's list (importCoverage) are among those
      // taken away, and without an imported figure nothing added those people.
      if (node.countedAny) own = { participants: Math.max(0, node.counted), importedOn: null };
      for (const p of node.predecessors) add(figureOf(p.unitId, p.day, indicator));
    }
    const figure = sumOf(own ? [own, ...parts] : parts);
    memo.set(key, figure);
    return figure;
  };

  return figureOf;
}

/** The sum of figures, dated by the earliest import among them; null for none. */
export function sumOf(figures: readonly UnitFigure[]): UnitFigure | null {
  if (figures.length === 0) return null;
  const days = figures.flatMap((figure) => (figure.importedOn ? [figure.importedOn] : []));
  return {
    participants: figures.reduce((sum, figure) => sum + figure.participants, 0),
    importedOn: days.length ? (days.sort()[0] as string) : null,
  };
}
