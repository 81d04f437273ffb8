-- A store made by claimbot at schema version 6 (commit fa8dedf, the
-- release before claims/migrate), dumped with pg_dump --inserts and
-- stripped of its schema name: storetest's strike, drought and wire
-- articles, claim 1 resolved as confirmed with a note. The upgrade test
-- (postgres_test.go TestOpenReleaseStore) loads it into a fresh schema and
-- opens it.

CREATE TABLE aliases (
    id bigint NOT NULL,
    article_id bigint NOT NULL,
    grp integer NOT NULL,
    name text NOT NULL,
    norm text NOT NULL
);

CREATE SEQUENCE aliases_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE aliases_id_seq OWNED BY aliases.id;

CREATE TABLE articles (
    id bigint NOT NULL,
    hash text NOT NULL,
    text text NOT NULL,
    doc jsonb NOT NULL,
    url text DEFAULT ''::text NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    bylines text DEFAULT ''::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    prev_id bigint,
    latest boolean DEFAULT true NOT NULL,
    ingested_at timestamp with time zone NOT NULL,
    claim_id bigint,
    published text DEFAULT ''::text NOT NULL,
    updated text DEFAULT ''::text NOT NULL
);

CREATE SEQUENCE articles_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE articles_id_seq OWNED BY articles.id;

CREATE TABLE claim_terms (
    term text NOT NULL,
    claim_id bigint NOT NULL,
    weight double precision NOT NULL
);

CREATE TABLE claims (
    id bigint NOT NULL,
    article_id bigint NOT NULL,
    text text NOT NULL,
    status text NOT NULL,
    signals jsonb DEFAULT '[]'::jsonb NOT NULL,
    tracked boolean DEFAULT false NOT NULL,
    schedule text DEFAULT ''::text NOT NULL,
    snoozed timestamp with time zone,
    checked_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    key jsonb DEFAULT '[]'::jsonb NOT NULL,
    origin text DEFAULT ''::text NOT NULL
);

CREATE SEQUENCE claims_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE claims_id_seq OWNED BY claims.id;

