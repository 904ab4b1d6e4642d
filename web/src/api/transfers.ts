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
