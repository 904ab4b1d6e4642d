// The dialog forms' handling of the server's answer (composables/serverForm.ts).
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { useServerForm } from '@/composables/serverForm'

describe('useServerForm', () => {
  it('puts an error that names a field under that field', async () => {
    const f = useServerForm({ name: '', id_number: '' })
    const ok = await f.send(async () => {
      throw new ApiError(422, 'member.id_number', '身份证号校验位错误', 'id_number')
    })
    expect(ok).toBe(false)
    expect(f.errors.id_number).toBe('身份证号校验位错误')
    expect(f.errors.name).toBe('')
    expect(f.message.value).toBe('')
  })

  it('puts an error for no field of the form above the buttons', async () => {
    const f = useServerForm({ name: '' })
    await f.send(async () => {
      throw new ApiError(409, 'member.active_elsewhere', '已是其他工会的在册会员', 'org_id')
    })
    expect(f.errors.name).toBe('')
    expect(f.message.value).toBe('已是其他工会的在册会员')
    await f.send(async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(f.message.value).toBe('Failed to fetch')
  })

  it("maps the server's name of a field to the form's", async () => {
    const f = useServerForm({ org_id: '', username: '' }, { org: 'org_id' })
    await f.send(async () => {
      throw new ApiError(422, 'account.org', '所属组织不存在或不在管辖范围内', 'org')
    })
    expect(f.errors.org_id).toBe('所属组织不存在或不在管辖范围内')
    expect(f.message.value).toBe('')
  })

  it('is busy only while the request runs, and says when it went through', async () => {
    const f = useServerForm({ reason: '' })
    let seenBusy = false
    const ok = await f.send(async () => {
      seenBusy = f.busy.value
    })
    expect(seenBusy).toBe(true)
    expect(ok).toBe(true)
    expect(f.busy.value).toBe(false)
  })

  it('clear() empties every field error and the message', async () => {
    const f = useServerForm({ status: '', reason: '' })
    await f.send(async () => {
      throw new ApiError(422, 'member.reason', '原因不能为空', 'reason')
    })
    f.message.value = '别的错误'
    f.clear()
    expect(f.errors).toEqual({ status: '', reason: '' })
    expect(f.message.value).toBe('')
  })
})
