import { resolve } from 'node:path';
import { benchModes, defaultBenchOptions, quickBenchOptions, scenarioNames, targetNames, type BenchOptions, type GuichetVariant } from './bench-options.js';

export const benchUsage = `usage: npm run bench -- [--quick] [--duration S] [--warmup S] [--connections N] [--rounds N]
  [--scenarios ${scenarioNames.join(',')}] [--targets ${targetNames.join(',')}] [--modes ${benchModes.join(',')}]
  [--workers N] [--scaling-workers 1,2|none] [--dossier-counts 10,100,1000|none] [--room-streams N|none] [--room-writes N] [--overload-connections N|none] [--reloads N|none] [--gateway-cpu on|none] [--cpu-profile DIR]
  [--scaled 1,2|none] [--scaled-submissions N|none]
  [--push] [--push-polls 2000,250|none] [--push-streams 1000,10000|none] [--push-citizens N] [--push-changes N] [--push-heap-mb N]
  [--status-polls] [--status-poll-phones N|none] [--status-poll-rounds N] [--status-poll-interval MS]
  [--scale X] [--out FILE] [--json FILE]
  [--guichet-env KEY=VALUE]… [--variant NAME:KEY=VALUE[,KEY=VALUE…]]…`;

/** A bad command line: the message says which flag and why, then the usage. */
export class BenchArgsError extends Error {
  constructor(message: string) {
    super(`${message}\n${benchUsage}`);
    this.name = 'BenchArgsError';
  }
}

const envEntry = /^([A-Z_][A-Z0-9_]*)=(.*)$/;

