// The demo's service stations (gonghui demo): 乾县's three stations of 2024 in its busy streets
// ("配备空调、医药箱等，成为快递员、环卫工的‘15分钟温暖圈’"), older ones of 乾县 and 彬州市, and
// 榆林's 24-hour stations; each with a stationmaster roster around today, wishes in every state
// and a verification round under way. Idempotent: stations by code, the rest only with them.
#pragma once

#include "cli_services.h"

namespace gh::demo {

void load_stations(CliServices& s, const auth::Actor& by,
                   const auth::Principal& operator_principal);

}  // namespace gh::demo
