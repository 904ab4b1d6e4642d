// Union organisations in the caller's scope: the tree, the record, its structure and honours.
import { del, get, post, put } from './http'
import type { Honour, Org, OrgStats, Page, TreeNode } from './types'

// 管辖范围内的组织（按编号分页；q 按名称搜索）
export const listOrgs = (cursor?: string | null, limit = 50, q?: string) =>
  get<Page<Org>>('/api/v1/orgs', { cursor, limit, q })
// 组织详情
export const getOrg = (id: number) => get<Org>(`/api/v1/orgs/${id}`)
// 新建组织
export const createOrg = (body: { name: string; type: string; parent_id?: number; division_code?: string }) =>
  post<Org>('/api/v1/orgs', body)
// 组织及其下级的统计（会员数、建会率等）
export const orgStats = (id: number, months = 24) => get<OrgStats>(`/api/v1/orgs/${id}/stats`, { months })
// 组织树：root 及其下 depth 层（扁平，按路径顺序）
export const orgTree = (root?: number, depth = 1) =>
  get<{ root_id: number | null; items: TreeNode[]; count: number }>('/api/v1/orgs/tree', { root, depth, format: 'flat' })

export interface OrgPatch {
  name?: string
  credit_code?: string | null
  industry?: string
  address?: string
  lat?: number | null
  lng?: number | null
  chair_name?: string
  founded_on?: string | null
}
// 修改组织信息
export const updateOrg = (id: number, body: OrgPatch) => put<Org>(`/api/v1/orgs/${id}`, body)
// 调整隶属关系
export const moveOrg = (id: number, parent_id: number) => post<Org>(`/api/v1/orgs/${id}/move`, { parent_id })
// 合并到另一组织
export const mergeOrg = (id: number, into_id: number) => post<Org>(`/api/v1/orgs/${id}/merge`, { into_id })
// 撤销组织（会员可转入另一组织）
export const dissolveOrg = (id: number, transfer_to?: number) =>
  post<Org>(`/api/v1/orgs/${id}/dissolve`, transfer_to ? { transfer_to } : {})
// 荣誉
export const listHonours = (id: number) => get<{ items: Honour[] }>(`/api/v1/orgs/${id}/honours`)
export const addHonour = (id: number, body: { title: string; year: number; granted_by?: string }) =>
  post<Honour>(`/api/v1/orgs/${id}/honours`, body)
export const removeHonour = (id: number, hid: number) => del<{ deleted: boolean }>(`/api/v1/orgs/${id}/honours/${hid}`)
