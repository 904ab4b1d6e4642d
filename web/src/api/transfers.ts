// Member transfers between unions: lists and decisions.
import { get, post } from './http'
import type { Page, Transfer } from './types'

// 转入或转出的转接申请
export const listTransfers = (direction: 'incoming' | 'outgoing', status?: string, cursor?: string | null) =>
  get<Page<Transfer>>('/api/v1/transfers', { direction, status, cursor, limit: 50 })
// 接收转入
export const acceptTransfer = (id: number) => post<Transfer>(`/api/v1/transfers/${id}/accept`)
// 拒绝转入
export const declineTransfer = (id: number) => post<Transfer>(`/api/v1/transfers/${id}/decline`)
// 撤回转出申请
export const cancelTransfer = (id: number) => post<Transfer>(`/api/v1/transfers/${id}/cancel`)
// 转入方按身份证号申请调入会员（答复只含脱敏信息），由转出方接收或拒绝
export const requestTransferById = (id_number: string, to_org_id: number, reason: string) =>
  post<Transfer>('/api/v1/transfers/requests', { id_number, to_org_id, reason })
