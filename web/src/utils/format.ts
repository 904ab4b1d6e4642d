// Display helpers: times in the browser's zone, statuses and org types in Chinese.

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

export const memberStatus: Record<string, string> = {
  active: '在册',
  transferring: '转接中',
  transferred: '已转出',
  left: '退会',
  expelled: '除名',
  deceased: '去世',
}

export const transferStatus: Record<string, string> = {
  pending: '待处理',
  accepted: '已接收',
  declined: '已拒绝',
  cancelled: '已撤回',
}

export const orgTypes: Record<string, string> = {
  federation: '总工会',
  township_union: '乡镇（街道）工会',
  grassroots_union: '基层工会',
  industry_federation: '产业（行业）工会联合会',
  area_federation: '区域工会联合会',
  union_group: '工会小组',
}

export const genders: Record<string, string> = { M: '男', F: '女', male: '男', female: '女' }

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`
}

// Role titles as in src/domains/identity/roles.cpp.
export const roleTitles: Record<string, string> = {
  admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  federation_cadre: '总工会干部',
  union_cadre: '基层工会干部',
  station_keeper: '驿站站长',
  hotline_agent: '12351 话务员',
  mediator: '调解员',
  aid_reviewer: '帮扶审核员',
  auditor: '只读审计员',
}
