// The real-name member registry (会员实名制): who is a member of which union. Owns `members` and
// `member_history`. ID numbers and phones are stored only encrypted by the PII vault, with a
// blind index for exact search and for the rule "one active membership per person nationwide",
// which the database itself enforces (members.active_blind is UNIQUE). Answers mask both unless
// the caller holds pii.read and asks; such a reveal is audited.
//
// Card number (会员证号): "GH" + the org id padded to 6 digits + the member id padded to 8,
// e.g. GH00001200000345. Both ids are unique, so the card number is too, and it is known only
// after the insert (the row is written with a random placeholder, then set).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/pii/rotation.h"
#include "core/pii/vault.h"
#include "core/tabular/import_mode.h"
#include "core/time.h"
#include "domains/notices/notices.h"
#include "domains/orgs/orgs.h"

namespace gh::employers {
class EmployerService;
}

namespace gh::members {

using auth::Actor;
using auth::Principal;

// Key rotation (core/pii/rotation.h): the members' ID number and phone ciphertexts.
std::vector<pii::RotationStep> pii_rotation_steps();

// The profile fields of issue #5 (codes in members/codes.h). In a NewMember the coded fields
// may be given as code or Chinese label; in a Member they are codes ('' when not given).
struct Profile {
    std::string ethnicity;            // GB 3304 name, e.g. "汉族"
    std::string education;            // primary … doctor
    std::string political_status;     // cpc … masses
    std::string occupation_category;  // courier … other; derived from occupation when absent
    std::string employer_name;        // 工作单位 as written
    std::optional<int64_t> employer_id;
    bool migrant_worker = false;  // 农民工
    bool model_worker = false;    // 劳模
    bool hardship = false;        // 困难职工
};

struct NewMember {
    int64_t org_id = 0;
    std::string name;
    std::string id_number;
    std::optional<std::string> phone;
    std::string occupation;
    bool new_form = false;
    std::optional<std::string> joined_on;  // YYYY-MM-DD; today in China when absent
    Profile profile;
};

// A member as answered: id_number and phone masked unless revealed.
struct Member {
    int64_t id = 0;
    int64_t org_id = 0;
    std::string name;
    std::string id_number;
    std::optional<std::string> phone;
    std::string birth_date, gender, occupation;
    bool new_form = false;
    std::string card_no, joined_on, status, created_at, updated_at;
    Profile profile;
};

// Which value a caller asks to see in full (all: both, for a revealed export).
enum class Reveal { none, id_number, phone, all };

// Where a keyset page of the member list starts: after the row with these keys, (name, org path,
// id) for a name-ordered search and (org path, id) otherwise. Taken from a sealed cursor
// (core/http/cursor.h), never looked up from an id a client chose.
struct MemberPosition {
    std::string name;
    std::string org_path;
    int64_t id = 0;
};

struct MemberPage {
    std::vector<Member> items;
    std::optional<MemberPosition> next;  // the last row's keys when a page may follow
    int64_t total = 0;
    // Without filters total is exact (from the rollups); with filters it is counted up to
    // kTotalCap rows (a search by name alone: kNameTotalCap), and a larger result answers the
    // cap with total_capped set.
    bool total_capped = false;
    static constexpr int64_t kTotalCap = 10000;
    static constexpr int64_t kNameTotalCap = 1000;
};

// One row of member_history: a change of status (and, after a transfer, of org).
struct HistoryEntry {
    int64_t id = 0;
    std::string at;
    std::optional<std::string> from_status;
    std::string to_status;
    int64_t org_id = 0;
    std::string actor, reason;
};

// A transfer (会员关系转接) between two unions.
struct Transfer {
    int64_t id = 0;
    int64_t member_id = 0;
    std::string member_name, card_no;
    int64_t from_org_id = 0, to_org_id = 0;
    std::string status;  // pending, accepted, declined, cancelled
    std::string requested_by, requested_at;
    std::optional<std::string> decided_by, decided_at;
    std::string reason;
    std::string requested_by_side = "from";    // 'from' (giving union) or 'to' (receiving union)
    std::string from_path;                     // internal: decides what the caller may see
    std::optional<std::string> from_org_name;  // a receiving-side request's answer and lists
    std::optional<std::string> to_org_name;    // lists: the other side may lie outside scope
};

// What a side does with a pending transfer: the receiving side accepts or declines, the giving
// side cancels.
enum class Decision { accept, decline, cancel };

struct TransferQuery {
    bool incoming = true;               // target org in scope; else source org in scope
    std::optional<std::string> status;  // pending, accepted, declined, cancelled
    int64_t after_id = 0;
    int limit = 50;
};

struct TransferPage {
    std::vector<Transfer> items;
    std::optional<int64_t> next_cursor;
};

// Bulk import (gonghui import members): one row of a roster, already read from the file.
struct ImportRow {
    size_t row = 0;  // the row number in the file, for the report
    NewMember member;
};

// Why a row was not imported. field: the NewMember field ("name", "id_number", "phone",
// "occupation", "joined_on"), message: Chinese, fit for the report; code: the error code when
// the refusal has one (the service's checks, member.import_cell_too_long), else empty.
struct RowProblem {
    size_t row = 0;
    std::string field;
    std::string message;
    std::string code;
};

// all_or_nothing: one rejected row and nothing is written. good_rows: the valid rows go in.
using ImportMode = tabular::ImportMode;

struct ImportRequest {
    int64_t org_id = 0;
    std::string file_name;  // for the audit row
    ImportMode mode = ImportMode::all_or_nothing;
    std::vector<ImportRow> rows;
    std::vector<RowProblem> rejected;  // rows the reader already refused (counted, not written)
    // Instead of rows/rejected (then ignored): the file's rows pulled a chunk at a time, on the
    // validating thread, so only the chunks in flight are held. Fills up to `max` rows (valid
    // into rows, refused by the reader into rejected, both cleared first); false at the end.
    // What it throws ends the import (nothing of an unfinished transaction stays).
    std::function<bool(std::vector<ImportRow>& rows, std::vector<RowProblem>& rejected, size_t max)>
        source;
    size_t batch = 20000;  // rows per transaction (about) in good_rows mode
    // When set (a streamed file parsed through once on another thread, check_readable): nothing
    // is committed before it is ready, and what it throws ends the import with nothing of it
    // written, as if the file had been checked before the import began.
    std::shared_future<void> readable;
    // Called as the rows go through (every 1,000 or `batch`, whichever is smaller; in
    // all_or_nothing mode inside the one transaction), with the rows of `rows` done so far and
    // rows.size(); with a source, the file rows read so far (refused ones included) and 0.
    // May be empty.
    std::function<void(size_t done, size_t total)> on_progress;
};

struct ImportResult {
    int64_t imported = 0;
    int64_t duplicates = 0;            // already active members of the same org: left as they are
    std::vector<RowProblem> rejected;  // request.rejected plus the service's, by row
};

// Members in a subtree: active or transferring, and how many of them are new-form workers.
struct MemberCounts {
    int64_t members = 0;
    int64_t gig_members = 0;
};

// Members who came into a subtree and who went out of it in one month ('YYYY-MM').
struct MonthFlow {
    std::string month;
    int64_t joined = 0, departed = 0;
};

class RollupDelta;  // members/rollups.h

// Filters of the member list and the export (all optional, combined with AND).
struct MemberQuery {
    // Name prefix, pinyin initials or full-pinyin prefix ("zs", "zhangs"), card number, or an
    // exact ID number or phone.
    std::string q;
    std::optional<int64_t> org_id;                   // narrows the scope to that org's subtree
    std::optional<std::string> occupation_category;  // a code of codes.h (or its label)
    std::optional<std::string> status;               // active, transferring, left …
    std::vector<std::string> flags;  // migrant_worker, model_worker, hardship, new_form
    std::optional<std::string> joined_from, joined_to;  // YYYY-MM-DD, inclusive
    std::optional<int64_t> employer_id;
    std::optional<std::string> employer_name;  // prefix of 工作单位
    std::optional<MemberPosition> after;       // the page starts after this row (keyset)
    int limit = 50;
};

// `gonghui members purge`: members who left long enough ago, per org.
struct PurgeCount {
    int64_t org_id = 0;
    std::string org_name;
    int64_t members = 0;
};

struct PurgeResult {
    std::vector<PurgeCount> by_org;  // by org id
    int64_t total = 0;
};

class MemberService {
public:
    MemberService(db::Pool& pool, orgs::OrgService& orgs, audit::AuditLog& audit,
                  const pii::Vault& vault, const TimeSource& clock);

