import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { OperationTypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { bindPlanStages, planStages, planStagesOf, stagesAfter } from './index.js';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type Node = NonNullable<QueryPlan['node']>;

const fetch = (serviceName: string, operation: string): Node => ({ kind: 'Fetch', serviceName, operation, operationName: undefined, operationKind: OperationTypeNode.QUERY });
const sequence = (...nodes: Node[]): Node => ({ kind: 'Sequence', nodes: nodes as never });
const parallel = (...nodes: Node[]): Node => ({ kind: 'Parallel', nodes: nodes as never });
const flatten = (node: Node): Node => ({ kind: 'Flatten', path: ['citizen'], node: node as never });
const plan = (node?: Node): QueryPlan => ({ kind: 'QueryPlan', ...(node ? { node } : {}) });

describe('planStages: how many stages follow each fetch', () => {
  it('the dashboard: identity, then the ministries’ lists, then dossiers, then the owners', () => {
    const dashboard = plan(
      sequence(
        fetch('civil-registry', 'q1'),
        parallel(flatten(fetch('electricity', 'q2')), flatten(fetch('building-permits', 'q3')), flatten(fetch('civil-registry', 'q4'))),
        flatten(fetch('dossiers', 'q5')),
        parallel(flatten(fetch('electricity', 'q6')), flatten(fetch('building-permits', 'q7'))),
      ),
    );
    const stages = planStages(dashboard);
    expect(Object.fromEntries(stages)).toEqual({
      'civil-registry\u0000q1': 3,
      'electricity\u0000q2': 2,
      'building-permits\u0000q3': 2,
      'civil-registry\u0000q4': 2,
      'dossiers\u0000q5': 1,
      'electricity\u0000q6': 0,
      'building-permits\u0000q7': 0,
    });
    // Walked once: the gateway reuses its cached plans.
    expect(planStages(dashboard)).toBe(stages);
  });

  it.each([
    { name: 'a single fetch', node: fetch('a', 'x'), expected: { 'a\u0000x': 0 } },
    {
      name: 'a parallel branch shorter than its neighbour',
      node: sequence(parallel(sequence(fetch('a', 'x'), fetch('b', 'y')), fetch('c', 'z')), fetch('d', 'w')),
      expected: { 'a\u0000x': 2, 'b\u0000y': 1, 'c\u0000z': 1, 'd\u0000w': 0 },
    },
    {
      name: 'a condition: the longer clause counts',
      node: sequence({ kind: 'Condition', condition: 'v', ifClause: sequence(fetch('a', 'x'), fetch('b', 'y')) as never, elseClause: fetch('c', 'z') as never }, fetch('d', 'w')),
      expected: { 'a\u0000x': 2, 'b\u0000y': 1, 'c\u0000z': 1, 'd\u0000w': 0 },
    },
    { name: 'the same fetch twice keeps the larger count', node: sequence(fetch('a', 'x'), fetch('b', 'y'), fetch('a', 'x')), expected: { 'a\u0000x': 2, 'b\u0000y': 1 } },
  ])('$name', ({ node, expected }) => {
    expect(Object.fromEntries(planStages(plan(node)))).toEqual(expected);
  });

  it('travels with the request context; an unknown plan or fetch has nothing after it', () => {
    const context = {};
    expect(stagesAfter(planStagesOf(context), 'a', 'x')).toBe(0);
    bindPlanStages(context, plan(sequence(fetch('a', 'x'), fetch('b', 'y'))));
    expect(stagesAfter(planStagesOf({ ...context }), 'a', 'x')).toBe(1);
    expect(stagesAfter(planStagesOf(context), 'a', 'other')).toBe(0);
    expect(planStages(plan()).size).toBe(0);
  });
});
