import 'reflect-metadata';
import { isIP } from 'node:net';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/**
 * The key used when PII_KEY is not set: fine for a laptop, the demo and tests, refused in
 * production (NODE_ENV=production), where personal data must be under a key of the operator's.
 */
export const DEVELOPMENT_PII_KEY = Buffer.from('proxy-acceptance development key').toString('base64');

/**
 * The audit chain key used when AUDIT_KEY is not set (32 bytes): for a laptop, the demo and tests;
 * refused in production, where the key must be one the database does not hold (docs/AUDIT.md).
 */
export const DEVELOPMENT_AUDIT_KEY = Buffer.from('proxy-acceptance audit chain key').toString('base64');

/**
 * The hand-over root key used when HANDOVER_ROOT_KEY is not set (a 32-byte Ed25519 seed): for a
 * laptop, the demo and tests; refused in production, where receipts must verify under a root the
 * operator holds (docs/AUDIT.md, "Hand-over receipts").
 */
export const DEVELOPMENT_HANDOVER_ROOT_KEY = Buffer.from('proxy-acceptance hand-over root.').toString(
  'base64',
);

/** The token signing secret used when JWT_SECRET is not set: refused in production, like the PII key. */
export const DEVELOPMENT_JWT_SECRET = 'proxy-acceptance development token secret';

/** Lowest bcrypt cost allowed in production (OWASP password storage: 10 or more). */
export const PRODUCTION_MIN_BCRYPT_COST = 10;

/**
 * Process configuration, read from the environment once at start-up and validated; a bad value
 * stops the process with the variable named. Durations are milliseconds of wall-clock time.
 */
export class AppConfig {
  /** PostgreSQL connection URL. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//)
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/proxy_acceptance';

  /** Redis connection URL (BullMQ queues). */
  @IsString()
  @Matches(/^rediss?:\/\//)
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so two deployments (or tests) can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/)
  QUEUE_PREFIX = 'pa';

  /** HTTP port of the api. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  PORT = 3000;

  /**
   * The api's address as applicants reach it (scheme, host, port; no path): the QR code and the
   * tracking address printed on documents are `<PUBLIC_BASE_URL>/api/v1/track/<caseNumber>`.
   * Unset: `http://127.0.0.1:<PORT>`, the api itself.
   */
  @ValidateIf((config: AppConfig) => config.PUBLIC_BASE_URL !== '')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_BASE_URL = '';

  /**
   * The CJK font the PDF documents embed (TTF, OTF or TTC; it must cover 𠮷 U+20BB7): by default
   * Noto Sans CJK from Debian's `fonts-noto-cjk`, which `.ci/services.sh` and the image install.
   */
  @IsString()
  DOCUMENT_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

  /** The face of DOCUMENT_FONT_PATH to use when it is a collection (TTC), by PostScript name; empty for a single font. */
  @IsOptional()
  @IsString()
  DOCUMENT_FONT_NAME = 'NotoSansCJKsc-Regular';

