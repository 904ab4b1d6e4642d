// Staff accounts (system administrator), their roles (security administrator) and sessions.
import { del, get, post, put } from './http'
import type { Account, AccountFilter, Page, RoleInfo, SessionInfo } from './types'

// 账号列表（管辖范围内，可按文字、组织、角色、状态筛选）
export const listAccounts = (f: AccountFilter, cursor?: string | null) =>
  get<Page<Account>>('/api/v1/accounts', {
    q: f.q, org_id: f.org_id ?? undefined, role: f.role, state: f.state, cursor, limit: 50,
  })
// 账号详情
export const getAccount = (id: number) => get<Account>(`/api/v1/accounts/${id}`)
// 新建账号（无角色；答复中含一次性初始密码）
export const createAccount = (body: { org_id: number; username: string; display_name: string }) =>
  post<Account>('/api/v1/accounts', body)
// 设置账号角色（安全管理员）
export const setAccountRoles = (id: number, roles: string[]) =>
  put<Account>(`/api/v1/accounts/${id}/roles`, { roles })
// 停用账号（其登录会话随即结束）
export const disableAccount = (id: number) => post<Account>(`/api/v1/accounts/${id}/disable`)
// 启用账号
export const enableAccount = (id: number) => post<Account>(`/api/v1/accounts/${id}/enable`)
// 重置密码（答复中含一次性密码，下次登录须修改）
export const resetAccountPassword = (id: number) => post<Account>(`/api/v1/accounts/${id}/reset-password`)
// 解除锁定
export const unlockAccount = (id: number) => post<Account>(`/api/v1/accounts/${id}/unlock`)
// 账号的登录会话
export const accountSessions = (id: number) =>
  get<{ items: SessionInfo[]; total: number }>(`/api/v1/accounts/${id}/sessions`)
// 结束一个登录会话
export const endSession = (id: number) => del<void>(`/api/v1/sessions/${id}`)
// 角色及其权限
export const listRoles = () => get<{ items: RoleInfo[] }>('/api/v1/roles')
