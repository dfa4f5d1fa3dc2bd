import { db } from '@toandan/db/db';
import { audited } from '../audit.ts';
import { builder } from '../builder.ts';
import { notFound } from '../lookups.ts';
import {
  MAX_BULK_ROWS,
  MAX_PARTICIPANTS,
  setParticipantCounts,
  setPlans,
  setPopulations,
} from '../participation/importFigures.ts';
import { indicators } from '../participation/indicators.ts';
import {
  loadParticipation,
  type ParticipationFigureData,
  type ParticipationReportData,
  type ParticipationRowData,
} from '../participation/loadParticipation.ts';
import { BulkPayload } from './target.ts';
import { Unit } from './unit.ts';

// The briefing report (báo cáo giao ban, API.md "Participation"): participants as of a day
// against the year's plan and the coverage base, with the data it is made of.

export const IndicatorEnum = builder.enumType('Indicator', {
  description:
    'What the briefing report counts (chỉ tiêu): the schemes, health insurance as a whole and by group, social insurance as a whole, and every participant once.',
  values: Object.fromEntries(
    indicators.map((rule) => [
      rule.code,
      {
        description: `${rule.en} (${rule.vi}).${
          rule.code === 'ALL_PARTICIPANTS'
            ? ' A person in several schemes counts once: imported only, never a sum of schemes, no coverage rate.'
            : rule.code === 'SOCIAL_INSURANCE'
              ? ' COMPULSORY_SI + VOLUNTARY_SI (a person pays into one of them): computed by the report, never imported; it takes plans like the others.'
              : rule.code === 'HEALTH'
                ? ' Every health-insurance group together, imported as BHXH reports it; what this system counts after an import is its three groups.'
                : ''
        }`,
      },
    ]),
  ) as Record<(typeof indicators)[number]['code'], { description: string }>,
});

const CoverageBaseEnum = builder.enumType('CoverageBase', {
  description: 'What a coverage rate (tỷ lệ bao phủ) is a share of.',
  values: {
    POPULATION: { description: 'The population (dân số): health insurance and its groups.' },
    LABOUR_FORCE: {
      description:
        'The labour force of working age (lực lượng lao động trong độ tuổi): social insurance and unemployment insurance.',
    },
  },
});

const ParticipationFigure = builder.objectRef<ParticipationFigureData>('ParticipationFigure').implement({
  description:
    'One indicator of a unit (its whole subtree) on the report day: participants against the year’s plan, the change since last month and since last December, and coverage.',
  fields: (t) => ({
    indicator: t.expose('indicator', { type: IndicatorEnum, description: 'The indicator.' }),
    participants: t.exposeInt('participants', {
      description:
        'Participants on the day (số người tham gia): the unit’s latest imported figure on or before it, plus what this system counted for it after that figure’s day (new enrolments of the indicator’s schemes); a unit without a figure of its own sums its children’s as the tree stood on the day.',
    }),
    importedOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The day of the imported figure used; for a sum of children, the earliest of theirs; null when no imported figure is in it.',
      resolve: (figure) => figure.importedOn,
    }),
    planned: t.exposeInt('planned', {
      nullable: true,
      description:
        'The year’s plan (kế hoạch giao): its number, or else its coverage target × the coverage base, rounded up; null without a plan.',
    }),
    percentOfPlan: t.exposeFloat('percentOfPlan', {
      nullable: true,
      description:
        'participants ÷ planned × 100, unrounded (đạt % kế hoạch giao); null without a plan above 0.',
    }),
    changeSinceLastMonth: t.exposeInt('changeSinceLastMonth', {
      nullable: true,
      description:
        'participants − the figure on the last day of the previous month, computed the same way (tăng so với tháng trước); null when nothing is known for that day.',
    }),
    changeSinceDecember: t.exposeInt('changeSinceDecember', {
      nullable: true,
      description:
        'participants − the figure on 31 December of the previous year (tăng so với tháng 12 năm trước); null when nothing is known for that day.',
    }),
    coverageBase: t.field({
      type: CoverageBaseEnum,
      nullable: true,
      description: 'POPULATION for HEALTH and its groups, LABOUR_FORCE otherwise; null for ALL_PARTICIPANTS.',
      resolve: (figure) => figure.coverageBase,
    }),
    coverageRate: t.exposeFloat('coverageRate', {
      nullable: true,
      description:
        'participants ÷ the coverage base × 100, unrounded (tỷ lệ bao phủ), with the latest population on or before the report day’s year; null without one.',
    }),
    coverageTargetPercent: t.exposeFloat('coverageTargetPercent', {
      nullable: true,
      description:
        'The plan’s coverage target in % of the base (e.g. 95 for 95% of the population); null without one.',
    }),
    remainingToPlan: t.exposeInt('remainingToPlan', {
      nullable: true,
      description: 'planned − participants, at least 0 (còn phải phát triển); null without a plan.',
    }),
    requiredDailyPace: t.exposeInt('requiredDailyPace', {
      nullable: true,
      description:
        'remainingToPlan over the days left to 31 December (after the report day), rounded up; 0 once the plan is met; null without a plan, or on 31 December with some still missing.',
    }),
    metPlan: t.exposeBoolean('metPlan', {
      description: 'A plan is set and participants ≥ planned (hoàn thành chỉ tiêu).',
    }),
    rank: t.exposeInt('rank', {
      nullable: true,
      description:
        'Among the report’s rows by percentOfPlan, 1 the highest, ties sharing a rank (1, 1, 3); null in the totals and without a plan.',
    }),
  }),
});

