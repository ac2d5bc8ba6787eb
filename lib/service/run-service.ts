import { ConfigError } from '../config/index.js';
import { createLogger, type Logger } from '../log/index.js';

export interface RunningService {
  /** Base URL the service listens on. */
  readonly url: string;
  /** Stops accepting work, drains, releases resources. */
  close(): Promise<void>;
}

export interface ServiceDefinition<C> {
  /** Short service name used in logs (`legacy-rnec`, `subgraph-dossiers`, `gateway`). */
  readonly name: string;
  /** Reads and validates the environment; throws ConfigError on a bad value. */
  readonly readConfig: (env: NodeJS.ProcessEnv) => C;
  readonly start: (config: C, log: Logger) => Promise<RunningService>;
}

/**
 * The one way a service process starts: validate configuration (a clear message and exit code 2 on a bad value,
 * never a stack trace), start, log `listening` with the URL (the stack launcher waits for that line), and stop
 * cleanly on SIGINT/SIGTERM.
 */
export async function runService<C>(definition: ServiceDefinition<C>): Promise<void> {
  let config: C;
  try {
    config = definition.readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(definition.name);
  let service: RunningService;
  try {
    service = await definition.start(config, log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ err: error }, 'failed to start');
    process.stderr.write(`${definition.name}: failed to start: ${message}\n`);
    process.exit(1);
  }
  // Always printed, whatever LOG_LEVEL: the stack launcher and operators wait for this line.
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), service: definition.name, msg: 'listening', url: service.url })}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    service
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
