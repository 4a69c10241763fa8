import { describe, expect, it } from 'vitest';
import { isNativeTargetError } from './errors.ts';
import { checkShimToolchain, shimCacheKey, shimCompilerArgs, type ToolchainProbe } from './shim.ts';

const VERSION_H = '#define TORCH_VERSION_MAJOR 1\n#define TORCH_VERSION_MINOR 13\n#define TORCH_VERSION_PATCH 0\n';

function probe(
  overrides: Partial<{ gpp: boolean; headers: boolean; versionH: string; jni: string[] }> = {},
): ToolchainProbe {
  const o = { gpp: true, headers: true, versionH: VERSION_H, jni: ['/jdk17'], ...overrides };
  return {
    findCompiler: () => Promise.resolve(o.gpp ? '/usr/bin/g++' : undefined),
    exists: (path) =>
      Promise.resolve(
        path === '/usr/include/ATen/ATen.h' ? o.headers : o.jni.some((home) => path === `${home}/include/jni.h`),
      ),
    readText: () => Promise.resolve(o.versionH),
  };
}

async function failure(p: ToolchainProbe, pt = '1.13.1'): Promise<Error> {
  const error: unknown = await checkShimToolchain(pt, ['/jdk25', '/jdk17'], p).catch((e: unknown) => e);
  expect(isNativeTargetError(error, 'toolchain-missing')).toBe(true);
  return error as Error;
}

describe('checkShimToolchain', () => {
  it('finds g++, the headers and the first JDK with jni.h', async () => {
    await expect(checkShimToolchain('1.13.1', ['/jdk25', '/jdk17'], probe())).resolves.toEqual({
      compiler: '/usr/bin/g++',
      jdkInclude: '/jdk17',
    });
  });

  it('missing g++ names both apt packages and why', async () => {
    const { message } = await failure(probe({ gpp: false }));
    expect(message).toContain('g++ not found on PATH');
    expect(message).toContain('apt-get install -y g++ libtorch-dev');
    expect(message).toContain('JNI methods the only published 1.13.1 JNI build lacks');
  });

  it('missing headers name libtorch-dev', async () => {
    expect((await failure(probe({ headers: false }))).message).toMatch(/PyTorch C\+\+ headers not found.*libtorch-dev/);
  });

  it('refuses headers of another PyTorch line', async () => {
    const versionH = VERSION_H.replace('MINOR 13', 'MINOR 12');
    expect((await failure(probe({ versionH }))).message).toContain(
      'headers are 1.12, but the shim must be built against 1.13',
    );
  });

  it('asks for a full JDK when no jni.h exists', async () => {
    expect((await failure(probe({ jni: [] }))).message).toContain('openjdk-17-jdk-headless');
  });
});

describe('shimCacheKey', () => {
  it('is stable and depends on the source and the PyTorch version only', () => {
    const key = shimCacheKey('src', '1.13.1');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(shimCacheKey('src', '1.13.1')).toBe(key);
    expect(shimCacheKey(Buffer.from('src'), '1.13.1')).toBe(key);
    expect(shimCacheKey('src2', '1.13.1')).not.toBe(key);
    expect(shimCacheKey('src', '2.5.1')).not.toBe(key);
  });
});

describe('shimCompilerArgs', () => {
  it('links libtorch from the seeded dir and resolves it next to the shim at load time', () => {
    const args = shimCompilerArgs('/jdk', '/lt', '/out.so', '/src.cc');
    expect(args).toEqual(
      expect.arrayContaining(['-I/jdk/include', '-I/jdk/include/linux', '-L/lt', '-ltorch_cpu', '-lc10']),
    );
    expect(args.at(-1)).toBe('-Wl,-rpath,$ORIGIN');
  });
});
