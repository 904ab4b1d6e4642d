// The signed-in staff member's own notices (通知): newest first in keyset pages, the unread count
// for the header's bell, marking one or all as read.
import { get, post } from './http'
import type { NoticePage } from './types'

// 通知列表（最新在前；答复中含未读数）
export const listNotices = (cursor?: string | null, limit = 20) =>
  get<NoticePage>('/api/v1/notices', { cursor, limit })
// 未读通知数
export const unreadNotices = () => get<{ unread: number }>('/api/v1/notices/unread')
// 标为已读
export const markNoticeRead = (id: number) => post<{ read: boolean }>(`/api/v1/notices/${id}/read`)
// 全部标为已读（答复中为标记的条数）
export const markAllNoticesRead = () => post<{ read: number }>('/api/v1/notices/read-all')
