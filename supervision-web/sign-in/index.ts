export { createRoomSignIn, type DeviceCodeView, type RoomSignIn, type RoomSignInHandlers } from './room-sign-in.js';
export { addressBeforeSignIn } from './stored-session.js';
export { bootSignIn, type BootOptions } from './boot-sign-in.js';
