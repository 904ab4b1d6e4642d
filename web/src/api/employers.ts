// Employers (用人单位) in scope and their union links.
import { get, post, put } from './http'
import type { Employer, Page } from './types'

export interface NewEmployer {
  name: string
  credit_code: string
  staff_size?: number
  industry?: string
  address?: string
  should_unionize?: boolean
  org_id?: number
}

// 用人单位列表（可按名称或信用代码搜索，按是否建会筛选）
export const listEmployers = (q: string, unionized: boolean | null, cursor?: string | null, limit = 20) =>
  get<Page<Employer>>('/api/v1/employers', { q, unionized, cursor, limit })
// 用人单位详情
export const getEmployer = (id: number) => get<Employer>(`/api/v1/employers/${id}`)
// 登记用人单位
export const createEmployer = (body: NewEmployer) => post<Employer>('/api/v1/employers', body)
// 关联或取消关联单位工会
export const setEmployerUnion = (id: number, union_org_id: number | null) =>
  put<Employer>(`/api/v1/employers/${id}/union`, { union_org_id })
