import { describe, expect, it } from 'vitest';
import { defaultBenchOptions, quickBenchOptions } from './bench-options.js';
import { BenchArgsError, parseBenchArgs } from './parse-bench-args.js';

const refused =
  (...argv: string[]) =>
  () =>
    parseBenchArgs(argv);

describe('parseBenchArgs', () => {
  it('gives the defaults, or the quick profile with --quick', () => {
    expect(parseBenchArgs([])).toMatchObject({ quick: false, durationS: defaultBenchOptions.durationS, out: 'bench/results.md' });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ quick: true, durationS: quickBenchOptions.durationS, out: '.data/bench-quick.md' });
  });

  it('reads every flag over the profile, lists in canonical order', () => {
    const options = parseBenchArgs([
      '--quick',
      '--duration',
      '2.5',
      '--connections',
      '20',
      '--rounds',
      '3',
      '--targets',
      'direct,guichet',
      '--scenarios',
      'catalogue,status',
      '--modes',
      'latency',
      '--workers',
      '2',
      '--out',
      '/tmp/x.md',
    ]);
    expect(options).toMatchObject({ quick: true, durationS: 2.5, connections: 20, rounds: 3, workers: 2, out: '/tmp/x.md' });
    expect(options.targets).toEqual(['guichet', 'direct']);
    expect(options.scenarios).toEqual(['status', 'catalogue']);
    expect(options.modes).toEqual(['latency']);
  });

  it('takes scaling and dossier-count lists, or none', () => {
    expect(parseBenchArgs(['--scaling-workers', '1,2,4', '--dossier-counts', 'none'])).toMatchObject({ scalingWorkers: [1, 2, 4], dossierCounts: [] });
  });

  it("sizes the supervision room's cost figure, or skips it", () => {
    expect(parseBenchArgs([])).toMatchObject({ roomStreams: 4, roomWritesPerSecond: 5 });
    expect(parseBenchArgs(['--room-streams', '8', '--room-writes', '20'])).toMatchObject({ roomStreams: 8, roomWritesPerSecond: 20 });
    expect(parseBenchArgs(['--room-streams', 'none'])).toMatchObject({ roomStreams: 0 });
    expect(parseBenchArgs(['--overload-connections', '300'])).toMatchObject({ overloadConnections: 300 });
    expect(parseBenchArgs(['--overload-connections', 'none'])).toMatchObject({ overloadConnections: 0 });
    expect(refused('--overload-connections', '0')).toThrow(/--overload-connections expects a number from 1/);
    expect(refused('--room-streams', '0')).toThrow(/--room-streams expects a number from 1/);
  });

  it('sizes the embedded-vs-scaled figure, or skips it', () => {
    expect(parseBenchArgs([])).toMatchObject({ scaledGateways: [1, 2], scaledSubmissions: defaultBenchOptions.scaledSubmissions });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ scaledGateways: [], scaledSubmissions: quickBenchOptions.scaledSubmissions });
    expect(parseBenchArgs(['--quick', '--scaled', '1'])).toMatchObject({ quick: true, scaledGateways: [1] });
    expect(parseBenchArgs(['--scaled', '2,1,2'])).toMatchObject({ scaledGateways: [1, 2] });
    expect(parseBenchArgs(['--scaled', '3'])).toMatchObject({ scaledGateways: [3] });
    expect(parseBenchArgs(['--scaled', 'none', '--scaled-submissions', 'none'])).toMatchObject({ scaledGateways: [], scaledSubmissions: 0 });
    expect(parseBenchArgs(['--scaled-submissions', '25'])).toMatchObject({ scaledSubmissions: 25 });
    expect(refused('--scaled', '0')).toThrow(/--scaled expects a number from 1 to 8/);
    expect(refused('--scaled', '1,x')).toThrow(/--scaled expects a number/);
    expect(refused('--scaled', ',')).toThrow(/--scaled expects a comma-separated list/);
    expect(refused('--scaled-submissions', '2.5')).toThrow(/whole number/);
  });

  it('runs the push section in the full run, never in the quick one, and alone with --push', () => {
    expect(parseBenchArgs([])).toMatchObject({ pushOnly: false, pushPolls: [2_000, 250], pushStreams: [1_000, 10_000], pushCitizens: 100, pushChanges: 300 });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ pushOnly: false, pushPolls: [], pushStreams: [] });
    expect(parseBenchArgs(['--push'])).toMatchObject({ pushOnly: true, quick: false, pushPolls: [2_000, 250], pushStreams: [1_000, 10_000] });
    // --push is a switch: it takes no value, wherever it stands.
    expect(parseBenchArgs(['--push', '--push-citizens', '50'])).toMatchObject({ pushOnly: true, pushCitizens: 50 });
    expect(parseBenchArgs(['--push-changes', '20', '--push'])).toMatchObject({ pushOnly: true, pushChanges: 20 });
    // Quick and push: a small section, unless told otherwise.
    expect(parseBenchArgs(['--quick', '--push'])).toMatchObject({ quick: true, pushOnly: true, pushPolls: [250], pushStreams: [200], pushChanges: 40, pushCitizens: 20 });
    expect(parseBenchArgs(['--quick', '--push', '--push-polls', '1000', '--push-streams', 'none'])).toMatchObject({ pushPolls: [1_000], pushStreams: [] });
  });

  it('runs the status-poll figure in the full run, never in the quick one, and alone with --status-polls', () => {
    expect(parseBenchArgs([])).toMatchObject({ statusPollsOnly: false, statusPollPhones: 300, statusPollRounds: 6, statusPollIntervalMs: 30_000 });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ statusPollPhones: 0 });
    expect(parseBenchArgs(['--status-polls', '--status-poll-phones', '50'])).toMatchObject({ statusPollsOnly: true, statusPollPhones: 50, statusPollIntervalMs: 30_000 });
    expect(parseBenchArgs(['--quick', '--status-polls'])).toMatchObject({ quick: true, statusPollsOnly: true, statusPollPhones: 30, statusPollRounds: 3, statusPollIntervalMs: 10_000 });
    expect(parseBenchArgs(['--status-poll-phones', 'none'])).toMatchObject({ statusPollPhones: 0 });
    expect(() => parseBenchArgs(['--status-polls', '--status-poll-phones', 'none'])).toThrow(/measures nothing/);
    expect(() => parseBenchArgs(['--status-polls', '--push'])).toThrow(/give one/);
    expect(refused('--status-poll-interval', '500')).toThrow(/--status-poll-interval expects a number from 1000/);
    expect(refused('--status-poll-rounds', '0')).toThrow(/--status-poll-rounds expects a number from 1/);
  });

  it('takes the push lists: polls as given (duplicates dropped), streams in increasing order, or none', () => {
    expect(parseBenchArgs(['--push-polls', '2000,250,2000'])).toMatchObject({ pushPolls: [2_000, 250] });
    expect(parseBenchArgs(['--push-polls', 'none'])).toMatchObject({ pushPolls: [] });
    expect(parseBenchArgs(['--push-streams', '10000,1000,1000'])).toMatchObject({ pushStreams: [1_000, 10_000] });
    expect(parseBenchArgs(['--push-streams', 'none'])).toMatchObject({ pushStreams: [] });
    expect(refused('--push-polls', '10')).toThrow(/--push-polls expects a number from 50/);
    expect(refused('--push-streams', '0')).toThrow(/--push-streams expects a number from 1/);
    expect(refused('--push-citizens', '2.5')).toThrow(/whole number/);
    expect(parseBenchArgs([])).not.toHaveProperty('pushStreamsHeapMb');
    expect(parseBenchArgs(['--push-heap-mb', '1024'])).toMatchObject({ pushStreamsHeapMb: 1_024 });
    expect(refused('--push-heap-mb', '10')).toThrow(/--push-heap-mb expects a number from 64/);
    expect(refused('--push', '--push-polls', 'none', '--push-streams', 'none')).toThrow(/measures nothing/);
  });

  it('starts Guichet with extra environment, and variants beside it', () => {
    const options = parseBenchArgs(['--guichet-env', 'SUBGRAPH_DEDUPE=false', '--guichet-env', 'RATE_LIMIT_CLIENT_OVERRIDES=a=1,b=2', '--variant', 'nodedupe:SUBGRAPH_DEDUPE=false,WORKERS=1']);
    expect(options.guichetEnv).toEqual({ SUBGRAPH_DEDUPE: 'false', RATE_LIMIT_CLIENT_OVERRIDES: 'a=1,b=2' });
    expect(options.variants).toEqual([{ name: 'nodedupe', env: { SUBGRAPH_DEDUPE: 'false', WORKERS: '1' } }]);
  });

  it('refuses bad flags with a message naming them', () => {
    expect(refused('--nope', '1')).toThrow(/unknown flag --nope/);
    expect(refused('--duration')).toThrow(/--duration expects a value/);
    expect(refused('--duration', 'soon')).toThrow(/--duration expects a number/);
    expect(refused('--connections', '2.5')).toThrow(/whole number/);
    expect(refused('--connections', '0')).toThrow(/from 1/);
    expect(refused('--targets', 'guichet,router')).toThrow(/unknown "router"/);
    expect(refused('--guichet-env', 'lower=1')).toThrow(/KEY=VALUE/);
    expect(refused('--variant', 'X:A=1')).toThrow(/NAME:KEY=VALUE/);
    expect(refused('--variant', 'a:A=1', '--variant', 'a:B=2')).toThrow(/must differ/);
    expect(refused('stray')).toThrow(BenchArgsError);
  });
});
