// QR codes as SVG, for showing an otpauth:// URI to an authenticator app.
#pragma once

#include <string>
#include <string_view>

namespace gh::auth {

// Modules of light margin around the symbol, as ISO/IEC 18004 requires.
inline constexpr int kQrQuietZone = 4;

// `text` as a QR code (8-bit mode, error correction level M, smallest version that fits), drawn
// as one SVG path in module units: the viewBox is (width + 2 * kQrQuietZone) modules square, dark
// modules are black on a white background and shape-rendering="crispEdges" keeps them sharp when
// scaled. Throws std::runtime_error if the text cannot be encoded (empty, contains NUL, too long).
std::string qr_svg(std::string_view text);

}  // namespace gh::auth
