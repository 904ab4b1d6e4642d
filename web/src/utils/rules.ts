// Client-side checks with the server's rules and wording (src/core/auth/password_policy.cpp,
// src/core/cn/*.cpp, the domain services). The server checks again; these only save a trip.
import type { FormItemRule } from 'element-plus'

type Check = (v: string) => string | null

export function toRule(check: Check, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_rule: unknown, value: unknown, cb: (e?: Error) => void) => {
      const msg = check(value === undefined || value === null ? '' : String(value))
      if (msg) cb(new Error(msg))
      else cb()
    },
  }
}

export const required = (msg = '此项必填'): FormItemRule => ({ required: true, message: msg, trigger: 'blur' })

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length
const codePoints = (s: string) => [...s].length

// 与服务端密码策略一致（常见密码表只在服务端检查）。
export function passwordProblem(password: string, username: string): string | null {
  if (utf8Bytes(password) > 128) return '密码过长，最多 128 个字节（约 42 个汉字）'
  if (codePoints(password) < 12) return '密码至少需要 12 个字符'
  let lower = 0, upper = 0, digit = 0, other = 0
  for (const c of password) {
    if (c >= 'a' && c <= 'z') lower = 1
    else if (c >= 'A' && c <= 'Z') upper = 1
    else if (c >= '0' && c <= '9') digit = 1
    else other = 1
  }
  if (lower + upper + digit + other < 3) return '密码需包含小写字母、大写字母、数字、符号（含汉字）中的至少三类'
  if (codePoints(username) >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return '密码不能包含用户名'
  }
  return null
}

// 全角数字与字母转半角，与服务端的 fold_to_ascii 一致。
export function foldAscii(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
}

export function phoneProblem(raw: string): string | null {
  let v = foldAscii(raw).replace(/[ \-.()]/g, '')
  if (!v) return '手机号不能为空'
  if (v.startsWith('+86')) v = v.slice(3)
  else if (v.startsWith('0086')) v = v.slice(4)
  else if (v.startsWith('86') && v.length === 13) v = v.slice(2)
  if (!/^1[3-9]\d{9}$/.test(v)) return '手机号格式不正确：应为 11 位中国大陆手机号，以 13-19 开头'
  return null
}

// GB 11643 校验位。
export function idNumberProblem(raw: string): string | null {
  const s = foldAscii(raw).toUpperCase()
  if (!s) return '身份证号不能为空'
  if (/^\d+(\.\d+)?E\+?\d+$/.test(s)) return '身份证号被 Excel 转成了科学计数法，请把该列设为文本后重新填写'
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号应为 18 位：17 位数字加 1 位数字或 X'
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * weights[i]
  const check = '10X98765432'[sum % 11]
  if (s[17] !== check) return '身份证号校验位错误，请核对是否输错'
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return `${s.slice(6, 14)} 不是一个真实的日期`
  }
  if (y < 1900) return `${s.slice(6, 14)} 早于 1900 年，请核对`
  if (date.getTime() > Date.now()) return `${s.slice(6, 14)} 晚于今天，请核对`
  return null
}

// GB 32100 统一社会信用代码校验位。
const creditAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export function creditCodeProblem(raw: string): string | null {
  const s = foldAscii(raw).toUpperCase()
  if (!s) return '统一社会信用代码不能为空'
  if (s.length !== 18) return '统一社会信用代码应为 18 位'
  if ([...s].some((c) => !creditAlphabet.includes(c))) {
    return '统一社会信用代码只能包含数字和除 I、O、Z、S、V 以外的大写字母'
  }
  let sum = 0, weight = 1
  for (let i = 0; i < 17; i++) {
    sum += creditAlphabet.indexOf(s[i]) * weight
    weight = (weight * 3) % 31
  }
  if (s[17] !== creditAlphabet[(31 - (sum % 31)) % 31]) return '统一社会信用代码校验位错误，请核对是否输错'
  return null
}

export const maxChars = (n: number, msg: string): Check => (v) => (codePoints(v.trim()) > n ? msg : null)
export const maxBytes = (n: number, msg: string): Check => (v) => (utf8Bytes(v.trim()) > n ? msg : null)
export const nonEmptyMax = (n: number, msg: string): Check => (v) =>
  !v.trim() || codePoints(v.trim()) > n ? msg : null
export const divisionCode: Check = (v) => (v && !/^\d{6}$/.test(v) ? '行政区划代码应为 6 位数字' : null)
export const isoDate: Check = (v) => (v && !/^\d{4}-\d{2}-\d{2}$/.test(v) ? '入会日期格式应为 2026-11-01' : null)

// 工会的统一社会信用代码：GB 32100 校验位，且以 81 开头（src/domains/orgs/rules.cpp）。
export const unionCreditCode: Check = (v) => {
  if (!v.trim()) return null
  const p = creditCodeProblem(v)
  if (p) return p
  return foldAscii(v).toUpperCase().startsWith('81') ? null : '工会的统一社会信用代码应以 81 开头（登记管理部门 8 工会，机构类别 1）'
}

// 经纬度：同时填写或同时清空，且在范围内（是否在中国境内由服务端判断）。
export function coordinatesProblem(lat: string, lng: string): { field: 'lat' | 'lng'; message: string } | null {
  const a = lat.trim(), b = lng.trim()
  if (!a && !b) return null
  if (!a || !b) return { field: a ? 'lng' : 'lat', message: '经纬度须同时填写或同时清空' }
  const la = Number(a), lo = Number(b)
  if (!Number.isFinite(la)) return { field: 'lat', message: '应为数字' }
  if (!Number.isFinite(lo)) return { field: 'lng', message: '应为数字' }
  if (la < -90 || la > 90) return { field: 'lat', message: '纬度应在 -90 到 90 之间' }
  if (lo < -180 || lo > 180) return { field: 'lng', message: '经度应在 -180 到 180 之间' }
  return null
}

// 今天（本地日期，YYYY-MM-DD）。
export function todayIso(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export const notFutureDate = (msg: string): Check => (v) => (v && v > todayIso() ? msg : null)
