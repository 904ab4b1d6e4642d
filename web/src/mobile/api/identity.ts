// A worker's sign-in on the phone (one-time code), their account, the PIPL copy of their data
// and their requests to correct or delete it. The client is the console's (@/api/http): the same
// CSRF handling and the same error messages.
import { blob, get, post, request } from '@/api/http'

export interface WorkerMe {
  id: number
  phone_masked: string
  has_password: boolean
  csrf_token?: string
}

export interface WorkerLogin {
  csrf_token: string
  worker: WorkerMe
}

// 个人信息更正或删除申请
export type DataRequestKind = 'correct' | 'delete'
export interface DataRequest {
  id: number
  kind: DataRequestKind
  detail?: string
  status: string
  created_at: string
  [extra: string]: unknown
}

// 发送短信验证码（每号码每分钟一次，每天十次）
export const sendOtp = (phone: string) => post<{ sent: boolean }>('/api/v1/worker/otp', { phone })
// 验证码登录（首次登录即注册）
export const loginWithCode = (phone: string, code: string) =>
  post<WorkerLogin>('/api/v1/worker/login', { phone, code })
// 当前职工（手机号已脱敏），并再给一次本会话的 CSRF 令牌
export const workerMe = () => get<WorkerMe>('/api/v1/worker/me')
// 退出
export const workerLogout = () => request<void>('POST', '/api/v1/worker/logout', {})
// 下载我的全部个人信息（JSON，手机号完整）
export const myData = () => blob('/api/v1/worker/me/data')
// 我的更正、删除申请
export const listMyRequests = () => get<{ items: DataRequest[] }>('/api/v1/worker/me/requests')
export const createMyRequest = (kind: DataRequestKind, detail: string) =>
  post<DataRequest>('/api/v1/worker/me/requests', { kind, detail })