  /** Courier transit time (邮件快递): delay of the courier job, ms. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  COURIER_TRANSIT_MS = 2000;

  /** Scan transfer time (扫描传送), ms. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SCAN_TRANSIT_MS = 200;

  /** Result delivery time by mail (寄递纸质结果), ms; online delivery uses SCAN_TRANSIT_MS. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RESULT_MAIL_TRANSIT_MS = 2000;

  /**
   * When the offices close, Beijing time, `HH:MM`: an event after it (or on a non-working day)
   * counts as happening on the next working day (issue 12 counting rules; default 17:00).
   */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'OFFICE_CLOSES_AT must be HH:MM' })
  OFFICE_CLOSES_AT = '17:00';

  /**
   * What starts the home jurisdiction's acceptance clock (行政许可法 art. 32, five working days, then
   * deemed accepted): `receipt` at the window (the default: the window receives on the home
   * jurisdiction's behalf) or the papers' `arrival` at the home jurisdiction.
   */
  @IsIn(['receipt', 'arrival'])
  ACCEPTANCE_CLOCK_STARTS_ON: 'receipt' | 'arrival' = 'receipt';

  /**
   * The applicant's time to hand in a supplement the home jurisdiction asked for, statutory working
   * days (no statute fixes it; local rules commonly give 30 days, default 20 working days).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SUPPLEMENT_PERIOD_WORKING_DAYS = 20;

  /**
   * What happens when the applicant's supplement clock runs out: `remind` (the default: marked
   * overdue, the applicant and the window told, the case waits) or `withdraw` (视为撤回申请, where
   * the item's rules say an application not supplemented in time is deemed withdrawn).
   */
  @IsIn(['remind', 'withdraw'])
  SUPPLEMENT_EXPIRY: 'remind' | 'withdraw' = 'remind';

  /** Working days to put right what an unsatisfied evaluation (差评) found (国办发〔2019〕51号: 15). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RECTIFICATION_WORKING_DAYS = 15;

  /** How often the worker sweeps the clocks for warnings, overdue marks and deemed acceptance, ms. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  CLOCK_SWEEP_EVERY_MS = 60_000;

  /**
   * Simulated carrier (SimulatedCourier): waybill numbers matching this pattern are always lost in
   * transit (TRANSFER_FAILED for every case of the parcel). Empty: none by pattern.
   */
  @IsOptional()
  @IsString()
  COURIER_LOST_WAYBILL_PATTERN = '';

  /** Simulated carrier: the share of parcels lost in transit, 0–1 (drawn from COURIER_SEED and the waybill). */
  @Type(() => Number)
  @Min(0)
  @Max(1)
  COURIER_LOSS_RATE = 0;

  /** Simulated carrier: the seed of its draws; the same seed gives the same losses and leg times. */
  @IsString()
  COURIER_SEED = 'proxy-acceptance';

  /**
   * Working days a carrier has to deliver a sealed parcel, counted from the day the seal counts on
   * (by the law's calendar); a parcel not delivered by the end of the last one fails
   * (TRANSFER_FAILED for its cases, issue 13 item 4). Default 3.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  COURIER_DELIVERY_WORKING_DAYS = 3;

  /**
   * Local scan channel simulation: pages whose digest matches this pattern arrive altered, so the
   * check on arrival fails (TRANSFER_FAILED). Empty: every page arrives intact.
   */
  @IsOptional()
  @IsString()
  SCAN_CORRUPT_DIGEST_PATTERN = '';

  /** How often the worker's outbox relay looks for unpublished rows, ms. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 100;

  /** AES-256-GCM key for ID and phone numbers at rest: 32 bytes, base64. */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_KEY must be 32 bytes, base64-encoded' })
  PII_KEY = DEVELOPMENT_PII_KEY;

  /**
   * Earlier PII keys still readable during a rotation (comma-separated, each 32 bytes base64);
   * `rotate-pii-key` re-encrypts everything under PII_KEY, after which they may be dropped.
   */
  @IsOptional()
  @IsString()
  @Matches(/^([A-Za-z0-9+/]{43}=)(\s*,\s*[A-Za-z0-9+/]{43}=)*$/, {
    message: 'PII_PREVIOUS_KEYS must be comma-separated keys of 32 bytes, base64-encoded',
  })
  PII_PREVIOUS_KEYS?: string;

  /**
   * HMAC-SHA256 key of the audit hash chain (32 bytes, base64), kept outside the database so that
   * someone who can write the database alone cannot re-hash a rewritten history (docs/AUDIT.md).
   */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'AUDIT_KEY must be 32 bytes, base64-encoded' })
  AUDIT_KEY = DEVELOPMENT_AUDIT_KEY;

  /**
   * Root of trust of the signed hand-over receipts (issue 13 item 7): an Ed25519 private key given
   * as its 32-byte seed (RFC 8032), base64. It certifies each window's and jurisdiction's signing
   * key, and wraps their private keys at rest; `export-receipt-trust` prints its public key, all a
   * verifier needs. Kept outside the database, like AUDIT_KEY.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'HANDOVER_ROOT_KEY must be a 32-byte Ed25519 seed, base64-encoded',
  })
  HANDOVER_ROOT_KEY = DEVELOPMENT_HANDOVER_ROOT_KEY;

  /** HS256 secret that signs staff access tokens: 32 characters or more. */
  @IsString()
  @MinLength(32)
  JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  /** Lifetime of a staff access token, seconds; signing in again gives a new one. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(8 * 3600)
  JWT_TTL_SECONDS = 900;

  /** bcrypt cost (log2 rounds) of new password hashes; tests lower it, production needs 10 or more. */
  @Type(() => Number)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST = 10;

  /**
   * Sign-in attempts allowed per username and client per minute (right or wrong); past it, 429.
   * A client, in every per-client limit, is an IPv4 address or an IPv6 /64.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_USER = 10;

  /**
   * Password of the demo staff accounts that `setup` creates for every window, jurisdiction and
   * division when they are missing (existing accounts are left alone); unset: none are created.
   * 12 to 72 characters; refused in production, where accounts are made one by one.
   */
  @IsOptional()
  @IsString()
  @Length(12, 72)
  DEMO_STAFF_PASSWORD?: string;

  /** Directory of the local file storage (uploaded scans). */
  @IsString()
  STORAGE_DIR = 'var/uploads';

  /** Largest scan upload, bytes; larger answers 413 and nothing is kept. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SCAN_MAX_BYTES = 10 * 1024 * 1024;

  /** Browser origins allowed to call the api (comma-separated); empty: none (same origin only). */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Proxies in front of the api whose X-Forwarded-For names the client: a hop count, or
   * comma-separated addresses or CIDR ranges; empty: none (the socket's address is the client's).
   * Rate limits count per client address, so behind a proxy this must be set.
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY = '';

  /**
   * Wrong query codes a minute for one case number, from all clients together (the case's failure
   * budget): past it, a client that has itself given a wrong code for the case is refused (429);
   * a client that has not still gets its code checked.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TRACK_LIMIT_PER_CASE = 10;

  /**
   * Wrong query codes a minute for one case number from one client (an IPv4 address or an IPv6
   * /64), however many it sends at once (then 429).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TRACK_FAILURES_PER_CLIENT = 5;

  /** Tracking and sign-in requests allowed per client (an IPv4 address or an IPv6 /64) per minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TRACK_LIMIT_PER_CLIENT = 60;

  /** How long an Idempotency-Key answers with its first answer, hours; older keys are swept. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_KEY_TTL_HOURS = 24;

  /** How often the worker reconciles in-flight cases with their jobs (and once at start), ms. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  RECONCILE_INTERVAL_MS = 60_000;

  /**
   * BullMQ job lock, ms: a job whose worker died is taken up again once its lock lapses (a stalled
   * check runs at the same interval).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30_000;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Which notification transport sends the notices (issue 12 item 5): `recording` (the only one
   * yet) keeps what would have been sent, readable at GET /notices; a real SMS or e-mail
   * provider is added behind NotificationTransport and chosen here.
   */
  @IsOptional()
  @IsIn(['recording'])
  NOTICE_TRANSPORT = 'recording' as const;
}

