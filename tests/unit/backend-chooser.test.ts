import { asGpuHint } from '../../src/core/gpu-hint.ts';
import { describe, expect, it } from 'vitest';
import { firstWorking, NoBackendError, ortBackendOrder, tfjsBackendOrder, type Capabilities } from '../../src/ml/backend-chooser.ts';

const caps = (o: Partial<Capabilities> = {}): Capabilities => ({
  webgpu: true,
  webgpuSoftware: false,
  webgl2: true,
  webglSoftware: false,
  wasmSimd: true,
  threads: true,
  cores: 8,
  ...o,
});

describe('backend chooser', () => {
  it('orders WebGPU → WebGL → WASM → CPU on real hardware', () => {
    expect(tfjsBackendOrder(caps())).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
  it('puts software GPUs (SwiftShader) behind WASM and skips what is absent', () => {
    expect(tfjsBackendOrder(caps({ webgpu: false, webglSoftware: true }))).toEqual(['wasm', 'webgl', 'cpu']);
    expect(tfjsBackendOrder(caps({ webgpuSoftware: true, webgl2: false }))).toEqual(['wasm', 'webgpu', 'cpu']);
  });
  it('an override goes first and keeps the rest as fallbacks', () => {
    expect(tfjsBackendOrder(caps({ webgpu: false }), 'cpu')).toEqual(['cpu', 'webgl', 'wasm']);
  });
  it('ORT uses WebGPU only on a hardware adapter', () => {
    expect(ortBackendOrder(caps())).toEqual(['webgpu', 'wasm']);
    expect(ortBackendOrder(caps({ webgpuSoftware: true }))).toEqual(['wasm']);
  });
  it('falls back on failure and on timeout, and names every attempt when all fail', async () => {
    const r = await firstWorking(
      ['a', 'b', 'c'],
      async (b) => {
        if (b === 'a') throw new Error('no adapter');
        if (b === 'b') return new Promise<string>(() => {}); // hangs
        return 'ok-' + b;
      },
      50,
    );
    expect(r).toEqual({
      backend: 'c',
      value: 'ok-c',
      attempts: [
        { backend: 'a', error: 'no adapter' },
        { backend: 'b', error: 'b timed out after 50 ms' },
      ],
    });
    await expect(
      firstWorking(
        ['x'],
        async () => {
          throw new Error('boom');
        },
        50,
      ),
    ).rejects.toBeInstanceOf(NoBackendError);
    await expect(
      firstWorking(
        ['x'],
        async () => {
          throw new Error('boom');
        },
        50,
      ),
    ).rejects.toThrow(/x \(boom\)/);
  });
});

describe('asGpuHint (a remembered WebGPU probe, read back from storage or a request)', () => {
  it('keeps its two booleans only and refuses anything else', () => {
    expect(asGpuHint({ webgpu: true, webgpuSoftware: false, extra: 1 })).toEqual({ webgpu: true, webgpuSoftware: false });
    expect(asGpuHint({ webgpu: 'yes', webgpuSoftware: false })).toBeUndefined();
    expect(asGpuHint({ webgpu: true })).toBeUndefined();
    expect(asGpuHint(null)).toBeUndefined();
    expect(asGpuHint('{"webgpu":true}')).toBeUndefined();
  });
});
