import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** A child process of ours (api or worker) with its name. */
export interface Service {
  name: 'api' | 'worker';
  child: ChildProcess;
}

/** Path of a built app's bundle (`npm run build` writes dist/apps/<name>/main.js). */
const bundle = (name: Service['name']) => resolve(process.cwd(), 'dist', 'apps', name, 'main.js');

/**
 * Starts the built api or worker as a child process with `env` added to ours. Its output goes to
 * our stdout (`inherit`), nowhere (`ignore`), or to `child.stdout` / `child.stderr` (`pipe`).
 */
export function startService(
  name: Service['name'],
  env: Record<string, string>,
  output: 'inherit' | 'ignore' | 'pipe' = 'inherit',
): Service {
  const child = spawn(process.execPath, [bundle(name)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
  return { name, child };
}

/** Sends SIGTERM to each service and waits until it has exited (graceful shutdown). */
export async function stopServices(services: Service[]): Promise<void> {
  await Promise.all(
    services.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }),
  );
}

/**
 * Polls `GET <baseUrl>/health` until it answers 200.
 * @throws Error after `timeoutMs` ms, or at once when a service has exited
 */
export async function waitUntilHealthy(
  baseUrl: string,
  services: Service[],
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dead = services.find((s) => s.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited with code ${dead.child.exitCode} during start-up`);
    const ok = await fetch(`${baseUrl}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`api not healthy at ${baseUrl} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A free TCP port on 127.0.0.1 (for an api started by the demo or a test). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
