/**
 * Offline GraphiQL playground on the GraphQL path, mounted by `app.ts` before Apollo. A browser's
 * `GET <graphqlPath>` (prefers text/html, no `query` param) gets the page; every other request falls
 * through. Its assets come from this process, never a CDN: Yoga's self-contained GraphiQL 5 build (React
 * inside, so no `react` package in the workspace), graphql-ws' browser build and `playground-assets/`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import express from 'express';

/** Options of {@link createPlaygroundRouter}. */
export interface PlaygroundOptions {
  /** URL path of the GraphQL endpoint, e.g. `/graphql`: the page is served there, its assets below it. */
  graphqlPath: string;
  /** Text of a new tab. @default {@link DEFAULT_QUERY} */
  defaultQuery?: string;
  /** Page and header title. @default 'Sales Forecast GraphiQL' */
  title?: string;
}

/** A new tab's text: a query, how to pass the API key, and a commented subscription. */
export const DEFAULT_QUERY = `# Sales Forecast GraphQL playground (works offline): Ctrl-Enter runs, Ctrl-Space completes.
# When the API is protected (API_KEY set, or keys or users made), every operation needs a key: open
# Headers below and enter {"Authorization": "Bearer <your key>"}, then reload the schema (docs icon).
# Subscriptions send the same key in graphql-ws' connection_init.

query GetCategories {
  categories { name days activeModel { id } }
}

# Live training progress over graphql-ws (stored epochs first, then live ones): uncomment and run.
# subscription TrainingProgress {
#   trainingProgress { runId type epoch totalEpochs trainLoss valLoss status }
# }
`;

type YogaKey = keyof typeof import('@graphql-yoga/render-graphiql/graphiql');

/** Files cut out of `@graphql-yoga/render-graphiql`, which ships them as strings in a module. */
const YOGA_FILES = new Map<string, YogaKey>([
  ['graphiql.js', 'js'],
  ['graphiql.css', 'css'],
  ['editor.worker.js', 'editorWorkerService'],
  ['json.worker.js', 'jsonWorker'],
  ['graphql.worker.js', 'graphqlWorker'],
  ['favicon.ico', 'favicon'],
]);

const require = createRequire(import.meta.url);
const OWN_ASSETS = fileURLToPath(new URL('./playground-assets/', import.meta.url));
const GRAPHQL_WS_UMD = path.join(path.dirname(require.resolve('graphql-ws/package.json')), 'umd');
const STATIC_OPTIONS = { maxAge: '1y', immutable: true, index: false, redirect: false } as const;

// The module holds ~9 MB of strings: it is loaded on the first asset request, not at server start.
async function readYogaFile(key: YogaKey) {
  const text = (await import('@graphql-yoga/render-graphiql/graphiql'))[key];
  const [, base64] = /^data:[^,]*;base64,(.*)$/s.exec(text) ?? []; // the favicon is a data: URL
  const raw = base64 === undefined ? Buffer.from(text) : Buffer.from(base64, 'base64');
  return { raw, gzipped: await promisify(gzip)(raw) };
}
const yogaFiles = new Map<YogaKey, ReturnType<typeof readYogaFile>>();

const serveYogaFile: express.RequestHandler = (req, res, next) => {
  const key = YOGA_FILES.get(req.path.slice(1));
  if (!key || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  const file = yogaFiles.get(key) ?? readYogaFile(key);
  yogaFiles.set(key, file);
  file.then(({ raw, gzipped }) => {
    const useGzip = req.acceptsEncodings('gzip') === 'gzip';
    res.set({ 'Cache-Control': 'public, max-age=31536000, immutable', Vary: 'Accept-Encoding' });
    res.set('Content-Encoding', useGzip ? 'gzip' : 'identity');
    res.type(path.extname(req.path)).send(useGzip ? gzipped : raw);
  }, next);
};

// Asset URLs carry this as `?v=`, so they are cached for a year and still change on upgrade.
function assetVersion(): string {
  const hash = createHash('sha256').update(readFileSync(path.join(OWN_ASSETS, 'playground.js')));
  for (const pkg of ['@graphql-yoga/render-graphiql', 'graphql-ws'])
    hash.update((require(`${pkg}/package.json`) as { version: string }).version);
  return hash.digest('hex').slice(0, 12);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function contentSecurityPolicy(host: string | undefined): string {
  // Safari reads connect-src 'self' as http(s) only, so the socket's own origin is named as well.
  const ws = host && /^[\w.-]+(:\d+)?$/.test(host) ? ` ws://${host} wss://${host}` : '';
  // Monaco injects <style> elements and GraphiQL sets style attributes: neither takes a nonce.
  // GraphiQL's fonts and icons are data: URLs inside its CSS.
  return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
font-src 'self' data:; connect-src 'self'${ws}; worker-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'none'`;
}

/**
 * Whether a request is a browser asking for a page: `text/html` is its best match among JSON, the GraphQL
 * response type and HTML. `*\/*` alone or no Accept header picks JSON, so curl and GraphQL clients reach Apollo.
 * @param req the incoming request.
 * @returns true for a browser navigation.
 */
export function prefersHtml(req: express.Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * Builds the router of the playground.
 * - `GET <graphqlPath>` from a browser without `?query=` → the page (`Cache-Control: no-cache`, a CSP of
 *   'self' plus inline styles); anything else calls `next()`, i.e. reaches Apollo.
 * - `GET <graphqlPath>/playground-assets/<file>` → JS/CSS/workers, cached for a year (gzip when accepted).
 * @param options see {@link PlaygroundOptions}.
 * @returns an Express router to mount with `app.use(router)` before the GraphQL handler.
 *   A failure to load the GraphiQL bundle is passed to Express' error handler (500).
 */
export function createPlaygroundRouter(options: PlaygroundOptions): express.Router {
  const base = options.graphqlPath.replace(/\/+$/, '');
  const title = options.title ?? 'Sales Forecast GraphiQL';
  const assets = `${base}/playground-assets`;
  const version = assetVersion();
  const defaultQuery = options.defaultQuery ?? DEFAULT_QUERY;
  const config = JSON.stringify({ assets, version, titleHtml: escapeHtml(title), defaultQuery });
  const src = (file: string) => escapeHtml(`${assets}/${file}?v=${version}`);
  // playground.js precedes graphiql.js: it sets the MonacoEnvironment that the bundle reads.
  const page = `<!doctype html><html lang="en">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${src('favicon.ico')}" /><link rel="stylesheet" href="${src('graphiql.css')}" /></head>
<body id="body" class="no-focus-outline"><noscript>The playground needs JavaScript.</noscript><div id="root"></div>
<script type="application/json" id="playground-config">${config.replace(/</g, '\\u003c')}</script>
<script src="${src('graphql-ws.min.js')}"></script><script src="${src('playground.js')}"></script>
<script src="${src('graphiql.js')}"></script>
</body></html>`;

  const router = express.Router();
  router.get(base || '/', (req, res, next) => {
    if (!prefersHtml(req) || req.query.query !== undefined) return next();
    const csp = contentSecurityPolicy(req.headers.host);
    res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': csp, Vary: 'Accept' });
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    res.type('html').send(page);
  });
  const statics = [OWN_ASSETS, GRAPHQL_WS_UMD].map((dir) => express.static(dir, STATIC_OPTIONS));
  router.use(assets, ...statics, serveYogaFile);
  return router;
}
