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
// 转入方按身份证号申请调入会员，由转出方接收或拒绝。无论该身份证号是否为会员，答复都相同
// （已发出，由转出方确认），不透露任何会员信息；待处理期间此申请不出现在本方列表中。
export interface TransferRequestAnswer {
  sent: boolean
  to_org_id: number
  message: string
}
export const requestTransferById = (id_number: string, to_org_id: number, reason: string) =>
  post<TransferRequestAnswer>('/api/v1/transfers/requests', { id_number, to_org_id, reason })
