// The stations' helpers: the typed API calls (paths, query strings, the Idempotency-Key header),
// the GCJ-02 ⇄ WGS-84 conversion, the 导航 links, the tap keys of a redemption, the tile setting.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { createStation, listStations, startRound, stationFeedPath, verifyStation } from '@/api/stations'
import { pickup, pointsEntries } from '@/api/station-points'
import { nearby, redeem } from '@/mobile/api/stations'
import { navLinks } from '@/mobile/stations/nav'
import { TapKeys, retryable } from '@/mobile/stations/idempotency'
import { distanceText, gcj02ToWgs84, wgs84ToGcj02 } from '@/utils/geo'
import { setTileSource, tileSource, tileUrlProblem } from '@/utils/mapTiles'

interface Call { url: string; method: string; headers: Record<string, string>; body: unknown }
let calls: Call[] = []

beforeEach(() => {
  calls = []
  localStorage.clear()
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    calls.push({
      url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    })
    return new Response(JSON.stringify({ items: [], next_cursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }))
})

describe('stations API', () => {
  it('lists with only the filters given', async () => {
    await listStations({ q: '  城关 ', status: '', overdue: true }, null, 20)
    expect(calls[0].url).toBe(`/api/v1/stations?q=${encodeURIComponent('城关')}&overdue=true&limit=20`)
    await listStations({ status: 'repair' }, 'abc')
    expect(calls[1].url).toBe('/api/v1/stations?status=repair&cursor=abc&limit=20')
  })

  it('creates, verifies and starts a round with JSON bodies', async () => {
    await createStation({ name: '城关驿站', lat: 34.5, lng: 108.2, crs: 'GCJ-02', amenities: ['microwave'] })
    expect(calls[0]).toMatchObject({ url: '/api/v1/stations', method: 'POST', body: { name: '城关驿站', crs: 'GCJ-02', amenities: ['microwave'] } })
    await verifyStation(5)
    expect(calls[1]).toMatchObject({ url: '/api/v1/stations/5/verify', method: 'POST', body: {} })
    await startRound('第一季度核验', '2026-03-31')
    expect(calls[2]).toMatchObject({ url: '/api/v1/station-rounds', body: { title: '第一季度核验', due_on: '2026-03-31' } })
    expect(stationFeedPath('geojson', 'wgs84')).toBe('/api/v1/stations/feed.geojson?crs=wgs84')
  })

  it('points calls: pickup by code and the ledger filters', async () => {
    await pickup(3, '123456')
    expect(calls[0]).toMatchObject({ url: '/api/v1/stations/3/pickups', body: { code: '123456' } })
    await pointsEntries(undefined, 'redeem')
    expect(calls[1].url).toBe('/api/v1/points/entries?kind=redeem')
  })

  it('nearby joins the amenities and says open only when asked', async () => {
    await nearby({ lat: 34.5296, lng: 108.2447, amenity: ['微波炉', '充电'], open: true })
    const u = new URL(calls[0].url, 'http://x')
    expect(u.pathname).toBe('/api/v1/stations/nearby')
    expect(u.searchParams.get('amenity')).toBe('微波炉,充电')
    expect(u.searchParams.get('open')).toBe('true')
    expect(u.searchParams.get('crs')).toBe('gcj02')
    expect(u.searchParams.get('limit')).toBe('20')
    await nearby({ lat: 1, lng: 2 })
    expect(new URL(calls[1].url, 'http://x').searchParams.has('open')).toBe(false)
  })

  it('redeem sends the Idempotency-Key header and the CSRF token', async () => {
    await redeem(9, 'key-1')
    expect(calls[0].method).toBe('POST')
    expect(calls[0].headers['Idempotency-Key']).toBe('key-1')
    expect('X-CSRF-Token' in calls[0].headers).toBe(true)
    expect(calls[0].body).toEqual({ item_id: 9 })
  })
})

