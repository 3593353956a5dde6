/** What a WebGPU probe found, remembered from one visit to the next (the worker starts loading from it). Pure. */
export interface GpuHint {
  /** navigator.gpu gave an adapter. */
  webgpu: boolean;
  /** That adapter is a software fallback. */
  webgpuSoftware: boolean;
}

/** `x` as a GpuHint (only its two fields), or undefined when it is not one (a stored or sent value is not trusted). */
export function asGpuHint(x: unknown): GpuHint | undefined {
  const h = x as Partial<GpuHint> | null | undefined;
  return h && typeof h.webgpu === 'boolean' && typeof h.webgpuSoftware === 'boolean' ? { webgpu: h.webgpu, webgpuSoftware: h.webgpuSoftware } : undefined;
}