/** Command-line flags over the defaults (or over the quick profile with `--quick`). Throws BenchArgsError. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const base = argv.includes('--quick') ? quickBenchOptions : defaultBenchOptions;
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = { ...base, guichetEnv: { ...base.guichetEnv }, variants: [...base.variants] };
  const guichetEnv: Record<string, string> = {};
  const variants: GuichetVariant[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    if (flag === '--quick') continue;
    if (flag === '--push') {
      options.pushOnly = true;
      continue;
    }
    if (flag === '--status-polls') {
      options.statusPollsOnly = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new BenchArgsError(flag.startsWith('--') ? `${flag} expects a value` : `unexpected argument ${flag}`);
    switch (flag) {
      case '--duration':
        options.durationS = number(flag, value, 0.2, 600);
        break;
      case '--warmup':
        options.warmupS = number(flag, value, 0, 120);
        break;
      case '--connections':
        options.connections = integer(flag, value, 1, 1_000);
        break;
      case '--rounds':
        options.rounds = integer(flag, value, 1, 20);
        break;
      case '--workers':
        options.workers = integer(flag, value, 1, 64);
        break;
      case '--scale':
        options.scale = number(flag, value, 0.01, 20);
        break;
      case '--scenarios':
        options.scenarios = names(flag, value, scenarioNames);
        break;
      case '--targets':
        options.targets = names(flag, value, targetNames);
        break;
      case '--modes':
        options.modes = names(flag, value, benchModes);
        break;
      case '--scaling-workers':
        options.scalingWorkers = value === 'none' ? [] : list(flag, value).map((v) => integer(flag, v, 1, 64));
        break;
      case '--dossier-counts':
        options.dossierCounts = value === 'none' ? [] : list(flag, value).map((v) => integer(flag, v, 1, 100_000));
        break;
      case '--room-streams':
        options.roomStreams = value === 'none' ? 0 : integer(flag, value, 1, 50);
        break;
      case '--gateway-cpu':
        if (value !== 'on' && value !== 'none') throw new BenchArgsError(`--gateway-cpu expects on or none (got "${value}")`);
        options.gatewayCpu = value === 'on';
        break;
      case '--cpu-profile':
        // The gateway's own working directory is not the bench's: an absolute path for --cpu-prof-dir.
        options.cpuProfileDir = resolve(value);
        break;
      case '--reloads':
        options.reloads = value === 'none' ? 0 : integer(flag, value, 1, 10_000);
        break;
      case '--scaled':
        options.scaledGateways = value === 'none' ? [] : [...new Set(list(flag, value).map((v) => integer(flag, v, 1, 8)))].sort((a, b) => a - b);
        break;
      case '--scaled-submissions':
        options.scaledSubmissions = value === 'none' ? 0 : integer(flag, value, 1, 100_000);
        break;
      case '--overload-connections':
        options.overloadConnections = value === 'none' ? 0 : integer(flag, value, 1, 5_000);
        break;
      case '--room-writes':
        options.roomWritesPerSecond = number(flag, value, 0, 200);
        break;
      case '--push-polls':
        options.pushPolls = value === 'none' ? [] : [...new Set(list(flag, value).map((v) => integer(flag, v, 50, 60_000)))];
        break;
      case '--push-streams':
        options.pushStreams = value === 'none' ? [] : [...new Set(list(flag, value).map((v) => integer(flag, v, 1, 100_000)))].sort((a, b) => a - b);
        break;
      case '--push-citizens':
        options.pushCitizens = integer(flag, value, 1, 5_000);
        break;
      case '--push-heap-mb':
        options.pushStreamsHeapMb = integer(flag, value, 64, 16_384);
        break;
      case '--push-changes':
        options.pushChanges = integer(flag, value, 1, 100_000);
        break;
      case '--status-poll-phones':
        options.statusPollPhones = value === 'none' ? 0 : integer(flag, value, 1, 20_000);
        break;
      case '--status-poll-rounds':
        options.statusPollRounds = integer(flag, value, 1, 1_000);
        break;
      case '--status-poll-interval':
        options.statusPollIntervalMs = integer(flag, value, 1_000, 30_000);
        break;
      case '--out':
        options.out = value;
        break;
      case '--json':
        options.json = value;
        break;
      case '--guichet-env':
        // One assignment per flag: a value may itself hold commas.
        Object.assign(guichetEnv, envAssignment(flag, value));
        break;
      case '--variant':
        variants.push(variant(flag, value));
        break;
      default:
        throw new BenchArgsError(`unknown flag ${flag}`);
    }
    i += 1;
  }
  options.guichetEnv = guichetEnv;
  options.variants = variants;
  if (new Set(variants.map((v) => v.name)).size !== variants.length) throw new BenchArgsError('--variant names must differ');
  if (options.pushOnly && options.statusPollsOnly) throw new BenchArgsError('--push and --status-polls each run one section alone: give one');
  if (options.statusPollsOnly) {
    if (argv.includes('--quick')) {
      if (!argv.includes('--status-poll-phones')) options.statusPollPhones = 30;
      if (!argv.includes('--status-poll-rounds')) options.statusPollRounds = 3;
      if (!argv.includes('--status-poll-interval')) options.statusPollIntervalMs = 10_000;
    }
    if (options.statusPollPhones === 0) throw new BenchArgsError('--status-polls with --status-poll-phones none measures nothing');
  }
  if (options.pushOnly) {
    // The quick profile leaves the section out; `--quick --push` runs a small one (a smoke of the harness).
    if (argv.includes('--quick')) {
      if (!argv.includes('--push-polls')) options.pushPolls = [250];
      if (!argv.includes('--push-streams')) options.pushStreams = [200];
      if (!argv.includes('--push-changes')) options.pushChanges = 40;
      if (!argv.includes('--push-citizens')) options.pushCitizens = 20;
    }
    if (options.pushPolls.length === 0 && options.pushStreams.length === 0) throw new BenchArgsError('--push with --push-polls none and --push-streams none measures nothing');
  }
  return options;
}

function number(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) throw new BenchArgsError(`${flag} expects a number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return parsed;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const parsed = number(flag, value, min, max);
  if (!Number.isInteger(parsed)) throw new BenchArgsError(`${flag} expects a whole number (got ${JSON.stringify(value)})`);
  return parsed;
}

function list(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (items.length === 0) throw new BenchArgsError(`${flag} expects a comma-separated list`);
  return items;
}

function names<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = list(flag, value);
  for (const item of items) if (!(allowed as readonly string[]).includes(item)) throw new BenchArgsError(`${flag}: unknown ${JSON.stringify(item)} (expected ${allowed.join(', ')})`);
  // Kept in the canonical order, whatever order they were given in: tables read the same from run to run.
  return allowed.filter((name) => items.includes(name));
}

function envAssignment(flag: string, entry: string): Record<string, string> {
  const match = envEntry.exec(entry);
  if (!match?.[1]) throw new BenchArgsError(`${flag} expects KEY=VALUE with an upper-case variable name (got ${JSON.stringify(entry)})`);
  return { [match[1]]: match[2] ?? '' };
}

function envAssignments(flag: string, value: string): Record<string, string> {
  return Object.assign({}, ...list(flag, value).map((entry) => envAssignment(flag, entry))) as Record<string, string>;
}

function variant(flag: string, value: string): GuichetVariant {
  const colon = value.indexOf(':');
  const name = colon < 0 ? '' : value.slice(0, colon);
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(name)) throw new BenchArgsError(`${flag} expects NAME:KEY=VALUE[,KEY=VALUE…] with a lower-case name (got ${JSON.stringify(value)})`);
  return { name, env: envAssignments(flag, value.slice(colon + 1)) };
}
