import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';

/**
 * PostgreSQL's text refuses U+0000, and a NUL that reached it came back as "Unexpected error."
 * with a stack in the log. Every field that takes arguments, on every transport, refuses a
 * string argument (a String, an ID, a custom scalar, at any depth of an input) holding one
 * before its resolver runs; fields without arguments are left unwrapped.
 */
export class RefuseNulCharactersPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    return (parent, args, context, info) => {
      refuseNulOrThrow(args);
      return resolver(parent, args, context, info);
    };
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    if (!subscribe || Object.keys(fieldConfig.args).length === 0) return subscribe;
    return (parent, args, context, info) => {
      refuseNulOrThrow(args);
      return subscribe(parent, args, context, info);
    };
  }
}

/** Names the argument at fault, never its value: it may be a name or a citizen ID. */
function refuseNulOrThrow(args: object): void {
  const path = nulPath(args);
  if (path) {
    throw new GraphQLError(
      `The argument ${path.join('.')} holds a NUL character (U+0000), which no text here may contain.`,
      { extensions: { code: 'BAD_USER_INPUT', argument: path.map(String) } },
    );
  }
}

/** Where the first NUL is, or null; the path is built only for the one found. */
function nulPath(value: unknown): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? [...value.entries()]
    : Object.entries(value);
  for (const [key, item] of entries) {
    const below = nulPath(item);
    if (below) return [key, ...below];
  }
  return null;
}

const pluginName = 'refuseNulCharacters';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      refuseNulCharacters: RefuseNulCharactersPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, RefuseNulCharactersPlugin);

export default pluginName;
