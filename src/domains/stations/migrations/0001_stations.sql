-- Service stations (工会驿站): the stations, their door check-ins and visit rollups, the
-- stationmaster roster and wishes, and the volunteer points ledger with its items.
-- Coordinates are stored GCJ-02 (as Chinese maps draw them), in degrees.
CREATE TABLE stations (
    id {{id}},
    code TEXT NOT NULL UNIQUE,          -- printed on the door: "ST" + division code + sequence
    name TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES orgs(id),  -- the managing union
    org_path TEXT NOT NULL,             -- copy of its materialised path (scoped reads)
    address TEXT NOT NULL DEFAULT '',
    lat DOUBLE PRECISION NOT NULL,      -- GCJ-02
    lng DOUBLE PRECISION NOT NULL,
    amenities TEXT NOT NULL DEFAULT '', -- codes of stations/amenities.h, comma separated
    hours TEXT NOT NULL,                -- canonical text of stations/hours.h ("24小时" …)
    capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'repair', 'retired')),
    checklist TEXT NOT NULL DEFAULT '', -- the 六有/八有 items met, codes comma separated
    stars INTEGER NULL CHECK (stars BETWEEN 1 AND 5),
    stars_year INTEGER NULL,            -- the year of the star review
    door_key_enc {{blob}} NOT NULL,     -- the door-token key, encrypted by the vault
    door_generation INTEGER NOT NULL DEFAULT 1,  -- bumped to void every printed poster
    verified_at TEXT NULL,              -- the keeper's last confirmation of the data
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX stations_org_path ON stations (org_path, id);
CREATE INDEX stations_updated ON stations (updated_at, id);

-- A verification round: every station under org_path is to be confirmed by its keeper by due_on.
CREATE TABLE station_rounds (
    id {{id}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    org_path TEXT NOT NULL,
    title TEXT NOT NULL,
    started_at TEXT NOT NULL,
    due_on TEXT NOT NULL,               -- YYYY-MM-DD (Beijing)
    started_by TEXT NOT NULL
);
CREATE INDEX station_rounds_path ON station_rounds (org_path, id);

-- One visit: a person entering a station. visitor is 'w<worker id>' or 'm<member id>'.
CREATE TABLE station_visits (
    id {{id}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    org_path TEXT NOT NULL,
    visitor TEXT NOT NULL,
    worker_id BIGINT NULL,
    member_id BIGINT NULL,
    occupation TEXT NOT NULL DEFAULT '', -- members' occupation category code, '' unknown
    method TEXT NOT NULL CHECK (method IN ('scan', 'card', 'door')),
    visited_at TEXT NOT NULL,
    day TEXT NOT NULL,                   -- Beijing date
    hour INTEGER NOT NULL               -- Beijing hour 0-23
);
CREATE INDEX station_visits_person ON station_visits (station_id, visitor, visited_at);
CREATE INDEX station_visits_worker ON station_visits (worker_id, id);

-- Rollups kept in the visit's transaction: visits and first-of-the-day visitors per station,
-- day, hour and occupation. shard spreads one station's busy hour over a few rows.
CREATE TABLE station_visit_rollups (
    station_id BIGINT NOT NULL,
    org_path TEXT NOT NULL,
    day TEXT NOT NULL,
    hour INTEGER NOT NULL,
    occupation TEXT NOT NULL,
    shard INTEGER NOT NULL,
    visits BIGINT NOT NULL DEFAULT 0,
    uniques BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (station_id, day, hour, occupation, shard)
);
CREATE INDEX station_visit_rollups_path ON station_visit_rollups (org_path, day);
CREATE TABLE station_day_visitors (
    station_id BIGINT NOT NULL,
    day TEXT NOT NULL,
    visitor TEXT NOT NULL,
    PRIMARY KEY (station_id, day, visitor)
);

-- Stationmaster of the day (一日站长): a cadre on duty with a theme, and the day's log.
CREATE TABLE station_roster (
    id {{id}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    org_path TEXT NOT NULL,
    day TEXT NOT NULL,
    cadre_name TEXT NOT NULL,
    account_id BIGINT NULL,
    theme TEXT NOT NULL DEFAULT '',
    log TEXT NOT NULL DEFAULT '',
    served INTEGER NOT NULL DEFAULT 0 CHECK (served >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (station_id, day, cadre_name)
);
CREATE INDEX station_roster_path ON station_roster (org_path, day);

-- Workers' wishes (微心愿) collected at a station, followed to fulfilment.
CREATE TABLE station_wishes (
    id {{id}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    org_path TEXT NOT NULL,
    worker_id BIGINT NULL,
    wisher TEXT NOT NULL DEFAULT '',     -- the name as told, when no worker account
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'collected'
        CHECK (status IN ('collected', 'claimed', 'fulfilled', 'cancelled')),
    claimed_by TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX station_wishes_path ON station_wishes (org_path, id);
CREATE INDEX station_wishes_worker ON station_wishes (worker_id, id);

-- Volunteer points: an append-only ledger per worker account; points_accounts is its running
-- total, changed only with an entry, never below zero.
CREATE TABLE points_accounts (
    worker_id BIGINT PRIMARY KEY,
    balance BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0),
    updated_at TEXT NOT NULL
);
CREATE TABLE points_entries (
    id {{id}},
    worker_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'reverse')),
    amount BIGINT NOT NULL,             -- signed: + earned or given back, - spent
    balance_after BIGINT NOT NULL CHECK (balance_after >= 0),
    station_id BIGINT NULL,
    org_path TEXT NOT NULL DEFAULT '',
    ref TEXT NOT NULL DEFAULT '',       -- 'event:12', 'redemption:7', 'entry:40'
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX points_entries_worker ON points_entries (worker_id, id);
CREATE INDEX points_entries_path ON points_entries (org_path, id);

-- Idempotency-Key replays: the first answer, per caller and key, with the request's hash.
CREATE TABLE points_idempotency (
    owner TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (owner, idem_key)
);

-- What a station offers for points (5元早餐 …), with its stock.
CREATE TABLE station_items (
    id {{id}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points > 0),
    stock INTEGER NOT NULL CHECK (stock >= 0),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX station_items_station ON station_items (station_id, id);

CREATE TABLE station_redemptions (
    id {{id}},
    worker_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES station_items(id),
    station_id BIGINT NOT NULL,
    org_path TEXT NOT NULL,
    points INTEGER NOT NULL,
    pickup_hash TEXT NOT NULL UNIQUE,   -- SHA-256 of the one-time pickup code
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'collected', 'reversed')),
    created_at TEXT NOT NULL,
    collected_at TEXT NULL,
    collected_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX station_redemptions_worker ON station_redemptions (worker_id, id);
CREATE INDEX station_redemptions_station ON station_redemptions (station_id, id);

-- Volunteer events at a station; attending one earns its points once.
CREATE TABLE station_events (
    id {{id}},
    station_id BIGINT NOT NULL REFERENCES stations(id),
    org_path TEXT NOT NULL,
    title TEXT NOT NULL,
    day TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points >= 0),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX station_events_station ON station_events (station_id, day);
CREATE TABLE station_event_attendance (
    event_id BIGINT NOT NULL REFERENCES station_events(id),
    worker_id BIGINT NOT NULL,
    entry_id BIGINT NULL,
    method TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (event_id, worker_id)
);
