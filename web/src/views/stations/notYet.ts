// A station page's panel whose routes the server does not have yet (check-ins, points, roster
// and wishes land on other branches): the server answers 404 request.not_found ("接口不存在"),
// and the panel says the service is not yet open instead of showing an error.
import { ApiError } from '@/api/http'

export const NOT_YET = '该功能尚未开通（服务器暂未提供此接口）'

export function notYet(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && e.code === 'request.not_found'
}

export function errorOf(e: unknown): string {
  if (notYet(e)) return NOT_YET
  return e instanceof Error ? e.message : String(e)
}
