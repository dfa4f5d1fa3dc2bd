import { Client, cacheExchange, fetchExchange } from 'urql';

/** The one urql client of the app. */
export const client = new Client({ url: '/graphql', exchanges: [cacheExchange, fetchExchange] });
