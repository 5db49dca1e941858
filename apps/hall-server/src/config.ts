import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { DEFAULTS, PACKAGE_DIR, type HallServerOptions } from './server.js';
import { isHookUrl } from './notify/webhook-sms-gateway.js';

/** A setting read from the environment was not usable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function number(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${text}: a number from ${min} to ${max} is expected`);
  }
  return value;
}

/** One label of a host name (RFC 1123): letters, digits and inner hyphens, 1–63 characters. */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Whether `host` is something to listen on: an IPv4 or IPv6 literal (`0.0.0.0`, `::`, `192.168.1.20`), or a host
 * name (`localhost`, `hall.example.gov.cn`). Not a URL, not a port, not an all-numeric name that is no address.
 */
export function isListenHost(host: string): boolean {
  if (isIP(host) !== 0) return true;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253 || /^[\d.]+$/.test(name)) return false;
  return name.split('.').every((label) => HOST_LABEL.test(label));
}

/**
 * The server's options from environment variables (see the README for each one and its default):
 * `PORT`, `HOST`, `DATA_DIR` (relative paths are taken from the hall-server package folder), `HALL_SEED`
 * (`demo` or `bench`, with `HALL_CODE` and `HALL_NAME` for a seeded hall of another code and name), `CORS_ORIGINS` (comma-separated, `*` for any), `LOG_LEVEL`, `SESSION_HOURS`,
 * `MAX_ATTACHMENT_BYTES`, `ATTACHMENT_QUOTA_BYTES`, `ORPHAN_GRACE_HOURS`, `STREAMS_PER_SESSION`, `STREAMS_TOTAL`,
 * `REQUEST_TIMEOUT_MS`, `HALL_KEY` / `HALL_KEY_FILE` (the keys that seal personal data), and for tests and benchmarks `PASSWORD_COST` (log2 of scrypt's N, 10–20) and
 * `EVENT_TIMING` (`1`: stamp broadcast events with the commit time, see {@link HallServerOptions.eventTiming}).
 *
 * @throws ConfigError naming the variable and what it expects.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): HallServerOptions {
  const options: HallServerOptions = {};
  const port = number(env, 'PORT', 0, 65535);
  if (port !== undefined) {
    if (!Number.isInteger(port)) throw new ConfigError(`PORT=${env.PORT}: a whole number is expected`);
    options.port = port;
  }
  const host = env.HOST?.trim();
  if (host) {
    if (!isListenHost(host)) {
      throw new ConfigError(`HOST=${host}: an IP address (0.0.0.0, ::, 192.168.1.20) or a host name is expected`);
    }
    options.host = host;
  }
  const dataDir = env.DATA_DIR?.trim();
  if (dataDir) options.dataDir = isAbsolute(dataDir) ? dataDir : resolve(PACKAGE_DIR, dataDir);
  const seed = env.HALL_SEED?.trim();
  if (seed) {
    if (seed !== 'demo' && seed !== 'bench') {
      throw new ConfigError(`HALL_SEED=${seed}: "demo", "bench" or nothing is expected`);
    }
    options.seed = seed;
    // A second demo hall on one machine (the deciding hall of the cross-province demo): its own code and name.
    const code = env.HALL_CODE?.trim();
    if (code) {
      if (!/^[0-9A-Za-z]{1,16}$/.test(code)) throw new ConfigError(`HALL_CODE=${code}: 1 to 16 letters or digits`);
      options.hallCode = code;
    }
    const name = env.HALL_NAME?.trim();
    if (name) options.hallName = name.slice(0, 100);
  }
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin.replace(/\/+$/, ''))) {
      throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin like https://hall.example.gov.cn or *`);
    }
  }
  if (origins.length) options.corsOrigins = origins;
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  if (level) {
    if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL=${level}: one of ${LOG_LEVELS.join(', ')}`);
    options.logLevel = level;
  }
  const hours = number(env, 'SESSION_HOURS', 0.01, 24 * 366);
  if (hours !== undefined) options.sessionHours = hours;
  const bytes = number(env, 'MAX_ATTACHMENT_BYTES', 1, 2 ** 40);
  if (bytes !== undefined) options.maxAttachmentBytes = Math.floor(bytes);
  const quota = number(env, 'ATTACHMENT_QUOTA_BYTES', 1, 2 ** 50);
  if (quota !== undefined) options.attachmentQuotaBytes = Math.floor(quota);
  const grace = number(env, 'ORPHAN_GRACE_HOURS', 0, 24 * 366);
  if (grace !== undefined) options.orphanGraceHours = grace;
  const perSession = number(env, 'STREAMS_PER_SESSION', 1, 1000);
  if (perSession !== undefined) options.streamsPerSession = Math.floor(perSession);
  const total = number(env, 'STREAMS_TOTAL', 1, 1_000_000);
  if (total !== undefined) options.streamsTotal = Math.floor(total);
  const timeout = number(env, 'REQUEST_TIMEOUT_MS', 1000, 3_600_000);
  if (timeout !== undefined) options.requestTimeoutMs = Math.floor(timeout);
  const key = env.HALL_KEY?.trim();
  if (key) options.key = key;
  const keyFile = env.HALL_KEY_FILE?.trim();
  if (keyFile) options.keyFile = isAbsolute(keyFile) ? keyFile : resolve(PACKAGE_DIR, keyFile);
  const timing = env.EVENT_TIMING?.trim();
  if (timing) {
    if (timing !== '1' && timing !== '0') throw new ConfigError(`EVENT_TIMING=${timing}: 1 (on) or 0 (off)`);
    options.eventTiming = timing === '1';
  }
  const hook = env.SMS_WEBHOOK_URL?.trim();
  if (hook) {
    if (!isHookUrl(hook)) {
      throw new ConfigError(`SMS_WEBHOOK_URL=${hook}: an https address (or http on localhost) is expected`);
    }
    options.smsWebhookUrl = hook;
  }
  const department = number(env, 'DEPARTMENT_SIMULATOR_SECONDS', 0, 366 * 86_400);
  if (department !== undefined && department > 0) options.departmentSimulatorSeconds = department;
  const cost = number(env, 'PASSWORD_COST', 10, 20);
  if (cost !== undefined) options.passwordCost = Math.floor(cost);
  return options;
}

export { DEFAULTS };
