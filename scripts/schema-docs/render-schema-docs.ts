import {
  astFromValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { apiSchemaOf } from '../../gateway/trusted-documents/index.js';
import { supergraphAnnotations, type SupergraphAnnotations } from './supergraph-annotations.js';

/** Markdown table cells hold one line: pipes escaped, line breaks as <br>. */
const cell = (text: string) => text.trim().replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const anchor = (name: string) => `#${name.toLowerCase()}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `[Citizen!]!` as code, linked to the named type's section unless it is a built-in scalar. */
function typeLink(type: GraphQLType): string {
  const named = getNamedType(type);
  return isSpecifiedScalarType(named) ? `\`${String(type)}\`` : `[\`${String(type)}\`](${anchor(named.name)})`;
}

function access(annotations: SupergraphAnnotations, coordinate: string): string | undefined {
  const alternatives = annotations.scopes.get(coordinate);
  const parts: string[] = [];
  if (annotations.authenticated.has(coordinate)) parts.push('authentifié');
  if (alternatives) parts.push(alternatives.map((all) => all.map((s) => `\`${s}\``).join(' + ')).join(' ou '));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function argumentLine(arg: GraphQLArgument | GraphQLInputField): string {
  const value = arg.defaultValue === undefined ? undefined : astFromValue(arg.defaultValue, arg.type);
  const defaultText = value ? ` = ${print(value)}` : '';
  const deprecated = arg.deprecationReason ? ` **Déprécié** : ${arg.deprecationReason}` : '';
  return `\`${arg.name}: ${String(arg.type)}${defaultText}\`${arg.description ? ` — ${arg.description}` : ''}${deprecated}`;
}

function fieldRow(typeName: string, field: GraphQLField<unknown, unknown> | GraphQLInputField, annotations: SupergraphAnnotations, withOwners: boolean): string {
  const coordinate = `${typeName}.${field.name}`;
  const notes: string[] = [];
  if (field.deprecationReason) notes.push(`**Déprécié** : ${field.deprecationReason}`);
  if (field.description) notes.push(field.description);
  if ('args' in field && field.args.length > 0) notes.push(`Arguments : ${field.args.map(argumentLine).join(' ; ')}`);
  if ('defaultValue' in field && field.defaultValue !== undefined) {
    const value = astFromValue(field.defaultValue, field.type);
    if (value) notes.push(`Valeur par défaut : \`${print(value)}\``);
  }
  const rule = access(annotations, coordinate);
  if (rule) notes.push(`Accès : ${rule}`);
  const name = field.deprecationReason ? `~~\`${field.name}\`~~` : `\`${field.name}\``;
  const owners = withOwners ? ` | ${(annotations.fieldOwners.get(coordinate) ?? []).join(', ')}` : '';
  return `| ${name} | ${typeLink(field.type)}${owners} | ${cell(notes.join('\n'))} |`;
}

function typeSection(type: GraphQLNamedType, schema: GraphQLSchema, annotations: SupergraphAnnotations): string[] {
  const out = [`### ${type.name}`, ''];
  if (type.description) out.push(type.description.trim(), '');
  const facts: string[] = [];
  const owners = annotations.typeOwners.get(type.name);
  if (owners && owners.length > 0) facts.push(`Sous-graphe${owners.length > 1 ? 's' : ''} : ${owners.join(', ')}`);
  const rule = access(annotations, type.name);
  if (rule) facts.push(`Accès : ${rule}`);
  if ((isObjectType(type) || isInterfaceType(type)) && type.getInterfaces().length > 0)
    facts.push(
      `Implémente : ${type
        .getInterfaces()
        .map((i) => `[${i.name}](${anchor(i.name)})`)
        .join(', ')}`,
    );
  if (isInterfaceType(type) || isUnionType(type)) {
    const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    facts.push(
      `Types possibles : ${[...members]
        .map((m) => m.name)
        .sort(compare)
        .map((m) => `[${m}](${anchor(m)})`)
        .join(', ')}`,
    );
  }
  if (facts.length > 0) out.push(facts.join(' · '), '');
  if (isObjectType(type) || isInterfaceType(type)) {
    out.push('| Champ | Type | Sous-graphe | Description |', '| --- | --- | --- | --- |');
    for (const field of Object.values(type.getFields())) out.push(fieldRow(type.name, field, annotations, true));
    out.push('');
  } else if (isInputObjectType(type)) {
    out.push('| Champ | Type | Description |', '| --- | --- | --- |');
    for (const field of Object.values(type.getFields())) out.push(fieldRow(type.name, field, annotations, false));
    out.push('');
  } else if (isEnumType(type)) {
    out.push('| Valeur | Description |', '| --- | --- |');
    for (const value of type.getValues()) {
      const notes = [value.deprecationReason ? `**Déprécié** : ${value.deprecationReason}` : '', value.description ?? ''].filter((n) => n.length > 0);
      out.push(`| ${value.deprecationReason ? `~~\`${value.name}\`~~` : `\`${value.name}\``} | ${cell(notes.join('\n'))} |`);
    }
    out.push('');
  }
  return out;
}

interface Group {
  readonly title: string;
  readonly matches: (type: GraphQLNamedType) => boolean;
}

const groups: readonly Group[] = [
  { title: 'Types objets', matches: isObjectType },
  { title: 'Interfaces', matches: isInterfaceType },
  { title: 'Unions', matches: isUnionType },
  { title: 'Types d’entrée', matches: isInputObjectType },
  { title: 'Énumérations', matches: isEnumType },
  { title: 'Scalaires', matches: (t) => isScalarType(t) && !isSpecifiedScalarType(t) },
];

/**
 * The schema reference an integrator reads: every type of the API schema (what clients can query) with its fields,
 * arguments, enum values, French descriptions and deprecations, plus what only the supergraph knows — the subgraph
 * that resolves each field and the scopes it requires. Deterministic: roots first, then each kind by name.
 */
export function renderSchemaDocs(supergraphSdl: string): string {
  const schema = apiSchemaOf(supergraphSdl);
  const annotations = supergraphAnnotations(supergraphSdl);
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? [t] : []));
  const rootNames = new Set(roots.map((r) => r.name));
  const others = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__') && !rootNames.has(t.name))
    .sort((a, b) => compare(a.name, b.name));
  const out = [
    '# Référence du schéma Guichet',
    '',
    '<!-- Généré par `npm run schema:docs` à partir de schema/supergraph.graphql : ne pas modifier à la main. -->',
    '',
    'Le schéma que voient les clients (le schéma d’API de la supergraphe, sans la plomberie de fédération). Pour chaque',
    'champ : le sous-graphe qui le résout et les portées (scopes) exigées, l’une des alternatives suffisant. Un champ',
    'déprécié reste servi ; sa raison dit quoi utiliser à la place.',
    '',
    '## Sommaire',
    '',
    ...roots.map((r) => `- [${r.name}](${anchor(r.name)})`),
    ...groups.flatMap((g) => {
      const names = others.filter(g.matches).map((t) => `[${t.name}](${anchor(t.name)})`);
      return names.length > 0 ? [`- ${g.title} : ${names.join(', ')}`] : [];
    }),
    '',
    '## Opérations',
    '',
    ...roots.flatMap((r) => typeSection(r, schema, annotations)),
  ];
  for (const group of groups) {
    const types = others.filter(group.matches);
    if (types.length === 0) continue;
    out.push(`## ${group.title}`, '', ...types.flatMap((t) => typeSection(t, schema, annotations)));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
