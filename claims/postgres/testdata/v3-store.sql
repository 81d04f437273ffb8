-- A store made by claimbot before claims were propositions (commit aaa95bb,
-- schema version 3), dumped with pg_dump and stripped of its schema name:
-- the bundled sample article, two hand-written articles (the harbor one
-- ingested twice, as two versions); claim 1 resolved as confirmed with a
-- note, claim 3 tracked on its own schedule and snoozed. The upgrade test
-- (postgres_test.go) loads it into a fresh schema and opens it.
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
    claim_id bigint
);

CREATE SEQUENCE articles_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE articles_id_seq OWNED BY articles.id;

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
    updated_at timestamp with time zone NOT NULL
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
    created_at timestamp with time zone NOT NULL
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

ALTER TABLE ONLY aliases ALTER COLUMN id SET DEFAULT nextval('aliases_id_seq'::regclass);

ALTER TABLE ONLY articles ALTER COLUMN id SET DEFAULT nextval('articles_id_seq'::regclass);

ALTER TABLE ONLY claims ALTER COLUMN id SET DEFAULT nextval('claims_id_seq'::regclass);

ALTER TABLE ONLY deliveries ALTER COLUMN id SET DEFAULT nextval('deliveries_id_seq'::regclass);

ALTER TABLE ONLY events ALTER COLUMN id SET DEFAULT nextval('events_id_seq'::regclass);

ALTER TABLE ONLY passages ALTER COLUMN id SET DEFAULT nextval('passages_id_seq'::regclass);

INSERT INTO aliases VALUES (1, 1, 0, 'Tehrik-i-Taliban Pakistan', 'tehrik i taliban pakistan');
INSERT INTO aliases VALUES (2, 1, 0, 'T.T.P.', 'ttp');
INSERT INTO aliases VALUES (3, 1, 0, 'Pakistani Taliban', 'pakistani taliban');
INSERT INTO aliases VALUES (4, 1, 1, 'Islamic law', 'islamic law');
INSERT INTO aliases VALUES (5, 1, 1, 'Shariah', 'shariah');
INSERT INTO aliases VALUES (6, 1, 2, 'Imran Khan', 'imran khan');
INSERT INTO aliases VALUES (7, 1, 2, 'Prime Minister Imran Khan', 'prime minister imran khan');
INSERT INTO aliases VALUES (8, 1, 2, 'Mr. Khan', 'mr khan');
INSERT INTO aliases VALUES (9, 1, 3, 'Abdul Sayed', 'abdul sayed');
INSERT INTO aliases VALUES (10, 1, 3, 'Mr. Sayed', 'mr sayed');
INSERT INTO aliases VALUES (11, 2, 0, 'Daniel Okafor', 'daniel okafor');
INSERT INTO aliases VALUES (12, 2, 0, 'Transport Secretary Daniel Okafor', 'transport secretary daniel okafor');
INSERT INTO aliases VALUES (13, 2, 0, 'Mr. Okafor', 'mr okafor');
INSERT INTO aliases VALUES (14, 4, 0, 'Daniel Okafor', 'daniel okafor');
INSERT INTO aliases VALUES (15, 4, 0, 'Transport Secretary Daniel Okafor', 'transport secretary daniel okafor');
INSERT INTO aliases VALUES (16, 4, 0, 'Mr. Okafor', 'mr okafor');

