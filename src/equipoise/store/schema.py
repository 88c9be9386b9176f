"""The DuckDB schema, as an ordered list of migrations.

Migration N brings a store from schema version N-1 to N. Never edit a released
migration: append a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, events, participants, runs
    """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        source VARCHAR,
        url VARCHAR,
        title VARCHAR,
        outlet VARCHAR,
        published DATE,
        text VARCHAR,
        content_hash VARCHAR,
        language VARCHAR,
        status VARCHAR NOT NULL,          -- coded | skipped | failed | duplicate
        error VARCHAR,                    -- reason when skipped or failed
        canonical_id VARCHAR,             -- the kept article, when this one is a copy
        run_id VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE INDEX articles_hash ON articles (content_hash);
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL,
        mode VARCHAR,
        contexts VARCHAR[],
        status VARCHAR NOT NULL,
        date DATE,
        date_precision VARCHAR,
        place VARCHAR,
        location_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        geonameid BIGINT,
        evidence_text VARCHAR,
        evidence_start INTEGER,
        evidence_end INTEGER,
        confidence DOUBLE,
        quad INTEGER,
        intensity DOUBLE,
        record JSON                        -- the full output-contract record
    );
    CREATE INDEX events_article ON events (article_id);
    CREATE INDEX events_date ON events (date);
    CREATE TABLE participants (
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,            -- actor | recipient
        position INTEGER NOT NULL,
        code VARCHAR,                     -- country (alpha-3) or org acronym
        text VARCHAR,
        name VARCHAR,
        country VARCHAR,
        org VARCHAR,
        sector VARCHAR,
        title VARCHAR
    );
    CREATE INDEX participants_event ON participants (event_id);
    CREATE INDEX participants_code ON participants (code);
    CREATE TABLE runs (
        id VARCHAR PRIMARY KEY,
        command VARCHAR,
        started_at TIMESTAMP,
        finished_at TIMESTAMP,
        read INTEGER DEFAULT 0,
        new INTEGER DEFAULT 0,
        duplicates INTEGER DEFAULT 0,
        skipped INTEGER DEFAULT 0,
        failed INTEGER DEFAULT 0,
        events INTEGER DEFAULT 0
    );
    """,
    # 2: event clusters, one per real-world event reported by one or more articles
    """
    CREATE TABLE event_clusters (
        cluster_id VARCHAR PRIMARY KEY,   -- the id of the cluster's first event
        merge_key VARCHAR NOT NULL,       -- event type | status | dyad
        event_type VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        dyad VARCHAR,                     -- "A,B>C" (ordered) or "A+B" (unordered types)
        date DATE,                        -- date of the first event
        date_last DATE,
        date_precision VARCHAR,
        mentions INTEGER NOT NULL,        -- events merged
        articles INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        article_ids VARCHAR[],
        evidence VARCHAR[]                -- every evidence span, first event first
    );
    CREATE INDEX event_clusters_key ON event_clusters (merge_key);
    CREATE TABLE event_cluster_members (
        event_id VARCHAR PRIMARY KEY,
        cluster_id VARCHAR NOT NULL,
        merge_key VARCHAR NOT NULL
    );
    CREATE INDEX event_cluster_members_key ON event_cluster_members (merge_key);
    CREATE INDEX event_cluster_members_cluster ON event_cluster_members (cluster_id);
    """,
    # 3: pairs of participant codes per event, kept with the writes (see store/pairs.py);
    # filled by the first ingest or merge after the upgrade, read-side falls back until then
    """
    CREATE TABLE event_pairs (
        mention_id VARCHAR NOT NULL,      -- the event's own id
        event_id VARCHAR NOT NULL,        -- its cluster (itself when not clustered)
        article_id VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL,
        mode VARCHAR,
        status VARCHAR NOT NULL,
        date DATE,                        -- the cluster's date (the event's own if none)
        mention_date DATE,
        quad INTEGER,
        intensity DOUBLE,
        place VARCHAR,
        location_country VARCHAR,
        evidence_text VARCHAR,
        contexts VARCHAR[],
        src VARCHAR NOT NULL,
        dst VARCHAR NOT NULL,
        pair_key VARCHAR NOT NULL,        -- "A|B", the two codes sorted
        joint BOOLEAN NOT NULL,
        src_titles VARCHAR[],
        dst_titles VARCHAR[],
        src_country BOOLEAN,
        dst_country BOOLEAN
    );
    CREATE TABLE pair_state (
        events BIGINT, participants BIGINT, members BIGINT, clusters BIGINT
    );
    INSERT INTO pair_state SELECT (SELECT count(*) FROM events),
        (SELECT count(*) FROM participants), (SELECT count(*) FROM event_cluster_members),
        (SELECT count(*) FROM event_clusters)
    WHERE NOT EXISTS (SELECT 1 FROM events);
    """,
    # 4: when a fetched or archived page was captured, and the state of followed feeds
    # (see store/feeds.py): validators, health, and the items already taken in
    """
    ALTER TABLE articles ADD COLUMN fetched_at TIMESTAMP;
    CREATE TABLE feeds (
        url VARCHAR PRIMARY KEY,
        title VARCHAR,
        etag VARCHAR,
        last_modified VARCHAR,
        polls INTEGER NOT NULL DEFAULT 0,
        last_polled TIMESTAMP,
        last_success TIMESTAMP,
        last_status VARCHAR,              -- new | unchanged | failed
        last_error VARCHAR,
        failures INTEGER NOT NULL DEFAULT 0,  -- in a row; reset by a success
        next_poll TIMESTAMP,
        items INTEGER NOT NULL DEFAULT 0  -- items taken in over all polls
    );
    CREATE TABLE feed_items (
        feed_url VARCHAR NOT NULL,
        item_key VARCHAR NOT NULL,        -- the item's guid, else its link
        link VARCHAR,
        seen_at TIMESTAMP,
        PRIMARY KEY (feed_url, item_key)
    );
    """,
    # 5: where an article's publication date came from (input, html, url, text, default),
    # so a date read off a page or a URL can be told from one the source gave
    """
    ALTER TABLE articles ADD COLUMN published_source VARCHAR;
    """,
    # 6: codes are stored upper-case (so a filter compares them without upper() and
    # zone maps apply), and one row per (code, role, event) sorted by code and date, so
    # the first page of the events of one actor or one recipient reads a few row
    # groups instead of joining two million participants to the events (see
    # store/event_codes.py); kept with the pair table, written and rebuilt with it
    """
    UPDATE participants SET code = upper(code) WHERE code <> upper(code);
    UPDATE event_pairs SET src = upper(src), dst = upper(dst),
        pair_key = least(upper(src), upper(dst)) || '|' || greatest(upper(src), upper(dst))
    WHERE src <> upper(src) OR dst <> upper(dst);
    CREATE TABLE event_codes (
        code VARCHAR NOT NULL,
        role VARCHAR NOT NULL,            -- actor | recipient
        date DATE,                        -- the event's own date
        event_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL,
        status VARCHAR NOT NULL
    );
    INSERT INTO event_codes
    SELECT DISTINCT p.code, p.role, e.date, e.id, e.article_id, e.event_type, e.status
    FROM participants p JOIN events e ON e.id = p.event_id
    WHERE p.code IS NOT NULL
    ORDER BY 1, 2, 3, 4;
    """,
    # 7: the date precision of each pair row's date (its cluster's, else the event's), so
    # an analysis that drops dates coarser than its period (balance by month leaves out
    # year-only dates) reads it with the row instead of joining the events of every
    # matched row with the cluster tables (0.8 s of balance's 1 s at 10 million events);
    # sectors stored upper-case like codes, so the sector filter compares them as they are
    """
    UPDATE participants SET sector = upper(sector) WHERE sector <> upper(sector);
    ALTER TABLE event_pairs ADD COLUMN date_precision VARCHAR;
    UPDATE event_pairs SET date_precision = x.precision
    FROM (SELECT e.id, coalesce(c.date_precision, e.date_precision) AS precision
          FROM events e
          LEFT JOIN event_cluster_members m ON m.event_id = e.id
          LEFT JOIN event_clusters c ON c.cluster_id = m.cluster_id) x
    WHERE event_pairs.mention_id = x.id AND x.precision IS NOT NULL;
    """,
)
