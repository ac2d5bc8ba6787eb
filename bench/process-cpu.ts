import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processTree } from './process-tree.js';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (100 on every usual Linux). */
const ticksPerSecond = (() => {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) one process has used so far, in ms; undefined when /proc cannot tell (gone, not Linux). */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields counted after the command name's last ')': state is [0], utime [11], stime [12].
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** CPU time used so far by `rootPid` and its descendants (cluster workers), in ms. */
export function treeCpuMs(rootPid: number): number | undefined {
  let total: number | undefined;
  for (const pid of processTree(rootPid)) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) total = (total ?? 0) + ms;
  }
  return total;
}

/** Starts counting the CPU ms of each group of process trees; the returned function gives what each used since. */
export function cpuMeter(groups: Readonly<Record<string, readonly number[]>>): () => Record<string, number> {
  const read = () => Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + (treeCpuMs(pid) ?? 0), 0)]));
  const before = read();
  return () => {
    const after = read();
    return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, ms - (before[name] ?? 0)]));
  };
}
