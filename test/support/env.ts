/** Environment variables to set, or (`undefined`) to remove. */
export type EnvSettings = Record<string, string | undefined>;

function apply(settings: EnvSettings): void {
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** Puts back exactly the environment `saved`: removes what was added since, restores the rest. */
function restore(saved: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
}

/**
 * Runs `work` with `settings` in `process.env` (what reads the environment when it starts: an app,
 * a command, a module loaded afresh), then puts the whole environment back as it was, whatever
 * `work` changed in it; for a promise, once it settles. Answers what `work` answers.
 */
export function withEnv<T>(settings: EnvSettings, work: () => T): T {
  const saved = { ...process.env };
  apply(settings);
  let result: T;
  try {
    result = work();
  } catch (e) {
    restore(saved);
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => restore(saved)) as T;
  restore(saved);
  return result;
}
