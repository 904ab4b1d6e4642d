// Internal to gh_tabular: an .xlsx zip opened with libzip, and XML entries streamed through
// expat in fixed-size chunks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <expat.h>
#include <zip.h>

namespace gh::tabular::detail {

class Archive {
public:
    // Throws TabularError when the file is not a readable zip.
    explicit Archive(const std::string& path);
    ~Archive();
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    bool has(const std::string& name) const;
    // The uncompressed size the zip declares for an entry (0 when it declares none).
    uint64_t size_of(const std::string& name) const;
    // Opens an entry for reading, refusing one whose uncompressed size is above max_bytes.
    zip_file_t* open(const std::string& name, uint64_t max_bytes) const;

private:
    zip_t* zip_ = nullptr;
};

// Element callbacks with names stripped of any namespace prefix. A handler may throw
// TabularError; the stream stops the parser and rethrows it from feed().
class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void on_start(std::string_view name, const char** attrs) = 0;
    virtual void on_end(std::string_view name) = 0;
    virtual void on_text(std::string_view text) = 0;
};

// The value of the attribute whose local name is `name`, or nullptr.
const char* attribute(const char** attrs, std::string_view name);

class XmlStream {
public:
    // Entry `name` of the archive, at most max_bytes uncompressed; `what` names it in errors.
    XmlStream(const Archive& archive, const std::string& name, uint64_t max_bytes,
              XmlHandler& handler, std::string what);
    ~XmlStream();
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Parses the next chunk; false once the whole entry has been parsed.
    bool feed();
    // Called from a handler: stops parsing after the current element; the next feed() resumes
    // there, so a handler can hand over one item at a time.
    void suspend();
    // Parses to the end.
    void run() {
        while (feed()) {
        }
    }

private:
    static void XMLCALL start(void* self, const XML_Char* name, const XML_Char** attrs);
    static void XMLCALL end(void* self, const XML_Char* name);
    static void XMLCALL text(void* self, const XML_Char* s, int len);
    static void XMLCALL doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int);
    void fail(std::string message);

    zip_file_t* file_ = nullptr;
    XML_Parser parser_ = nullptr;
    XmlHandler& handler_;
    std::string what_;
    uint64_t max_bytes_;
    uint64_t total_ = 0;
    bool done_ = false;
    bool last_ = false;
    bool suspended_ = false;
    std::string error_;
};

}  // namespace gh::tabular::detail