INSERT INTO articles VALUES (1, 'ee4b6466214192d43c1c7cd22f6df4fbf0dd86afe208c6cde355f45a7c32dca4', '

Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up

Prime Minister Imran Khan said his government was in preliminary negotiations with factions of the Pakistani Taliban, but details remained murky.

By Salman Masood

Published Oct. 2, 2021 Updated Nov. 1, 2021

ISLAMABAD, Pakistan — Pakistan is holding talks with factions of the Pakistani Taliban, a banned militant group responsible for some of the country''s worst terrorist attacks, and would forgive members who lay down their weapons, Prime Minister Imran Khan said on Friday.

Although details of the talks were unclear, negotiations with the group known as Tehrik-i-Taliban Pakistan, or T.T.P., would be the most significant development since similar efforts failed in 2014 and Pakistan turned to a massive military operation to diminish the group.

"There are different groups which form the Pakistani Taliban, or T.T.P.," Mr. Khan said in an interview with the Turkish state television station TRT World. "We are in talks with some of them on a reconciliation process. We might not reach some sort of conclusion or settlement in the end, but we are talking."

In a statement soon after Mr. Khan''s interview, the T.T.P. called on its fighters to continue their attacks. It denied divisions in its ranks and made no acknowledgment of the ongoing talks. It also claimed responsibility for a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks.

Mr. Khan said the talks had been held in neighboring Afghanistan, where the Afghan Taliban are in power after ousting the country''s American-backed government in August.

The Afghan and Pakistani Taliban are separate entities, although their ideologies overlap, as does their training, in religious seminaries in Pakistan''s tribal areas. While Pakistan''s military has been fighting the Pakistani Taliban, it has long been accused of nurturing the Afghan Taliban.

The Afghan Taliban''s takeover next door has provided Pakistan with an ally, and Pakistani officials have urged that the group''s government in Kabul be recognized internationally.

Mr. Khan talked with leaders of the Afghan Taliban in December. This picture of the meeting was released by his office. Pakistan Prime Minister Office/Afp Via Getty Images

But some Pakistani officials also fear that the victory in Afghanistan may embolden Taliban militants at home, and the Pakistani group has stepped up attacks.

Spokesmen for the Taliban government in Afghanistan did not respond to requests for comment on Mr. Khan''s revelation of talks in Afghanistan.

Updates on Afghanistan Sign up for a daily email with the latest news on the Taliban takeover in Afghanistan. [Get it sent to your inbox.](#)

An Afghan Taliban commander aware of the talks, who spoke on condition of anonymity because he was not authorized to discuss details, said his group had proposed the negotiations to both sides and had offered its support in helping end the two-decade conflict in Pakistan.

Pakistani officials remained tight-lipped about the details, but two senior security officials who spoke on condition of anonymity to discuss sensitive talks suggested that the Afghan Taliban were acting as intermediaries.

Until last year, the Pakistani Taliban seemed considerably weakened, their top leadership killed or pushed into Afghanistan after the 2014 talks collapsed. Pakistan''s ensuing military operation, while diminishing the group, also took a heavy toll on civilians.

Understand the Taliban Takeover in Afghanistan

Who are the Taliban? The Taliban arose in 1994 amid the turmoil that came after the withdrawal of Soviet forces from Afghanistan in 1989. They used brutal public punishments, including floggings, amputations and mass executions, to enforce their rules. Here''s more on their origin story and their record as rulers.

And the Pakistani Taliban maintained the ability to carry out ambushes, which have intensified in recent weeks.

Even if talks get underway in earnest, the positions of the two sides appear difficult to reconcile.

One of the senior Pakistani security officials said talks would only happen "within the confines of Pakistan''s law and Constitution," and that there would be "no acceptability" for the militants if they did not accept those terms and lay down arms.

The militant group does not accept the Pakistani Constitution and has long demanded that Islamic law, or Shariah, be put in effect. It reiterated that position last month when it rebuffed an offer of amnesty from senior Pakistani officials.

"The T.T.P. has two main conditions for negotiations: Shariah''s implementation and the release of T.T.P. prisoners," said Abdul Sayed, a security specialist and researcher on militant groups in Afghanistan and Pakistan, who is based in Sweden.

"It seems quite difficult that with such hard-line demands, its negotiations with the state can proceed. Without these conditions, T.T.P. says that meaningful dialogue cannot take place," Mr. Sayed said.

Ihsanullah Tipu Mehsud contributed reporting from Islamabad and Mujib Mashal from New Delhi.', '{"blocks": [{"n": 1, "kind": "title", "span": [2, 67]}, {"n": 2, "kind": "dek", "span": [69, 214]}, {"n": 3, "kind": "byline", "span": [216, 232]}, {"n": 4, "kind": "dates", "span": [234, 277]}, {"n": 5, "kind": "body", "span": [279, 551]}, {"n": 6, "kind": "body", "span": [553, 825]}, {"n": 7, "kind": "body", "span": [827, 1137]}, {"n": 8, "kind": "body", "span": [1139, 1462]}, {"n": 9, "kind": "body", "span": [1464, 1633]}, {"n": 10, "kind": "body", "span": [1635, 1926]}, {"n": 11, "kind": "body", "span": [1928, 2106]}, {"n": 12, "kind": "caption", "span": [2110, 2281]}, {"n": 13, "kind": "body", "span": [2283, 2441]}, {"n": 14, "kind": "body", "span": [2443, 2584]}, {"n": 15, "kind": "promo", "span": [2586, 2727]}, {"n": 16, "kind": "body", "span": [2729, 3001]}, {"n": 17, "kind": "body", "span": [3003, 3225]}, {"n": 18, "kind": "body", "span": [3227, 3487]}, {"n": 19, "kind": "explainer", "span": [3489, 3535]}, {"n": 20, "kind": "explainer", "span": [3537, 3851]}, {"n": 21, "kind": "body", "span": [3853, 3964]}, {"n": 22, "kind": "body", "span": [3966, 4066]}, {"n": 23, "kind": "body", "span": [4068, 4316]}, {"n": 24, "kind": "body", "span": [4318, 4558]}, {"n": 25, "kind": "body", "span": [4560, 4803]}, {"n": 26, "kind": "body", "span": [4805, 5008]}, {"n": 27, "kind": "contributors", "span": [5010, 5102]}], "aliases": [["Tehrik-i-Taliban Pakistan", "T.T.P.", "Pakistani Taliban"], ["Islamic law", "Shariah"], ["Imran Khan", "Prime Minister Imran Khan", "Mr. Khan"], ["Abdul Sayed", "Mr. Sayed"]], "article": {"dek": "Prime Minister Imran Khan said his government was in preliminary negotiations with factions of the Pakistani Taliban, but details remained murky.", "title": "Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up", "bylines": ["Salman Masood"], "updated": "2021-11-01", "dateline": "ISLAMABAD, Pakistan", "published": "2021-10-02", "contributors": [{"from": "Islamabad", "name": "Ihsanullah Tipu Mehsud"}, {"from": "New Delhi", "name": "Mujib Mashal"}]}, "sources": [{"id": "s1", "kind": "named", "name": "Imran Khan", "role": "Prime Minister", "mentions": ["Prime Minister Imran Khan", "Mr. Khan"], "anonymity_reason": ""}, {"id": "s2", "kind": "organization", "name": "Tehrik-i-Taliban Pakistan", "role": "", "mentions": ["the T.T.P.", "The militant group"], "anonymity_reason": ""}, {"id": "s3", "kind": "unnamed", "name": "Pakistani officials", "role": "", "mentions": ["Pakistani officials", "some Pakistani officials"], "anonymity_reason": ""}, {"id": "s4", "kind": "organization", "name": "Spokesmen for the Taliban government in Afghanistan", "role": "", "mentions": ["Spokesmen for the Taliban government in Afghanistan"], "anonymity_reason": ""}, {"id": "s5", "kind": "anonymous", "name": "An Afghan Taliban commander aware of the talks", "role": "", "mentions": ["An Afghan Taliban commander aware of the talks"], "anonymity_reason": "he was not authorized to discuss details"}, {"id": "s6", "kind": "anonymous", "name": "two senior security officials", "role": "", "mentions": ["two senior security officials", "One of the senior Pakistani security officials"], "anonymity_reason": "to discuss sensitive talks"}, {"id": "s7", "kind": "named", "name": "Abdul Sayed", "role": "a security specialist and researcher on militant groups in Afghanistan and Pakistan, who is based in Sweden", "mentions": ["Abdul Sayed", "Mr. Sayed"], "anonymity_reason": ""}], "unresolved": [{"span": [191, 213], "block": 2, "signal": "details remained murky"}, {"span": [562, 595], "block": 6, "signal": "details of the talks were unclear"}, {"span": [1048, 1115], "block": 7, "signal": "We might not reach some sort of conclusion or settlement in the end"}, {"span": [3966, 4003], "block": 22, "signal": "Even if talks get underway in earnest"}], "attributions": [{"cue": "said", "form": "indirect", "when": "2021-10-01", "block": 5, "source": "s1", "stance": "asserts", "channel": "", "content": "Pakistan is holding talks with factions of the Pakistani Taliban, a banned militant group responsible for some of the country''s worst terrorist attacks, and would forgive members who lay down their weapons", "cue_span": [536, 540], "source_span": [510, 535], "content_spans": [[303, 508]]}, {"cue": "said in an interview", "form": "direct", "when": "", "block": 7, "source": "s1", "stance": "asserts", "channel": "interview with the Turkish state television station TRT World", "content": "\"There are different groups which form the Pakistani Taliban, or T.T.P.,\" \"We are in talks with some of them on a reconciliation process. We might not reach some sort of conclusion or settlement in the end, but we are talking.\"", "cue_span": [910, 930], "source_span": [901, 909], "content_spans": [[827, 900], [984, 1137]]}, {"cue": "called on", "form": "indirect", "when": "", "block": 8, "source": "s2", "stance": "asserts", "channel": "statement", "content": "its fighters to continue their attacks", "cue_span": [1198, 1207], "source_span": [1187, 1197], "content_spans": [[1208, 1246]]}, {"cue": "denied", "form": "indirect", "when": "", "block": 8, "source": "s2", "stance": "denies", "channel": "", "content": "divisions in its ranks", "cue_span": [1251, 1257], "source_span": [1248, 1250], "content_spans": [[1258, 1280]]}, {"cue": "made no acknowledgment", "form": "indirect", "when": "", "block": 8, "source": "s2", "stance": "not_acknowledged", "channel": "", "content": "the ongoing talks", "cue_span": [1285, 1307], "source_span": [1248, 1250], "content_spans": [[1311, 1328]]}, {"cue": "also claimed responsibility", "form": "indirect", "when": "", "block": 8, "source": "s2", "stance": "asserts", "channel": "", "content": "a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks", "cue_span": [1333, 1360], "source_span": [1330, 1332], "content_spans": [[1365, 1461]]}, {"cue": "said", "form": "indirect", "when": "", "block": 9, "source": "s1", "stance": "asserts", "channel": "", "content": "the talks had been held in neighboring Afghanistan, where the Afghan Taliban are in power after ousting the country''s American-backed government in August", "cue_span": [1473, 1477], "source_span": [1464, 1472], "content_spans": [[1478, 1632]]}, {"cue": "accused of", "form": "indirect", "when": "", "block": 10, "source": "", "stance": "asserts", "channel": "", "content": "nurturing the Afghan Taliban", "cue_span": [1886, 1896], "source_span": null, "content_spans": [[1897, 1925]]}, {"cue": "have urged", "form": "indirect", "when": "", "block": 11, "source": "s3", "stance": "asserts", "channel": "", "content": "that the group''s government in Kabul be recognized internationally", "cue_span": [2028, 2038], "source_span": [2008, 2027], "content_spans": [[2039, 2105]]}, {"cue": "also fear", "form": "indirect", "when": "", "block": 13, "source": "s3", "stance": "asserts", "channel": "", "content": "that the victory in Afghanistan may embolden Taliban militants at home, and the Pakistani group has stepped up attacks", "cue_span": [2312, 2321], "source_span": [2287, 2311], "content_spans": [[2322, 2440]]}, {"cue": "did not respond to requests for comment", "form": "none", "when": "", "block": 14, "source": "s4", "stance": "no_comment", "channel": "", "content": "", "cue_span": [2495, 2534], "source_span": [2443, 2494], "content_spans": []}, {"cue": "said", "form": "indirect", "when": "", "block": 16, "source": "s5", "stance": "asserts", "channel": "", "content": "his group had proposed the negotiations to both sides and had offered its support in helping end the two-decade conflict in Pakistan", "cue_span": [2863, 2867], "source_span": [2729, 2861], "content_spans": [[2868, 3000]]}, {"cue": "remained tight-lipped about", "form": "none", "when": "", "block": 17, "source": "s3", "stance": "no_comment", "channel": "", "content": "the details", "cue_span": [3023, 3050], "source_span": [3003, 3022], "content_spans": [[3051, 3062]]}, {"cue": "suggested", "form": "indirect", "when": "", "block": 17, "source": "s6", "stance": "asserts", "channel": "", "content": "that the Afghan Taliban were acting as intermediaries", "cue_span": [3161, 3170], "source_span": [3068, 3160], "content_spans": [[3171, 3224]]}, {"cue": "said", "form": "mixed", "when": "", "block": 23, "source": "s6", "stance": "asserts", "channel": "", "content": "talks would only happen \"within the confines of Pakistan''s law and Constitution,\" and that there would be \"no acceptability\" for the militants if they did not accept those terms and lay down arms", "cue_span": [4115, 4119], "source_span": [4068, 4114], "content_spans": [[4120, 4315]]}, {"cue": "does not accept", "form": "indirect", "when": "", "block": 24, "source": "s2", "stance": "asserts", "channel": "", "content": "the Pakistani Constitution", "cue_span": [4337, 4352], "source_span": [4318, 4336], "content_spans": [[4353, 4379]]}, {"cue": "has long demanded", "form": "indirect", "when": "", "block": 24, "source": "s2", "stance": "asserts", "channel": "", "content": "that Islamic law, or Shariah, be put in effect", "cue_span": [4384, 4401], "source_span": [4318, 4336], "content_spans": [[4402, 4448]]}, {"cue": "reiterated", "form": "indirect", "when": "2021-09", "block": 24, "source": "s2", "stance": "asserts", "channel": "", "content": "that position last month when it rebuffed an offer of amnesty from senior Pakistani officials", "cue_span": [4453, 4463], "source_span": [4450, 4452], "content_spans": [[4464, 4557]]}, {"cue": "said", "form": "direct", "when": "", "block": 25, "source": "s7", "stance": "asserts", "channel": "", "content": "\"The T.T.P. has two main conditions for negotiations: Shariah''s implementation and the release of T.T.P. prisoners,\"", "cue_span": [4677, 4681], "source_span": [4682, 4802], "content_spans": [[4560, 4676]]}, {"cue": "said", "form": "direct", "when": "", "block": 26, "source": "s7", "stance": "asserts", "channel": "", "content": "\"It seems quite difficult that with such hard-line demands, its negotiations with the state can proceed. Without these conditions, T.T.P. says that meaningful dialogue cannot take place,\"", "cue_span": [5003, 5007], "source_span": [4993, 5002], "content_spans": [[4805, 4992]]}]}', '', 'Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up', 'Salman Masood', 1, NULL, true, '2026-12-02 05:07:44.066958+00', 1);
INSERT INTO articles VALUES (3, 'e531d9755a82ebf10989f766a7a71fb5fa7ef65394e072d61511a46af4ff1f89', 'Island Ferry Operator in Talks to Resume Night Service

By Mara Lind

Published May 4, 2025

PORT ELLIS — The ferry operator is negotiating with the county to resume its night crossings, the harbor master, Tomas Reed, said on Friday.

The ferry company did not respond to requests for comment.
', '{"blocks": [{"n": 1, "kind": "title", "span": [0, 54]}, {"n": 2, "kind": "byline", "span": [56, 68]}, {"n": 3, "kind": "dates", "span": [70, 91]}, {"n": 4, "kind": "body", "span": [93, 235]}, {"n": 5, "kind": "body", "span": [237, 295]}], "aliases": [], "article": {"dek": "", "title": "Island Ferry Operator in Talks to Resume Night Service", "bylines": ["Mara Lind"], "updated": "", "dateline": "PORT ELLIS", "published": "2025-05-04", "contributors": []}, "sources": [{"id": "s1", "kind": "named", "name": "Tomas Reed", "role": "harbor master", "mentions": ["Tomas Reed"], "anonymity_reason": ""}, {"id": "s2", "kind": "organization", "name": "ferry company", "role": "", "mentions": ["The ferry company"], "anonymity_reason": ""}], "unresolved": [], "attributions": [{"cue": "said", "form": "indirect", "when": "2025-05-02", "block": 4, "source": "s1", "stance": "asserts", "channel": "", "content": "The ferry operator is negotiating with the county to resume its night crossings", "cue_span": [220, 224], "source_span": [189, 218], "content_spans": [[108, 187]]}, {"cue": "did not respond to requests for comment", "form": "none", "when": "", "block": 5, "source": "s2", "stance": "no_comment", "channel": "", "content": "", "cue_span": [255, 294], "source_span": [237, 254], "content_spans": []}]}', '', 'Island Ferry Operator in Talks to Resume Night Service', 'Mara Lind', 1, NULL, true, '2026-12-02 05:07:44.086531+00', 3);
INSERT INTO articles VALUES (2, '79ae188f19bce7643da6a12c1db0f5c6f91f497b19a3e25282bce7c794c65432', 'Harbor Bridge to Reopen in June, Secretary Says

By Maya Lindqvist

Published May 2, 2025

The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.

"The work is on schedule," Mr. Okafor said at a news conference.

Two engineers who inspected the span, who spoke on condition of anonymity because they were not authorized to discuss it, said the June date was optimistic and that it was unclear whether the piers would hold.

Northline Construction, the contractor, declined to comment.
', '{"blocks": [{"n": 1, "kind": "title", "span": [0, 47]}, {"n": 2, "kind": "byline", "span": [49, 66]}, {"n": 3, "kind": "dates", "span": [68, 89]}, {"n": 4, "kind": "body", "span": [91, 181]}, {"n": 5, "kind": "body", "span": [183, 247]}, {"n": 6, "kind": "body", "span": [249, 458]}, {"n": 7, "kind": "body", "span": [460, 520]}], "aliases": [["Daniel Okafor", "Transport Secretary Daniel Okafor", "Mr. Okafor"]], "article": {"dek": "", "title": "Harbor Bridge to Reopen in June, Secretary Says", "bylines": ["Maya Lindqvist"], "updated": "", "dateline": "", "published": "2025-05-02", "contributors": []}, "sources": [{"id": "s1", "kind": "named", "name": "Daniel Okafor", "role": "Transport Secretary", "mentions": ["Transport Secretary Daniel Okafor", "Mr. Okafor"], "anonymity_reason": ""}, {"id": "s2", "kind": "anonymous", "name": "Two engineers who inspected the span", "role": "", "mentions": ["Two engineers who inspected the span"], "anonymity_reason": "they were not authorized to discuss it"}, {"id": "s3", "kind": "organization", "name": "Northline Construction", "role": "", "mentions": ["Northline Construction"], "anonymity_reason": ""}], "unresolved": [{"span": [371, 457], "block": 6, "signal": "said the June date was optimistic and that it was unclear whether the piers would hold"}], "attributions": [{"cue": "said", "form": "indirect", "when": "2025-05-01", "block": 4, "source": "s1", "stance": "asserts", "channel": "", "content": "The Harbor Bridge will reopen in June", "cue_span": [164, 168], "source_span": [130, 163], "content_spans": [[91, 128]]}, {"cue": "said", "form": "direct", "when": "", "block": 5, "source": "s1", "stance": "asserts", "channel": "news conference", "content": "\"The work is on schedule,\"", "cue_span": [221, 225], "source_span": [210, 220], "content_spans": [[183, 209]]}, {"cue": "said", "form": "indirect", "when": "", "block": 6, "source": "s2", "stance": "asserts", "channel": "", "content": "the June date was optimistic and that it was unclear whether the piers would hold", "cue_span": [371, 375], "source_span": [249, 369], "content_spans": [[376, 457]]}, {"cue": "declined to comment", "form": "none", "when": "", "block": 7, "source": "s3", "stance": "no_comment", "channel": "", "content": "", "cue_span": [500, 519], "source_span": [460, 498], "content_spans": []}]}', '', 'Harbor Bridge to Reopen in June, Secretary Says', 'Maya Lindqvist', 1, NULL, false, '2026-12-02 05:07:44.08341+00', 2);
INSERT INTO articles VALUES (4, 'f8bee20dd2bae61d78f8142587ef1bb3b09c9249cd548ff4a9857b4bf5407f2e', 'Harbor Bridge to Reopen in June, Secretary Says

By Maya Lindqvist

Published May 2, 2025

The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.

"The work is on schedule, and the last beams go in next week," Mr. Okafor said at a news conference on Friday.

Two engineers who inspected the span, who spoke on condition of anonymity because they were not authorized to discuss it, said the June date was optimistic and that it was unclear whether the piers would hold.

Northline Construction, the contractor, declined to comment.
', '{"blocks": [{"n": 1, "kind": "title", "span": [0, 47]}, {"n": 2, "kind": "byline", "span": [49, 66]}, {"n": 3, "kind": "dates", "span": [68, 89]}, {"n": 4, "kind": "body", "span": [91, 181]}, {"n": 5, "kind": "body", "span": [183, 293]}, {"n": 6, "kind": "body", "span": [295, 504]}, {"n": 7, "kind": "body", "span": [506, 566]}], "aliases": [["Daniel Okafor", "Transport Secretary Daniel Okafor", "Mr. Okafor"]], "article": {"dek": "", "title": "Harbor Bridge to Reopen in June, Secretary Says", "bylines": ["Maya Lindqvist"], "updated": "", "dateline": "", "published": "2025-05-02", "contributors": []}, "sources": [{"id": "s1", "kind": "named", "name": "Daniel Okafor", "role": "Transport Secretary", "mentions": ["Transport Secretary Daniel Okafor", "Mr. Okafor"], "anonymity_reason": ""}, {"id": "s2", "kind": "anonymous", "name": "Two engineers who inspected the span", "role": "", "mentions": ["Two engineers who inspected the span"], "anonymity_reason": "they were not authorized to discuss it"}, {"id": "s3", "kind": "organization", "name": "Northline Construction", "role": "", "mentions": ["Northline Construction"], "anonymity_reason": ""}], "unresolved": [{"span": [417, 503], "block": 6, "signal": "said the June date was optimistic and that it was unclear whether the piers would hold"}], "attributions": [{"cue": "said", "form": "indirect", "when": "2025-05-01", "block": 4, "source": "s1", "stance": "asserts", "channel": "", "content": "The Harbor Bridge will reopen in June", "cue_span": [164, 168], "source_span": [130, 163], "content_spans": [[91, 128]]}, {"cue": "said", "form": "direct", "when": "2025-05-02", "block": 5, "source": "s1", "stance": "asserts", "channel": "news conference", "content": "\"The work is on schedule, and the last beams go in next week,\"", "cue_span": [257, 261], "source_span": [246, 256], "content_spans": [[183, 245]]}, {"cue": "said", "form": "indirect", "when": "", "block": 6, "source": "s2", "stance": "asserts", "channel": "", "content": "the June date was optimistic and that it was unclear whether the piers would hold", "cue_span": [417, 421], "source_span": [295, 415], "content_spans": [[422, 503]]}, {"cue": "declined to comment", "form": "none", "when": "", "block": 7, "source": "s3", "stance": "no_comment", "channel": "", "content": "", "cue_span": [546, 565], "source_span": [506, 544], "content_spans": []}]}', '', 'Harbor Bridge to Reopen in June, Secretary Says', 'Maya Lindqvist', 2, 2, true, '2026-12-02 05:07:44.21067+00', 2);

INSERT INTO claims VALUES (2, 4, 'The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.', 'open', '[{"span": [417, 503], "block": 6, "signal": "said the June date was optimistic and that it was unclear whether the piers would hold"}]', true, '', NULL, NULL, '2026-12-02 05:07:44.08341+00', '2026-12-02 05:07:44.21067+00');
INSERT INTO claims VALUES (1, 1, 'Prime Minister Imran Khan said his government was in preliminary negotiations with factions of the Pakistani Taliban, but details remained murky.', 'confirmed', '[{"span": [191, 213], "block": 2, "signal": "details remained murky"}, {"span": [562, 595], "block": 6, "signal": "details of the talks were unclear"}, {"span": [1048, 1115], "block": 7, "signal": "We might not reach some sort of conclusion or settlement in the end"}, {"span": [3966, 4003], "block": 22, "signal": "Even if talks get underway in earnest"}]', true, '', NULL, '2026-12-02 05:07:44.257443+00', '2026-12-02 05:07:44.066958+00', '2026-12-02 05:07:44.257443+00');
INSERT INTO claims VALUES (3, 3, 'The ferry operator is negotiating with the county to resume its night crossings, the harbor master, Tomas Reed, said on Friday.', 'open', '[]', true, '0 8 * * *', '2026-12-04 05:07:44.26186+00', NULL, '2026-12-02 05:07:44.086531+00', '2026-12-02 05:07:44.261861+00');

INSERT INTO events VALUES (1, 1, 'claimbot', 'ingest', 'open', 'version 1', '', '2026-12-02 05:07:44.066958+00');
INSERT INTO events VALUES (2, 2, 'claimbot', 'ingest', 'open', 'version 1', '', '2026-12-02 05:07:44.08341+00');
INSERT INTO events VALUES (3, 3, 'claimbot', 'ingest', 'reported', 'version 1', '', '2026-12-02 05:07:44.086531+00');
INSERT INTO events VALUES (4, 2, 'ingest', 'update', 'open', 'article version 2', '', '2026-12-02 05:07:44.21067+00');
INSERT INTO events VALUES (5, 1, 'console:local', 'resolve', 'confirmed', '', 'the ministry confirmed the talks', '2026-12-02 05:07:44.257443+00');
INSERT INTO events VALUES (6, 3, 'console:local', 'track', 'open', '0 8 * * *', '', '2026-12-02 05:07:44.260544+00');
INSERT INTO events VALUES (7, 3, 'console:local', 'snooze', 'open', '2d', '', '2026-12-02 05:07:44.261861+00');

INSERT INTO passages VALUES (1, 1, 1, 0, 5, 'Imran Khan | Prime Minister | Prime Minister Imran Khan | Mr. Khan', 'said', 'Pakistan is holding talks with factions of the Pakistani Taliban, a banned militant group responsible for some of the country''s worst terrorist attacks, and would forgive members who lay down their weapons', 'ISLAMABAD, Pakistan — Pakistan is holding talks with factions of the Pakistani Taliban, a banned militant group responsible for some of the country''s worst terrorist attacks, and would forgive members who lay down their weapons, Prime Minister Imran Khan said on Friday.', true, DEFAULT);
INSERT INTO passages VALUES (2, 1, 1, 1, 7, 'Imran Khan | Prime Minister | Prime Minister Imran Khan | Mr. Khan', 'said in an interview', '"There are different groups which form the Pakistani Taliban, or T.T.P.," "We are in talks with some of them on a reconciliation process. We might not reach some sort of conclusion or settlement in the end, but we are talking."', '"There are different groups which form the Pakistani Taliban, or T.T.P.," Mr. Khan said in an interview with the Turkish state television station TRT World. "We are in talks with some of them on a reconciliation process. We might not reach some sort of conclusion or settlement in the end, but we are talking."', true, DEFAULT);
INSERT INTO passages VALUES (3, 1, 1, 2, 8, 'Tehrik-i-Taliban Pakistan | the T.T.P. | The militant group', 'called on', 'its fighters to continue their attacks', 'In a statement soon after Mr. Khan''s interview, the T.T.P. called on its fighters to continue their attacks. It denied divisions in its ranks and made no acknowledgment of the ongoing talks. It also claimed responsibility for a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks.', true, DEFAULT);
INSERT INTO passages VALUES (4, 1, 1, 3, 8, 'Tehrik-i-Taliban Pakistan | the T.T.P. | The militant group', 'denied', 'divisions in its ranks', 'In a statement soon after Mr. Khan''s interview, the T.T.P. called on its fighters to continue their attacks. It denied divisions in its ranks and made no acknowledgment of the ongoing talks. It also claimed responsibility for a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks.', true, DEFAULT);
INSERT INTO passages VALUES (5, 1, 1, 4, 8, 'Tehrik-i-Taliban Pakistan | the T.T.P. | The militant group', 'made no acknowledgment', 'the ongoing talks', 'In a statement soon after Mr. Khan''s interview, the T.T.P. called on its fighters to continue their attacks. It denied divisions in its ranks and made no acknowledgment of the ongoing talks. It also claimed responsibility for a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks.', true, DEFAULT);
INSERT INTO passages VALUES (6, 1, 1, 5, 8, 'Tehrik-i-Taliban Pakistan | the T.T.P. | The militant group', 'also claimed responsibility', 'a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks', 'In a statement soon after Mr. Khan''s interview, the T.T.P. called on its fighters to continue their attacks. It denied divisions in its ranks and made no acknowledgment of the ongoing talks. It also claimed responsibility for a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks.', true, DEFAULT);
INSERT INTO passages VALUES (7, 1, 1, 6, 9, 'Imran Khan | Prime Minister | Prime Minister Imran Khan | Mr. Khan', 'said', 'the talks had been held in neighboring Afghanistan, where the Afghan Taliban are in power after ousting the country''s American-backed government in August', 'Mr. Khan said the talks had been held in neighboring Afghanistan, where the Afghan Taliban are in power after ousting the country''s American-backed government in August.', true, DEFAULT);
INSERT INTO passages VALUES (8, 1, 1, 7, 10, '', 'accused of', 'nurturing the Afghan Taliban', 'The Afghan and Pakistani Taliban are separate entities, although their ideologies overlap, as does their training, in religious seminaries in Pakistan''s tribal areas. While Pakistan''s military has been fighting the Pakistani Taliban, it has long been accused of nurturing the Afghan Taliban.', true, DEFAULT);
INSERT INTO passages VALUES (9, 1, 1, 8, 11, 'Pakistani officials | some Pakistani officials', 'have urged', 'that the group''s government in Kabul be recognized internationally', 'The Afghan Taliban''s takeover next door has provided Pakistan with an ally, and Pakistani officials have urged that the group''s government in Kabul be recognized internationally.', true, DEFAULT);
INSERT INTO passages VALUES (10, 1, 1, 9, 13, 'Pakistani officials | some Pakistani officials', 'also fear', 'that the victory in Afghanistan may embolden Taliban militants at home, and the Pakistani group has stepped up attacks', 'But some Pakistani officials also fear that the victory in Afghanistan may embolden Taliban militants at home, and the Pakistani group has stepped up attacks.', true, DEFAULT);
INSERT INTO passages VALUES (11, 1, 1, 10, 14, 'Spokesmen for the Taliban government in Afghanistan', 'did not respond to requests for comment', '', 'Spokesmen for the Taliban government in Afghanistan did not respond to requests for comment on Mr. Khan''s revelation of talks in Afghanistan.', true, DEFAULT);
INSERT INTO passages VALUES (12, 1, 1, 11, 16, 'An Afghan Taliban commander aware of the talks', 'said', 'his group had proposed the negotiations to both sides and had offered its support in helping end the two-decade conflict in Pakistan', 'An Afghan Taliban commander aware of the talks, who spoke on condition of anonymity because he was not authorized to discuss details, said his group had proposed the negotiations to both sides and had offered its support in helping end the two-decade conflict in Pakistan.', true, DEFAULT);
INSERT INTO passages VALUES (13, 1, 1, 12, 17, 'Pakistani officials | some Pakistani officials', 'remained tight-lipped about', 'the details', 'Pakistani officials remained tight-lipped about the details, but two senior security officials who spoke on condition of anonymity to discuss sensitive talks suggested that the Afghan Taliban were acting as intermediaries.', true, DEFAULT);
INSERT INTO passages VALUES (14, 1, 1, 13, 17, 'two senior security officials | One of the senior Pakistani security officials', 'suggested', 'that the Afghan Taliban were acting as intermediaries', 'Pakistani officials remained tight-lipped about the details, but two senior security officials who spoke on condition of anonymity to discuss sensitive talks suggested that the Afghan Taliban were acting as intermediaries.', true, DEFAULT);
INSERT INTO passages VALUES (15, 1, 1, 14, 23, 'two senior security officials | One of the senior Pakistani security officials', 'said', 'talks would only happen "within the confines of Pakistan''s law and Constitution," and that there would be "no acceptability" for the militants if they did not accept those terms and lay down arms', 'One of the senior Pakistani security officials said talks would only happen "within the confines of Pakistan''s law and Constitution," and that there would be "no acceptability" for the militants if they did not accept those terms and lay down arms.', true, DEFAULT);
INSERT INTO passages VALUES (16, 1, 1, 15, 24, 'Tehrik-i-Taliban Pakistan | the T.T.P. | The militant group', 'does not accept', 'the Pakistani Constitution', 'The militant group does not accept the Pakistani Constitution and has long demanded that Islamic law, or Shariah, be put in effect. It reiterated that position last month when it rebuffed an offer of amnesty from senior Pakistani officials.', true, DEFAULT);
INSERT INTO passages VALUES (17, 1, 1, 16, 24, 'Tehrik-i-Taliban Pakistan | the T.T.P. | The militant group', 'has long demanded', 'that Islamic law, or Shariah, be put in effect', 'The militant group does not accept the Pakistani Constitution and has long demanded that Islamic law, or Shariah, be put in effect. It reiterated that position last month when it rebuffed an offer of amnesty from senior Pakistani officials.', true, DEFAULT);
INSERT INTO passages VALUES (18, 1, 1, 17, 24, 'Tehrik-i-Taliban Pakistan | the T.T.P. | The militant group', 'reiterated', 'that position last month when it rebuffed an offer of amnesty from senior Pakistani officials', 'The militant group does not accept the Pakistani Constitution and has long demanded that Islamic law, or Shariah, be put in effect. It reiterated that position last month when it rebuffed an offer of amnesty from senior Pakistani officials.', true, DEFAULT);
INSERT INTO passages VALUES (31, 1, 1, -1, 14, '', '', 'Spokesmen for the Taliban government in Afghanistan did not respond to requests for comment on Mr. Khan''s revelation of talks in Afghanistan.', '', true, DEFAULT);
INSERT INTO passages VALUES (19, 1, 1, 18, 25, 'Abdul Sayed | a security specialist and researcher on militant groups in Afghanistan and Pakistan, who is based in Sweden | Mr. Sayed', 'said', '"The T.T.P. has two main conditions for negotiations: Shariah''s implementation and the release of T.T.P. prisoners,"', '"The T.T.P. has two main conditions for negotiations: Shariah''s implementation and the release of T.T.P. prisoners," said Abdul Sayed, a security specialist and researcher on militant groups in Afghanistan and Pakistan, who is based in Sweden.', true, DEFAULT);
INSERT INTO passages VALUES (20, 1, 1, 19, 26, 'Abdul Sayed | a security specialist and researcher on militant groups in Afghanistan and Pakistan, who is based in Sweden | Mr. Sayed', 'said', '"It seems quite difficult that with such hard-line demands, its negotiations with the state can proceed. Without these conditions, T.T.P. says that meaningful dialogue cannot take place,"', '"It seems quite difficult that with such hard-line demands, its negotiations with the state can proceed. Without these conditions, T.T.P. says that meaningful dialogue cannot take place," Mr. Sayed said.', true, DEFAULT);
INSERT INTO passages VALUES (21, 1, 1, -1, 1, '', '', 'Pakistan in Talks With Taliban Militants, Even as Attacks Ramp Up', '', true, DEFAULT);
INSERT INTO passages VALUES (22, 1, 1, -1, 2, '', '', 'Prime Minister Imran Khan said his government was in preliminary negotiations with factions of the Pakistani Taliban, but details remained murky.', '', true, DEFAULT);
INSERT INTO passages VALUES (23, 1, 1, -1, 5, '', '', 'ISLAMABAD, Pakistan — Pakistan is holding talks with factions of the Pakistani Taliban, a banned militant group responsible for some of the country''s worst terrorist attacks, and would forgive members who lay down their weapons, Prime Minister Imran Khan said on Friday.', '', true, DEFAULT);
INSERT INTO passages VALUES (24, 1, 1, -1, 6, '', '', 'Although details of the talks were unclear, negotiations with the group known as Tehrik-i-Taliban Pakistan, or T.T.P., would be the most significant development since similar efforts failed in 2014 and Pakistan turned to a massive military operation to diminish the group.', '', true, DEFAULT);
INSERT INTO passages VALUES (25, 1, 1, -1, 7, '', '', '"There are different groups which form the Pakistani Taliban, or T.T.P.," Mr. Khan said in an interview with the Turkish state television station TRT World. "We are in talks with some of them on a reconciliation process. We might not reach some sort of conclusion or settlement in the end, but we are talking."', '', true, DEFAULT);
INSERT INTO passages VALUES (26, 1, 1, -1, 8, '', '', 'In a statement soon after Mr. Khan''s interview, the T.T.P. called on its fighters to continue their attacks. It denied divisions in its ranks and made no acknowledgment of the ongoing talks. It also claimed responsibility for a deadly assault on a Pakistani military convoy on Friday, the latest in a spate of such attacks.', '', true, DEFAULT);
INSERT INTO passages VALUES (27, 1, 1, -1, 9, '', '', 'Mr. Khan said the talks had been held in neighboring Afghanistan, where the Afghan Taliban are in power after ousting the country''s American-backed government in August.', '', true, DEFAULT);
INSERT INTO passages VALUES (28, 1, 1, -1, 10, '', '', 'The Afghan and Pakistani Taliban are separate entities, although their ideologies overlap, as does their training, in religious seminaries in Pakistan''s tribal areas. While Pakistan''s military has been fighting the Pakistani Taliban, it has long been accused of nurturing the Afghan Taliban.', '', true, DEFAULT);
INSERT INTO passages VALUES (29, 1, 1, -1, 11, '', '', 'The Afghan Taliban''s takeover next door has provided Pakistan with an ally, and Pakistani officials have urged that the group''s government in Kabul be recognized internationally.', '', true, DEFAULT);
INSERT INTO passages VALUES (30, 1, 1, -1, 13, '', '', 'But some Pakistani officials also fear that the victory in Afghanistan may embolden Taliban militants at home, and the Pakistani group has stepped up attacks.', '', true, DEFAULT);
INSERT INTO passages VALUES (32, 1, 1, -1, 16, '', '', 'An Afghan Taliban commander aware of the talks, who spoke on condition of anonymity because he was not authorized to discuss details, said his group had proposed the negotiations to both sides and had offered its support in helping end the two-decade conflict in Pakistan.', '', true, DEFAULT);
INSERT INTO passages VALUES (33, 1, 1, -1, 17, '', '', 'Pakistani officials remained tight-lipped about the details, but two senior security officials who spoke on condition of anonymity to discuss sensitive talks suggested that the Afghan Taliban were acting as intermediaries.', '', true, DEFAULT);
INSERT INTO passages VALUES (34, 1, 1, -1, 18, '', '', 'Until last year, the Pakistani Taliban seemed considerably weakened, their top leadership killed or pushed into Afghanistan after the 2014 talks collapsed. Pakistan''s ensuing military operation, while diminishing the group, also took a heavy toll on civilians.', '', true, DEFAULT);
INSERT INTO passages VALUES (35, 1, 1, -1, 21, '', '', 'And the Pakistani Taliban maintained the ability to carry out ambushes, which have intensified in recent weeks.', '', true, DEFAULT);
INSERT INTO passages VALUES (36, 1, 1, -1, 22, '', '', 'Even if talks get underway in earnest, the positions of the two sides appear difficult to reconcile.', '', true, DEFAULT);
INSERT INTO passages VALUES (37, 1, 1, -1, 23, '', '', 'One of the senior Pakistani security officials said talks would only happen "within the confines of Pakistan''s law and Constitution," and that there would be "no acceptability" for the militants if they did not accept those terms and lay down arms.', '', true, DEFAULT);
INSERT INTO passages VALUES (38, 1, 1, -1, 24, '', '', 'The militant group does not accept the Pakistani Constitution and has long demanded that Islamic law, or Shariah, be put in effect. It reiterated that position last month when it rebuffed an offer of amnesty from senior Pakistani officials.', '', true, DEFAULT);
INSERT INTO passages VALUES (39, 1, 1, -1, 25, '', '', '"The T.T.P. has two main conditions for negotiations: Shariah''s implementation and the release of T.T.P. prisoners," said Abdul Sayed, a security specialist and researcher on militant groups in Afghanistan and Pakistan, who is based in Sweden.', '', true, DEFAULT);
INSERT INTO passages VALUES (40, 1, 1, -1, 26, '', '', '"It seems quite difficult that with such hard-line demands, its negotiations with the state can proceed. Without these conditions, T.T.P. says that meaningful dialogue cannot take place," Mr. Sayed said.', '', true, DEFAULT);
INSERT INTO passages VALUES (42, 2, 2, 1, 5, 'Daniel Okafor | Transport Secretary | Transport Secretary Daniel Okafor | Mr. Okafor', 'said', '"The work is on schedule,"', '"The work is on schedule," Mr. Okafor said at a news conference.', false, DEFAULT);
INSERT INTO passages VALUES (50, 3, 3, 0, 4, 'Tomas Reed | harbor master', 'said', 'The ferry operator is negotiating with the county to resume its night crossings', 'PORT ELLIS — The ferry operator is negotiating with the county to resume its night crossings, the harbor master, Tomas Reed, said on Friday.', true, DEFAULT);
INSERT INTO passages VALUES (51, 3, 3, 1, 5, 'ferry company | The ferry company', 'did not respond to requests for comment', '', 'The ferry company did not respond to requests for comment.', true, DEFAULT);
INSERT INTO passages VALUES (52, 3, 3, -1, 1, '', '', 'Island Ferry Operator in Talks to Resume Night Service', '', true, DEFAULT);
INSERT INTO passages VALUES (53, 3, 3, -1, 4, '', '', 'PORT ELLIS — The ferry operator is negotiating with the county to resume its night crossings, the harbor master, Tomas Reed, said on Friday.', '', true, DEFAULT);
INSERT INTO passages VALUES (54, 3, 3, -1, 5, '', '', 'The ferry company did not respond to requests for comment.', '', true, DEFAULT);
INSERT INTO passages VALUES (41, 2, 2, 0, 4, 'Daniel Okafor | Transport Secretary | Transport Secretary Daniel Okafor | Mr. Okafor', 'said', 'The Harbor Bridge will reopen in June', 'The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.', false, DEFAULT);
INSERT INTO passages VALUES (43, 2, 2, 2, 6, 'Two engineers who inspected the span', 'said', 'the June date was optimistic and that it was unclear whether the piers would hold', 'Two engineers who inspected the span, who spoke on condition of anonymity because they were not authorized to discuss it, said the June date was optimistic and that it was unclear whether the piers would hold.', false, DEFAULT);
INSERT INTO passages VALUES (44, 2, 2, 3, 7, 'Northline Construction', 'declined to comment', '', 'Northline Construction, the contractor, declined to comment.', false, DEFAULT);
INSERT INTO passages VALUES (45, 2, 2, -1, 1, '', '', 'Harbor Bridge to Reopen in June, Secretary Says', '', false, DEFAULT);
INSERT INTO passages VALUES (46, 2, 2, -1, 4, '', '', 'The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.', '', false, DEFAULT);
INSERT INTO passages VALUES (47, 2, 2, -1, 5, '', '', '"The work is on schedule," Mr. Okafor said at a news conference.', '', false, DEFAULT);
INSERT INTO passages VALUES (48, 2, 2, -1, 6, '', '', 'Two engineers who inspected the span, who spoke on condition of anonymity because they were not authorized to discuss it, said the June date was optimistic and that it was unclear whether the piers would hold.', '', false, DEFAULT);
INSERT INTO passages VALUES (49, 2, 2, -1, 7, '', '', 'Northline Construction, the contractor, declined to comment.', '', false, DEFAULT);
INSERT INTO passages VALUES (55, 4, 2, 0, 4, 'Daniel Okafor | Transport Secretary | Transport Secretary Daniel Okafor | Mr. Okafor', 'said', 'The Harbor Bridge will reopen in June', 'The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.', true, DEFAULT);
INSERT INTO passages VALUES (56, 4, 2, 1, 5, 'Daniel Okafor | Transport Secretary | Transport Secretary Daniel Okafor | Mr. Okafor', 'said', '"The work is on schedule, and the last beams go in next week,"', '"The work is on schedule, and the last beams go in next week," Mr. Okafor said at a news conference on Friday.', true, DEFAULT);
INSERT INTO passages VALUES (57, 4, 2, 2, 6, 'Two engineers who inspected the span', 'said', 'the June date was optimistic and that it was unclear whether the piers would hold', 'Two engineers who inspected the span, who spoke on condition of anonymity because they were not authorized to discuss it, said the June date was optimistic and that it was unclear whether the piers would hold.', true, DEFAULT);
INSERT INTO passages VALUES (58, 4, 2, 3, 7, 'Northline Construction', 'declined to comment', '', 'Northline Construction, the contractor, declined to comment.', true, DEFAULT);
INSERT INTO passages VALUES (59, 4, 2, -1, 1, '', '', 'Harbor Bridge to Reopen in June, Secretary Says', '', true, DEFAULT);
INSERT INTO passages VALUES (60, 4, 2, -1, 4, '', '', 'The Harbor Bridge will reopen in June, Transport Secretary Daniel Okafor said on Thursday.', '', true, DEFAULT);
INSERT INTO passages VALUES (61, 4, 2, -1, 5, '', '', '"The work is on schedule, and the last beams go in next week," Mr. Okafor said at a news conference on Friday.', '', true, DEFAULT);
INSERT INTO passages VALUES (62, 4, 2, -1, 6, '', '', 'Two engineers who inspected the span, who spoke on condition of anonymity because they were not authorized to discuss it, said the June date was optimistic and that it was unclear whether the piers would hold.', '', true, DEFAULT);
INSERT INTO passages VALUES (63, 4, 2, -1, 7, '', '', 'Northline Construction, the contractor, declined to comment.', '', true, DEFAULT);

INSERT INTO schema_migrations VALUES (1, '0001_init.sql', '2026-12-02 05:07:43.928056+00');
INSERT INTO schema_migrations VALUES (2, '0002_aliases.sql', '2026-12-02 05:07:43.957133+00');
INSERT INTO schema_migrations VALUES (3, '0003_claim_versions.sql', '2026-12-02 05:07:43.964614+00');

SELECT pg_catalog.setval('aliases_id_seq', 16, true);

SELECT pg_catalog.setval('articles_id_seq', 4, true);

SELECT pg_catalog.setval('claims_id_seq', 3, true);

SELECT pg_catalog.setval('deliveries_id_seq', 1, false);

SELECT pg_catalog.setval('events_id_seq', 7, true);

SELECT pg_catalog.setval('passages_id_seq', 63, true);

ALTER TABLE ONLY aliases
    ADD CONSTRAINT aliases_pkey PRIMARY KEY (id);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_hash_key UNIQUE (hash);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (id);

ALTER TABLE ONLY claims
    ADD CONSTRAINT claims_article_id_key UNIQUE (article_id);

ALTER TABLE ONLY claims
    ADD CONSTRAINT claims_pkey PRIMARY KEY (id);

ALTER TABLE ONLY deliveries
    ADD CONSTRAINT deliveries_kind_claim_id_channel_tick_key UNIQUE (kind, claim_id, channel, tick);

ALTER TABLE ONLY deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

ALTER TABLE ONLY passages
    ADD CONSTRAINT passages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

CREATE INDEX aliases_article ON aliases USING btree (article_id, grp);

CREATE INDEX aliases_norm ON aliases USING btree (norm);

CREATE INDEX articles_claim ON articles USING btree (claim_id);

CREATE INDEX articles_title ON articles USING btree (title, bylines) WHERE (title <> ''::text);

CREATE INDEX articles_url ON articles USING btree (url) WHERE (url <> ''::text);

CREATE INDEX claims_status ON claims USING btree (status, tracked);

CREATE INDEX deliveries_claim_sent ON deliveries USING btree (claim_id, state, sent_at);

CREATE INDEX deliveries_state ON deliveries USING btree (state, tick);

CREATE INDEX events_claim ON events USING btree (claim_id, id);

CREATE INDEX passages_article ON passages USING btree (article_id);

CREATE UNIQUE INDEX passages_attribution ON passages USING btree (article_id, idx) WHERE (idx >= 0);

CREATE UNIQUE INDEX passages_block ON passages USING btree (article_id, block) WHERE (idx < 0);

CREATE INDEX passages_tsv ON passages USING gin (tsv) WHERE latest;

ALTER TABLE ONLY aliases
    ADD CONSTRAINT aliases_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_prev_id_fkey FOREIGN KEY (prev_id) REFERENCES articles(id);

ALTER TABLE ONLY claims
    ADD CONSTRAINT claims_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id);

ALTER TABLE ONLY events
    ADD CONSTRAINT events_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);

ALTER TABLE ONLY passages
    ADD CONSTRAINT passages_article_id_fkey FOREIGN KEY (article_id) REFERENCES articles(id);

ALTER TABLE ONLY passages
    ADD CONSTRAINT passages_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES claims(id);
