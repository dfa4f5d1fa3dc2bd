import type { PrismaObjectRef } from '@pothos/plugin-prisma';
import { db } from '@toandan/db/db';
import type PrismaTypes from '@toandan/db/pothos-types';
import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';
import { vnDay } from '@toandan/shared/vnDay';
import { builder } from '../builder.ts';
import { childrenOn } from '../units/placements.ts';

export const UnitKindEnum = builder.enumType('UnitKind', {
  description: 'The kind of an administrative unit (cấp hành chính).',
  values: {
    NATION: { description: 'The whole country (toàn quốc).' },
    PROVINCE: { description: 'Province (tỉnh).' },
    CENTRAL_CITY: { description: 'Centrally-run city (thành phố trực thuộc trung ương).' },
    DISTRICT: { description: 'Rural district (huyện); abolished as a level from 1 July 2025.' },
    URBAN_DISTRICT: { description: 'Urban district (quận).' },
    PROVINCIAL_CITY: { description: 'City under a province (thành phố thuộc tỉnh).' },
    TOWN: { description: 'District-level town (thị xã).' },
    COMMUNE: { description: 'Commune (xã).' },
    WARD: { description: 'Ward (phường).' },
    TOWNSHIP: { description: 'Township (thị trấn).' },
    SOCIAL_SECURITY_OFFICE: {
      description:
        'A social-security office’s own participants as a unit (BHXH tỉnh: those the provincial office manages directly), listed beside the districts in the briefing report.',
    },
  },
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

// Annotated because Unit's fields return Units: without it the type would refer to itself.
export const Unit: PrismaObjectRef<Types, PrismaTypes['Unit']> = builder.prismaObject('Unit', {
  description:
    'An administrative unit (đơn vị hành chính) in the campaign tree: the nation, a province, a district or a commune. The tree has any depth.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Internal identifier.' }),
    code: t.exposeString('code', {
      description: 'Official administrative code (mã đơn vị hành chính), e.g. "38" for Thanh Hóa.',
    }),
    name: t.exposeString('name', {
      description: 'Vietnamese name without the kind, e.g. "Thọ Xuân" (huyện Thọ Xuân).',
    }),
    kind: t.expose('kind', { type: UnitKindEnum, description: 'What kind of unit this is.' }),
    generated: t.exposeBoolean('generated', {
      description:
        'True when the name or code was generated for the demo dataset, not taken from an official list.',
    }),
    children: t.field({
      // A province has up to about a hundred communes since July 2025.
      complexity: { field: 1, multiplier: 100 },
      type: [Unit],
      description:
        'The units directly below, in Vietnamese alphabetical order (Bá Thước, Cẩm Thủy, Đông Sơn). Without asOf: as the tree stands today, units merged into another or dissolved left out. With asOf: as the tree stood on that day, so a unit merged away since is listed, one that joined since is not.',
      args: {
        asOf: t.arg({
          type: 'Date',
          description: 'A Viet Nam day: the children as the tree stood on it, after any merges since.',
        }),
      },
      resolve: async (unit, { asOf }) => {
        const children = await childrenOn(unit.id, asOf ?? vnDay.today());
        return [...children].sort((a, b) => vietnameseOrder(a.name, b.name));
      },
    }),
    mergedInto: t.relation('mergedInto', {
      nullable: true,
      description: 'The unit this one was merged into (đơn vị sau sáp nhập); null while it stands.',
    }),
    mergedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The Viet Nam day from which it is merged into mergedInto; null while it stands.',
      select: { mergedOn: true },
      resolve: (unit) => (unit.mergedOn ? vnDay.fromDateColumn(unit.mergedOn) : null),
    }),
    dissolvedOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The Viet Nam day from which it is dissolved (giải thể) without a successor, its children moved to other units; null while it stands.',
      select: { dissolvedOn: true },
      resolve: (unit) => (unit.dissolvedOn ? vnDay.fromDateColumn(unit.dissolvedOn) : null),
    }),
    parent: t.relation('parent', {
      nullable: true,
      description: 'The unit above this one (đơn vị cấp trên); null for the nation.',
    }),
  }),
});

builder.queryField('unit', (t) =>
  t.prismaField({
    type: 'Unit',
    nullable: true,
    description:
      'One unit by its official code (mã đơn vị hành chính), e.g. "38" or "VN"; null when no unit has it.',
    args: { code: t.arg.string({ required: true, description: 'Official code, e.g. "38".' }) },
    resolve: (query, _root, { code }) => db.unit.findUnique({ ...query, where: { code: code.trim() } }),
  }),
);

builder.queryField('unitTreeVersion', (t) =>
  t.int({
    description:
      'A number that every reorganisation of the unit tree raises (applyReorganisation, mergeUnit): a client that keeps the units for offline use, as the field app does, reads them again when it changes.',
    resolve: async () => (await db.treeVersion.findFirst({ select: { version: true } }))?.version ?? 0,
  }),
);
