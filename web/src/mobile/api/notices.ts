// My notices (通知): an inbox with keyset pages, the unread count for the tab bar's badge,
// marking one or all as read.
import { get, post } from '@/api/http'

export interface Notice {
  id: number
  kind: string
  title: string
  body: string
  link?: string // where the phone page opens it ("/m/card"), "" for none
  created_at: string
  read_at: string | null
}

export interface NoticePage {
  items: Notice[]
  next_cursor: string | null
  unread: number
}

export const listNotices = (cursor?: string | null, limit = 20) =>
  get<NoticePage>('/api/v1/worker/notices', { cursor, limit })
export const unreadNotices = () => get<{ unread: number }>('/api/v1/worker/notices/unread')
export const markRead = (id: number) => post<{ read: boolean }>(`/api/v1/worker/notices/${id}/read`)
export const markAllRead = () => post<{ read: number }>('/api/v1/worker/notices/read-all')
