import {
  BREAK,
  getNamedType,
  getNullableType,
  getOperationAST,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  visit,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** One operation run for a payload, and where it had to select something in a selection set left empty. */
export interface PayloadOperation {
  readonly document: DocumentNode;
  /** Response paths of objects whose selections were all deferred: they select {@link placeholderKey}, removed afterwards. */
  readonly placeholders: readonly (readonly string[])[];
}

/** A deferred fragment answered by an operation of its own. */
export interface DeferredPart extends PayloadOperation {
  /** The part whose data holds this one's parent object: -1 for the initial payload, else an index in `parts`. */
  readonly parent: number;
  readonly label: string | undefined;
  /** Response path of the object the fragment's fields merge into. */
  readonly path: readonly string[];
}

export interface DeferPlan {
  /** The operation without its deferred fragments. */
  readonly initial: PayloadOperation;
  /** Each deferred fragment that can be split off, parents before children. */
  readonly parts: readonly DeferredPart[];
}

/** What an object whose selections were all deferred selects instead (`__typename`, under a name no client uses). */
export const placeholderKey = '__guichetDeferred';

const hasDeferByDocument = new WeakMap<DocumentNode, boolean>();

/** Whether the document uses `@defer` anywhere (Apollo Server reuses parsed documents: the answer is kept). */
export function hasDefer(document: DocumentNode): boolean {
  let found = hasDeferByDocument.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Directive(node) {
        if (node.name.value !== 'defer') return undefined;
        found = true;
        // One is enough: the rest of the document is not walked.
        return BREAK;
      },
    });
    hasDeferByDocument.set(document, found);
  }
  return found;
}

/** The document with every `@defer` removed: the whole answer at once (the spec's fallback, and inline execution). */
export function withoutDefer(document: DocumentNode): DocumentNode {
  return visit(document, { Directive: (node) => (node.name.value === 'defer' ? null : undefined) });
}

/**
 * Splits an operation on its `@defer` fragments. The initial operation is the document without them; each deferred
 * fragment becomes an operation selecting the path from the root down to it (same fields, aliases, arguments and
 * directives, so the answer lands at the same response path) and the fragment without its own nested deferred ones.
 *
 * A fragment is split off only where running its path again is safe and lands on the same single object: in a query
 * (never a mutation, which would run twice), on a path without lists (the list's items could differ between two
 * reads, and each item would need its own payload), with a type condition that always holds for its parent (else
 * the payload's existence depends on the runtime type). Anywhere else it runs inline, as the spec allows: its data
 * comes with its parent's payload. `@defer(if: false)` and a fragment skipped by `@skip`/`@include` are inline too.
 */
export function planDefer(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Readonly<Record<string, unknown>> = {}): DeferPlan {
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new Error('operation not found in its document');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  const planner = new Planner(schema, variableValues(operation, variables));
  const selectionSet = planner.strip(inlineSpreads(operation.selectionSet, fragments), {
    parentType: root,
    path: [],
    splittable: operation.operation === 'query',
    owner: -1,
    wrap: (inner) => inner,
  });
  return {
    initial: { document: operationDocument(operation, selectionSet), placeholders: planner.placeholdersOf(-1) },
    parts: planner.parts.map((part, index) => ({
      parent: part.parent,
      label: part.label,
      path: part.path,
      document: operationDocument(operation, part.selectionSet),
      placeholders: planner.placeholdersOf(index),
    })),
  };
}

type Wrap = (inner: SelectionSetNode) => SelectionSetNode;

interface Scope {
  readonly parentType: GraphQLCompositeType;
  readonly path: readonly string[];
  /** No list and no mutation on the way from the root: a deferred fragment here may be split off. */
  readonly splittable: boolean;
  /** The payload these selections belong to (-1: initial). */
  readonly owner: number;
  /** Rebuilds the root selection set around a selection set at this place (the path's fields and fragments). */
  readonly wrap: Wrap;
}

interface PlannedPart {
  readonly parent: number;
  readonly label: string | undefined;
  readonly path: readonly string[];
  selectionSet: SelectionSetNode;
}

const placeholder: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: placeholderKey }, name: { kind: Kind.NAME, value: '__typename' } };

class Planner {
  readonly parts: PlannedPart[] = [];
  private readonly placeholders = new Map<number, string[][]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {}

  placeholdersOf(owner: number): readonly (readonly string[])[] {
    return this.placeholders.get(owner) ?? [];
  }

