import type { YogaInitialContext } from 'graphql-yoga';

/**
 * Per-request context. It will carry the checked token (roles and unit scope) and the pub/sub
 * handle; the database is imported as a module, never passed here.
 */
export type Context = YogaInitialContext;
