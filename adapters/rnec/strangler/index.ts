// Moving RNEC from SOAP v1 to REST v2 operation by operation: routing by configuration, shadow comparisons.
export { createRoutedRnecAdapter, type RnecPaths } from './routed-rnec-adapter.js';
export { defaultRnecRouting, modeOf, parseModeOverrides, rnecAdapterOperations, rnecModes, rnecWriteOperations } from './rnec-routing.js';
export type { RnecAdapterOperation, RnecMode, RnecRouting } from './rnec-routing.js';
