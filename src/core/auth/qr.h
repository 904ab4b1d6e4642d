// QR codes: the symbol's modules, and the symbol as SVG (an otpauth:// URI for an authenticator
// app, a member card, a station's door poster).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gh::auth {

// Modules of light margin around the symbol, as ISO/IEC 18004 requires.
inline constexpr int kQrQuietZone = 4;

// `text` as a QR code (8-bit mode, error correction level M, smallest version that fits), drawn
// as one SVG path in module units: the viewBox is (width + 2 * kQrQuietZone) modules square, dark
// modules are black on a white background and shape-rendering="crispEdges" keeps them sharp when
// scaled. Throws std::runtime_error if the text cannot be encoded (empty, contains NUL, too long).
std::string qr_svg(std::string_view text);

// The same symbol as an <svg> element to nest in a larger drawing: at (x, y) in the parent's
// units, `size` wide and high (its own viewBox keeps it square and sharp).
std::string qr_svg_nested(std::string_view text, double x, double y, double size);

// The symbol's modules with the quiet zone: size × size, row by row, true for dark (for a
// raster image, e.g. a PNG). Throws like qr_svg.
struct QrModules {
    int size = 0;
    std::vector<bool> dark;
};
QrModules qr_modules(std::string_view text);

}  // namespace gh::auth
