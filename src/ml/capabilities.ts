/** Browser/worker capability probe feeding the backend chooser. No side effects beyond a throwaway context. */
import type { Capabilities, GpuHint } from './backend-chooser.ts';

// The smallest module using a v128 SIMD instruction (from wasm-feature-detect).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/**
 * navigator.gpu as this realm started: read once, when this module loads, so a probe is never fooled by
 * litert-browser.ts hiding it while LiteRT's loader runs (the hint lets the two overlap).
 */
const GPU = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } } | undefined)?.gpu;

async function probeWebGpu(): Promise<{ ok: boolean; software: boolean }> {
  const gpu = GPU;
  if (!gpu) return { ok: false, software: false };
  try {
    const adapter = await Promise.race([gpu.requestAdapter(), new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    if (!adapter) return { ok: false, software: false };
    const info = adapter.info ?? {};
    const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE.test(`${info.vendor} ${info.architecture} ${info.description}`);
    return { ok: true, software };
  } catch {
    return { ok: false, software: false };
  }
}

function probeWebGl(): { ok: boolean; software: boolean } {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { ok: false, software: false };
    const dbg = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { ok: true, software: SOFTWARE.test(renderer) };
  } catch {
    return { ok: false, software: false };
  }
}

/** Synchronous part of the probe: can wasm threads run here (crossOriginIsolated + SharedArrayBuffer), on how many cores. */
export function detectThreadSupport(): Pick<Capabilities, 'threads' | 'cores'> {
  return {
    threads: Boolean(globalThis.crossOriginIsolated) && typeof SharedArrayBuffer !== 'undefined',
    cores: globalThis.navigator?.hardwareConcurrency ?? 1,
  };
}

const cpuCapabilities = () => ({ wasmSimd: WebAssembly.validate(SIMD_PROBE), ...detectThreadSupport() });

/** Capabilities without probing the GPU: WebGPU as `gpu` says (a remembered probe), WebGL not probed (false). */
export function capabilitiesWith(gpu: GpuHint): Capabilities {
  return { webgpu: gpu.webgpu, webgpuSoftware: gpu.webgpuSoftware, webgl2: false, webglSoftware: false, ...cpuCapabilities() };
}

/**
 * `webgl`: probe WebGL 2 too (a throwaway context: tens of ms at start-up). Only tfjs has a WebGL backend; for the
 * other engines it is not probed and reads false.
 */
export async function detectCapabilities({ webgl = true }: { webgl?: boolean } = {}): Promise<Capabilities> {
  const gpu = await probeWebGpu();
  const gl = webgl ? probeWebGl() : { ok: false, software: false };
  return {
    webgpu: gpu.ok,
    webgpuSoftware: gpu.software,
    webgl2: gl.ok,
    webglSoftware: gl.software,
    ...cpuCapabilities(),
  };
}
