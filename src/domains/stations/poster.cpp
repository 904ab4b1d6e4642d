// The printed poster of a station's door (A4 SVG) and its QR code alone as a PNG (zlib).
#include <zlib.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

#include "core/auth/qr.h"
#include "core/svg.h"
#include "domains/stations/checkin.h"
#include "domains/stations/door_token.h"

namespace gh::stations {

namespace {

void put32(std::string& out, uint32_t v) {
    out += static_cast<char>(v >> 24);
    out += static_cast<char>(v >> 16);
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v);
}

void chunk(std::string& png, const char* type, const std::string& data) {
    put32(png, static_cast<uint32_t>(data.size()));
    std::string body = std::string(type, 4) + data;
    png += body;
    put32(png, static_cast<uint32_t>(
                   crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size())));
}

// A 1-bit greyscale PNG, `scale` pixels per module.
std::string png_of(const auth::QrModules& m, int scale) {
    const uint32_t side = static_cast<uint32_t>(m.size * scale);
    const size_t row_bytes = (side + 7) / 8;
    std::string raw;
    raw.reserve((row_bytes + 1) * side);
    for (uint32_t py = 0; py < side; ++py) {
        raw += '\0';  // filter: none
        std::string row(row_bytes, '\0');
        for (uint32_t px = 0; px < side; ++px) {
            const bool dark = m.dark[(py / scale) * m.size + px / scale];
            if (!dark) row[px / 8] = static_cast<char>(row[px / 8] | (0x80 >> (px % 8)));
        }
        raw += row;
    }
    uLongf len = compressBound(raw.size());
    std::string z(len, '\0');
    if (compress2(reinterpret_cast<Bytef*>(z.data()), &len,
                  reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9) != Z_OK) {
        throw std::runtime_error("png: zlib failed");
    }
    z.resize(len);
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    put32(ihdr, side);
    put32(ihdr, side);
    ihdr += '\x01';  // bit depth
    ihdr += '\x00';  // greyscale
    ihdr += '\x00';  // deflate
    ihdr += '\x00';  // adaptive filtering
    ihdr += '\x00';  // no interlace
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", "");
    return png;
}

}  // namespace

std::string CheckinService::poster_svg(const Principal& p, int64_t station_id) {
    std::string token;
    Station s;
    {
        auto c = pool_.acquire();
        s = stations_.scoped(*c, p, station_id);
        token = poster_token(*c, s);
    }
    const std::string url = checkin_url(token);
    const std::string qr = auth::qr_svg_nested(url, 40, 104, 130);
    auto text = [](double x, double y, double size, const std::string& body,
                   const char* weight = "normal") {
        char head[160];
        std::snprintf(
            head, sizeof head,
            R"(<text x="%g" y="%g" font-size="%g" font-weight="%s" text-anchor="middle">)", x, y,
            size, weight);
        return std::string(head) + xml_escape(body) + "</text>";
    };
    const std::string valid_until = beijing_date(clock_.now() + kPosterValidity);
    return std::string(
               R"(<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">)") +
           R"(<rect width="210" height="297" fill="#fff"/>)" +
           R"(<rect x="0" y="0" width="210" height="36" fill="#c8102e"/>)" +
           R"(<g font-family="'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif" fill="#222">)" +
           R"(<text x="105" y="24" font-size="16" font-weight="bold" text-anchor="middle" fill="#fff">工会驿站</text>)" +
           text(105, 58, 12, s.name, "bold") + text(105, 70, 6, "站点编码：" + s.code) +
           text(105, 80, 5.5, s.address) + text(105, 96, 11, "微信/手机扫码签到", "bold") + qr +
           text(105, 248, 5.5, "打开微信“扫一扫”或手机相机，扫描上方二维码即可签到") +
           text(105, 257, 5.5, "签到后可在“我的驿站足迹”查看到访记录") +
           text(105, 280, 4,
                "本码有效期至 " + valid_until + "（第 " + std::to_string(s.door_generation) +
                    " 版）；更换后旧码作废") +
           "</g></svg>";
}

std::string CheckinService::poster_png(const Principal& p, int64_t station_id) {
    std::string token;
    {
        auto c = pool_.acquire();
        const Station s = stations_.scoped(*c, p, station_id);
        token = poster_token(*c, s);
    }
    return png_of(auth::qr_modules(checkin_url(token)), 8);
}

}  // namespace gh::stations
