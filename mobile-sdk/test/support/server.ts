/**
 * A real `village serve` for the integration tests: embedded SQLite in a data dir of its
 * own, on a free port, from the binary named by VILLAGE_BIN (else the workspace's release
 * build). It can be stopped (SIGTERM: sockets close with 1001) and started again on the
 * same port and data, as a server restart. `nativePushEnv()` turns on FCM and APNs with
 * the workspace's throwaway test keys. With no SMTP server, its email lands as `.eml`
 * files in `<dataDir>/mail` (`emailsTo`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKSPACE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

function villageBinary(): string {
  const binary = process.env['VILLAGE_BIN'] ?? join(WORKSPACE, 'target/release/village');
  if (!existsSync(binary)) {
    throw new Error(`no village binary at ${binary}: run \`cargo build --release\` in ${WORKSPACE}, or set VILLAGE_BIN`);
  }
  return binary;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitUntilHealthy(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`village exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`village did not become healthy:\n${output()}`);
}

/** Environment variables that would point the server elsewhere than its own data dir, or at real push services. */
const FOREIGN_SETTINGS = [
  'DATABASE_URL',
  'REDIS_URL',
  'VILLAGE_DATA_DIR',
  'VILLAGE_BIND',
  'VILLAGE_PRODUCTION',
  'VILLAGE_FCM_CREDENTIALS',
  'VILLAGE_FCM_URL',
  'VILLAGE_APNS_KEY',
  'VILLAGE_APNS_KEY_ID',
  'VILLAGE_APNS_TEAM_ID',
  'VILLAGE_APNS_TOPIC',
  'VILLAGE_APNS_URL',
  'VILLAGE_APNS_SANDBOX_URL',
  'VILLAGE_PUSH_CA_CERTIFICATES',
  'VILLAGE_SMTP_URL',
  'VILLAGE_EMAIL_FROM',
  'VILLAGE_PUBLIC_URL',
  'VILLAGE_UNVERIFIED_MAY_WRITE',
];

/**
 * What every test server runs with unless a test says otherwise: members post as soon as
 * they sign up (the account test turns email verification back on).
 */
const TEST_DEFAULTS: Record<string, string> = { VILLAGE_UNVERIFIED_MAY_WRITE: 'true' };

/** The workspace's throwaway native-push keys (tests/fixtures/native-push, beside this SDK). */
const NATIVE_PUSH_FIXTURES = join(WORKSPACE, 'tests/fixtures/native-push');

/** The iOS bundle id the test server pushes to over APNs. */
export const APNS_TOPIC = 'org.village.app';

/**
 * Settings that turn on FCM and APNs with the test keys: the FCM service-account JSON is
 * written into `dir`. Nothing is sent to either service unless a push is due (its token
 * endpoint is a closed local port); registering a device contacts neither.
 */
export function nativePushEnv(dir: string): Record<string, string> {
  const credentials = join(dir, 'fcm-service-account.json');
  const account = {
    type: 'service_account',
    project_id: 'village-test',
    private_key_id: 'test-key-1',
    private_key: readFileSync(join(NATIVE_PUSH_FIXTURES, 'fcm-service-account.key'), 'utf8'),
    client_email: 'village@village-test.iam.gserviceaccount.com',
    token_uri: 'http://127.0.0.1:9/token',
  };
  writeFileSync(credentials, JSON.stringify(account));
  return {
    VILLAGE_FCM_CREDENTIALS: credentials,
    VILLAGE_APNS_KEY: join(NATIVE_PUSH_FIXTURES, 'apns-auth-key.p8'),
    VILLAGE_APNS_KEY_ID: 'ABC123DEFG',
    VILLAGE_APNS_TEAM_ID: 'TEAM123456',
    VILLAGE_APNS_TOPIC: APNS_TOPIC,
  };
}

export class VillageServer {
  private child?: ChildProcess;
  private log = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  /**
   * Starts a server; `args` are extra flags, e.g. `['--access-token-ttl-secs', '10']`;
   * `env` extra settings, or a function of the server's own data dir (files it needs go
   * there and are removed with it), e.g. `nativePushEnv`.
   */
  static async start(
    args: string[] = [],
    env: Record<string, string> | ((dataDir: string) => Record<string, string>) = {},
  ): Promise<VillageServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'village-sdk-'));
    const settings = typeof env === 'function' ? env(dataDir) : env;
    const server = new VillageServer(await freePort(), dataDir, args, settings);
    await server.resume();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  /** The messages written to `address` so far (raw `.eml` text), oldest first. */
  emailsTo(address: string): string[] {
    const dir = join(this.dataDir, 'mail');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
      .map((path) => readFileSync(path, 'utf8'))
      .filter((raw) => raw.split(/\r?\n/).some((line) => line === `To: ${address}`));
  }

  /** Starts the process again on the same port and data dir. */
  async resume(): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, RUST_LOG: 'warn' };
    FOREIGN_SETTINGS.forEach((name) => delete env[name]);
    Object.assign(env, TEST_DEFAULTS, this.env);
    const flags = ['--bind', `127.0.0.1:${this.port}`, '--data-dir', this.dataDir, '--allow-local-push-endpoints'];
    const child = spawn(villageBinary(), ['serve', ...flags, ...this.args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.child = child;
    await waitUntilHealthy(`http://127.0.0.1:${this.port}`, child, () => this.log);
  }

  /** SIGTERM, and waits for the process to exit (its sockets close with 1001). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  /** Stops the server for good and removes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
