import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from './security-headers.js';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** One file of the page, held in memory (the whole page is a few tens of KB). */
export interface StaticAsset {
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong validator: the SHA-256 of the body. */
  readonly etag: string;
}

/** The page (`index.html`) and its assets by file name; none when the web build is missing. */
export interface PageFiles {
  readonly page?: StaticAsset;
  readonly assets: ReadonlyMap<string, StaticAsset>;
}

/**
 * Reads the web build once at start-up: the files served never change while the process runs. Subfolders (the
 * sign-in modules, `sign-in/…`) are served under their relative path.
 */
export function loadPageFiles(directory: string): PageFiles {
  const assets = new Map<string, StaticAsset>();
  if (!existsSync(directory)) return { assets };
  let page: StaticAsset | undefined;
  const names = readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(sep).join('/'))
    .sort();
  for (const name of names) {
    const contentType = contentTypes[extname(name)];
    if (!contentType) continue;
    const body = readFileSync(join(directory, name));
    const asset = { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    if (name === 'index.html') page = asset;
    else assets.set(name, asset);
  }
  return page ? { page, assets } : { assets };
}

/**
 * Sends one file. Names are not fingerprinted, so every load revalidates (`no-cache`) and an unchanged file costs a
 * 304 without a body.
 */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset, pageHeaders: Readonly<Record<string, string>> = securityHeaders): void {
  const headers = { ...pageHeaders, 'content-type': asset.contentType, 'cache-control': 'no-cache', etag: asset.etag };
  const validators = (req.headers['if-none-match'] ?? '').split(',').map((v) => v.trim().replace(/^W\//, ''));
  if (validators.includes(asset.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': asset.body.length });
  res.end(asset.body);
}
