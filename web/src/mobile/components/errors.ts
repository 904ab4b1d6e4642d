// How the phone page shows a refusal: the console's Chinese message for the code (the same
// web/src/utils/errors.ts), and for a 429 how long to wait (the server's retry_after, also sent
// as Retry-After).
import { ApiError } from '@/api/http'
import { friendlyMessage } from '@/utils/errors'

export function retryAfter(e: unknown): number {
  if (!(e instanceof ApiError) || e.status !== 429) return 0
  const s = e.extra.retry_after
  return typeof s === 'number' && s > 0 ? Math.ceil(s) : 0
}

export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e)
  const wait = retryAfter(e)
  if (wait && !e.message.includes(`${wait} 秒`)) return `${e.message}（还需等待 ${waitText(wait)}）`
  return e.message
}

function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} 秒`
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`
  return `${Math.ceil(seconds / 3600)} 小时`
}

// The message of a code checked before sending (the client refuses what the server would).
export function codeText(code: string): string {
  return friendlyMessage({ status: 422, code, message: '', extra: {} })
}

// The field a refused value names ('' when none, or when the refusal is not about a value, such
// as a 429 naming the phone it limits), for the form to put the message under it.
export function errorField(e: unknown): string {
  return e instanceof ApiError && e.status === 422 ? e.field : ''
}
