// Union organisations in the caller's scope, and the statistics of a subtree.
import { get, post } from './http'
import type { Org, OrgStats, Page } from './types'

// 管辖范围内的组织（按编号分页）
export const listOrgs = (cursor?: string | null, limit = 50) =>
  get<Page<Org>>('/api/v1/orgs', { cursor, limit })
// 组织详情
export const getOrg = (id: number) => get<Org>(`/api/v1/orgs/${id}`)
// 新建组织
export const createOrg = (body: { name: string; type: string; parent_id?: number; division_code?: string }) =>
  post<Org>('/api/v1/orgs', body)
// 组织及其下级的统计（会员数、建会率等）
export const orgStats = (id: number, months = 24) => get<OrgStats>(`/api/v1/orgs/${id}/stats`, { months })
