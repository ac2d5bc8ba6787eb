import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { introspectionFromSchema } from 'graphql';
import type { RouteHandler, Routes } from '../../lib/http/index.js';
import type { LoadedSupergraph } from '../supergraph/index.js';
import { apiSchemaOf, type ManifestOperation, type TrustedDocumentsMode } from '../trusted-documents/index.js';
import { explorerAssetsPath, explorerOperationsPath, explorerPage, explorerSchemaPath, queryHelpPage } from './explorer-documents.js';
import { loadExplorerFiles, type ExplorerFile } from './explorer-files.js';
import { explorerSecurityHeaders } from './explorer-headers.js';
import { prefersHtml } from './prefers-html.js';

export interface ExplorerOptions {
  /** `EXPLORER_ENABLED`: off, a browser gets the page saying how to query and the explorer's routes do not exist. */
  readonly enabled: boolean;
  /** The path GraphQL is served on. Default `/graphql`. */
  readonly endpoint?: string;
  /** The supergraph served now: the explorer's schema follows hot reloads. */
  readonly currentSupergraph: () => LoadedSupergraph;
  /** What the gateway runs: the page says so, and lists the trusted documents. */
  readonly trustedDocuments: { readonly mode: TrustedDocumentsMode; readonly documents: ReadonlyMap<string, ManifestOperation> };
  /** For tests: where the built files are. */
  readonly directory?: string;
}

export interface Explorer {
  /** The explorer's own routes (its files, the schema, the trusted documents); none when it is off. */
  readonly routes: Routes;
  /** Puts the explorer (or the page saying how to query) in front of the GraphQL route, for browsers' GETs only. */
  wrap(graphql: RouteHandler): RouteHandler;
}

/**
 * GraphiQL, served whole by the gateway (no CDN: it works on a network with no way out) under a strict policy. A GET
 * of the GraphQL path that prefers `text/html` gets the page; every other request goes to GraphQL untouched.
 */
export function createExplorer({ enabled, endpoint = '/graphql', currentSupergraph, trustedDocuments, directory }: ExplorerOptions): Explorer {
  const files = enabled ? loadExplorerFiles(directory) : undefined;
  const page = (() => {
    if (!enabled) return html(queryHelpPage({ endpoint, reason: 'disabled' }));
    if (files === undefined) return html(queryHelpPage({ endpoint, reason: 'not-built' }));
    return html(explorerPage({ endpoint, trustedDocuments: trustedDocuments.mode }));
  })();
  const routes: Record<string, RouteHandler> = {};
  // The help page's style is the explorer's: served even when the explorer is off.
  const style = files?.get('explorer.css') ?? loadExplorerFiles(directory)?.get('explorer.css');
  if (style) routes[`GET ${explorerAssetsPath}/explorer.css`] = (req, res) => sendFile(req, res, style);
  if (enabled && files !== undefined) {
    for (const [name, file] of files) routes[`GET ${explorerAssetsPath}/${name}`] = (req, res) => sendFile(req, res, file);
    const schemas = new Map<string, ExplorerFile>();
    routes[`GET ${explorerSchemaPath}`] = (req, res) => {
      const supergraph = currentSupergraph();
      let schema = schemas.get(supergraph.hash);
      if (schema === undefined) {
        schemas.clear();
        schemas.set(supergraph.hash, (schema = json({ data: introspectionFromSchema(apiSchemaOf(supergraph.sdl), { descriptions: true }) })));
      }
      sendFile(req, res, schema);
    };
    const operations = json({
      mode: trustedDocuments.mode,
      operations: [...trustedDocuments.documents.values()].map(({ id, name, type, body }) => ({ id, name, type, body })).sort((a, b) => a.name.localeCompare(b.name)),
    });
    routes[`GET ${explorerOperationsPath}`] = (req, res) => sendFile(req, res, operations);
  }
  return {
    routes,
    wrap: (graphql) => (req, res, url) => {
      if (!prefersHtml(req)) return graphql(req, res, url);
      sendFile(req, res, page, 'no-store');
    },
  };
}

function html(text: string): ExplorerFile {
  return file(Buffer.from(text), 'text/html; charset=utf-8');
}

function json(value: unknown): ExplorerFile {
  return file(Buffer.from(JSON.stringify(value)), 'application/json; charset=utf-8');
}

function file(body: Buffer, contentType: string): ExplorerFile {
  return { body, contentType, etag: `"${createHashOf(body)}"` };
}

function createHashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** A file under the explorer's policy; names are not fingerprinted, so each load revalidates (a 304 without a body). */
function sendFile(req: IncomingMessage, res: ServerResponse, asset: ExplorerFile, cacheControl = 'no-cache'): void {
  const headers = { ...explorerSecurityHeaders, 'content-type': asset.contentType, 'cache-control': cacheControl, etag: asset.etag, vary: 'accept' };
  const validators = (req.headers['if-none-match'] ?? '').split(',').map((v) => v.trim().replace(/^W\//, ''));
  if (cacheControl !== 'no-store' && validators.includes(asset.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': asset.body.length });
  res.end(req.method === 'HEAD' ? undefined : asset.body);
}
