// Error code → Chinese message: the console's wording wins for the codes it rewrites, the
// server's precise message for the rest, and a fallback when the server sent none.
import { describe, expect, it } from 'vitest'
import { friendlyMessage, knownCodes } from '@/utils/errors'

const err = (code: string, message = '', status = 422, extra: Record<string, unknown> = {}) => ({ code, message, status, extra })

describe('friendlyMessage', () => {
  it('rewrites terse server messages for the codes it owns', () => {
    expect(friendlyMessage(err('auth.invalid_credentials', 'invalid credentials', 401))).toBe('用户名或密码错误')
    expect(friendlyMessage(err('network', '', 0))).toMatch(/无法连接服务器/)
    expect(friendlyMessage(err('member.import_mode', 'mode 只能是 all-or-nothing 或 good-rows'))).toMatch(/请选择导入方式/)
  })
  it('keeps the server message when it is precise', () => {
    expect(friendlyMessage(err('id_number.checksum', '第 18 位应为 X'))).toBe('第 18 位应为 X')
  })
  it('falls back to the console text when the server sent none', () => {
    expect(friendlyMessage(err('member.phone_taken'))).toMatch(/手机号已被他人使用/)
    expect(friendlyMessage(err('id_number.excel_scientific'))).toMatch(/科学计数法/)
  })
  it('shows the unlock time of a locked account in local time', () => {
    const at = new Date(2026, 10, 23, 8, 5, 9).toISOString()
    expect(friendlyMessage(err('auth.locked', '密码错误次数过多', 423, { unlock_at: at }))).toBe(
      '账号已锁定（密码错误次数过多），将于 2026-11-23 08:05:09 自动解锁')
    expect(friendlyMessage(err('auth.locked', '', 423))).toBe('账号已锁定，请稍后再试')
  })
  it('unknown codes: server errors are generic, others name the code', () => {
    expect(friendlyMessage(err('something.new', '', 500))).toMatch(/服务器出错了/)
    expect(friendlyMessage(err('something.new', '', 422))).toBe('操作失败（something.new）')
  })
  it('lists every code once', () => {
    const codes = knownCodes()
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes).toContain('member.duplicate_in_file')
  })
})
