/** Position of (x, y) on a Hilbert curve over a 2^16 x 2^16 grid; nearby points mostly get nearby values. */
export function hilbertIndex(x: number, y: number): number {
  let d = 0;
  let hx = x;
  let hy = y;
  for (let s = 1 << 15; s > 0; s >>= 1) {
    const rx = (hx & s) > 0 ? 1 : 0;
    const ry = (hy & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        hx = 0xffff - hx;
        hy = 0xffff - hy;
      }
      const t = hx;
      hx = hy;
      hy = t;
    }
  }
  return d;
}

/** Hilbert keys for a set of lon/lat points, so arrays can be laid out with map neighbours stored together. */
export function hilbertKeys(lon: ArrayLike<number>, lat: ArrayLike<number>): Float64Array {
  const n = lon.length;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = lon[i] as number;
    const y = lat[i] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const sx = 0xffff / (maxX - minX || 1);
  const sy = 0xffff / (maxY - minY || 1);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = hilbertIndex(Math.floor(((lon[i] as number) - minX) * sx), Math.floor(((lat[i] as number) - minY) * sy));
  return keys;
}
