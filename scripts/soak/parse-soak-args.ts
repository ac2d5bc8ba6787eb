import { defaultSoakOptions, quickSoakOptions, type SoakOptions } from './soak-options.js';

const usage = 'usage: npm run soak -- [--quick] [--submissions N] [--duration-s S] [--kills K] [--seed X] [--concurrency C] [--drain-timeout-s S] [--keep-data] [--scaled]';

/** Command-line flags over the defaults (or over the quick profile with `--quick`). Throws with the usage on a bad flag. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const base = argv.includes('--quick') ? quickSoakOptions : defaultSoakOptions;
  const options: { -readonly [K in keyof SoakOptions]: SoakOptions[K] } = { ...base };
  const integer = (flag: string, value: string | undefined, min: number): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isInteger(parsed) || parsed < min) throw new Error(`${flag} expects an integer ≥ ${min}\n${usage}`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    switch (flag) {
      case '--quick':
        continue;
      case '--keep-data':
        options.keepData = true;
        continue;
      case '--scaled':
        options.scaled = true;
        continue;
      case '--submissions':
        options.submissions = integer(flag, value, 1);
        break;
      case '--duration-s':
        options.durationS = integer(flag, value, 1);
        break;
      case '--kills':
        options.kills = integer(flag, value, 0);
        break;
      case '--seed':
        options.seed = integer(flag, value, 0);
        break;
      case '--concurrency':
        options.concurrency = integer(flag, value, 1);
        break;
      case '--drain-timeout-s':
        options.drainTimeoutS = integer(flag, value, 1);
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${usage}`);
    }
    i += 1;
  }
  return options;
}
