import { readdirSync, readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from '../trusted-documents/api-schema.js';
import { createLimitRules } from './limit-rules.js';
import { defaultOperationLimits, limitsEnvSchema, operationLimitsFromEnv } from './operation-limits.js';
import { OperationTooComplexError } from './operation-too-complex.js';
import { exceedsTokens } from './token-limit-plugin.js';
import { withoutSuggestions } from './hide-suggestions-plugin.js';

const operationsDir = new URL('../../clients/operations/', import.meta.url);
const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

describe('limit rules', () => {
  it('let every shipped client document through the default limits (the rules need no valid document, only its shape)', () => {
    const schema = apiSchemaOf(supergraph);
    const rules = createLimitRules(defaultOperationLimits);
    const files = readdirSync(operationsDir).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const text = readFileSync(new URL(file, operationsDir), 'utf8');
      expect(validate(schema, parse(text), rules), file).toEqual([]);
      expect(exceedsTokens(text, defaultOperationLimits.maxTokens), file).toBe(false);
    }
  });

  it('say which limit was broken and its maximum', () => {
    const schema = apiSchemaOf(supergraph);
    const rules = createLimitRules({ ...defaultOperationLimits, maxCost: 2_000 });
    const dashboard = parse(readFileSync(new URL('CitizenDashboard.graphql', operationsDir), 'utf8'));
    const [error] = validate(schema, dashboard, rules);
    expect(error).toBeInstanceOf(OperationTooComplexError);
    expect(error).toMatchObject({ kind: 'cost', max: 2_000, extensions: { code: 'OPERATION_TOO_COMPLEX' } });
  });
});

describe('token counting', () => {
  it('stops at the limit and leaves lexing errors to the parser', () => {
    expect(exceedsTokens('{ a b c }', 5)).toBe(false);
    expect(exceedsTokens('{ a b c d e }', 5)).toBe(true);
    expect(exceedsTokens('# only a comment\n{ a }', 3)).toBe(false);
    expect(exceedsTokens('{ a "unterminated', 100)).toBe(false);
  });
});

describe('withoutSuggestions', () => {
  it.each([
    ['Cannot query field "helo" on type "Query". Did you mean "hello"?', 'Cannot query field "helo" on type "Query".'],
    ['Unknown argument "frist" on field "Query.nodes". Did you mean "first"?', 'Unknown argument "frist" on field "Query.nodes".'],
    ['Value "RDE" does not exist in "Color" enum. Did you mean the enum value "RED"?', 'Value "RDE" does not exist in "Color" enum.'],
    ['Cannot query field "x" on type "Dossier". Did you mean to use an inline fragment on "A", "B", or "C"?', 'Cannot query field "x" on type "Dossier".'],
    ['Unknown type "Nod". Did you mean "Node", "Nodes", or "Mode"?', 'Unknown type "Nod".'],
    ['Syntax Error: Expected Name, found <EOF>.', 'Syntax Error: Expected Name, found <EOF>.'],
  ])('%s', (message, expected) => expect(withoutSuggestions(message)).toBe(expected));
});

describe('limitsEnvSchema', () => {
  it('gives the documented defaults and reads overrides', () => {
    expect(operationLimitsFromEnv(limitsEnvSchema.parse({}))).toEqual({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 20, maxCost: 5000, maxVariablesDepth: 32 });
    expect(operationLimitsFromEnv(limitsEnvSchema.parse({ LIMIT_MAX_DEPTH: '7', LIMIT_MAX_COST: '9000', LIMIT_MAX_VARIABLES_DEPTH: '12' }))).toMatchObject({
      maxDepth: 7,
      maxCost: 9000,
      maxVariablesDepth: 12,
    });
  });

  it('refuses a zero depth or a non-number', () => {
    expect(limitsEnvSchema.safeParse({ LIMIT_MAX_DEPTH: '0' }).success).toBe(false);
    expect(limitsEnvSchema.safeParse({ LIMIT_MAX_TOKENS: 'many' }).success).toBe(false);
    // Beyond a thousand levels the recursive walkers downstream are what would stop a request.
    expect(limitsEnvSchema.safeParse({ LIMIT_MAX_VARIABLES_DEPTH: '1001' }).success).toBe(false);
  });
});
