// What every dialog form does with the server's answer: an error that names one of the form's
// fields is shown under that field, any other error above the buttons, and the submit button is
// busy while the request runs. The client's own rules run first (el-form validate); the server
// stays the authority.
import { reactive, ref } from 'vue'
import { ApiError } from '@/api/http'

// aliases: the server's name of a field → the form's (e.g. { org: 'org_id' }).
export function useServerForm(fields: Record<string, string>, aliases: Record<string, string> = {}) {
  const errors = reactive<Record<string, string>>({ ...fields })
  const message = ref('')
  const busy = ref(false)

  function clear(): void {
    for (const k of Object.keys(errors)) errors[k] = ''
    message.value = ''
  }

  // Runs work with the button busy; answers whether it went through.
  async function send(work: () => Promise<void>): Promise<boolean> {
    busy.value = true
    try {
      await work()
      return true
    } catch (e) {
      const field = e instanceof ApiError ? (aliases[e.field] ?? e.field) : ''
      if (e instanceof ApiError && field in errors) errors[field] = e.message
      else message.value = e instanceof Error ? e.message : String(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { errors, message, busy, clear, send }
}
