// The gateway's side of the request deadline: set at the door, split across the plan's stages, sent to subgraphs.
export { bindRequestDeadline, carryRequestDeadline, deadlineOf } from './request-deadline.js';
export { bindPlanStages, planStages, planStagesOf, stagesAfter, type PlanStages } from './plan-stages.js';
export { fetchBudget, type FetchBudget, type FetchBudgetInput } from './fetch-budget.js';
