// 驿站积分 in the console (the points branch's routes): a station's items and their stock, its
// events and attendance, picking up a redemption by its code, reversing one, the redemptions of a
// station and the points ledger.
import { get, post, put } from './http'

export interface StationItem {
  id: number
  station_id?: number
  name: string
  points: number
  stock: number
  active?: boolean
}

export interface StationEvent {
  id: number
  station_id?: number
  title: string
  starts_at: string
  ends_at?: string | null
  points: number
  attended?: number
}

export interface Redemption {
  id: number
  redemption_id?: number
  pickup_code?: string
  item: { id: number; name: string; points: number }
  station?: { code: string; name: string }
  status: string // pending, picked_up, reversed
  created_at?: string
  picked_up_at?: string | null
}

export interface PointsEntry {
  id: number
  kind: string // visit, event, redeem, reverse …
  amount: number
  balance_after: number
  note: string
  station: { code: string; name: string } | string | null
  created_at: string
}

// 驿站的兑换物品与库存
export const listItems = (stationId: number) => get<{ items: StationItem[] }>(`/api/v1/stations/${stationId}/items`)
// 上架一件兑换物品
export const addItem = (stationId: number, body: { name: string; points: number; stock: number }) =>
  post<StationItem>(`/api/v1/stations/${stationId}/items`, body)
// 修改物品（积分、库存、下架）
export const updateItem = (id: number, body: Partial<Pick<StationItem, 'name' | 'points' | 'stock' | 'active'>>) =>
  put<StationItem>(`/api/v1/station-items/${id}`, body)
// 驿站的活动
export const listEvents = (stationId: number) => get<{ items: StationEvent[] }>(`/api/v1/stations/${stationId}/events`)
// 发布活动（starts_at 为 ISO 时刻）
export const addEvent = (stationId: number, body: { title: string; starts_at: string; points: number }) =>
  post<StationEvent>(`/api/v1/stations/${stationId}/events`, body)
// 按会员证号登记活动签到
export const attendByCard = (eventId: number, card_no: string) =>
  post<{ counted: boolean }>(`/api/v1/station-events/${eventId}/attendance`, { card_no })
// 凭取货码核销兑换
export const pickup = (stationId: number, code: string) =>
  post<Redemption>(`/api/v1/stations/${stationId}/pickups`, { code })
// 撤销一次兑换（退回积分，须填原因）
export const reverseRedemption = (id: number, reason: string) =>
  post<Redemption>(`/api/v1/station-redemptions/${id}/reverse`, { reason })
// 驿站的兑换记录
export const stationRedemptions = (stationId: number) =>
  get<{ items: Redemption[] }>(`/api/v1/stations/${stationId}/redemptions`)
// 积分流水（按驿站编码、类型筛选）
export const pointsEntries = (station?: string, kind?: string) =>
  get<{ items: PointsEntry[] }>('/api/v1/points/entries', { station, kind })

export const pointsKindText: Record<string, string> = {
  visit: '到访', checkin: '到访', event: '活动', redeem: '兑换', redemption: '兑换', reverse: '撤销兑换', adjust: '调整',
}
export const redemptionStatusText: Record<string, string> = {
  pending: '待领取', picked_up: '已领取', reversed: '已撤销',
}
