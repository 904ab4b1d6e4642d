#include "core/auth/qr.h"

#include <qrencode.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace gh::auth {

namespace {

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

namespace {

using Code = std::unique_ptr<QRcode, QrFree>;

Code encode(std::string_view text) {
    if (text.empty()) throw std::runtime_error("qr_svg: nothing to encode");
    if (text.find('\0') != std::string_view::npos) {
        throw std::runtime_error("qr_svg: text contains a NUL character");
    }
    const std::string input(text);
    Code code(QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M));
    if (!code) throw std::runtime_error("qr_svg: libqrencode could not encode the text");
    return code;
}

// viewBox and the drawing of the symbol: one rectangle per horizontal run of dark modules.
std::string svg_body(const QRcode& code) {
    const int width = code.width;
    const int size = width + 2 * kQrQuietZone;
    const std::string n = std::to_string(size);
    std::string path;
    for (int y = 0; y < width; ++y) {
        const unsigned char* row = code.data + static_cast<std::ptrdiff_t>(y) * width;
        for (int x = 0; x < width;) {
            if ((row[x] & 1) == 0) {  // bit 0 of each byte is "dark"
                ++x;
                continue;
            }
            const int start = x;
            while (x < width && (row[x] & 1) != 0) ++x;
            const std::string run = std::to_string(x - start);
            path += "M" + std::to_string(start + kQrQuietZone) + " " +
                    std::to_string(y + kQrQuietZone) + "h" + run + "v1h-" + run + "z";
        }
    }
    return R"( viewBox="0 0 )" + n + " " + n + R"(" shape-rendering="crispEdges">)" +
           R"(<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d=")" + path +
           R"("/></svg>)";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

std::string qr_svg(std::string_view text) {
    const Code code = encode(text);
    const std::string side = std::to_string((code->width + 2 * kQrQuietZone) * 4);
    return R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" + side + R"(" height=")" + side +
           R"(")" + svg_body(*code);
}

std::string qr_svg_nested(std::string_view text, double x, double y, double size) {
    const Code code = encode(text);
    return R"(<svg x=")" + number(x) + R"(" y=")" + number(y) + R"(" width=")" + number(size) +
           R"(" height=")" + number(size) + R"(")" + svg_body(*code);
}

QrModules qr_modules(std::string_view text) {
    const Code code = encode(text);
    QrModules m;
    m.size = code->width + 2 * kQrQuietZone;
    m.dark.assign(static_cast<size_t>(m.size) * m.size, false);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[static_cast<std::ptrdiff_t>(y) * code->width + x] & 1) {
                m.dark[static_cast<size_t>(y + kQrQuietZone) * m.size + x + kQrQuietZone] = true;
            }
        }
    }
    return m;
}

}  // namespace gh::auth
