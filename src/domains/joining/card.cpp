// The member card (会员证) as SVG, with a QR code of the card number and its verification path.
#include <algorithm>
#include <cctype>

#include "core/auth/qr.h"
#include "core/svg.h"
#include "domains/joining/joining.h"

namespace gh::joining {

namespace {

std::string status_text(std::string_view s) {
    if (s == "active") return "在册";
    if (s == "transferring") return "转接中";
    if (s == "transferred") return "已转出";
    if (s == "left") return "已退会";
    if (s == "expelled") return "已除名";
    if (s == "deceased") return "已故";
    return std::string(s);
}

}  // namespace

JoinService::CardCheck JoinService::verify_card(std::string_view card_no) {
    CardCheck out;
    out.status = "unknown";
    const bool plausible = !card_no.empty() && card_no.size() <= 40 &&
                           std::all_of(card_no.begin(), card_no.end(), [](char ch) {
                               return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
                           });
    if (!plausible) return out;
    auto c = pool_.acquire();
    auto card = members_.card_status(*c, card_no);
    if (!card) return out;
    out.status = card->status;
    out.valid = card->status == "active" || card->status == "transferring";
    if (auto org = orgs_.find(*c, card->org_id)) out.org_name = org->name;
    return out;
}

std::string card_qr_text(std::string_view card_no, std::string_view public_url) {
    // Only the card number and where to check it: anyone scanning learns no personal data, and
    // the verification page answers from the server, not from the code.
    if (!public_url.empty()) {
        return std::string(public_url) + "/verify/card/" + std::string(card_no);
    }
    return "GHCARD:" + std::string(card_no) + " /api/v1/verify/card/" + std::string(card_no);
}

std::string card_svg(const Membership& m, std::string_view public_url) {
    const std::string qr = auth::qr_svg_nested(card_qr_text(m.card_no, public_url), 376, 66, 200);
    auto text = [](int x, int y, int size, const std::string& body, const char* weight = "normal") {
        return "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) +
               "\" font-size=\"" + std::to_string(size) + "\" font-weight=\"" + weight + "\">" +
               xml_escape(body) + "</text>";
    };
    return R"(<svg xmlns="http://www.w3.org/2000/svg" width="600" height="280" viewBox="0 0 600 280")"
           R"( font-family="sans-serif"><rect width="600" height="280" rx="16" fill="#fff")"
           R"( stroke="#c8102e" stroke-width="4"/><rect width="600" height="56" rx="16")"
           R"( fill="#c8102e"/>)" +
           std::string(
               R"(<text x="24" y="38" font-size="24" fill="#fff">中华全国总工会会员证</text>)") +
           text(24, 100, 28, m.name, "bold") + text(24, 140, 18, m.org_name) +
           text(24, 180, 18, "会员证号 " + m.card_no) +
           text(24, 210, 18, "入会日期 " + m.joined_on) +
           text(24, 240, 18, "状态 " + status_text(m.status)) + qr + "</svg>";
}

}  // namespace gh::joining
