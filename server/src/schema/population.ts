import { db } from '@toandan/db/db';
import { builder } from '../builder.ts';
import { Unit } from './unit.ts';

const UnitPopulation = builder.prismaObject('UnitPopulation', {
  description:
    'The denominators of coverage (tỷ lệ bao phủ) for a unit in a year: health coverage is a share of the population, social-insurance coverage a share of the working-age labour force.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year of the figures.' }),
    population: t.exposeInt('population', { description: 'Population (dân số), the whole subtree.' }),
    labourForce: t.exposeInt('labourForce', {
      description: 'Labour force of working age (lực lượng lao động trong độ tuổi), the whole subtree.',
    }),
    generated: t.exposeBoolean('generated', {
      description: 'True when the figures were made up for the demo dataset, not official.',
    }),
  }),
});

builder.prismaObjectField(Unit, 'population', (t) =>
  t.prismaField({
    type: UnitPopulation,
    nullable: true,
    description:
      'Population and labour force of the unit (for coverage rates), for the year asked or else the latest year known; null when none is known.',
    args: { year: t.arg.int({ description: 'The year; the latest known when left out.' }) },
    // Unit's ref is annotated (unit.ts) and so does not carry the model's shape; units are
    // always loaded whole, so the id is there.
    resolve: (query, unit, { year }) =>
      db.unitPopulation.findFirst({
        ...query,
        where: { unitId: (unit as { id: number }).id, ...(year ? { year } : {}) },
        orderBy: { year: 'desc' },
      }),
  }),
);
