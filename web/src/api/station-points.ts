// 驿站积分 in the console (src/domains/stations/points_routes.cpp, events.cpp): a station's items
// and their stock, its events, attendance by card and the event's QR code, picking up a redemption
// by its code, reversing one, the redemptions of a station and the points ledger.
import { get, post, put } from './http'

// A station as the points JSON names it.
export interface StationRef {
  id: number
  code: string
  name: string
}

// item_json: an item of a station's shelf.
export interface StationItem {
  id: number
  station_id: number
  name: string
  points: number
  stock: number
  active: boolean
  created_at: string
  updated_at: string
}

// event_json: a volunteer event on one day (YYYY-MM-DD, Beijing).
export interface StationEvent {
  id: number
  station_id: number
  title: string
  day: string
  points: number
  attendees: number
  created_by: string
  created_at: string
}

// attendance_json: entry_id is null when the event gives no points.
export interface Attendance {
  event_id: number
  worker_id: number
  entry_id: number | null
  points: number
  balance: number
}

// The event's QR: the token and the phone URL it encodes (/m/stations/points?attend=<token>).
export interface EventCode {
  token: string
  url: string
}

export type RedemptionStatus = 'pending' | 'collected' | 'reversed'

// redemption_json: the console's form has worker_id, the worker's has pickup_code (only while
// pending, otherwise null).
export interface Redemption {
  id: number
  item: { id: number; name: string; points: number }
  station: StationRef
  status: RedemptionStatus
  created_at: string
  collected_at: string | null
  worker_id?: number
  pickup_code?: string | null
}

export type PointsKind = 'earn' | 'redeem' | 'reverse'

// entry_json: the console's form adds worker_id and ref.
export interface PointsEntry {
  id: number
  kind: PointsKind
  kind_label: string
  amount: number
  balance_after: number
  note: string
  station: StationRef | null
  created_at: string
  worker_id?: number
  ref?: string
}

// 驿站的兑换物品与库存
export const listItems = (stationId: number) => get<{ items: StationItem[] }>(`/api/v1/stations/${stationId}/items`)
// 上架一件兑换物品
export const addItem = (stationId: number, body: { name: string; points: number; stock: number }) =>
  post<StationItem>(`/api/v1/stations/${stationId}/items`, body)
// 修改物品（名称、积分、库存、上下架）
export const updateItem = (id: number, body: Partial<Pick<StationItem, 'name' | 'points' | 'stock' | 'active'>>) =>
  put<StationItem>(`/api/v1/station-items/${id}`, body)
// 驿站的活动
export const listEvents = (stationId: number) => get<{ items: StationEvent[] }>(`/api/v1/stations/${stationId}/events`)
// 发布活动（day 为 YYYY-MM-DD）
export const addEvent = (stationId: number, body: { title: string; day: string; points: number }) =>
  post<StationEvent>(`/api/v1/stations/${stationId}/events`, body)
// 按会员卡号登记活动签到
export const attendByCard = (eventId: number, card_no: string) =>
  post<Attendance>(`/api/v1/station-events/${eventId}/attendance`, { card_no })
// 活动签到二维码（职工用手机扫码签到）
export const eventCode = (eventId: number) => get<EventCode>(`/api/v1/station-events/${eventId}/code`)
// 凭取货码核销兑换（8 位数字）
export const pickup = (stationId: number, code: string) =>
  post<Redemption>(`/api/v1/stations/${stationId}/pickups`, { code })
// 撤销一次兑换（退回积分）
export const reverseRedemption = (id: number, reason: string) =>
  post<Redemption>(`/api/v1/station-redemptions/${id}/reverse`, { reason })
// 驿站的兑换记录
export const stationRedemptions = (stationId: number) =>
  get<{ items: Redemption[] }>(`/api/v1/stations/${stationId}/redemptions`)
// 积分流水（按驿站 id、类型筛选）
export const pointsEntries = (station?: number, kind?: PointsKind) =>
  get<{ items: PointsEntry[] }>('/api/v1/points/entries', { station, kind })

export const pointsKindText: Record<PointsKind, string> = { earn: '获得积分', redeem: '兑换扣减', reverse: '退回积分' }
export const redemptionStatusText: Record<RedemptionStatus, string> = {
  pending: '待领取', collected: '已领取', reversed: '已撤销',
}
