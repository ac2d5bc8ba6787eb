import { readFileSync } from 'node:fs';
import { Kind, parse, parseType, print, visit, type ASTVisitor, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode } from 'graphql';
import { supergraphPath } from '../../../gateway/trusted-documents/index.js';

/** The committed supergraph, the baseline every deliberate change below starts from. */
export const committedSupergraph = (): string => readFileSync(supergraphPath(), 'utf8');

/** A copy of a supergraph with AST edits applied (what a careless code change would compose to). */
export function editSupergraph(sdl: string, visitor: ASTVisitor): string {
  return print(visit(parse(sdl), visitor));
}

/** `T` → `T!`. */
export const nonNull = (type: TypeNode): TypeNode => (type.kind === Kind.NON_NULL_TYPE ? type : { kind: Kind.NON_NULL_TYPE, type });

/** Removes `Type.field` (an object, interface or input field). */
export const removeField = (typeName: string, fieldName: string): ASTVisitor => fieldEdit(typeName, fieldName, () => null);

/** Replaces `Type.field`'s definition node. */
export function fieldEdit<N>(typeName: string, fieldName: string, edit: (node: N) => N | null): ASTVisitor {
  let current: string | undefined;
  const enter = (node: { name: { value: string } }) => {
    current = node.name.value;
  };
  const onField = (node: N & { name: { value: string } }) => (current === typeName && node.name.value === fieldName ? edit(node) : undefined);
  return {
    ObjectTypeDefinition: enter,
    InterfaceTypeDefinition: enter,
    InputObjectTypeDefinition: enter,
    EnumTypeDefinition: enter,
    FieldDefinition: (node) => onField(node as N & typeof node),
    InputValueDefinition: (node) => onField(node as N & typeof node),
    EnumValueDefinition: (node) => onField(node as N & typeof node),
  };
}

/** Replaces the arguments of `Type.field`. */
export function argumentsEdit(typeName: string, fieldName: string, edit: (args: readonly InputValueDefinitionNode[]) => InputValueDefinitionNode[]): ASTVisitor {
  return fieldEdit<FieldDefinitionNode>(typeName, fieldName, (node) => ({ ...node, arguments: edit(node.arguments ?? []) }));
}

/** A new argument or input field definition, `name: Type`. */
export const inputValue = (name: string, type: string): InputValueDefinitionNode => ({
  kind: Kind.INPUT_VALUE_DEFINITION,
  name: { kind: Kind.NAME, value: name },
  type: parseType(type),
});
