import { boardHistory, type DayTallyData } from '../boards/boardHistory.ts';
import { builder } from '../builder.ts';
import { Board } from './board.ts';
import { SchemeEnum } from './scheme.ts';

/** A campaign has at most a few months of days, a handful of schemes. */
const DAYS = 100;
const SCHEMES = 6;

const DayTally = builder.objectRef<DayTallyData>('DayTally').implement({
  description: 'One day of one scheme on a board: counted, running total and plan to date (for charts).',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The Viet Nam day.', resolve: (day) => day.date }),
    scheme: t.expose('scheme', { type: SchemeEnum, description: 'The scheme (loại hình).' }),
    count: t.exposeInt('count', { description: 'Enrolments counted on the day (kết quả trong ngày).' }),
    cumulative: t.exposeInt('cumulative', {
      description: 'Enrolments from the campaign’s first day to this day, inclusive (lũy kế).',
    }),
    plan: t.exposeInt('plan', {
      description:
        'The plan to date (kế hoạch lũy kế): the target spread evenly over the campaign’s days up to this day, rounded.',
    }),
  }),
});

builder.objectFields(Board, (t) => ({
  history: t.field({
    type: [DayTally],
    complexity: { field: 1, multiplier: DAYS * SCHEMES },
    description:
      'The unit’s whole subtree day by day, from the campaign’s first day to the board day, per scheme: counted, running total and plan to date (biểu đồ lũy kế so với kế hoạch).',
    resolve: (board) => boardHistory(board),
  }),
}));
