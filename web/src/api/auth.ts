// Sign-in, the signed-in user, passwords, two-step verification and sessions.
import { get, post } from './http'
import type { LoginResult, Principal, SessionInfo, TotpEnrolment } from './types'

// 登录：用户名 + 密码
export const login = (username: string, password: string) =>
  post<LoginResult>('/api/v1/auth/login', { username, password })
// 退出登录
export const logout = () => post<void>('/api/v1/auth/logout')
// 当前登录用户（含权限列表）
export const me = () => get<Principal>('/api/v1/auth/me')
// 修改密码
export const changePassword = (old_password: string, new_password: string) =>
  post<{ changed: boolean }>('/api/v1/auth/password', { old_password, new_password })
// 绑定两步验证：取得密钥与二维码
export const enrollTotp = () => post<TotpEnrolment>('/api/v1/auth/totp/enroll')
// 校验两步验证码
export const verifyTotp = (code: string) => post<{ verified: boolean }>('/api/v1/auth/totp/verify', { code })
// 我的登录会话
export const sessions = () => get<{ items: SessionInfo[]; total: number }>('/api/v1/auth/sessions')
// 退出其他设备上的登录
export const logoutOthers = () => post<{ revoked: number }>('/api/v1/auth/sessions/logout-others')
