// Workers' requests to correct or delete their personal information (security administrator).
import { get, post } from './http'
import type { Page, WorkerRequest } from './types'

export type WorkerRequestStatus = WorkerRequest['status']

// 职工信息申请列表（按状态；最新在前）
export const listWorkerRequests = (status: WorkerRequestStatus | '', cursor?: string | null, limit = 50) =>
  get<Page<WorkerRequest>>('/api/v1/worker-requests', { status, cursor, limit })
// 答复申请：办理（done）或不予办理（refused），答复 1–1000 字
export const answerWorkerRequest = (id: number, status: 'done' | 'refused', reply: string) =>
  post<WorkerRequest>(`/api/v1/worker-requests/${id}/answer`, { status, reply })
