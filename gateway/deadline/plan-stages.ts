import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/** Per fetch (subgraph and operation), how many sequential stages of fetches its plan still runs after it. */
export type PlanStages = ReadonlyMap<string, number>;

const fetchKey = (subgraph: string, operation: string) => `${subgraph}\u0000${operation}`;

/** Plans are cached and reused by the gateway: each is walked once. */
const walked = new WeakMap<QueryPlan, PlanStages>();

/**
 * How many stages follow each fetch of `plan`: a Sequence's later members each add their depth, a Parallel's
 * members share the stages after it. The dashboard's plan — identity, then the ministries' lists, then `dossiers`,
 * then the owners — gives its first fetch 3. A fetch that appears twice keeps the larger count.
 */
export function planStages(plan: QueryPlan): PlanStages {
  let stages = walked.get(plan);
  if (stages === undefined) {
    const out = new Map<string, number>();
    if (plan.node !== undefined) assign(plan.node, 0, out);
    walked.set(plan, (stages = out));
  }
  return stages;
}

/** The stages after the fetch of `operation` from `subgraph` (0 when the plan is unknown: it may take all that is left). */
export function stagesAfter(stages: PlanStages | undefined, subgraph: string, operation: string): number {
  return stages?.get(fetchKey(subgraph, operation)) ?? 0;
}

function depth(node: PlanNode | undefined): number {
  if (node === undefined) return 0;
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Sequence':
      return node.nodes.reduce((sum, child) => sum + depth(child), 0);
    case 'Parallel':
      return Math.max(0, ...node.nodes.map(depth));
    case 'Flatten':
      return depth(node.node);
    case 'Condition':
      return Math.max(depth(node.ifClause), depth(node.elseClause));
    case 'Defer':
      return depth(node.primary.node) + Math.max(0, ...node.deferred.map((d) => depth(d.node)));
    case 'Subscription':
      return 1 + depth(node.rest);
  }
}

function assign(node: PlanNode | undefined, after: number, out: Map<string, number>): void {
  if (node === undefined) return;
  switch (node.kind) {
    case 'Fetch': {
      const key = fetchKey(node.serviceName, node.operation);
      out.set(key, Math.max(out.get(key) ?? 0, after));
      return;
    }
    case 'Sequence': {
      let later = after;
      for (let i = node.nodes.length - 1; i >= 0; i--) {
        assign(node.nodes[i], later, out);
        later += depth(node.nodes[i]);
      }
      return;
    }
    case 'Parallel':
      for (const child of node.nodes) assign(child, after, out);
      return;
    case 'Flatten':
      assign(node.node, after, out);
      return;
    case 'Condition':
      assign(node.ifClause, after, out);
      assign(node.elseClause, after, out);
      return;
    case 'Defer': {
      const deferredDepth = Math.max(0, ...node.deferred.map((d) => depth(d.node)));
      assign(node.primary.node, after + deferredDepth, out);
      for (const deferred of node.deferred) assign(deferred.node, after, out);
      return;
    }
    case 'Subscription':
      assign(node.primary, after + depth(node.rest), out);
      assign(node.rest, after, out);
      return;
  }
}

const stagesKey = Symbol('guichet.planStages');

interface StagesCarrier {
  [stagesKey]?: PlanStages;
}

/** Called once the request's plan is known (`experimental_didResolveQueryPlan`): its data sources read it back. */
export function bindPlanStages(context: object, plan: QueryPlan): void {
  (context as StagesCarrier)[stagesKey] = planStages(plan);
}

export function planStagesOf(context: object): PlanStages | undefined {
  return (context as StagesCarrier)[stagesKey];
}
