import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-files.js';
import { render, tokensOf, type MinistrySpec } from './ministry-spec.js';
import { insertRow, packageScripts, tableRows } from './table-rows.js';

export interface ScaffoldReport {
  readonly created: readonly string[];
  /** Files already there, left untouched. */
  readonly kept: readonly string[];
  /** `file (marker)` of each row added. */
  readonly inserted: readonly string[];
  readonly alreadyPresent: readonly string[];
  readonly scripts: readonly string[];
}

const templatesDir = fileURLToPath(new URL('./templates/', import.meta.url));

/**
 * Writes the new ministry's three folders from the templates and adds its row to each ministry table. Never
 * overwrites a file, never adds a row twice: running it again after a partial run completes it. `dryRun` writes
 * nothing and reports what would be done.
 */
export function scaffoldMinistry(spec: MinistrySpec, { root, dryRun, newMinistryCode }: { readonly root: string; readonly dryRun: boolean; readonly newMinistryCode: boolean }): ScaffoldReport {
  const tokens = tokensOf(spec);
  const created: string[] = [];
  const kept: string[] = [];
  for (const file of generatedFiles(spec)) {
    const target = join(root, file.path);
    if (existsSync(target)) {
      kept.push(file.path);
      continue;
    }
    const text = render(readFileSync(join(templatesDir, file.template), 'utf8'), tokens);
    const leftover = /__[A-Za-z]+(?:_[A-Za-z]+)*__/.exec(text.replace(/__typename|__resolveReference/g, ''));
    if (leftover) throw new Error(`template ${file.template} has an unknown token ${leftover[0]}`);
    if (!dryRun) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    created.push(file.path);
  }

  const inserted: string[] = [];
  const alreadyPresent: string[] = [];
  const contents = new Map<string, string>();
  // All rows are checked before any table is written: a missing marker leaves every table as it was.
  for (const row of tableRows(spec, { newMinistryCode })) {
    const current = contents.get(row.file) ?? readFileSync(join(root, row.file), 'utf8');
    const result = insertRow(current, row);
    contents.set(row.file, result.content);
    (result.inserted ? inserted : alreadyPresent).push(`${row.file} (${row.marker})`);
  }
  if (!dryRun) for (const [file, content] of contents) writeFileSync(join(root, file), content);

  const scripts: string[] = [];
  const packagePath = join(root, 'package.json');
  // Read just before writing: other work may be adding scripts too. Only the `scripts` object changes.
  const pkg = JSON.parse(readFileSync(packagePath, 'utf8')) as { scripts?: Record<string, string> } & Record<string, unknown>;
  const current = pkg.scripts ?? {};
  const wanted = Object.entries(packageScripts(spec)).filter(([key]) => !(key in current));
  if (wanted.length > 0) {
    // New start scripts go beside the other `start:` ones, before `start:dossiers`.
    const entries = Object.entries(current);
    const at = entries.findIndex(([key]) => key === 'start:dossiers');
    entries.splice(at < 0 ? entries.length : at, 0, ...wanted);
    scripts.push(...wanted.map(([key]) => key));
    if (!dryRun) writeFileSync(packagePath, `${JSON.stringify({ ...pkg, scripts: Object.fromEntries(entries) }, null, 2)}\n`);
  }
  return { created, kept, inserted, alreadyPresent, scripts };
}
