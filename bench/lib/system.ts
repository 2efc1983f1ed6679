import { readFileSync } from 'node:fs';

/**
 * What the kernel says about processes and the machine: resident memory, CPU time. Linux /proc
 * only (the machines this project runs on).
 */

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux/x86). */
const TICKS_PER_SECOND = 100;

/** Resident set size of `pid` in MiB (VmRSS), or NaN when the process is gone. */
export function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round((Number(line.split(/\s+/)[1]) / 1024) * 10) / 10 : NaN;
  } catch {
    return NaN;
  }
}

/** User + system CPU seconds `pid` has used so far (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name in parentheses (which may hold spaces): state is field 3
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return 0;
  }
}

/** Busy and total CPU seconds of the whole machine since boot (all cores, /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1, 9).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / TICKS_PER_SECOND, total: (busy + idle + iowait) / TICKS_PER_SECOND };
}

/** CPU seconds of named groups of processes between two moments. */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private machineStart = machineCpu();
  private selfStart = process.cpuUsage();

  /** Remembers the CPU time of `pids` now (processes that appear later count from zero). */
  begin(pids: number[]): void {
    this.start.clear();
    for (const pid of pids) this.start.set(pid, cpuSeconds(pid));
    this.machineStart = machineCpu();
    this.selfStart = process.cpuUsage();
  }

  /** CPU seconds since `begin` of each group, of this process (the load generator), and of the machine. */
  end(groups: Record<string, number[]>): {
    groups: Record<string, number>;
    loadGenerator: number;
    machineBusy: number;
    machineCapacity: number;
  } {
    const used = (pid: number) => cpuSeconds(pid) - (this.start.get(pid) ?? 0);
    const machine = machineCpu();
    const self = process.cpuUsage(this.selfStart);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      groups: Object.fromEntries(
        Object.entries(groups).map(([name, pids]) => [name, r2(pids.reduce((s, p) => s + used(p), 0))]),
      ),
      loadGenerator: r2((self.user + self.system) / 1e6),
      machineBusy: r2(machine.busy - this.machineStart.busy),
      machineCapacity: r2(machine.total - this.machineStart.total),
    };
  }
}
