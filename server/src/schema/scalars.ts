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

const ISO_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * JavaScript's Date rolls an impossible date over (31 November becomes 1 December, 24:00 the
 * next day): each part is checked first, so what was meant is never guessed.
 */
function parseDateTime(value: unknown): Date {
  const parts = typeof value === 'string' ? ISO_WITH_OFFSET.exec(value) : null;
  if (!parts) {
    throw invalid(
      `DateTime must be ISO-8601 with a time zone offset, e.g. 2026-05-05T06:30:00+07:00; got ${JSON.stringify(value)}`,
    );
  }
  const [, day = '', hours, minutes, seconds = '00', zone, offsetHours = '00', offsetMinutes = '00'] = parts;
  if (!vnDay.isValid(day)) {
    throw invalid(
      `DateTime must fall on a real calendar day; ${day} is not one (got ${JSON.stringify(value)})`,
    );
  }
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    throw invalid(`DateTime must have a time of day from 00:00:00 to 23:59:59; got ${JSON.stringify(value)}`);
  }
  if (zone !== 'Z' && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) {
    throw invalid(`DateTime has an offset that no time zone has; got ${JSON.stringify(value)}`);
  }
  return new Date(value as string);
}

builder.scalarType('DateTime', {
  description: 'An instant, ISO-8601 with a time zone offset (e.g. "2026-05-05T06:30:00+07:00").',
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});
