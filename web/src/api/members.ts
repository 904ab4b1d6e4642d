// Members: search, detail with masked PII, reveal, status changes and transfer requests.
import { get, post } from './http'
import type { Member, MemberHistory, Page, Transfer } from './types'

export interface NewMember {
  name: string
  id_number: string
  phone?: string
  occupation?: string
  new_form?: boolean
  joined_on?: string
  org_id?: number
}

// 会员搜索（按编号游标分页）
export const listMembers = (q: string, cursor?: string | null, limit = 20, org?: number) =>
  get<Page<Member>>('/api/v1/members', { q, cursor, limit, org })
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