describe('coordinates', () => {
  it('moves a point in China by a few hundred metres and back', () => {
    const w = { lat: 34.5296, lng: 108.2447 }
    const g = wgs84ToGcj02(w)
    const metres = Math.hypot((g.lat - w.lat) * 111000, (g.lng - w.lng) * 111000 * Math.cos((w.lat * Math.PI) / 180))
    expect(metres).toBeGreaterThan(100)
    expect(metres).toBeLessThan(800)
    const back = gcj02ToWgs84(g)
    expect(Math.abs(back.lat - w.lat)).toBeLessThan(1e-7)
    expect(Math.abs(back.lng - w.lng)).toBeLessThan(1e-7)
  })

  it('leaves points outside China alone', () => {
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 })
  })

  it('says distances as people do', () => {
    expect(distanceText(850.4)).toBe('850 米')
    expect(distanceText(1234)).toBe('1.2 公里')
    expect(distanceText(23456)).toBe('23 公里')
  })
})

describe('navigation links', () => {
  const gcj = { lat: 34.5296, lng: 108.2447 }
  const links = navLinks('城关 驿站&1', gcj)
  const by = (k: string) => links.find((l) => l.key === k)!.href

  it('geo: in WGS-84 with the name as the query', () => {
    const m = /^geo:([\d.]+),([\d.]+)\?q=(.+)$/.exec(by('geo'))!
    const w = gcj02ToWgs84(gcj)
    expect(Number(m[1])).toBeCloseTo(w.lat, 6)
    expect(Number(m[2])).toBeCloseTo(w.lng, 6)
    expect(Number(m[1])).not.toBeCloseTo(gcj.lat, 4)
    expect(decodeURIComponent(m[3])).toBe('城关 驿站&1')
  })

  it('高德 takes lng,lat in GCJ-02', () => {
    expect(by('amap')).toBe(`https://uri.amap.com/marker?position=108.2447,34.5296&name=${encodeURIComponent('城关 驿站&1')}`)
  })

  it('百度 takes lat,lng with coord_type=gcj02', () => {
    expect(by('baidu')).toBe(`baidumap://map/marker?location=34.5296,108.2447&title=${encodeURIComponent('城关 驿站&1')}&coord_type=gcj02&src=gonghui`)
  })
})

describe('redemption tap keys', () => {
  it('reuses the key after a lost answer and drops it after a definite one', () => {
    let n = 0
    const taps = new TapKeys(() => `k${++n}`)
    expect(taps.key(1)).toBe('k1')
    taps.settle(1, new ApiError(0, 'network', ''))
    expect(taps.pending(1)).toBe(true)
    expect(taps.key(1)).toBe('k1')
    taps.settle(1, new ApiError(503, 'http.503', ''))
    expect(taps.key(1)).toBe('k1')
    taps.settle(1, new ApiError(422, 'points.not_enough', ''))
    expect(taps.pending(1)).toBe(false)
    expect(taps.key(1)).toBe('k2')
    taps.settle(1)
    expect(taps.key(1)).toBe('k3')
    expect(taps.key(2)).toBe('k4')
  })

  it('treats only network failures and 5xx as retryable', () => {
    expect(retryable(new ApiError(0, 'network', ''))).toBe(true)
    expect(retryable(new ApiError(500, 'internal', ''))).toBe(true)
    expect(retryable(new ApiError(409, 'x', ''))).toBe(false)
  })
})

describe('map tiles', () => {
  it('are none by default and can be set in this browser', () => {
    expect(tileSource().url).toBe('')
    expect(tileUrlProblem('tiles/{z}')).toMatch(/开头/)
    expect(tileUrlProblem('/tiles/{z}/{x}.png')).toMatch(/\{y\}/)
    expect(tileUrlProblem('/tiles/{z}/{x}/{y}.png')).toBeNull()
    setTileSource({ url: '/tiles/{z}/{x}/{y}.png', crs: 'wgs84' })
    expect(tileSource()).toEqual({ url: '/tiles/{z}/{x}/{y}.png', crs: 'wgs84' })
    setTileSource(null)
    expect(tileSource().url).toBe('')
  })
})
