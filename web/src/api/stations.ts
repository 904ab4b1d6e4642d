// 工会驿站 (stations) in the console: the stations in scope, their amenities and 六有/八有 checklist,
// the verification rounds, the door (QR token, poster, renewal), check-ins and visit statistics,
// the keepers' roster and the workers' wishes (contract: src/domains/stations/routes.cpp,
// checkin_routes.cpp and roster_routes.cpp).
// The points side (items, events, redemptions, the ledger) is in station-points.ts.
import { del, get, post, put, upload, withQuery } from './http'
import type { Page } from './types'
import type { ImportMode } from './members'

export type { ImportMode }

export type StationStatus = 'open' | 'repair' | 'retired'
export type Crs = 'GCJ-02' | 'WGS-84'

// An amenity (设施) or a checklist item (六有/八有), code and Chinese name.
export interface Term {
  code: string
  name: string
}

export interface Station {
  id: number
  code: string
  name: string
  org_id: number
  address: string
  // GCJ-02 (what Chinese maps use), and the same point in WGS-84 (GPS, OpenStreetMap).
  lat: number
  lng: number
  wgs84: { lat: number; lng: number }
  amenities: Term[]
  hours: string
  capacity: number
  status: StationStatus
  checklist: Term[]
  stars: number | null
  stars_year: number | null
  door_generation: number
  verified_at: string | null
  created_at: string
  updated_at: string
}

// A row of GET /stations: the station and where it stands in the current verification round.
export interface StationRow extends Station {
  verification_due: boolean // in an open round and not yet confirmed
  overdue: boolean // … and the round's due day has passed
}

// The body of POST /stations (and, every field optional, PUT /stations/{id} and /verify).
export interface StationForm {
  org_id?: number
  code?: string
  name: string
  address?: string
  lat?: number
  lng?: number
  crs?: Crs
  amenities?: string[] // codes or Chinese names
  hours?: string
  capacity?: number
  status?: StationStatus
  checklist?: string[]
  stars?: number | null
  stars_year?: number | null
}
export type StationEdit = Partial<StationForm>

export interface StationFilters {
  q?: string
  status?: StationStatus | ''
  overdue?: boolean
}

export interface Round {
  id: number
  org_id: number
  title: string
  started_at: string
  due_on: string
  started_by: string
  stations: number
  confirmed: number
  overdue: number
}

export interface StationImportResult {
  imported: number
  duplicates: number
  rejected: { row: number; column: string; field: string; reason: string; code?: string }[]
  rejected_count: number
}

// The door screen's rotating QR: the token and the URL it encodes (<public>/m/stations/checkin?t=<token>).
export interface DoorToken {
  token: string
  url: string
  expires_at: string
}

// A check-in (the worker's scan or the keeper's card entry); counted is false for a repeat
// within the window.
export interface CheckinResult {
  visit_id: number
  counted: boolean
  station: { code: string; name: string; address: string }
  visited_at: string
}

export interface VisitSummary {
  from: string // YYYY-MM-DD
  to: string
  visits: number
  days: number
  daily_average: number
  uniques: number
  by_day: { day: string; visits: number }[]
  by_hour: number[] // 24 hours, Beijing time
  by_occupation: { code: string; visits: number }[]
  by_station: { id: number; code: string; name: string; visits: number }[]
  formulas: { visits: string; daily_average: string; uniques: string }
}

export interface RosterEntry {
  id: number
  station_id: number
  station_code: string
  station_name: string
  day: string
  cadre_name: string
  account_id: number | null
  theme: string
  log: string
  served: number
  created_at: string
  updated_at: string
}

export type WishStatus = 'collected' | 'claimed' | 'fulfilled' | 'cancelled'
// wish_json: the console's form adds wisher and from_app (made on the phone).
export interface Wish {
  id: number
  station_id: number
  station_code: string
  station_name: string
  text: string
  status: WishStatus
  claimed_by: string
  outcome: string
  created_at: string
  updated_at: string
  wisher?: string
  from_app?: boolean
}

const clean = (f: StationFilters) => ({ q: f.q?.trim() || undefined, status: f.status || undefined, overdue: f.overdue ? 'true' : undefined })

// 设施清单与六有/八有项目（公开）
export const stationTerms = () => get<{ amenities: Term[]; checklist: Term[] }>('/api/v1/stations/amenities')
// 驿站列表（按名称或编码的开头搜索，按状态筛选，只看逾期未核验的）
export const listStations = (filters: StationFilters, cursor?: string | null, limit = 20) =>
  get<Page<StationRow>>('/api/v1/stations', { ...clean(filters), cursor, limit })
// 驿站详情
export const getStation = (id: number) => get<Station>(`/api/v1/stations/${id}`)
// 新建驿站
export const createStation = (body: StationForm) => post<Station>('/api/v1/stations', body)
// 修改驿站信息
export const updateStation = (id: number, body: StationEdit) => put<Station>(`/api/v1/stations/${id}`, body)
// 驿站值守人员确认本轮信息（可附更正）
export const verifyStation = (id: number, corrections: StationEdit = {}) =>
  post<Station>(`/api/v1/stations/${id}/verify`, corrections)
