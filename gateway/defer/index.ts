// `@defer` on the gateway: the directive in the validated schema, operations split into parts, parts sent as
// multipart/mixed incremental payloads (see docs/defer.md).
export { withDefer, type DeferOptions } from './with-defer.js';
export { bindIncrementalResponse } from './incremental-context.js';
export { createPartErrorFormatter } from './format-part-errors.js';
export { deferDirective, withDeferDirective } from './defer-directive.js';
export { hasDefer, planDefer, withoutDefer, placeholderKey, type DeferPlan, type DeferredPart, type PayloadOperation } from './plan-defer.js';
