#include "core/auth/qr.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace gh::auth {

namespace {

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::string qr_svg(std::string_view text) {
    if (text.empty()) throw std::runtime_error("qr_svg: nothing to encode");
    if (text.find('\0') != std::string_view::npos) {
        throw std::runtime_error("qr_svg: text contains a NUL character");
    }
    const std::string input(text);
    const std::unique_ptr<QRcode, QrFree> code(
        QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M));
    if (!code) throw std::runtime_error("qr_svg: libqrencode could not encode the text");

    const int width = code->width;
    const int size = width + 2 * kQrQuietZone;
    const std::string n = std::to_string(size);
    std::string path;
    // One rectangle per horizontal run of dark modules (bit 0 of each byte is "dark").
    for (int y = 0; y < width; ++y) {
        const unsigned char* row = code->data + static_cast<std::ptrdiff_t>(y) * width;
        for (int x = 0; x < width;) {
            if ((row[x] & 1) == 0) {
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
    return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + n + " " + n +
           R"(" width=")" + std::to_string(size * 4) + R"(" height=")" + std::to_string(size * 4) +
           R"(" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/>)" +
           R"(<path fill="#000" d=")" + path + R"("/></svg>)";
}

}  // namespace gh::auth
