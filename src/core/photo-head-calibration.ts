/** Calibration maths for the photo head's confidences. Pure. */

/** Expected calibration error over equal-width confidence bins: Σ_b (n_b/N)·|acc_b − conf_b|. */
export function expectedCalibrationError(conf: readonly number[], correct: readonly boolean[], bins = 10): number {
  if (conf.length !== correct.length) throw new RangeError('conf and correct differ in length');
  if (conf.length === 0) return NaN;
  const n = new Array(bins).fill(0),
    acc = new Array(bins).fill(0),
    c = new Array(bins).fill(0);
  conf.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    n[b]++;
    acc[b] += +correct[i];
    c[b] += p;
  });
  let e = 0;
  for (let b = 0; b < bins; b++) if (n[b]) e += (n[b] / conf.length) * Math.abs(acc[b] / n[b] - c[b] / n[b]);
  return e;
}
