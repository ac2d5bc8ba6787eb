/** Everything the scaffold derives from its arguments: the names every generated file and table row uses. */
export interface MinistrySpec {
  /** Subgraph name and folder, kebab-case: `energy-mines`. */
  readonly name: string;
  /** Legacy system code: `mines` (folder legacy/mines, adapters/mines, `LegacySystem`). */
  readonly system: string;
  /** Graph reference prefix: `MEM` (`MEM-2026-000123`). */
  readonly referencePrefix: string;
  /** `MinistryCode` of the ministry: `MINES` (agents' scope `agent:MINES`). */
  readonly ministryCode: string;
  /** The dossier type the subgraph owns: `EnergyMinesApplication`. */
  readonly typeName: string;
  readonly legacyPort: number;
  readonly subgraphPort: number;
  /** French, user-facing: the ministry's full name. */
  readonly ministryTitle: string;
  /** French: a short name for the enum description and the room's labels. */
  readonly ministryShortName: string;
  /** French: the legacy system's name in the supervision room. */
  readonly systemTitle: string;
}

const words = (kebab: string) => kebab.split('-').filter(Boolean);
export const pascal = (kebab: string) =>
  words(kebab)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
export const camel = (kebab: string) => {
  const p = pascal(kebab);
  return p.charAt(0).toLowerCase() + p.slice(1);
};
/** `EnergyMinesApplication` → `energy-mines-application`. */
export const kebabOfPascal = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The tokens of the templates (`__Type__`…) and what they stand for. */
export function tokensOf(spec: MinistrySpec): Readonly<Record<string, string>> {
  const typeCamel = spec.typeName.charAt(0).toLowerCase() + spec.typeName.slice(1);
  return {
    __system__: spec.system,
    __System__: pascal(spec.system),
    __SYSTEM__: spec.system.toUpperCase(),
    __PREFIX__: spec.referencePrefix,
    __name__: spec.name,
    __Name__: pascal(spec.name),
    __nameCamel__: camel(spec.name),
    __NAME_ENV__: spec.name.toUpperCase().replaceAll('-', '_'),
    __Type__: spec.typeName,
    __typeCamel__: typeCamel,
    __typeKebab__: kebabOfPascal(spec.typeName),
    __listField__: `${typeCamel}s`,
    __MINISTRY__: spec.ministryCode,
    __legacyPort__: String(spec.legacyPort),
    __subgraphPort__: String(spec.subgraphPort),
    __ministryTitle__: spec.ministryTitle,
    __systemTitle__: spec.systemTitle,
  };
}

/** Replaces every token, longest first (so `__SYSTEM__` never eats part of a longer one). */
export function render(text: string, tokens: Readonly<Record<string, string>>): string {
  let out = text;
  for (const [token, value] of Object.entries(tokens).sort(([a], [b]) => b.length - a.length)) out = out.replaceAll(token, value);
  return out;
}
