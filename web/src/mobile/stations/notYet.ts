// A page whose routes the server does not have yet answers 404 request.not_found: said plainly.
import { ApiError } from '@/api/http'

export const NOT_YET = '该服务尚未开通，敬请期待'
export const notYet = (e: unknown) => e instanceof ApiError && e.status === 404 && e.code === 'request.not_found'
