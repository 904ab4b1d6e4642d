// Members: search, detail with masked PII, reveal, status changes and transfer requests.
import { get, post, upload, withQuery } from './http'
import type { ImportResult, Member, MemberHistory, Page, Transfer } from './types'

export interface NewMember {
  name: string
  id_number: string
  phone?: string
  occupation?: string
  new_form?: boolean
  joined_on?: string
  org_id?: number
  ethnicity?: string
  education?: string
  political_status?: string
  occupation_category?: string
  employer_name?: string
  migrant_worker?: boolean
  model_worker?: boolean
  hardship?: boolean
}

// The filters of GET /members and GET /members/export (empty ones are left out).
export interface MemberFilters {
  q?: string
  org?: number
  occupation?: string
  status?: string
  flags?: string
  joined_from?: string
  joined_to?: string
  employer?: string
}

// 会员搜索（按编号游标分页；q 可为姓名、拼音首字母、会员证号、身份证号或手机号）
export const listMembers = (filters: MemberFilters | string, cursor?: string | null, limit = 20, org?: number) =>
  get<Page<Member>>('/api/v1/members',
    { ...(typeof filters === 'string' ? { q: filters, org } : filters), cursor, limit })
// 导出会员名册（.xlsx；reveal 需 pii.read，留审计记录）的地址
export const exportMembersPath = (filters: MemberFilters, reveal = false) =>
  withQuery('/api/v1/members/export', { ...filters, reveal: reveal ? 1 : undefined })
// 会员详情（身份证号、手机号已脱敏）
export const getMember = (id: number) => get<Member>(`/api/v1/members/${id}`)
// 查看完整身份证号或手机号（需 pii.read，留审计记录）
export const revealMember = (id: number, field: 'id_number' | 'phone') =>
  get<Member>(`/api/v1/members/${id}`, { reveal: field })
// 会员状态变更历史
export const memberHistory = (id: number) => get<{ items: MemberHistory[] }>(`/api/v1/members/${id}/history`)
// 新增会员
export const createMember = (body: NewMember) => post<Member>('/api/v1/members', body)
// 变更会员状态（退会、除名、去世）
export const changeStatus = (id: number, status: string, reason: string) =>
  post<Member>(`/api/v1/members/${id}/status`, { status, reason })
// 申请会员关系转接
export const requestTransfer = (id: number, to_org_id: number, reason: string) =>
  post<Transfer>(`/api/v1/members/${id}/transfers`, { to_org_id, reason })

export type ImportMode = 'all-or-nothing' | 'good-rows'
// 导入会员名册：文件原样作为请求体上传（.xlsx 或 CSV，≤ 5 MB），onProgress 报告上传进度（0–100）
export const importMembers = (file: Blob, org: number, mode: ImportMode, name: string, onProgress: (pct: number) => void) =>
  upload<ImportResult>(withQuery('/api/v1/members/import', { org, mode, name }), file, onProgress)