CREATE TABLE deliveries (
    id bigint NOT NULL,
    kind text NOT NULL,
    claim_id bigint NOT NULL,
    channel text NOT NULL,
    tick timestamp with time zone NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt timestamp with time zone,
    lease_owner text DEFAULT ''::text NOT NULL,
    lease_until timestamp with time zone,
    last_error text DEFAULT ''::text NOT NULL,
    message_id text DEFAULT ''::text NOT NULL,
    sent_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    unsure boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE deliveries_id_seq OWNED BY deliveries.id;

CREATE TABLE events (
    id bigint NOT NULL,
    claim_id bigint NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    status text NOT NULL,
    detail text DEFAULT ''::text NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    at timestamp with time zone NOT NULL
);

CREATE SEQUENCE events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE events_id_seq OWNED BY events.id;

CREATE TABLE feed_items (
    feed_id bigint NOT NULL,
    key text NOT NULL,
    url text DEFAULT ''::text NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    published timestamp with time zone,
    state text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt timestamp with time zone,
    last_error text DEFAULT ''::text NOT NULL,
    article_id bigint DEFAULT 0 NOT NULL,
    seen_at timestamp with time zone NOT NULL,
    done_at timestamp with time zone,
    lease_owner text DEFAULT ''::text NOT NULL,
    lease_until timestamp with time zone
);

CREATE TABLE feeds (
    id bigint NOT NULL,
    url text NOT NULL,
    channel text DEFAULT ''::text NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    etag text DEFAULT ''::text NOT NULL,
    last_modified text DEFAULT ''::text NOT NULL,
    last_poll timestamp with time zone,
    last_result text DEFAULT ''::text NOT NULL,
    last_ok timestamp with time zone,
    ttl_seconds integer DEFAULT 0 NOT NULL,
    next_poll timestamp with time zone,
    failures integer DEFAULT 0 NOT NULL,
    last_error text DEFAULT ''::text NOT NULL,
    poll_tick timestamp with time zone,
    lease_owner text DEFAULT ''::text NOT NULL,
    lease_until timestamp with time zone
);

CREATE SEQUENCE feeds_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE feeds_id_seq OWNED BY feeds.id;

CREATE TABLE passages (
    id bigint NOT NULL,
    article_id bigint NOT NULL,
    claim_id bigint NOT NULL,
    idx integer NOT NULL,
    block integer NOT NULL,
    source text NOT NULL,
    cue text NOT NULL,
    content text NOT NULL,
    context text NOT NULL,
    latest boolean DEFAULT true NOT NULL,
    tsv tsvector GENERATED ALWAYS AS ((((setweight(to_tsvector('english'::regconfig, source), 'A'::"char") || setweight(to_tsvector('english'::regconfig, content), 'B'::"char")) || setweight(to_tsvector('english'::regconfig, cue), 'C'::"char")) || setweight(to_tsvector('english'::regconfig, context), 'D'::"char"))) STORED
);

CREATE SEQUENCE passages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE passages_id_seq OWNED BY passages.id;

CREATE TABLE schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE seen_requests (
    key text NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

CREATE TABLE sourcing (
    id bigint NOT NULL,
    claim_id bigint NOT NULL,
    article_id bigint NOT NULL,
    idx integer NOT NULL,
    block integer NOT NULL,
    source_id text DEFAULT ''::text NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    mention text DEFAULT ''::text NOT NULL,
    mentions jsonb DEFAULT '[]'::jsonb NOT NULL,
    kind text DEFAULT ''::text NOT NULL,
    role text DEFAULT ''::text NOT NULL,
    anonymity_reason text DEFAULT ''::text NOT NULL,
    stance text NOT NULL,
    form text NOT NULL,
    cue text DEFAULT ''::text NOT NULL,
    channel text DEFAULT ''::text NOT NULL,
    said_on text DEFAULT ''::text NOT NULL,
    content text DEFAULT ''::text NOT NULL,
    spans jsonb DEFAULT '{}'::jsonb NOT NULL,
    latest boolean DEFAULT true NOT NULL
);

CREATE SEQUENCE sourcing_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE sourcing_id_seq OWNED BY sourcing.id;

ALTER TABLE ONLY aliases ALTER COLUMN id SET DEFAULT nextval('aliases_id_seq'::regclass);

ALTER TABLE ONLY articles ALTER COLUMN id SET DEFAULT nextval('articles_id_seq'::regclass);

ALTER TABLE ONLY claims ALTER COLUMN id SET DEFAULT nextval('claims_id_seq'::regclass);

ALTER TABLE ONLY deliveries ALTER COLUMN id SET DEFAULT nextval('deliveries_id_seq'::regclass);

ALTER TABLE ONLY events ALTER COLUMN id SET DEFAULT nextval('events_id_seq'::regclass);

ALTER TABLE ONLY feeds ALTER COLUMN id SET DEFAULT nextval('feeds_id_seq'::regclass);

ALTER TABLE ONLY passages ALTER COLUMN id SET DEFAULT nextval('passages_id_seq'::regclass);

ALTER TABLE ONLY sourcing ALTER COLUMN id SET DEFAULT nextval('sourcing_id_seq'::regclass);

INSERT INTO aliases VALUES (1, 1, 0, 'International Dockworkers Union', 'international dockworkers union');
INSERT INTO aliases VALUES (2, 1, 0, 'I.D.U.', 'idu');
INSERT INTO aliases VALUES (3, 1, 0, 'dockworkers'' union', 'dockworkers union');

INSERT INTO articles VALUES (1, '58e8487470d0a89a55fb19bf15abd5cdc6887bab28b98512901bbb1663d8c672', 'Port City Opens Talks With Dockworkers to End Strike

Mayor Ana Ruiz said the city was negotiating with the dockworkers'' union. Details were unclear.

By Lena Okafor

PORT CITY — The city is in talks with the striking dockworkers, Mayor Ana Ruiz said on Monday, and would consider the I.D.U.''s demand for higher wages.

A negotiator close to the talks, who spoke on condition of anonymity because the talks were confidential, said a church group was acting as an intermediary. It was unclear whether the talks with the dockworkers were near an agreement.

The I.D.U. declined to comment on the negotiations.', '{"blocks": [{"n": 1, "kind": "title", "span": [0, 52]}, {"n": 2, "kind": "dek", "span": [54, 149]}, {"n": 3, "kind": "byline", "span": [151, 165]}, {"n": 4, "kind": "body", "span": [167, 320]}, {"n": 5, "kind": "body", "span": [322, 556]}, {"n": 6, "kind": "body", "span": [558, 609]}], "aliases": [["International Dockworkers Union", "I.D.U.", "dockworkers'' union"]], "article": {"dek": "Mayor Ana Ruiz said the city was negotiating with the dockworkers'' union. Details were unclear.", "url": "https://news.example/port-strike", "title": "Port City Opens Talks With Dockworkers to End Strike", "bylines": ["Lena Okafor"], "updated": "", "dateline": "", "published": "", "contributors": null}, "sources": [{"id": "s1", "kind": "named", "name": "Ana Ruiz", "role": "Mayor", "mentions": ["Mayor Ana Ruiz", "Ms. Ruiz"], "anonymity_reason": ""}, {"id": "s2", "kind": "anonymous", "name": "a negotiator close to the talks", "role": "", "mentions": null, "anonymity_reason": "because the talks were confidential"}, {"id": "s3", "kind": "organization", "name": "International Dockworkers Union", "role": "", "mentions": ["the I.D.U."], "anonymity_reason": ""}], "unresolved": [{"span": [479, 555], "block": 5, "signal": "It was unclear whether the talks with the dockworkers were near an agreement"}], "attributions": [{"cue": "said", "form": "indirect", "when": "", "block": 4, "source": "s1", "stance": "asserts", "channel": "", "content": "The city is in talks with the striking dockworkers", "cue_span": [248, 252], "source_span": [233, 247], "content_spans": [[181, 231]]}, {"cue": "said", "form": "indirect", "when": "", "block": 5, "source": "s2", "stance": "asserts", "channel": "", "content": "a church group was acting as an intermediary", "cue_span": [428, 432], "source_span": [322, 353], "content_spans": [[433, 477]]}, {"cue": "declined to comment", "form": "none", "when": "", "block": 6, "source": "s3", "stance": "no_comment", "channel": "", "content": "", "cue_span": [569, 588], "source_span": [558, 568], "content_spans": null}]}', 'https://news.example/port-strike', 'Port City Opens Talks With Dockworkers to End Strike', 'Lena Okafor', 1, NULL, true, '2026-03-02 09:00:00+00', 1, '', '');
INSERT INTO articles VALUES (2, '147c18c03f4ebd5cc29499334cfbd3592c41a093274937d056b92270b521a368', 'Drought Forces Farmers to Sell Cattle Early

By Tomas Berg

Farmers across the valley are selling their cattle months early because the rivers have run dry, the agriculture minister, Mara Lind, said on Tuesday.

"We have not seen rainfall this low in forty years," Ms. Lind said.', '{"blocks": [{"n": 1, "kind": "title", "span": [0, 43]}, {"n": 2, "kind": "byline", "span": [45, 58]}, {"n": 3, "kind": "body", "span": [60, 210]}, {"n": 4, "kind": "body", "span": [212, 279]}], "aliases": null, "article": {"dek": "", "title": "Drought Forces Farmers to Sell Cattle Early", "bylines": ["Tomas Berg"], "updated": "", "dateline": "", "published": "", "contributors": null}, "sources": [{"id": "s1", "kind": "named", "name": "Mara Lind", "role": "agriculture minister", "mentions": ["Ms. Lind"], "anonymity_reason": ""}], "unresolved": null, "attributions": [{"cue": "said", "form": "indirect", "when": "", "block": 3, "source": "s1", "stance": "asserts", "channel": "", "content": "Farmers across the valley are selling their cattle months early because the rivers have run dry", "cue_span": [194, 198], "source_span": [183, 192], "content_spans": [[60, 155]]}, {"cue": "said", "form": "direct", "when": "", "block": 4, "source": "s1", "stance": "asserts", "channel": "", "content": "We have not seen rainfall this low in forty years", "cue_span": [274, 278], "source_span": [265, 273], "content_spans": [[213, 262]]}]}', '', 'Drought Forces Farmers to Sell Cattle Early', 'Tomas Berg', 1, NULL, true, '2026-03-02 10:00:00+00', 3, '', '');
INSERT INTO articles VALUES (3, 'c69809e2a5a78e75245b3c5cfe4570df8e2ab3d9744fcd03b9352f96afd4a2e4', 'Dockworkers Say Talks With City Continue

By Wire Staff

The city is still in talks with the striking dockworkers, their spokesman, Karim Haddad, said on Tuesday.

Mr. Haddad said the workers wanted a raise of twelve percent before returning to the cranes.', '{"blocks": [{"n": 1, "kind": "title", "span": [0, 40]}, {"n": 2, "kind": "byline", "span": [42, 55]}, {"n": 3, "kind": "body", "span": [57, 162]}, {"n": 4, "kind": "body", "span": [164, 256]}], "aliases": null, "article": {"dek": "", "url": "https://wire.example/dockworkers-talks", "title": "Dockworkers Say Talks With City Continue", "bylines": ["Wire Staff"], "updated": "", "dateline": "", "published": "", "contributors": null}, "sources": [{"id": "s1", "kind": "named", "name": "Karim Haddad", "role": "a spokesman for the dockworkers", "mentions": ["Mr. Haddad"], "anonymity_reason": ""}], "unresolved": null, "attributions": [{"cue": "said", "form": "indirect", "when": "", "block": 3, "source": "s1", "stance": "asserts", "channel": "", "content": "The city is still in talks with the striking dockworkers", "cue_span": [146, 150], "source_span": [132, 144], "content_spans": [[57, 113]]}, {"cue": "said", "form": "indirect", "when": "", "block": 4, "source": "s1", "stance": "asserts", "channel": "", "content": "the workers wanted a raise of twelve percent before returning to the cranes", "cue_span": [175, 179], "source_span": [164, 174], "content_spans": [[180, 255]]}]}', 'https://wire.example/dockworkers-talks', 'Dockworkers Say Talks With City Continue', 'Wire Staff', 1, NULL, true, '2026-03-02 11:00:00+00', 1, '', '');

INSERT INTO claim_terms VALUES ('syn:mediate', 2, 0.7979);
INSERT INTO claim_terms VALUES ('word:act', 2, 0.4903);
INSERT INTO claim_terms VALUES ('word:church', 2, 0.3139);
INSERT INTO claim_terms VALUES ('word:group', 2, 0.1561);
INSERT INTO claim_terms VALUES ('name:farmer', 3, 0.4167);
INSERT INTO claim_terms VALUES ('word:cattl', 3, 0.386);
INSERT INTO claim_terms VALUES ('word:river', 3, 0.3711);
INSERT INTO claim_terms VALUES ('word:dry', 3, 0.3535);
INSERT INTO claim_terms VALUES ('word:sell', 3, 0.2879);
INSERT INTO claim_terms VALUES ('word:valley', 3, 0.2845);
INSERT INTO claim_terms VALUES ('name:lind', 3, 0.2844);
INSERT INTO claim_terms VALUES ('name:mara', 3, 0.2588);
INSERT INTO claim_terms VALUES ('word:acro', 3, 0.2036);
INSERT INTO claim_terms VALUES ('word:run', 3, 0.1615);
INSERT INTO claim_terms VALUES ('word:early', 3, 0.13);
INSERT INTO claim_terms VALUES ('word:agricultur', 3, 0.1294);
INSERT INTO claim_terms VALUES ('word:minister', 3, 0.0424);
INSERT INTO claim_terms VALUES ('word:rainfall', 4, 0.6387);
INSERT INTO claim_terms VALUES ('word:forty', 4, 0.6309);
INSERT INTO claim_terms VALUES ('word:low', 4, 0.3221);
INSERT INTO claim_terms VALUES ('word:seen', 4, 0.3004);
INSERT INTO claim_terms VALUES ('word:dockworker', 1, 0.793);
INSERT INTO claim_terms VALUES ('word:strik', 1, 0.4123);
INSERT INTO claim_terms VALUES ('syn:talks', 1, 0.3275);
INSERT INTO claim_terms VALUES ('name:haddad', 1, 0.1758);
INSERT INTO claim_terms VALUES ('name:karim', 1, 0.1543);
INSERT INTO claim_terms VALUES ('word:city', 1, 0.1336);
INSERT INTO claim_terms VALUES ('name:idu', 1, 0.1301);
INSERT INTO claim_terms VALUES ('word:union', 1, 0.0631);
INSERT INTO claim_terms VALUES ('word:international', 1, 0.0199);
INSERT INTO claim_terms VALUES ('word:cran', 5, 0.6542);
INSERT INTO claim_terms VALUES ('word:twelv', 5, 0.5162);
INSERT INTO claim_terms VALUES ('word:rai', 5, 0.3762);
INSERT INTO claim_terms VALUES ('syn:demand', 5, 0.3023);
INSERT INTO claim_terms VALUES ('word:worker', 5, 0.2695);

INSERT INTO claims VALUES (2, 1, 'A church group was acting as an intermediary.', 'reported', '[]', false, '', NULL, NULL, '2026-03-02 09:00:00+00', '2026-03-02 09:00:00+00', '[{"t": "syn:mediate", "w": 0.7979}, {"t": "word:act", "w": 0.4903}, {"t": "word:church", "w": 0.3139}, {"t": "word:group", "w": 0.1561}]', '');
INSERT INTO claims VALUES (3, 2, 'Farmers across the valley are selling their cattle months early because the rivers have run dry.', 'reported', '[]', false, '', NULL, NULL, '2026-03-02 10:00:00+00', '2026-03-02 10:00:00+00', '[{"t": "name:farmer", "w": 0.4167}, {"t": "word:cattl", "w": 0.386}, {"t": "word:river", "w": 0.3711}, {"t": "word:dry", "w": 0.3535}, {"t": "word:sell", "w": 0.2879}, {"t": "word:valley", "w": 0.2845}, {"t": "name:lind", "w": 0.2844}, {"t": "name:mara", "w": 0.2588}, {"t": "word:acro", "w": 0.2036}, {"t": "word:run", "w": 0.1615}, {"t": "word:early", "w": 0.13}, {"t": "word:agricultur", "w": 0.1294}, {"t": "word:minister", "w": 0.0424}]', '');
INSERT INTO claims VALUES (4, 2, 'We have not seen rainfall this low in forty years.', 'reported', '[]', false, '', NULL, NULL, '2026-03-02 10:00:00+00', '2026-03-02 10:00:00+00', '[{"t": "word:rainfall", "w": 0.6387}, {"t": "word:forty", "w": 0.6309}, {"t": "word:low", "w": 0.3221}, {"t": "word:seen", "w": 0.3004}]', '');
INSERT INTO claims VALUES (5, 3, 'The workers wanted a raise of twelve percent before returning to the cranes.', 'reported', '[]', false, '', NULL, NULL, '2026-03-02 11:00:00+00', '2026-03-02 11:00:00+00', '[{"t": "word:cran", "w": 0.6542}, {"t": "word:twelv", "w": 0.5162}, {"t": "word:rai", "w": 0.3762}, {"t": "syn:demand", "w": 0.3023}, {"t": "word:worker", "w": 0.2695}]', '');
INSERT INTO claims VALUES (1, 1, 'The city is in talks with the striking dockworkers.', 'confirmed', '[{"span": [479, 555], "block": 5, "signal": "It was unclear whether the talks with the dockworkers were near an agreement", "article": 1}]', true, '', NULL, '2026-03-02 14:00:00+00', '2026-03-02 09:00:00+00', '2026-03-02 14:00:00+00', '[{"t": "word:dockworker", "w": 0.793}, {"t": "word:strik", "w": 0.4123}, {"t": "syn:talks", "w": 0.3275}, {"t": "name:haddad", "w": 0.1758}, {"t": "name:karim", "w": 0.1543}, {"t": "word:city", "w": 0.1336}, {"t": "name:idu", "w": 0.1301}, {"t": "word:union", "w": 0.0631}, {"t": "word:international", "w": 0.0199}]', '');

INSERT INTO events VALUES (1, 1, 'claimbot', 'ingest', 'open', 'article 1 version 1', '', '2026-03-02 09:00:00+00');
INSERT INTO events VALUES (2, 2, 'claimbot', 'ingest', 'reported', 'article 1 version 1', '', '2026-03-02 09:00:00+00');
INSERT INTO events VALUES (3, 3, 'claimbot', 'ingest', 'reported', 'article 2 version 1', '', '2026-03-02 10:00:00+00');
INSERT INTO events VALUES (4, 4, 'claimbot', 'ingest', 'reported', 'article 2 version 1', '', '2026-03-02 10:00:00+00');
INSERT INTO events VALUES (5, 1, 'ingest', 'sourcing', 'open', 'article 3 also reports it (1 sourcing)', '', '2026-03-02 11:00:00+00');
INSERT INTO events VALUES (6, 5, 'claimbot', 'ingest', 'reported', 'article 3 version 1', '', '2026-03-02 11:00:00+00');
INSERT INTO events VALUES (7, 1, 'cli', 'resolve', 'confirmed', '', 'confirmed by the union', '2026-03-02 14:00:00+00');

INSERT INTO passages VALUES (1, 1, 1, 0, 4, 'Ana Ruiz | Mayor | Mayor Ana Ruiz | Ms. Ruiz', 'said', 'The city is in talks with the striking dockworkers', 'PORT CITY — The city is in talks with the striking dockworkers, Mayor Ana Ruiz said on Monday, and would consider the I.D.U.''s demand for higher wages.', true, DEFAULT);
INSERT INTO passages VALUES (2, 1, 2, 1, 5, 'a negotiator close to the talks', 'said', 'a church group was acting as an intermediary', 'A negotiator close to the talks, who spoke on condition of anonymity because the talks were confidential, said a church group was acting as an intermediary. It was unclear whether the talks with the dockworkers were near an agreement.', true, DEFAULT);
INSERT INTO passages VALUES (3, 1, 1, 2, 6, 'International Dockworkers Union | the I.D.U.', 'declined to comment', '', 'The I.D.U. declined to comment on the negotiations.', true, DEFAULT);
INSERT INTO passages VALUES (4, 1, 1, -1, 1, '', '', 'Port City Opens Talks With Dockworkers to End Strike', '', true, DEFAULT);
INSERT INTO passages VALUES (5, 1, 1, -1, 2, '', '', 'Mayor Ana Ruiz said the city was negotiating with the dockworkers'' union. Details were unclear.', '', true, DEFAULT);
INSERT INTO passages VALUES (6, 2, 3, 0, 3, 'Mara Lind | agriculture minister | Ms. Lind', 'said', 'Farmers across the valley are selling their cattle months early because the rivers have run dry', 'Farmers across the valley are selling their cattle months early because the rivers have run dry, the agriculture minister, Mara Lind, said on Tuesday.', true, DEFAULT);
INSERT INTO passages VALUES (7, 2, 4, 1, 4, 'Mara Lind | agriculture minister | Ms. Lind', 'said', 'We have not seen rainfall this low in forty years', '"We have not seen rainfall this low in forty years," Ms. Lind said.', true, DEFAULT);
INSERT INTO passages VALUES (8, 2, 3, -1, 1, '', '', 'Drought Forces Farmers to Sell Cattle Early', '', true, DEFAULT);
INSERT INTO passages VALUES (9, 3, 1, 0, 3, 'Karim Haddad | a spokesman for the dockworkers | Mr. Haddad', 'said', 'The city is still in talks with the striking dockworkers', 'The city is still in talks with the striking dockworkers, their spokesman, Karim Haddad, said on Tuesday.', true, DEFAULT);
INSERT INTO passages VALUES (10, 3, 5, 1, 4, 'Karim Haddad | a spokesman for the dockworkers | Mr. Haddad', 'said', 'the workers wanted a raise of twelve percent before returning to the cranes', 'Mr. Haddad said the workers wanted a raise of twelve percent before returning to the cranes.', true, DEFAULT);
INSERT INTO passages VALUES (11, 3, 1, -1, 1, '', '', 'Dockworkers Say Talks With City Continue', '', true, DEFAULT);

INSERT INTO schema_migrations VALUES (1, '0001_init.sql', '2026-12-02 13:18:05.168413+00');
INSERT INTO schema_migrations VALUES (2, '0002_aliases.sql', '2026-12-02 13:18:05.207978+00');
INSERT INTO schema_migrations VALUES (3, '0003_claim_versions.sql', '2026-12-02 13:18:05.222219+00');
INSERT INTO schema_migrations VALUES (4, '0004_seen_requests.sql', '2026-12-02 13:18:05.229424+00');
INSERT INTO schema_migrations VALUES (5, '0005_feeds.sql', '2026-12-02 13:18:05.238639+00');
INSERT INTO schema_migrations VALUES (6, '0006_propositions.sql', '2026-12-02 13:18:05.255621+00');

INSERT INTO sourcing VALUES (1, 1, 1, -1, 2, '', '', '', '[]', '', '', '', 'asserts', 'reporter', '', '', '', 'Mayor Ana Ruiz said the city was negotiating with the dockworkers'' union.', '{"cue": [0, 0], "source": null, "content": null}', true);
INSERT INTO sourcing VALUES (2, 1, 1, 0, 4, 's1', 'Ana Ruiz', 'Mayor Ana Ruiz', '["Mayor Ana Ruiz", "Ms. Ruiz"]', 'named', 'Mayor', '', 'asserts', 'indirect', 'said', '', '', 'The city is in talks with the striking dockworkers', '{"cue": [248, 252], "source": [233, 247], "content": [[181, 231]]}', true);
INSERT INTO sourcing VALUES (3, 1, 1, 2, 6, 's3', 'International Dockworkers Union', 'The I.D.U.', '["the I.D.U."]', 'organization', '', '', 'no_comment', 'none', 'declined to comment', '', '', '', '{"cue": [569, 588], "source": [558, 568], "content": null}', true);
INSERT INTO sourcing VALUES (4, 2, 1, 1, 5, 's2', 'a negotiator close to the talks', 'A negotiator close to the talks', '[]', 'anonymous', '', 'because the talks were confidential', 'asserts', 'indirect', 'said', '', '', 'a church group was acting as an intermediary', '{"cue": [428, 432], "link": " ", "source": [322, 353], "content": [[433, 477]]}', true);
INSERT INTO sourcing VALUES (5, 3, 2, -1, 3, '', '', '', '[]', '', '', '', 'asserts', 'reporter', '', '', '', 'Farmers across the valley are selling their cattle months early because the rivers have run dry, the agriculture minister, Mara Lind, said on Tuesday.', '{"cue": [0, 0], "source": null, "content": null}', true);
INSERT INTO sourcing VALUES (6, 3, 2, 0, 3, 's1', 'Mara Lind', 'Mara Lind', '["Ms. Lind"]', 'named', 'agriculture minister', '', 'asserts', 'indirect', 'said', '', '', 'Farmers across the valley are selling their cattle months early because the rivers have run dry', '{"cue": [194, 198], "source": [183, 192], "content": [[60, 155]]}', true);
INSERT INTO sourcing VALUES (7, 4, 2, 1, 4, 's1', 'Mara Lind', 'Ms. Lind', '["Ms. Lind"]', 'named', 'agriculture minister', '', 'asserts', 'direct', 'said', '', '', 'We have not seen rainfall this low in forty years', '{"cue": [274, 278], "source": [265, 273], "content": [[213, 262]]}', true);
INSERT INTO sourcing VALUES (8, 1, 3, -1, 3, '', '', '', '[]', '', '', '', 'asserts', 'reporter', '', '', '', 'The city is still in talks with the striking dockworkers, their spokesman, Karim Haddad, said on Tuesday.', '{"cue": [0, 0], "source": null, "content": null}', true);
INSERT INTO sourcing VALUES (9, 1, 3, 0, 3, 's1', 'Karim Haddad', 'Karim Haddad', '["Mr. Haddad"]', 'named', 'a spokesman for the dockworkers', '', 'asserts', 'indirect', 'said', '', '', 'The city is still in talks with the striking dockworkers', '{"cue": [146, 150], "source": [132, 144], "content": [[57, 113]]}', true);
INSERT INTO sourcing VALUES (10, 5, 3, 1, 4, 's1', 'Karim Haddad', 'Mr. Haddad', '["Mr. Haddad"]', 'named', 'a spokesman for the dockworkers', '', 'asserts', 'indirect', 'said', '', '', 'the workers wanted a raise of twelve percent before returning to the cranes', '{"cue": [175, 179], "link": " ", "source": [164, 174], "content": [[180, 255]]}', true);

SELECT pg_catalog.setval('aliases_id_seq', 3, true);

SELECT pg_catalog.setval('articles_id_seq', 3, true);

SELECT pg_catalog.setval('claims_id_seq', 5, true);

SELECT pg_catalog.setval('deliveries_id_seq', 1, false);

SELECT pg_catalog.setval('events_id_seq', 7, true);

SELECT pg_catalog.setval('feeds_id_seq', 1, false);

SELECT pg_catalog.setval('passages_id_seq', 11, true);

SELECT pg_catalog.setval('sourcing_id_seq', 10, true);

ALTER TABLE ONLY aliases
    ADD CONSTRAINT aliases_pkey PRIMARY KEY (id);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_hash_key UNIQUE (hash);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (id);

ALTER TABLE ONLY claim_terms
    ADD CONSTRAINT claim_terms_pkey PRIMARY KEY (term, claim_id);

ALTER TABLE ONLY claims
    ADD CONSTRAINT claims_pkey PRIMARY KEY (id);

ALTER TABLE ONLY deliveries
    ADD CONSTRAINT deliveries_kind_claim_id_channel_tick_key UNIQUE (kind, claim_id, channel, tick);

ALTER TABLE ONLY deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

ALTER TABLE ONLY feed_items
    ADD CONSTRAINT feed_items_pkey PRIMARY KEY (feed_id, key);

ALTER TABLE ONLY feeds
    ADD CONSTRAINT feeds_pkey PRIMARY KEY (id);

ALTER TABLE ONLY feeds
    ADD CONSTRAINT feeds_url_key UNIQUE (url);

ALTER TABLE ONLY passages
    ADD CONSTRAINT passages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY seen_requests
    ADD CONSTRAINT seen_requests_pkey PRIMARY KEY (key);

ALTER TABLE ONLY sourcing
    ADD CONSTRAINT sourcing_pkey PRIMARY KEY (id);

CREATE INDEX aliases_article ON aliases USING btree (article_id, grp);

CREATE INDEX aliases_norm ON aliases USING btree (norm);

CREATE INDEX articles_claim ON articles USING btree (claim_id);

CREATE INDEX articles_title ON articles USING btree (title, bylines) WHERE (title <> ''::text);

CREATE INDEX articles_url ON articles USING btree (url) WHERE (url <> ''::text);

CREATE INDEX claim_terms_claim ON claim_terms USING btree (claim_id);

CREATE INDEX claims_article ON claims USING btree (article_id);

CREATE INDEX claims_status ON claims USING btree (status, tracked);

CREATE INDEX deliveries_claim_sent ON deliveries USING btree (claim_id, state, sent_at);

CREATE INDEX deliveries_state ON deliveries USING btree (state, tick);

CREATE INDEX events_claim ON events USING btree (claim_id, id);

CREATE INDEX feed_items_pending ON feed_items USING btree (feed_id, state, published);

CREATE INDEX passages_article ON passages USING btree (article_id);

CREATE UNIQUE INDEX passages_attribution ON passages USING btree (article_id, idx) WHERE (idx >= 0);

CREATE UNIQUE INDEX passages_block ON passages USING btree (article_id, block) WHERE (idx < 0);

CREATE INDEX passages_tsv ON passages USING gin (tsv) WHERE latest;

CREATE INDEX seen_requests_expires ON seen_requests USING btree (expires_at);

CREATE INDEX sourcing_article ON sourcing USING btree (article_id);

CREATE INDEX sourcing_claim ON sourcing USING btree (claim_id, latest);

ALTER TABLE ONLY aliases
    ADD CONSTRAINT aliases_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_prev_id_fkey FOREIGN KEY (prev_id) REFERENCES articles(id);

ALTER TABLE ONLY claim_terms
    ADD CONSTRAINT claim_terms_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);

ALTER TABLE ONLY claims
    ADD CONSTRAINT claims_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id);

ALTER TABLE ONLY events
    ADD CONSTRAINT events_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);

ALTER TABLE ONLY feed_items
    ADD CONSTRAINT feed_items_feed_id_fkey FOREIGN KEY (feed_id) REFERENCES feeds(id) ON DELETE CASCADE;

ALTER TABLE ONLY passages
    ADD CONSTRAINT passages_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id);

ALTER TABLE ONLY passages
    ADD CONSTRAINT passages_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);

ALTER TABLE ONLY sourcing
    ADD CONSTRAINT sourcing_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id);

ALTER TABLE ONLY sourcing
    ADD CONSTRAINT sourcing_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);


