// Joining a union from the phone: the unions to pick from, the separate consent, my
// applications (resubmitted with PUT after a rejection), my membership and member card.
import { blob, get, post, put } from '@/api/http'
import type { JoinApplication } from '@/api/types'

export type { JoinApplication }

export interface JoinUnion {
  id: number
  name: string
  type: string
  industry: string | null
  address: string | null
  lat: number | null
  lng: number | null
  distance_m: number | null
}

export interface Consent {
  version: string
  text: string
}

// The JoinForm of docs/api/openapi.yaml.
export interface JoinForm {
  name: string
  id_number: string
  phone: string
  occupation?: string
  employer?: string
  new_form?: boolean
  org_id?: number
  residence_code?: string
  workplace_code?: string
  pi_consent: boolean
  consent_version: string
}

export interface Membership {
  member_id: number
  org_id: number
  org_name: string
  name: string
  card_no: string
  status: string
  joined_on: string
}

export type Submitted = JoinApplication & { message: string }

// 可加入的工会（按名称搜索）
export const joinUnions = (q: string, limit = 30) =>
  get<{ items: JoinUnion[] }>('/api/v1/join/unions', { q, limit })
// 个人信息单独同意书
export const consent = () => get<Consent>('/api/v1/worker/applications/consent')
// 我的入会申请（最新在前）
export const myApplications = () => get<{ items: JoinApplication[] }>('/api/v1/worker/applications')
// 提交入会申请
export const apply = (form: JoinForm) => post<Submitted>('/api/v1/worker/applications', form)
// 修改后重新提交（待审核或未通过的申请）
export const resubmit = (id: number, form: JoinForm) =>
  put<Submitted>(`/api/v1/worker/applications/${id}`, form)
// 我的会员关系
export const membership = () => get<Membership>('/api/v1/worker/membership')
// 我的会员证（SVG，含二维码）
export const memberCard = () => blob('/api/v1/worker/membership/card.svg')
