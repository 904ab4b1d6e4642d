// Join applications (入会申请) under review, and the member card.
import { blob, get, post } from './http'
import type { CardCheck, JoinApplication, Page } from './types'

// 入会申请队列（按编号游标分页）
export const listApplications = (status: string, cursor?: string | null, limit = 20, org?: number) =>
  get<Page<JoinApplication>>('/api/v1/join-applications', { status, cursor, limit, org })
// 入会申请详情（身份证号、手机号已脱敏）
export const getApplication = (id: number) => get<JoinApplication>(`/api/v1/join-applications/${id}`)
// 审核通过
export const approveApplication = (id: number) => post<JoinApplication>(`/api/v1/join-applications/${id}/approve`)
// 不予通过（须填写原因）
export const rejectApplication = (id: number, reason: string) =>
  post<JoinApplication>(`/api/v1/join-applications/${id}/reject`, { reason })
// 集中入会：一批申请全部通过或全部不通过
export const batchApprove = (ids: number[]) =>
  post<{ items: JoinApplication[] }>('/api/v1/join-applications/batch-approve', { ids })
// 会员证（SVG，含二维码）
export const memberCard = (memberId: number) => blob(`/api/v1/members/${memberId}/card.svg`)
// 会员证真伪查询（无需登录；只答有效与否、状态和所在工会）
export const verifyCard = (cardNo: string) =>
  get<CardCheck>(`/api/v1/verify/card/${encodeURIComponent(cardNo)}`)
