// Where the maps' tiles come from: NONE by default (the markers are drawn on a blank map and
// nothing is fetched). A deployment sets VITE_MAP_TILE_URL at build time, or a user sets one on
// the page (kept in this browser), e.g. a tile server of the union's own under /tiles/{z}/{x}/{y}.png.
// The server's CSP allows images from its own origin only (img-src 'self' data: blob:), so an
// off-site tile server needs the CSP widened as well. The tiles' datum says where markers go:
// 高德-style tiles are GCJ-02, OpenStreetMap-style WGS-84.
const KEY = 'gh.map-tiles'

export interface TileSource {
  url: string // a Leaflet URL template ({z}/{x}/{y}, optional {s}); '' for none
  crs: 'gcj02' | 'wgs84'
}

function envSource(): TileSource {
  const env = import.meta.env as Record<string, string | undefined>
  return { url: env.VITE_MAP_TILE_URL ?? '', crs: env.VITE_MAP_TILE_CRS === 'wgs84' ? 'wgs84' : 'gcj02' }
}

export function tileSource(): TileSource {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved) {
      const s = JSON.parse(saved) as Partial<TileSource>
      if (typeof s.url === 'string') return { url: s.url, crs: s.crs === 'wgs84' ? 'wgs84' : 'gcj02' }
    }
  } catch {
    // a broken value is as good as none
  }
  return envSource()
}

// A template Leaflet can use: http(s) or same-origin, with {z}, {x} and {y}.
export function tileUrlProblem(url: string): string | null {
  const u = url.trim()
  if (!u) return null
  if (!/^(https?:\/\/|\/)/.test(u)) return '地图瓦片地址应以 http://、https:// 或 / 开头'
  if (!['{z}', '{x}', '{y}'].every((p) => u.includes(p))) return '地图瓦片地址应包含 {z}、{x}、{y}'
  return null
}

export function setTileSource(s: TileSource | null): void {
  if (!s || !s.url.trim()) localStorage.removeItem(KEY)
  else localStorage.setItem(KEY, JSON.stringify({ url: s.url.trim(), crs: s.crs }))
}
