/** Command-line options of `npm run bench`. */
export interface BenchArgs {
  cases: number;
  concurrency: number;
  apis: number;
  workers: number;
  /** Profile the first run (CPU profile + per-statement timing of every api and worker). */
  profile: boolean;
  /** Skip `npm run build` (the bundle in dist/ is used as it is). */
  skipBuild: boolean;
  /** Skip the second identical run (then no memory-growth figure). */
  secondRun: boolean;
  /** Skip the floor. */
  floor: boolean;
  /** Name of the JSON written under bench/results/ (default: from the time and the options). */
  out?: string;
}

export const USAGE = `usage: npm run bench -- [--cases N] [--concurrency C] [--api A] [--workers W]
                        [--profile] [--skip-build] [--no-second-run] [--no-floor] [--out NAME]
  --cases N         cases per run (default 2000)
  --concurrency C   cases driven at once, i.e. concurrent clients (default 32)
  --api A           api processes, each on its own port, load split evenly (default 1)
  --workers W       worker processes (default 1)
  --profile         CPU profile + per-statement timing of every process during the first run
                    (slows it a little: profile figures are for proportions, not throughput)
  --skip-build      use dist/ as it is instead of running npm run build
  --no-second-run   one run only (no memory-growth figure)
  --no-floor        skip the minimal-pg floor
  --out NAME        results file name under bench/results/ (default: derived from time and options)`;

const positiveInt = (flag: string, value: string | undefined, max: number): number => {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${flag} needs a whole number 1-${max}\n${USAGE}`);
  return n;
};

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    cases: 2000,
    concurrency: 32,
    apis: 1,
    workers: 1,
    profile: false,
    skipBuild: false,
    secondRun: true,
    floor: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--cases':
        args.cases = positiveInt(flag, value(), 1_000_000);
        break;
      case '--concurrency':
        args.concurrency = positiveInt(flag, value(), 1000);
        break;
      case '--api':
      case '--apis':
        args.apis = positiveInt(flag, value(), 8);
        break;
      case '--workers':
        args.workers = positiveInt(flag, value(), 8);
        break;
      case '--profile':
        args.profile = true;
        break;
      case '--skip-build':
        args.skipBuild = true;
        break;
      case '--no-second-run':
        args.secondRun = false;
        break;
      case '--no-floor':
        args.floor = false;
        break;
      case '--out':
        args.out = value();
        if (!args.out || !/^[\w.-]+$/.test(args.out)) throw new Error(`--out needs a file name\n${USAGE}`);
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    }
  }
  return args;
}
