// 工会驿站 on the phone: the stations near me (public), one station (from the public feed), checking
// in at the door, my visits and pass, my points, a station's items and redeeming one (with an
// Idempotency-Key), my redemptions, attending an event, and wishes.
import { get, post, postWith } from '@/api/http'
import type { Term } from '@/api/stations'
import type { Attendance, PointsEntry, Redemption } from '@/api/station-points'

export type { Attendance, PointsEntry, Redemption, Term }

export interface NearbyStation {
  code: string
  name: string
  lat: number // GCJ-02 unless asked for wgs84
  lng: number
  distance_m: number
  open: boolean
  amenities: string[] // Chinese names
  address: string
  hours: string
  status: string
}

export interface NearbyQuery {
  lat: number
  lng: number
  limit?: number
  amenity?: string[]
  open?: boolean
  crs?: 'gcj02' | 'wgs84'
}

// An item of a station's shelf as the phone sees it (only the active ones).
export interface ShelfItem {
  id: number
  name: string
  points: number
  stock: number
}

// A station as the public feed gives it (GeoJSON, GCJ-02).
export interface FeedStation {
  code: string
  name: string
  address: string
  amenities: string[]
  hours: string
  capacity: number
  lat: number
  lng: number
}

export interface Checkin {
  visit_id: number
  counted: boolean
  station: { code: string; name: string; address: string }
  visited_at: string
}

export type VisitMethod = 'scan' | 'card' | 'door'

export interface Visit {
  id: number
  station: { code: string; name: string }
  visited_at: string
  method: VisitMethod
}

// The answer of POST /worker/stations/redemptions (201, or the stored answer on a replay).
export interface Redeemed {
  redemption_id: number
  pickup_code: string
  item: { id: number; name: string; points: number }
  station: { code: string; name: string }
  balance: number
  status: string
}

export interface MyWish {
  id: number
  station_id: number
  station_code: string
  station_name: string
  text: string
  status: string
  claimed_by: string
  outcome: string
  created_at: string
  updated_at: string
}

// 附近的驿站（公开；可按设施、是否正在开放筛选）
export const nearby = (q: NearbyQuery) =>
  get<{ items: NearbyStation[] }>('/api/v1/stations/nearby', {
    lat: q.lat, lng: q.lng, limit: q.limit ?? 20, amenity: q.amenity?.length ? q.amenity.join(',') : undefined,
    open: q.open ? 'true' : undefined, crs: q.crs ?? 'gcj02',
  })
// 设施清单（公开）
export const amenities = () => get<{ amenities: Term[]; checklist: Term[] }>('/api/v1/stations/amenities')

interface Feature {
  geometry: { coordinates: [number, number] }
  properties: Omit<FeedStation, 'lat' | 'lng'>
}
// 一个驿站（从公开的驿站数据中按编码查找；只含开放的驿站）
export async function feedStation(code: string): Promise<FeedStation | null> {
  const doc = await get<{ features: Feature[] }>('/api/v1/stations/feed.geojson', { crs: 'gcj02' })
  const f = doc.features.find((x) => x.properties.code === code)
  return f ? { ...f.properties, lng: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] } : null
}

// 扫门牌二维码签到
export const checkin = (token: string) => post<Checkin>('/api/v1/worker/stations/checkin', { token })
// 我的到访记录
export const myVisits = () => get<{ items: Visit[] }>('/api/v1/worker/stations/visits')
// 我的积分与流水
export const myPoints = () => get<{ balance: number; entries: PointsEntry[] }>('/api/v1/worker/points')
// 驿站的兑换物品（在架的）
export const stationItems = (code: string) =>
  get<{ station: { code: string; name: string }; items: ShelfItem[] }>(`/api/v1/worker/stations/${encodeURIComponent(code)}/items`)
// 兑换一件物品（同一次点击的重试用同一个 Idempotency-Key，只兑换一次）
export const redeem = (item_id: number, key: string) =>
  postWith<Redeemed>('/api/v1/worker/stations/redemptions', { item_id }, { 'Idempotency-Key': key })
// 我的兑换记录（含取货码）
export const myRedemptions = () => get<{ items: Redemption[] }>('/api/v1/worker/stations/redemptions')
// 扫活动二维码签到
// (409 points.already_attended: 已登记过，积分只记一次)
export const attend = (token: string) => post<Attendance>('/api/v1/worker/stations/events/attend', { token })
// 我的到访通行码（门禁刷码用，短时有效）
export const myPass = () => get<{ pass: string; expires_at: string }>('/api/v1/worker/stations/pass')
// 在驿站许一个心愿
export const submitWish = (code: string, text: string) =>
  post<MyWish>(`/api/v1/worker/stations/${encodeURIComponent(code)}/wishes`, { text })
// 我的心愿
export const myWishes = () => get<{ items: MyWish[] }>('/api/v1/worker/stations/wishes')