    // Lets create() check a given employer_id through the employers domain (scoped). Without it
    // an employer_id is refused.
    void use_employers(employers::EmployerService* employers) { employers_ = employers; }
    // Lets a transfer's decision reach the requester's inbox.
    void use_notices(notices::NoticeService* notices) { notices_ = notices; }

    // Validates, registers and audits (member.create) in one transaction. Throws ApiError: 422
    // for bad input or an org outside the caller's scope, 409 member.already_active when the
    // person already holds an active membership anywhere.
    Member create(const Actor& by, const Principal& p, const NewMember& m);

    // Registers many members into one org through the same validation and insert as create():
    // each member gets its history row, and the whole import ONE audit row (member.import with
    // the file name and the counts). A person already active in that org is a duplicate, one
    // active elsewhere a rejection (naming the org when it is in the caller's scope). Writes in
    // one transaction (all_or_nothing) or in transactions of request.batch rows (good_rows).
    // Throws ApiError 422 member.org when the org is outside the caller's scope.
    ImportResult import_rows(const Actor& by, const Principal& p, const ImportRequest& request);

    // Members (active or transferring) whose org_path lies under `org_path`: an index range.
    MemberCounts count_in(const std::string& org_path);
    MemberCounts count_in(db::Connection& c, const std::string& org_path);
    // Counted members of the subtree by occupation category code ('' for unknown), most first.
    std::vector<std::pair<std::string, int64_t>> count_by_occupation(db::Connection& c,
                                                                     const std::string& org_path);
    // Arrivals and departures of the subtree by month, from `from_month` ('YYYY-MM') on, oldest
    // first; months with neither are absent.
    std::vector<MonthFlow> growth(db::Connection& c, const std::string& org_path,
                                  const std::string& from_month);
    // Counted members of the given orgs' subtrees, summed (the orgs must not nest).
    int64_t count_in_orgs(db::Connection& c, const std::vector<int64_t>& org_ids);

