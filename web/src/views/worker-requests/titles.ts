// The words for a worker's data request (个人信息更正/删除申请).
export const kindTitles: Record<string, string> = { correct: '更正', delete: '删除' }
export const statusTitles: Record<string, string> = {
  pending: '待处理',
  done: '已办理',
  refused: '不予办理',
}
