#include "core/tabular/xlsx_archive.h"

#include <cstring>
#include <exception>
#include <utility>

#include "core/tabular/tabular.h"

namespace gh::tabular::detail {

namespace {

constexpr int kChunkSize = 64 * 1024;

std::string_view local_name(const char* name) {
    std::string_view s(name);
    const size_t colon = s.rfind(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

}  // namespace

Archive::Archive(const std::string& path) {
    int error = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!zip_) throw TabularError("文件不是有效的 Excel 文件");
}

Archive::~Archive() { zip_discard(zip_); }

bool Archive::has(const std::string& name) const {
    return zip_name_locate(zip_, name.c_str(), 0) >= 0;
}

uint64_t Archive::size_of(const std::string& name) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return 0;
    return st.size;
}

zip_file_t* Archive::open(const std::string& name, uint64_t max_bytes) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0) {
        throw TabularError("文件不是有效的 Excel 文件（缺少 " + name + "）");
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > max_bytes) {
        throw TabularError("Excel 文件过大或已损坏（" + name + " 解压后超过上限）");
    }
    zip_file_t* file = zip_fopen(zip_, name.c_str(), 0);
    if (!file) throw TabularError("文件不是有效的 Excel 文件（无法读取 " + name + "）");
    return file;
}

const char* attribute(const char** attrs, std::string_view name) {
    for (size_t i = 0; attrs[i]; i += 2) {
        if (local_name(attrs[i]) == name) return attrs[i + 1];
    }
    return nullptr;
}

XmlStream::XmlStream(const Archive& archive, const std::string& name, uint64_t max_bytes,
                     XmlHandler& handler, std::string what)
    : handler_(handler), what_(std::move(what)), max_bytes_(max_bytes) {
    file_ = archive.open(name, max_bytes);
    parser_ = XML_ParserCreate("UTF-8");
    if (!parser_) {
        zip_fclose(file_);
        throw TabularError("内存不足，无法读取 Excel 文件");
    }
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlStream::start, &XmlStream::end);
    XML_SetCharacterDataHandler(parser_, &XmlStream::text);
    XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::doctype);
}

XmlStream::~XmlStream() {
    XML_ParserFree(parser_);
    zip_fclose(file_);
}

bool XmlStream::feed() {
    if (done_) return false;
    XML_Status status;
    if (suspended_) {
        suspended_ = false;
        status = XML_ResumeParser(parser_);
    } else {
        void* buffer = XML_GetBuffer(parser_, kChunkSize);
        if (!buffer) throw TabularError("内存不足，无法读取 Excel 文件");
        const zip_int64_t n = zip_fread(file_, buffer, kChunkSize);
        if (n < 0) {
            done_ = true;
            throw TabularError("Excel 文件已损坏（" + what_ + "无法解压）");
        }
        total_ += static_cast<uint64_t>(n);
        if (total_ > max_bytes_) {
            done_ = true;
            throw TabularError("Excel 文件过大或已损坏（" + what_ + "超过上限）");
        }
        last_ = n == 0;
        status = XML_ParseBuffer(parser_, static_cast<int>(n), last_);
    }
    if (status == XML_STATUS_SUSPENDED) {
        suspended_ = true;
        return true;
    }
    if (status != XML_STATUS_OK) {
        done_ = true;  // a later call reports the end instead of parsing on
        if (!error_.empty()) throw TabularError(error_);
        throw TabularError("Excel 文件已损坏（" + what_ + "格式错误，XML 第 " +
                           std::to_string(XML_GetCurrentLineNumber(parser_)) + " 行）");
    }
    done_ = last_;
    return !done_;
}

void XmlStream::suspend() { XML_StopParser(parser_, XML_TRUE); }

void XmlStream::fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    XML_StopParser(parser_, XML_FALSE);
}

void XMLCALL XmlStream::start(void* self, const XML_Char* name, const XML_Char** attrs) {
    auto* s = static_cast<XmlStream*>(self);
    try {
        s->handler_.on_start(local_name(name), attrs);
    } catch (const std::exception& e) {
        s->fail(e.what());
    }
}

void XMLCALL XmlStream::end(void* self, const XML_Char* name) {
    auto* s = static_cast<XmlStream*>(self);
    try {
        s->handler_.on_end(local_name(name));
    } catch (const std::exception& e) {
        s->fail(e.what());
    }
}

void XMLCALL XmlStream::text(void* self, const XML_Char* str, int len) {
    auto* s = static_cast<XmlStream*>(self);
    try {
        s->handler_.on_text(std::string_view(str, static_cast<size_t>(len)));
    } catch (const std::exception& e) {
        s->fail(e.what());
    }
}

void XMLCALL XmlStream::doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*,
                                int) {
    static_cast<XmlStream*>(self)->fail("Excel 文件包含不支持的 XML 文档类型声明");
}

}  // namespace gh::tabular::detail
