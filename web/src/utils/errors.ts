// A friendly Chinese message for every error code the server can answer. Codes in `replace` are
// always shown with the console's wording (the server's is terse or technical); for the others
// the server's message is already precise (it names the digit or date at fault), and the text
// here is used only when the server sent none. web/scripts/check-error-codes.mjs (a CTest) fails
// when a code in src/ is missing here.
import { formatTime } from './format'

interface CodedError {
  status: number
  code: string
  message: string
  extra: Record<string, unknown>
}

const replace: Record<string, string | ((e: CodedError) => string)> = {
  network: '无法连接服务器，请检查网络后重试',
  'http.500': '服务器出错了，请稍后重试；如反复出现请联系管理员',
  'http.502': '服务器暂时不可用，请稍后重试',
  'http.503': '服务器暂时不可用，请稍后重试',
  'http.504': '服务器响应超时，请稍后重试',
  'auth.required': '请先登录',
  'auth.session_expired': '登录已失效，请重新登录',
  'auth.csrf': '页面已过期，请重新登录后再操作',
  'auth.forbidden': '您没有执行此操作的权限，如需开通请联系安全管理员',
  'auth.invalid_credentials': '用户名或密码错误',
  'auth.invalid_token': '接口令牌无效或已停用',
  'auth.disabled': '账号已停用，请联系管理员',
  'auth.locked': (e) => {
    const until = typeof e.extra.unlock_at === 'string' ? e.extra.unlock_at : ''
    return until
      ? `账号已锁定（${e.message.includes('验证码') ? '验证码' : '密码'}错误次数过多），将于 ${formatTime(until)} 自动解锁`
      : '账号已锁定，请稍后再试'
  },
  'auth.rate_limited': '尝试过于频繁，请一分钟后再试',
  'auth.mfa_required': '请先完成两步验证',
  'auth.password_change_required': '首次登录请先修改初始密码',
  'auth.old_password_wrong': '原密码不正确',
  'auth.totp_invalid': '验证码不正确或已使用，请等待下一个验证码',
  'auth.totp_enrolled': '已启用两步验证；如需更换请联系安全管理员重置',
  'auth.totp_not_enrolled': '请先绑定两步验证',
  'auth.otp_invalid': '验证码不正确或已失效',
  'auth.otp_too_soon': '验证码发送过于频繁，请一分钟后再试',
  'auth.otp_daily_limit': '今日验证码次数已用完，请明天再试',
  'request.malformed_json': '请求格式错误，请刷新页面后重试',
  'request.not_object': '请求格式错误，请刷新页面后重试',
  'request.unsupported_media_type': '请求格式错误，请刷新页面后重试',
  'request.method_not_allowed': '不支持此操作，请刷新页面后重试',
  'request.not_found': '要访问的内容不存在',
  'request.limit': '每页条数超出范围',
  'request.query': '查询条件应为整数',
  'request.time': '时间格式不正确，应为 2026-11-01',
  'request.field': '填写的内容类型不正确',
  'service.unavailable': '服务暂时不可用，请稍后重试',
  'member.reveal': '只能查看完整的身份证号或手机号',
  'transfer.direction': '请选择转入或转出',
  'transfer.status': '转接申请状态不正确，可能已被他人处理，请刷新',
  'employer.unionized': '请选择是否已建会',
  'employer.org_inactive': '该组织已撤销或合并，不能使用',
  'employer.import_file': '无法读取用人单位名册，请使用 .xlsx 或 CSV 模板',
  'employer.import_too_large': '名册文件不能超过 5 MB，请分批导入',
  'employer.import_mode': '导入方式只能是全部或仅正确的行',
  'member.org_inactive': '该工会已撤销或合并，不能再加入会员',
  'join.org_inactive': '所选工会已撤销或合并，请选择其他工会',
  'join.ceremony_file': '无法读取名单文件，请使用会员名册模板（.xlsx 或 CSV）',
  'join.ceremony_row': '名单中这一行填写有误',
}

