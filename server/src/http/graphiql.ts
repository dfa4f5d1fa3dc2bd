import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/**
 * GraphiQL at /graphql, with every byte of it served by this server: Yoga's own page loads its
 * code from a public CDN, and stays on "Loading…" on an intranet or offline. The code is the
 * bundle that @graphql-yoga/render-graphiql ships (the same version as graphql-yoga), served as
 * separate files rather than inlined as that package's page does, so that the page keeps the
 * app's content security policy (no inline script, no third-party origin, no framing): it is
 * where partners paste their token.
 */
const { version } = createRequire(import.meta.url)('@graphql-yoga/render-graphiql/package.json') as {
  version: string;
};
/** The version is in the path: the files never change under it, and are cached for a year. */
const ASSETS = `/graphiql/${version}/`;

/** The header editor's opening text: the API's scheme, ready for the partner's token. */
const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer <paste your token here>' }, null, 2);

/** What Yoga's GraphiQL plugin renders (createYoga's `graphiql`). */
export const graphiqlOptions: GraphiQLOptions = {
  title: 'Toàn Dân API',
  defaultHeaders: DEFAULT_HEADERS,
  defaultQuery: '{\n  campaigns {\n    id\n    name\n  }\n}\n',
  // A token typed in the header editor stays in this browser's tab only, never in storage.
  shouldPersistHeaders: false,
  // Subscriptions over server-sent events carry the Authorization header as queries do.
  subscriptionsProtocol: 'SSE',
};

/** The page's options as JSON that cannot close its <script> element. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** createYoga's `renderGraphiQL`: a page that only names files of this server. */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const title = (options.title ?? 'GraphiQL').replace(/[<&"]/g, '');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${ASSETS}favicon.ico" />
    <link rel="stylesheet" href="${ASSETS}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${inlineJson(options)}</script>
    <script src="${ASSETS}start.js"></script>
  </body>
</html>
`;
}

/**
 * Sets up the editor's workers (Monaco asks for them by label) before GraphiQL's bundle runs,
 * then renders it with the options the page carries.
 */
const START = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) => ${JSON.stringify(ASSETS)} + label + '.worker.js',
};
const bundle = document.createElement('script');
bundle.src = ${JSON.stringify(`${ASSETS}graphiql.js`)};
bundle.onload = () => {
  const options = JSON.parse(document.getElementById('graphiql-options').textContent);
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
};
document.head.append(bundle);
`;

interface Asset {
  type: string;
  body: string | Uint8Array<ArrayBuffer>;
  /** The body gzipped, made once on its first request: the code is about a quarter as large gzipped. */
  gzipped?: Promise<Uint8Array<ArrayBuffer>>;
}

const gzipped = (asset: Asset) => {
  asset.gzipped ??= promisify(gzip)(asset.body).then((bytes) => Uint8Array.from(bytes));
  return asset.gzipped;
};

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');

/** The bundle is 9 MB of strings: loaded on the first visit to GraphiQL, not at every start. */
let assets: Promise<Map<string, Asset>> | undefined;

function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= (import('@graphql-yoga/render-graphiql/graphiql') as Promise<Bundle>).then((bundle) => {
    const script = 'text/javascript; charset=utf-8';
    const favicon = bundle.favicon.slice(bundle.favicon.indexOf(',') + 1);
    return new Map<string, Asset>([
      ['start.js', { type: script, body: START }],
      ['graphiql.js', { type: script, body: bundle.js }],
      ['graphiql.css', { type: 'text/css; charset=utf-8', body: bundle.css }],
      ['favicon.ico', { type: 'image/x-icon', body: Uint8Array.from(Buffer.from(favicon, 'base64')) }],
      ['editorWorkerService.worker.js', { type: script, body: bundle.editorWorkerService }],
      ['json.worker.js', { type: script, body: bundle.jsonWorker }],
      ['graphql.worker.js', { type: script, body: bundle.graphqlWorker }],
    ]);
  });
  return assets;
}

/**
 * A request for GraphiQL (its page, or one of its files): app.ts sends it through the app's
 * security headers before Yoga answers it.
 */
export function isGraphiQLRequest(request: IncomingMessage, path: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (path.startsWith('/graphiql/')) return true;
  return path === '/graphql' && String(request.headers.accept ?? '').includes('text/html');
}

/** Serves GraphiQL's files under /graphiql/<version>/; anything else there is a 404. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/graphiql/')) return;
      const name = url.pathname.startsWith(ASSETS) ? url.pathname.slice(ASSETS.length) : '';
      return loadAssets().then(async (files) => {
        const asset = files.get(name);
        if (!asset) {
          endResponse(
            new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }),
          );
          return;
        }
        const headers: Record<string, string> = {
          'content-type': asset.type,
          'cache-control': 'public, max-age=31536000, immutable',
          vary: 'accept-encoding',
        };
        const compress = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
        if (compress) headers['content-encoding'] = 'gzip';
        endResponse(new fetchAPI.Response(compress ? await gzipped(asset) : asset.body, { headers }));
      });
    },
  };
}