/**
 * Fastify's `trustProxy` from TRUST_PROXY: empty → trust no proxy (the socket's address is the
 * client's), a number → that many hops, else the listed proxy IP addresses or CIDR ranges.
 * @throws Error naming TRUST_PROXY when an entry is neither
 */
export function trustProxy(setting: string): boolean | number | string[] {
  if (setting === '') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  const entries = setting.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address);
    if (version === 0 || rest.length > 0) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
  });
  if (!valid) {
    throw new Error(
      'invalid configuration: TRUST_PROXY: a hop count, or comma-separated IP addresses or CIDR ranges',
    );
  }
  return entries;
}

/**
 * Builds the AppConfig from `env` (default: process.env), applying defaults.
 * @throws Error naming every invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`invalid configuration: ${detail.join('; ')}`);
  }
  trustProxy(config.TRUST_PROXY);
  config.PUBLIC_BASE_URL = (config.PUBLIC_BASE_URL || `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
  if (env.NODE_ENV === 'production') {
    if (config.PII_KEY === DEVELOPMENT_PII_KEY) {
      throw new Error('invalid configuration: PII_KEY: set a key of your own in production');
    }
    if (config.AUDIT_KEY === DEVELOPMENT_AUDIT_KEY) {
      throw new Error('invalid configuration: AUDIT_KEY: set a key of your own in production');
    }
    if (config.HANDOVER_ROOT_KEY === DEVELOPMENT_HANDOVER_ROOT_KEY) {
      throw new Error('invalid configuration: HANDOVER_ROOT_KEY: set a key of your own in production');
    }
    if (config.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
      throw new Error('invalid configuration: JWT_SECRET: set a secret of your own in production');
    }
    if (config.DEMO_STAFF_PASSWORD) {
      throw new Error(
        'invalid configuration: DEMO_STAFF_PASSWORD: demo accounts share one password; create real ones (create-admin)',
      );
    }
    if (config.BCRYPT_COST < PRODUCTION_MIN_BCRYPT_COST) {
      throw new Error(
        `invalid configuration: BCRYPT_COST: at least ${PRODUCTION_MIN_BCRYPT_COST} in production`,
      );
    }
  }
  return config;
}