const fallback: Record<string, string> = {
  'account.not_found': '账号不存在',
  'account.org': '组织不存在或不在管辖范围内',
  'account.username': '用户名为 3–64 位字母、数字或 _ . -',
  'account.username_taken': '用户名已被使用',
  'credit_code.checksum': '统一社会信用代码校验位错误，请核对是否输错',
  'credit_code.format': '统一社会信用代码应为 18 位数字或大写字母',
  'employer.address': '地址不超过 500 字节',
  'employer.credit_code_taken': '该统一社会信用代码已登记',
  'employer.credit_code_union': '该信用代码与单位工会不符',
  'employer.industry': '行业门类应为 GB/T 4754 的字母 A–T',
  'employer.name': '单位名称不能为空且不超过 200 字节',
  'employer.not_found': '用人单位不存在',
  'employer.org': '负责的组织不存在或不在管辖范围内',
  'employer.staff_size': '职工人数应为 0 到 10000000 之间的整数',
  'employer.union_org': '单位工会不存在或不在管辖范围内',
  'field.required': '此项必填',
  'field.too_long': '内容过长',
  'field.type': '填写的内容类型不正确',
  'id_number.birth_date': '身份证号中的出生日期不正确',
  'id_number.checksum': '身份证号校验位错误，请核对是否输错',
  'id_number.excel_scientific': '身份证号被 Excel 转成了科学计数法，请把该列设为文本后重新填写',
  'id_number.format': '身份证号应为 18 位',
  'id_number.region': '身份证号的地区码不存在',
  'member.already_active': '此人已是在册会员，须先办理会员关系转接',
  'member.in_transfer': '转接中的会员不能变更状态',
  'member.joined_on': '入会日期格式应为 2026-11-01',
  'member.name': '姓名不能为空且不超过 50 个字',
  'member.not_active': '会员关系已终止，不能再变更状态',
  'member.not_found': '会员不存在',
  'member.occupation': '职业不超过 100 个字',
  'member.org': '所属工会不存在或不在管辖范围内',
  'member.reason': '原因不能为空且不超过 500 个字',
  'member.status': '状态只能是退会、除名或去世',
  'org.division_code': '行政区划代码应为 6 位数字',
  'org.division_code_taken': '该行政区划已有工会组织',
  'org.division_unknown': '未知的行政区划代码',
  'org.name': '组织名称不能为空且不超过 200 字节',
  'org.not_found': '组织不存在或不在管辖范围内',
  'org.parent': '上级组织不存在或不在管辖范围内',
  'org.type': '组织类型无效',
  'password.classes': '密码需包含小写字母、大写字母、数字、符号（含汉字）中的至少三类',
  'password.common': '该密码过于常见，很容易被猜到，请换一个',
  'password.contains_username': '密码不能包含用户名',
  'password.reused': '新密码不能与原密码相同',
  'password.too_long': '密码过长，最多 128 个字节（约 42 个汉字）',
  'password.too_short': '密码至少需要 12 个字符',
  'phone.format': '手机号应为 11 位中国大陆手机号，以 13-19 开头',
  'role.self_grant': '不能修改自己的角色',
  'role.separation_of_duties': '系统管理员、安全管理员、审计管理员的角色不能由同一人兼任',
  'role.unknown': '未知角色',
  'service_account.name': '名称为 3–64 个字符',
  'service_account.name_taken': '名称已被使用',
  'service_account.not_found': '接口账号不存在',
  'service_account.org': '组织不存在',
  'service_account.permission': '不能授予接口账号该权限',
  'service_account.permissions': '至少授予一项权限',
  'session.not_found': '会话不存在',
  'transfer.not_found': '转接申请不存在',
  'transfer.org': '转入工会不存在或未指定',
  'transfer.reason': '转接原因不超过 500 个字',
  'transfer.same_org': '转入工会与会员现所在工会相同',
}

export function knownCodes(): string[] {
  return [...Object.keys(replace), ...Object.keys(fallback)]
}

export function friendlyMessage(e: CodedError): string {
  const r = replace[e.code]
  if (typeof r === 'function') return r(e)
  if (typeof r === 'string') return r
  if (e.message) return e.message
  if (fallback[e.code]) return fallback[e.code]
  if (e.status >= 500) return '服务器出错了，请稍后重试；如反复出现请联系管理员'
  return `操作失败（${e.code}）`
}
