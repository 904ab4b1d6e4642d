// The member code lists, as in src/domains/members/codes.cpp (the server checks them again).

export interface Code { code: string; label: string; newForm?: boolean }

export const occupationCategories: Code[] = [
  { code: 'courier', label: '快递员', newForm: true },
  { code: 'food_delivery', label: '外卖骑手', newForm: true },
  { code: 'ride_hailing', label: '网约车司机', newForm: true },
  { code: 'truck_driver', label: '货车司机', newForm: true },
  { code: 'streamer', label: '网络主播', newForm: true },
  { code: 'domestic', label: '家政服务员', newForm: true },
  { code: 'online_marketer', label: '互联网营销师', newForm: true },
  { code: 'care_worker', label: '网约护工', newForm: true },
  { code: 'other_gig', label: '其他新就业形态', newForm: true },
  { code: 'worker', label: '企业职工' },
  { code: 'public_servant', label: '机关事业单位人员' },
  { code: 'farmer', label: '农业从业人员' },
  { code: 'other', label: '其他' },
]

export const educations: Code[] = [
  { code: 'primary', label: '小学及以下' }, { code: 'junior', label: '初中' }, { code: 'senior', label: '高中' },
  { code: 'vocational', label: '中专' }, { code: 'college', label: '大专' }, { code: 'bachelor', label: '本科' },
  { code: 'master', label: '硕士研究生' }, { code: 'doctor', label: '博士研究生' },
]

export const politicalStatuses: Code[] = [
  { code: 'cpc', label: '中共党员' }, { code: 'cpc_probationary', label: '中共预备党员' },
  { code: 'cyl', label: '共青团员' }, { code: 'democratic', label: '民主党派成员' },
  { code: 'non_party', label: '无党派人士' }, { code: 'masses', label: '群众' },
]

// 56 个民族与“其他”：代码即名称。
export const ethnicities: string[] = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族',
  '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族',
  '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族',
  '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族',
  '德昂族', '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他',
]

// The `flags` filter of GET /members and the member's yes/no fields.
export const memberFlags: Code[] = [
  { code: 'new_form', label: '新就业形态' }, { code: 'migrant_worker', label: '农民工' },
  { code: 'model_worker', label: '劳模' }, { code: 'hardship', label: '困难职工' },
]

export function labelOf(list: Code[], code: string): string {
  return list.find((c) => c.code === code)?.label ?? code
}