  strip(set: SelectionSetNode, scope: Scope): SelectionSetNode {
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) selections.push(this.field(selection, scope));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const kept = this.fragment(selection, scope);
        if (kept) selections.push(kept);
      } else throw new Error('fragment spreads are inlined before planning');
    }
    if (selections.length === 0) {
      let paths = this.placeholders.get(scope.owner);
      if (!paths) this.placeholders.set(scope.owner, (paths = []));
      paths.push([...scope.path]);
      selections.push(placeholder);
    }
    return { ...set, selections };
  }

  private field(field: FieldNode, scope: Scope): FieldNode {
    if (!field.selectionSet || !('getFields' in scope.parentType)) return field;
    const definition = scope.parentType.getFields()[field.name.value];
    if (!definition) return field;
    const key = field.alias?.value ?? field.name.value;
    const inner: Scope = {
      parentType: getNamedType(definition.type) as GraphQLCompositeType,
      path: [...scope.path, key],
      splittable: scope.splittable && !hasList(definition.type),
      owner: scope.owner,
      wrap: (selectionSet) => scope.wrap({ kind: Kind.SELECTION_SET, selections: [{ ...field, selectionSet }] }),
    };
    return { ...field, selectionSet: this.strip(field.selectionSet, inner) };
  }

  private fragment(fragment: InlineFragmentNode, scope: Scope): InlineFragmentNode | undefined {
    const condition = fragment.typeCondition ? (this.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined) : undefined;
    const parentType = condition ?? scope.parentType;
    const defer = fragment.directives?.find((directive) => directive.name.value === 'defer');
    const plain: InlineFragmentNode = { ...fragment, directives: fragment.directives?.filter((directive) => directive !== defer) };
    if (defer && this.argument(defer, 'if', true) === true && this.included(fragment) && scope.splittable && this.alwaysApplies(parentType, scope.parentType)) {
      const index = this.parts.length;
      const label = this.argument(defer, 'label', undefined);
      const part: PlannedPart = { parent: scope.owner, label: typeof label === 'string' ? label : undefined, path: scope.path, selectionSet: plain.selectionSet };
      // Reserved before its nested fragments, so that parents come before their children.
      this.parts.push(part);
      const selectionSet = this.strip(fragment.selectionSet, { ...scope, parentType, owner: index });
      part.selectionSet = scope.wrap({ kind: Kind.SELECTION_SET, selections: [{ ...plain, selectionSet }] });
      return undefined;
    }
    const inner: Scope = { ...scope, parentType, wrap: (selectionSet) => scope.wrap({ kind: Kind.SELECTION_SET, selections: [{ ...plain, selectionSet }] }) };
    return { ...plain, selectionSet: this.strip(fragment.selectionSet, inner) };
  }

  private alwaysApplies(condition: GraphQLCompositeType, parent: GraphQLCompositeType): boolean {
    return condition === parent || (isAbstractType(condition) && isObjectType(parent) && this.schema.isSubType(condition, parent));
  }

  private included(fragment: InlineFragmentNode): boolean {
    for (const directive of fragment.directives ?? []) {
      if (directive.name.value === 'skip' && this.argument(directive, 'if', false) === true) return false;
      if (directive.name.value === 'include' && this.argument(directive, 'if', true) !== true) return false;
    }
    return true;
  }

  private argument(directive: DirectiveNode, name: string, fallback: unknown): unknown {
    const argument = directive.arguments?.find((a) => a.name.value === name);
    if (!argument) return fallback;
    return argument.value.kind === Kind.VARIABLE ? (this.variables[argument.value.name.value] ?? fallback) : valueFromASTUntyped(argument.value);
  }
}

function hasList(type: GraphQLOutputType): boolean {
  return isListType(getNullableType(type));
}

/** The request's variables with the operation's defaults filled in (for `if:` arguments). */
function variableValues(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}

/** Named fragments become inline ones (their spread's directives, `@defer` included, move with them). */
function inlineSpreads(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): SelectionSetNode {
  return {
    ...set,
    selections: set.selections.map((selection): SelectionNode => {
      if (selection.kind === Kind.FIELD) return selection.selectionSet ? { ...selection, selectionSet: inlineSpreads(selection.selectionSet, fragments) } : selection;
      if (selection.kind === Kind.INLINE_FRAGMENT) return { ...selection, selectionSet: inlineSpreads(selection.selectionSet, fragments) };
      const definition = fragments.get(selection.name.value);
      if (!definition) throw new Error(`unknown fragment ${selection.name.value}`);
      return {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: definition.typeCondition,
        directives: [...(selection.directives ?? []), ...(definition.directives ?? [])],
        selectionSet: inlineSpreads(definition.selectionSet, fragments),
      };
    }),
  };
}

/** A one-operation document: the operation's name and directives, the variables its selections use. */
function operationDocument(operation: OperationDefinitionNode, selectionSet: SelectionSetNode): DocumentNode {
  const used = new Set<string>();
  visit(selectionSet, {
    Variable(node) {
      used.add(node.name.value);
    },
  });
  const variableDefinitions = operation.variableDefinitions?.filter((definition) => used.has(definition.variable.name.value));
  return { kind: Kind.DOCUMENT, definitions: [{ ...operation, variableDefinitions, selectionSet }] };
}
