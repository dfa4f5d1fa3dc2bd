import { GraphQLError } from 'graphql';

/**
 * A list's page size (its `first` argument) or `fallback` when left out; outside 1..`max` it is
 * refused with PAGE_SIZE, one message for every list, naming the bound.
 */
export function pageSizeOrThrow(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new GraphQLError(`"first" must be from 1 to ${max}; got ${size}.`, {
      extensions: { code: 'PAGE_SIZE', limit: max },
    });
  }
  return size;
}