const ParticipationRow = builder.objectRef<ParticipationRowData>('ParticipationRow').implement({
  description: 'One child unit of the report’s unit as the tree stood on the report day.',
  fields: (t) => ({
    unit: t.field({ type: Unit, description: 'The child unit.', resolve: (row) => row.unit }),
    figures: t.field({
      complexity: { field: 1, multiplier: indicators.length },
      type: [ParticipationFigure],
      description: 'One per indicator with a figure, in the order of the Indicator enum.',
      resolve: (row) => row.figures,
    }),
  }),
});

const ParticipationReport = builder.objectRef<ParticipationReportData>('ParticipationReport').implement({
  description:
    'The briefing report (báo cáo giao ban) of a unit on a day: participants, % of the year’s plan, change since last month and since last December, and coverage, for the unit and each of its children.',
  fields: (t) => ({
    unit: t.field({ type: Unit, description: 'The unit reported on.', resolve: (report) => report.unit }),
    asOf: t.field({ type: 'Date', description: 'The report day.', resolve: (report) => report.asOf }),
    totals: t.field({
      complexity: { field: 1, multiplier: indicators.length },
      type: [ParticipationFigure],
      description: 'The unit itself (its whole subtree), one per indicator with a figure.',
      resolve: (report) => report.totals,
    }),
    rows: t.field({
      // A province had up to about thirty district-level units, and has about a hundred communes since July 2025.
      complexity: { field: 1, multiplier: 100 },
      type: [ParticipationRow],
      description:
        'One per child unit as the tree stood on the report day (the provincial office, BHXH tỉnh, first; then in Vietnamese alphabetical order): a unit merged away since is still listed with its own figures, one added since is not.',
      resolve: (report) => report.rows,
    }),
  }),
});

builder.queryField('participation', (t) =>
  t.field({
    type: ParticipationReport,
    description:
      'The briefing report of a unit on a day. Aggregates only: every role may read it. It reads imported figures, plans and counters, never the enrolments, in the same few statements whatever the tree’s size; an unknown unit is NOT_FOUND.',
    args: {
      unitCode: t.arg.string({
        required: true,
        description: 'Official code of the unit ("VN", "38", "395").',
      }),
      asOf: t.arg({
        type: 'Date',
        required: true,
        description: 'The report day, e.g. the last day of a month.',
      }),
    },
    resolve: async (_root, { unitCode, asOf }) => {
      const unit = await db.unit.findUnique({ where: { code: unitCode.trim() } });
      if (!unit) throw notFound(`No unit has the code "${unitCode}".`);
      return loadParticipation(unit, asOf);
    },
  }),
);

const ParticipantCountInput = builder.inputType('ParticipantCountInput', {
  description: 'One imported figure: the participants of a unit (its whole subtree) in one indicator.',
  fields: (t) => ({
    unitCode: t.string({ required: true, description: 'Official code of the unit.' }),
    indicator: t.field({
      type: IndicatorEnum,
      required: true,
      description: 'The indicator; SOCIAL_INSURANCE is computed, never imported.',
    }),
    participants: t.int({
      required: true,
      description: `Participants on the day, 0 to ${MAX_PARTICIPANTS.toLocaleString('en')}.`,
    }),
  }),
});

