// Coordinates on the client: GCJ-02 (the datum of Chinese maps: 高德, 腾讯, and 百度 with
// coord_type=gcj02) ⇄ WGS-84 (GPS, the browser's geolocation, OpenStreetMap, the geo: URI), by the
// published GCJ-02 offset formulas (the server's src/core/cn does the same); distances for people.
export interface LatLng {
  lat: number
  lng: number
}

const A = 6378245.0
const EE = 0.006693421622965943

function offLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function offLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

// Outside mainland China there is no offset.
export function inChina(p: LatLng): boolean {
  return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (!inChina(p)) return { ...p }
  const rad = (p.lat / 180) * Math.PI
  const m = 1 - EE * Math.sin(rad) ** 2
  const sm = Math.sqrt(m)
  const dLat = (offLat(p.lng - 105, p.lat - 35) * 180) / (((A * (1 - EE)) / (m * sm)) * Math.PI)
  const dLng = (offLng(p.lng - 105, p.lat - 35) * 180) / ((A / sm) * Math.cos(rad) * Math.PI)
  return { lat: p.lat + dLat, lng: p.lng + dLng }
}

// The inverse, by a few rounds of correction (well under a centimetre).
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (!inChina(p)) return { ...p }
  let w = { ...p }
  for (let i = 0; i < 5; i++) {
    const g = wgs84ToGcj02(w)
    w = { lat: w.lat - (g.lat - p.lat), lng: w.lng - (g.lng - p.lng) }
  }
  return w
}

export const round7 = (v: number) => Math.round(v * 1e7) / 1e7

// 850 m, 1.2 km, 12 km.
export function distanceText(m: number): string {
  if (!Number.isFinite(m) || m < 0) return ''
  if (m < 1000) return `${Math.round(m)} 米`
  if (m < 10000) return `${(m / 1000).toFixed(1)} 公里`
  return `${Math.round(m / 1000)} 公里`
}
