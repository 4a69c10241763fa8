/**
 * The environment a child process gets: this process's environment as it is (PATH, HOME, proxies, locale — what
 * `mvn`, `java`, `bash` or a nested Vitest need), plus `overrides`; an `undefined` override removes a variable.
 * Besides `runConfig()` this is the only reader of `process.env`; the native target scrubs what it hands the JVM
 * (`nodeEnvironment` in targets/native/process.ts).
 */
export function inheritedEnv(overrides: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-properties -- children inherit the environment untouched
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete env[name];
    } else {
      env[name] = value;
    }
  }
  return env;
}