const PlanInput = builder.inputType('PlanInput', {
  description:
    'One plan of the year (kế hoạch giao): a number of participants, a coverage target, or both; with neither, the plan is removed.',
  fields: (t) => ({
    unitCode: t.string({ required: true, description: 'Official code of the unit.' }),
    indicator: t.field({ type: IndicatorEnum, required: true, description: 'The indicator.' }),
    planned: t.int({ description: `Planned participants, 0 to ${MAX_PARTICIPANTS.toLocaleString('en')}.` }),
    coverageTargetPercent: t.float({
      description:
        'Coverage target in % of the base (95 for 95% of the population), above 0 and at most 100; not for ALL_PARTICIPANTS.',
    }),
  }),
});

const PopulationInput = builder.inputType('PopulationInput', {
  description: 'The coverage bases of a unit (its whole subtree) for the year.',
  fields: (t) => ({
    unitCode: t.string({ required: true, description: 'Official code of the unit.' }),
    population: t.int({ required: true, description: 'Population (dân số).' }),
    labourForce: t.int({
      required: true,
      description: 'Labour force of working age (lực lượng lao động trong độ tuổi), at most the population.',
    }),
  }),
});

/** A bulk call's cost: a hundredth of its rows, its answer once (a whole country is one call). */
const bulkComplexity = (args: { rows: unknown[] }) => ({
  field: Math.max(1, Math.ceil(args.rows.length / 100)),
  multiplier: 1,
});

const BULK_RULES = `every row is checked first, each wrong one reported by its index and field, and one wrong row means nothing is applied. Up to ${MAX_BULK_ROWS.toLocaleString('en')} rows (a whole country's units × indicators) in a body of up to 16 MiB. Sending a row again replaces it; rows not sent stay as they are. Command centre; a scoped one within its subtree.`;

builder.mutationFields((t) => ({
  setParticipantCounts: t.field({
    type: BulkPayload,
    description: `Import the official figures of a day (số người tham gia, from BHXH's monthly report): ${BULK_RULES}`,
    args: {
      asOf: t.arg({
        type: 'Date',
        required: true,
        description: 'The day the figures stand at, e.g. 2021-11-30.',
      }),
      rows: t.arg({ type: [ParticipantCountInput], required: true, description: 'The rows.' }),
    },
    authScopes: { commandCenter: true },
    complexity: bulkComplexity,
    resolve: (_root, { asOf, rows }, context) =>
      audited(
        context,
        'SET_PARTICIPANT_COUNTS',
        () => setParticipantCounts(context.auth, asOf, rows),
        (result) => ({ target: asOf, details: { rows: result.applied } }),
      ),
  }),
  setPlans: t.field({
    type: BulkPayload,
    description: `Set the year's plans (kế hoạch giao): ${BULK_RULES}`,
    args: {
      year: t.arg.int({ required: true, description: 'The year of the plans, e.g. 2021.' }),
      rows: t.arg({ type: [PlanInput], required: true, description: 'The rows.' }),
    },
    authScopes: { commandCenter: true },
    complexity: bulkComplexity,
    resolve: (_root, { year, rows }, context) =>
      audited(
        context,
        'SET_PLANS',
        () =>
          setPlans(
            context.auth,
            year,
            rows.map((row) => ({
              ...row,
              planned: row.planned ?? null,
              coverageTargetPercent: row.coverageTargetPercent ?? null,
            })),
          ),
        (result) => ({ target: String(year), details: { rows: result.applied } }),
      ),
  }),
  setPopulations: t.field({
    type: BulkPayload,
    description: `Set the year's coverage bases (dân số, lực lượng lao động): ${BULK_RULES}`,
    args: {
      year: t.arg.int({ required: true, description: 'The year of the figures.' }),
      rows: t.arg({ type: [PopulationInput], required: true, description: 'The rows.' }),
    },
    authScopes: { commandCenter: true },
    complexity: bulkComplexity,
    resolve: (_root, { year, rows }, context) =>
      audited(
        context,
        'SET_POPULATIONS',
        () => setPopulations(context.auth, year, rows),
        (result) => ({ target: String(year), details: { rows: result.applied } }),
      ),
  }),
}));
