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
      refuseNulOrThrow(args, []);
      return resolver(parent, args, context, info);
    };
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    if (!subscribe || Object.keys(fieldConfig.args).length === 0) return subscribe;
    return (parent, args, context, info) => {
      refuseNulOrThrow(args, []);
      return subscribe(parent, args, context, info);
    };
  }
}

/** Names the argument at fault, never its value: it may be a name or a citizen ID. */
function refuseNulOrThrow(value: unknown, path: (string | number)[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      throw new GraphQLError(
        `The argument ${path.join('.')} holds a NUL character (U+0000), which no text here may contain.`,
        { extensions: { code: 'BAD_USER_INPUT', argument: path.map(String) } },
      );
    }
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) refuseNulOrThrow(item, [...path, index]);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) refuseNulOrThrow(item, [...path, key]);
  }
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
