export { createSupervisionRoutes } from './create-supervision-routes.js';
export type { RoomSignIn, SupervisionRoutes, SupervisionRoutesOptions } from './create-supervision-routes.js';
export { supervisionRoomEnvSchema, supervisionRoomProblems, supervisionRoomSettingsFromEnv } from './supervision-room-config.js';
export type { SupervisionRoomEnv, SupervisionRoomSettings } from './supervision-room-config.js';
export { supervisionRoomDocument, supervisionRoomOperationName } from './supervision-room-document.js';
export { contentSecurityPolicy } from './security-headers.js';
export type { DoorVerdict, StreamCaller, StreamDoor } from './stream-door.js';
