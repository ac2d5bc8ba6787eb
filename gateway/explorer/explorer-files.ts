import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file the explorer's page loads, held in memory. */
export interface ExplorerFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong validator: the SHA-256 of the body. */
  readonly etag: string;
}

/**
 * The files, by the name the page asks for, and where each comes from in `node_modules`. GraphiQL 3 is the last line
 * with a self-contained browser build (`graphiql.min.js`, the editor and `graphql` inside) over React 18's UMD builds:
 * no bundler, no CDN. The build copies them beside this module (`vendor/`, scripts/copy-assets.mjs), so that a
 * production image holds them without its development modules.
 */
export const vendorFiles: Readonly<Record<string, string>> = {
  'react.production.min.js': 'react/umd/react.production.min.js',
  'react-dom.production.min.js': 'react-dom/umd/react-dom.production.min.js',
  'graphiql.min.js': 'graphiql/graphiql.min.js',
  'graphiql.min.css': 'graphiql/graphiql.min.css',
};

/** The page's own script and style, beside this module in `web/`. */
const ownFiles = ['explorer.js', 'explorer.css'];

const contentTypes: Readonly<Record<string, string>> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Reads every file once at start-up: from `vendor/` beside this module (the build), else from `node_modules` (running
 * from the sources). None when one is missing: the explorer then says it is not built, rather than half loading.
 */
export function loadExplorerFiles(directory = here): ReadonlyMap<string, ExplorerFile> | undefined {
  const require = createRequire(join(directory, 'explorer-files.js'));
  const files = new Map<string, ExplorerFile>();
  const paths: [string, string | undefined][] = [
    ...Object.entries(vendorFiles).map(([name, modulePath]): [string, string | undefined] => [name, vendorPath(directory, name) ?? resolveModule(require, modulePath)]),
    ...ownFiles.map((name): [string, string | undefined] => [name, join(directory, 'web', name)]),
  ];
  for (const [name, path] of paths) {
    if (path === undefined || !existsSync(path)) return undefined;
    const body = readFileSync(path);
    files.set(name, { body, contentType: contentTypes[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url')}"` });
  }
  return files;
}

function vendorPath(directory: string, name: string): string | undefined {
  const path = join(directory, 'vendor', name);
  return existsSync(path) ? path : undefined;
}

/** These packages export none of these files: look in each `node_modules` Node would search, nearest first. */
function resolveModule(require: NodeJS.Require, modulePath: string): string | undefined {
  const searched = require.resolve.paths(modulePath) ?? [];
  return searched.map((nodeModules) => join(nodeModules, modulePath)).find((path) => existsSync(path));
}