    // Scoped: nullopt when missing or outside the scope. Reveals only with pii.read, and then
    // records pii.reveal.
    std::optional<Member> get(const Actor& by, const Principal& p, int64_t id, Reveal reveal);

    // Keyset by id within the caller's scope; answers masked values only. Throws ApiError 422
    // for a bad filter, 404 org.not_found for an org outside the scope.
    MemberPage list(const Principal& p, const MemberQuery& q);

    // Keeps the .xlsx report of an API import's rejected rows for kImportReportDays days,
    // readable within the import org's subtree, and deletes expired reports. Answers its token:
    // 32 random hex digits, the report's only name outside the database, so a link never opens
    // another report (SQLite gives a deleted last row's id to the next) nor lets ids be counted.
    static constexpr int kImportReportDays = 7;
    std::string keep_import_report(const Actor& by, int64_t org_id, const std::string& file_name,
                                   const std::string& xlsx);
    // A kept report's bytes by its token; nullopt when missing, expired or outside the scope.
    std::optional<std::string> import_report(const Principal& p, std::string_view token);

    // Every member the filters select (q.after and q.limit ignored), for the .xlsx export:
    // masked, or with reveal in full, which needs pii.read (403 otherwise). One audit row
    // (member.export) with the count and whether it was revealed, in the read's transaction.
    // 422 member.export_too_large above kExportMax rows.
    static constexpr int64_t kExportMax = 50000;
    std::vector<Member> export_members(const Actor& by, const Principal& p, const MemberQuery& q,
                                       bool reveal);

    // Anonymises members whose membership ended (left, expelled, deceased, transferred) more
    // than retention_days ago: name → "已注销", the ID number and phone ciphertexts and blind
    // indexes, birth date, pinyin and employer cleared; status, dates, codes and history kept.
    // dry_run only counts. A real run writes one audit row (member.purge, with the counts) in
    // the same transaction as the updates.
    PurgeResult purge_departed(const Actor& by, int retention_days, bool dry_run);

