// Real servers from the distribution's packages (scripts/install-test-servers.sh), started on loopback ports in
// temporary directories: for the scaled stack (`npm run start:scaled`), its soak, the bench and the store tests.
export { freePort } from './free-port.js';
export { startPostgresServer, postgresBinDir, type PostgresServer, type PostgresServerOptions } from './postgres-server.js';
export { startRedisServer, type RedisServer, type RedisServerOptions } from './redis-server.js';
export { spawnServerProcess, stopServerProcess, waitUntilReady, type ServerProcess } from './server-process.js';
export { tcpExchange } from './tcp-probe.js';
export { startHaproxy, haproxyConfig, haproxyBinary, type BalancedService, type HaproxyServer } from './haproxy-server.js';
