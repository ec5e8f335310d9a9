export { startMongoServer, ferretDbBinary, type RunningMongoServer } from './mongo-server.js';
export { startPubSubEmulator, type RunningPubSubEmulator } from './pubsub-emulator.js';
export { freePort, waitUntil } from './process-tools.js';