    // Fills name_initials / name_pinyin of rows written before they existed; answers how many.
    int64_t backfill_pinyin();

    // Ends an active membership: to "left", "expelled" or "deceased", with a reason. Scoped (404
    // member.not_found); 409 member.in_transfer or member.not_active when the status forbids it.
    // Clears active_blind, so the person may join again. Writes history and audit in one
    // transaction.
    Member change_status(const Actor& by, const Principal& p, int64_t id, std::string_view to,
                         std::string_view reason);

    // The member's history, oldest first; nullopt when missing or outside the scope.
    std::optional<std::vector<HistoryEntry>> history(const Principal& p, int64_t id);

    // The giving side asks to move an active member in its scope to another org (anywhere).
    // 404 member.not_found, 422 transfer.org, 409 member.in_transfer / member.not_active.
    Transfer request_transfer(const Actor& by, const Principal& p, int64_t member_id,
                              int64_t to_org_id, std::string_view reason);

    // The receiving side asks for a person's membership by ID number (found through the blind
    // index among active members anywhere) into to_org_id, which must lie in its scope. The
    // caller learns nothing about whether anybody holds the number: when an active member
    // outside its scope does and has no pending transfer, a pending request is stored for the
    // giving side to see (the member's status is left alone until it accepts); otherwise
    // nothing is stored. Either way it returns normally, and the audit row says which.
    // 422 id_number.* / transfer.org / transfer.reason, and transfer.same_scope when the holder
    // is a member the caller may read anyway.
    void request_transfer_by_id(const Actor& by, const Principal& p, std::string_view id_number,
                                int64_t to_org_id, std::string_view reason);

    // The side that did not request decides: for a transfer requested by the giving side the
    // receiving side accepts or declines and the giving side cancels; for one requested by the
    // receiving side it is the other way round. 404 transfer.not_found
    // when that side is outside the caller's scope, 409 transfer.not_pending once decided.
    Transfer decide_transfer(const Actor& by, const Principal& p, int64_t transfer_id, Decision d);

    // Transfers whose target (incoming) or source (outgoing) org lies in the caller's scope.
    TransferPage transfers(const Principal& p, const TransferQuery& q);

