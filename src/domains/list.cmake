# The domain list: every domain, one line each, a domain after those it uses (its services are
# built in this order, its migrations run in this order). Adding a domain: its folder
# src/domains/<name>/ (CMakeLists.txt defining gh_<name>, domain.cpp with make_domain(),
# migrations/) and one line here; see docs/ARCHITECTURE.md, "Adding a domain".
set(GH_DOMAINS
  system
  orgs
  notices
  identity
  employers
  members
  joining
  stations
)
