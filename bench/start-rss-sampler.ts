import { readFileSync } from 'node:fs';
import { processTree } from './process-tree.js';

/** Peak resident memory of a process tree over one run. */
export interface RssFigures {
  /** Highest sum over the tree at one sampling instant, in MB. */
  readonly peakTotalMb: number;
  /** Each process's own peak in MB, the root first (cluster primary), then its descendants by pid. */
  readonly peakPerProcessMb: readonly number[];
}

export interface RssSampler {
  /** Stops sampling; undefined where /proc is not readable (not Linux). */
  stop(): RssFigures | undefined;
}

const bytesPerMb = 1024 * 1024;

/**
 * Samples VmRSS of `rootPid` and all its descendants (cluster workers, a CLI's forks) every `intervalMs` from
 * /proc, so that workers started or restarted during the run are counted too.
 */
export function startRssSampler(rootPid: number, intervalMs = 200): RssSampler {
  const peaks = new Map<number, number>();
  let peakTotal = 0;
  let readable = true;
  const sample = () => {
    try {
      let total = 0;
      for (const pid of processTree(rootPid)) {
        const rss = rssBytes(pid);
        if (rss === undefined) continue;
        total += rss;
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rss));
      }
      peakTotal = Math.max(peakTotal, total);
    } catch {
      readable = false;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      if (!readable || peaks.size === 0) return undefined;
      const ordered = [...peaks.entries()].sort(([a], [b]) => (a === rootPid ? -1 : b === rootPid ? 1 : a - b));
      return { peakTotalMb: peakTotal / bytesPerMb, peakPerProcessMb: ordered.map(([, bytes]) => bytes / bytesPerMb) };
    },
  };
}

function rssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