    // Org restructuring, called through the orgs hooks (its domain.cpp) inside the caller's
    // transaction (members/rehome.cpp). Every org path copy under old_prefix (members.org_path,
    // both ends of transfers) is rewritten to lie under new_prefix.
    void repath(db::Connection& tx, const std::string& old_prefix, const std::string& new_prefix);
    // The active and transferring members of `from` itself become members of `to`, each with a
    // history row (reason 组织合并 / 组织撤销); pending transfers from or to `from` follow.
    // Answers how many members moved.
    int64_t rehome(db::Connection& tx, const orgs::Org& from, const orgs::Org& to, const Actor& by,
                   std::string_view reason);
    // Active and transferring members of the org itself (not its subtree).
    int64_t count_active_at(db::Connection& tx, const orgs::Org& org);
    // --- For joining (入会, domains/joining): members/enrol.cpp ---
    // Registers `m` into `org` inside the caller's transaction, so an approval and its member are
    // one change: the same validation, insert, history and audit row (member.create) as
    // create(). The caller has checked `org` against its scope. 409 member.already_active when
    // the person is active anywhere (naming the org when `p` sees it); a concurrent insert that
    // wins the race surfaces as a db::DbError that is_already_active() recognises.
    Member create_in(db::Connection& tx, const Actor& by, const Principal& p, const orgs::Org& org,
                     const NewMember& m);
    // 422 member.org_inactive when `org` is dissolved or merged: no member joins such an org
    // (create_in, and create()/import_rows() after their scope check).
    static void require_active_org(const orgs::Org& org);
    static bool is_already_active(const db::DbError& e);
    // Throws the 409 member.already_active for the person with this ID blind index.
    [[noreturn]] void explain_already_active(db::Connection& c, const Principal& p,
                                             const db::Blob& id_blind) {
        already_active(c, p, id_blind);
    }
    // Whether the holder of this ID blind index is an active (or transferring) member.
    bool is_active(db::Connection& c, const db::Blob& id_blind);
    // Whether an active (or transferring) member who is not the person `id_blind` has the phone.
    bool phone_used_by_other(db::Connection& c, const db::Blob& phone_blind,
                             const db::Blob& id_blind);
    // A card number's membership status and org, for the public card check (no PII); nullopt
    // when no member has that card number.
    struct CardStatus {
        std::string status;
        int64_t org_id = 0;
    };
    std::optional<CardStatus> card_status(db::Connection& c, std::string_view card_no);
    // The member holding a card number (any status) with the occupation category code, for a
    // station's check-in by member card; nullopt when no member has it.
    struct CardHolder {
        int64_t member_id = 0;
        std::string status;
        std::string occupation_category;
    };
    std::optional<CardHolder> card_holder(db::Connection& c, std::string_view card_no);
    // The member holding a card number while a current membership (active or transferring):
    // for a station keeper recording a volunteer's attendance from the card. nullopt otherwise.
    std::optional<int64_t> current_member_by_card(db::Connection& c, std::string_view card_no);
    // Clears a stale phone from a member record (a county cadre frees the number for its new
    // holder). Scoped: 404 member.not_found. Audited as member.phone.release.
    Member release_phone(const Actor& by, const Principal& p, int64_t id);
    // A member by id without a scope, masked: for the member's own page and card, where the
    // caller has established the member is the worker asking.
    std::optional<Member> find_own(db::Connection& c, int64_t id);

private:
    struct Prepared;  // a validated NewMember (members/prepared.h)
    Prepared prepare(const NewMember& in) const;
    // Inserts the member, sets its card number and writes its history row; answers its id.
    int64_t insert(db::Connection& tx, const orgs::Org& org, const Prepared& m, const Actor& by);
    // The same, gathering the rollup change into `rollups` for the caller to apply (bulk import).
    int64_t insert(db::Connection& tx, const orgs::Org& org, const Prepared& m, const Actor& by,
                   RollupDelta& rollups);
    // For insert_batch: encrypts and blind-indexes the phone, encrypts the ID number, spells the
    // name in pinyin (members/prepared.h, the sealed fields). Thread-safe: the import's
    // validating thread does it while the writing thread writes the chunk before.
    void seal(Prepared& m) const;
    // Many sealed rows at once (bulk import): ids allocated ahead so each row is written whole
    // (card number included) by db::copy_rows (COPY on PostgreSQL, multi-row INSERTs on SQLite),
    // history rows likewise; the rollup change gathered into `rollups`. Takes the rows' strings.
    void insert_batch(db::Connection& tx, const orgs::Org& org, std::vector<Prepared>& rows,
                      const Actor& by, RollupDelta& rollups);
    static void write_history(db::Connection& tx, int64_t member_id, const std::string& at,
                              const std::string& from, const std::string& to, int64_t org_id,
                              const Actor& by, std::string_view reason);
    Transfer load_transfer(db::Connection& c, int64_t id);
    // Records the pending transfer (history, audit). Asked by the giving side ("from"), the
    // member moves to 'transferring' at once; asked by the receiving side ("to"), the member is
    // left as it is until the giving side accepts.
    Transfer open_transfer(db::Connection& tx, const Actor& by, int64_t member_id, int64_t from_org,
                           const std::string& from_path, const orgs::Org& target,
                           const std::string& reason, const std::string& side);
    Member view(const db::Row& r, Reveal reveal) const;
    struct Where;  // members/search.cpp
    Where where_of(db::Connection& c, const Principal& p, const MemberQuery& q);
    // What the audit row of a search may say about its text (members/search.cpp): its kind and,
    // for an ID number or a phone, the blind index (hex) and the masked value, never the value.
    nlohmann::json search_audit_detail(std::string_view q) const;
    [[noreturn]] void already_active(db::Connection& c, const Principal& p,
                                     const db::Blob& id_blind);

    db::Pool& pool_;
    const TimeSource& clock_;
    orgs::OrgService& orgs_;
    audit::AuditLog& audit_;
    const pii::Vault& vault_;
    employers::EmployerService* employers_ = nullptr;
    notices::NoticeService* notices_ = nullptr;
};

}  // namespace gh::members

// The roster reader (members/roster.h) is part of the public interface: the joining domain
// reads ceremony sheets with it.
#include "domains/members/roster.h"  // IWYU pragma: export