// 导出驿站表（.xlsx）的地址
export const exportStationsPath = () => '/api/v1/stations/export'
// 导入模板的地址
export const stationTemplatePath = () => '/api/v1/stations/import-template'
// 导入驿站表：文件原样作为请求体上传（.xlsx 或 CSV，≤ 5 MB）
export const importStations = (file: Blob, org: number, mode: ImportMode, name: string, onProgress: (pct: number) => void) =>
  upload<StationImportResult>(withQuery('/api/v1/stations/import', { org, mode, name }), file, onProgress)
// 公开的驿站数据（给地图服务商）：CSV 或 GeoJSON，GCJ-02 或 WGS-84
export const stationFeedPath = (format: 'csv' | 'geojson', crs: 'gcj02' | 'wgs84' = 'gcj02') =>
  withQuery(`/api/v1/stations/feed.${format}`, { crs })

// 核验轮次
export const listRounds = () => get<{ items: Round[] }>('/api/v1/station-rounds')
// 发起一轮核验（截止日期 YYYY-MM-DD）
export const startRound = (title: string, due_on: string, org_id?: number) =>
  post<Round>('/api/v1/station-rounds', { title, due_on, org_id })

// 门牌二维码的令牌
export const doorToken = (id: number) => get<DoorToken>(`/api/v1/stations/${id}/door-token`)
// 门牌海报（SVG，可打印）的地址
export const posterPath = (id: number) => `/api/v1/stations/${id}/poster.svg`
// 更换门牌二维码（旧的立即作废；答复为驿站，door_generation 加一）
export const renewDoor = (id: number) => post<Station>(`/api/v1/stations/${id}/door/renew`)
// 门牌海报（PNG）的地址
export const posterPngPath = (id: number) => `/api/v1/stations/${id}/poster.png`
// 值守人员按会员证号登记到访
export const checkinByCard = (id: number, card_no: string) =>
  post<CheckinResult>(`/api/v1/stations/${id}/checkins`, { card_no })
// 一个驿站的到访统计（from、to 为 YYYY-MM-DD）
export const stationVisits = (id: number, from?: string, to?: string) =>
  get<VisitSummary>(`/api/v1/stations/${id}/visits/summary`, { from, to })
// 管辖范围内驿站的到访统计
export const visitsSummary = (org?: number, from?: string, to?: string) =>
  get<VisitSummary>('/api/v1/stations/visits/summary', { org, from, to })

// 一个驿站的值班表（默认本月初起约两个月）
export const stationRoster = (id: number, from?: string, to?: string) =>
  get<{ items: RosterEntry[] }>(`/api/v1/stations/${id}/roster`, { from, to })
// 排一天的值班（day 为 YYYY-MM-DD）
export const addRoster = (id: number, body: { day: string; cadre_name: string; theme?: string; account_id?: number }) =>
  post<RosterEntry>(`/api/v1/stations/${id}/roster`, body)
// 填写值班日志与服务人次（可改主题）
export const updateRoster = (id: number, body: { log?: string; served?: number; theme?: string }) =>
  put<RosterEntry>(`/api/v1/station-roster/${id}`, body)
// 删除一天的值班
export const removeRoster = (id: number) => del<void>(`/api/v1/station-roster/${id}`)
// 值班日历（本人管辖的所有驿站）
export const rosterCalendar = (from: string, to: string) =>
  get<{ items: RosterEntry[] }>('/api/v1/station-roster', { from, to })

// 职工心愿（按状态、驿站筛选）
export const listWishes = (status?: string, station?: number) =>
  get<{ items: Wish[] }>('/api/v1/station-wishes', { status, station })
// 认领心愿
export const claimWish = (id: number, by: string) => post<Wish>(`/api/v1/station-wishes/${id}/claim`, { by })
// 心愿已实现（结果说明）
export const fulfilWish = (id: number, outcome: string) => post<Wish>(`/api/v1/station-wishes/${id}/fulfil`, { outcome })
// 取消心愿（须填原因）
export const cancelWish = (id: number, reason: string) => post<Wish>(`/api/v1/station-wishes/${id}/cancel`, { reason })
// 值守人员代职工登记心愿
export const recordWish = (stationId: number, wisher: string, text: string) =>
  post<Wish>(`/api/v1/stations/${stationId}/wishes`, { wisher, text })

export const stationStatusText: Record<StationStatus, string> = { open: '开放', repair: '维修暂停', retired: '已撤销' }

// The hours the server reads (src/domains/stations/hours.cpp), as examples for the form.
export const HOURS_HINT = '例：24小时；08:00-20:00；周一至周五 08:00-18:00；周六 09:00-12:00；末尾可加“；节假日休息”'
