import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.ts';

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

builder.scalarType('Date', {
  description:
    'A calendar day in Viet Nam (Asia/Ho_Chi_Minh, UTC+7), written "YYYY-MM-DD". Counts belong to the day on which they happened in Viet Nam, whatever the time zone of the client.',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'string' || !vnDay.isValid(value)) {
      throw invalid(`Date must be a real calendar day written YYYY-MM-DD; got ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !vnDay.isValid(ast.value)) {
      throw invalid('Date must be a real calendar day written YYYY-MM-DD');
    }
    return ast.value;
  },
});

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_WITH_OFFSET.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw invalid(
      `DateTime must be ISO-8601 with a time zone offset, e.g. 2026-05-05T06:30:00+07:00; got ${JSON.stringify(value)}`,
    );
  }
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant, ISO-8601 with a time zone offset (e.g. "2026-05-05T06:30:00+07:00").',
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});
