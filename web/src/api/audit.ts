// The audit log: search and export (audit.read).
import { get, raw, withQuery } from './http'
import type { AuditEntry, Page } from './types'

export interface AuditFilter {
  actor?: string
  action?: string
  entity?: string
  entity_id?: string
  from?: string
  to?: string
}

// 审计日志查询（新的在前，游标分页）
export const searchAudit = (f: AuditFilter, cursor?: string | null, limit = 50) =>
  get<Page<AuditEntry>>('/api/v1/audit', { ...f, cursor, limit })
// 导出审计日志为 Excel
export const exportAudit = async (f: AuditFilter): Promise<Blob> =>
  (await raw('GET', withQuery('/api/v1/audit/export', { ...f }))).blob()

export interface AuditVerification {
  ok: boolean
  rows_checked: number
  first_broken_id: number | null
  reason: string
}

// 校验审计日志哈希链是否完整
export const verifyAudit = () => get<AuditVerification>('/api/v1/audit/verify')
