import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The example alerting rules shipped beside the manifests. */
export const supervisionRulesPath = fileURLToPath(new URL('../../deploy/prometheus/supervision-rules.yml', import.meta.url));

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
}

/** The rules of the file, and every metric name their expressions read (`guichet_…`, label matchers and functions left out). */
export function readSupervisionRules(path = supervisionRulesPath): { rules: AlertRule[]; metrics: string[] } {
  const document = parse(readFileSync(path, 'utf8')) as { groups?: { rules?: { alert?: unknown; expr?: unknown }[] }[] };
  const rules = (document.groups ?? []).flatMap((g) => g.rules ?? []).map((r) => ({ alert: String(r.alert), expr: String(r.expr) }));
  const metrics = [...new Set(rules.flatMap((r) => [...r.expr.replace(/\{[^}]*\}/g, '').matchAll(/\bguichet_[a-z0-9_]+\b/g)].map((m) => m[0])))].sort();
  return { rules, metrics };
}
