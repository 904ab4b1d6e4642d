// Statuses in Chinese, with the Vant tag type that colours them.
type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default'

export const applicationStatus: Record<string, [string, TagType]> = {
  pending: ['待审核', 'warning'],
  approved: ['审核通过', 'success'],
  rejected: ['未通过', 'danger'],
}

export const memberStatus: Record<string, string> = {
  active: '在册',
  transferring: '转接中',
  transferred: '已转出',
  left: '已退会',
  expelled: '已除名',
  deceased: '去世',
}

export const requestKind: Record<string, string> = { correct: '更正', delete: '删除' }

export const requestStatus: Record<string, [string, TagType]> = {
  pending: ['处理中', 'warning'],
  done: ['已处理', 'success'],
  completed: ['已处理', 'success'],
  rejected: ['未予处理', 'danger'],
  declined: ['未予处理', 'danger'],
}

export function tagOf(map: Record<string, [string, TagType]>, status: string): [string, TagType] {
  return map[status] ?? [status, 'default']
}
