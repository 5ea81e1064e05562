-- Derived tables: a pure function of the events, dropped and replayed by `newsfacts rebuild`.
-- Each distinct text once, however many articles and revisions have it (archive/texts.py): a wire
-- story's copies shared 3.75 KB of text each. Articles and revisions name it; its full-text index
-- (texts_fts) is what articles?_search= searches, mapped back to every article by text_id.
CREATE TABLE IF NOT EXISTS texts (
    id            INTEGER PRIMARY KEY,            -- the full-text index's rowid; articles.text_id
    sha256        TEXT NOT NULL UNIQUE,           -- SHA-256 of the text (revisions.text_sha256)
    text          TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id            TEXT PRIMARY KEY,
    headline      TEXT NOT NULL,
    title         TEXT,
    outlet        TEXT,
    author        TEXT,
    published     TEXT,
    month         TEXT,
    url           TEXT,
    source        TEXT,
    reader        TEXT,
    summary_only  INTEGER NOT NULL DEFAULT 0,
    revision      INTEGER NOT NULL,
    extractor     TEXT,
    words         INTEGER NOT NULL,
    quotes        INTEGER NOT NULL DEFAULT 0,
    figures       INTEGER NOT NULL DEFAULT 0,
    dates         INTEGER NOT NULL DEFAULT 0,
    content_hash  TEXT NOT NULL,
    raw_sha256    TEXT,
    first_seen    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    text_id       INTEGER NOT NULL REFERENCES texts(id)  -- the current revision's text
);
CREATE INDEX IF NOT EXISTS articles_text ON articles(text_id, id);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);

CREATE TABLE IF NOT EXISTS revisions (
    id            TEXT PRIMARY KEY,               -- <article id>/<revision>
    article_id    TEXT NOT NULL REFERENCES articles(id),
    revision      INTEGER NOT NULL,
    title         TEXT,
    published     TEXT,
    source        TEXT,
    content_hash  TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    event_seq     INTEGER NOT NULL REFERENCES events(seq),
    text_sha256   TEXT REFERENCES texts(sha256),  -- the text (archive/texts.py)
    text_seq      INTEGER REFERENCES events(seq)  -- the article.revised event holding the text inline
);
CREATE INDEX IF NOT EXISTS revisions_article ON revisions(article_id);
CREATE INDEX IF NOT EXISTS revisions_text ON revisions(text_sha256);

CREATE TABLE IF NOT EXISTS extractions (
    event_seq     INTEGER PRIMARY KEY REFERENCES events(seq),
    article_id    TEXT NOT NULL REFERENCES articles(id),
    revision      INTEGER NOT NULL,
    extractor     TEXT NOT NULL,
    quotes        INTEGER NOT NULL,
    figures       INTEGER NOT NULL,
    dates         INTEGER NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS extractions_article ON extractions(article_id);

CREATE TABLE IF NOT EXISTS speakers (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    anonymous     INTEGER NOT NULL DEFAULT 0,
    roles         TEXT NOT NULL DEFAULT '[]',
    aliases       TEXT NOT NULL DEFAULT '[]',
    external_id   TEXT,                           -- newsfacts speakers link (a Wikidata QID or a URI)
    merged_into   TEXT REFERENCES speakers(id),   -- set when a person merged it into another
    first_seen    TEXT,                           -- earliest publication date of its articles
    last_seen     TEXT
);
CREATE INDEX IF NOT EXISTS speakers_external_id ON speakers(external_id);

CREATE TABLE IF NOT EXISTS speaker_redirects (
    speaker_id    TEXT PRIMARY KEY,
    target_id     TEXT NOT NULL REFERENCES speakers(id),
    event_seq     INTEGER NOT NULL REFERENCES events(seq)
);

CREATE TABLE IF NOT EXISTS quotes (
    id            TEXT PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles(id),
    revision      INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    text          TEXT NOT NULL,
    speaker_id    TEXT REFERENCES speakers(id),
    speaker       TEXT,
    mention       TEXT,
    speaker_key   TEXT,
    cue           TEXT,
    attribution   TEXT,
    outlet        TEXT,
    published     TEXT,
    month         TEXT,
    paragraph     INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text_id       INTEGER REFERENCES texts(id),   -- the text it was extracted from (its sentence's)
    sentence_start INTEGER,                       -- its sentence: text[sentence_start:sentence_end] (views.sql)
    sentence_end  INTEGER,
    sentence_text TEXT,                           -- the sentence, only when it is not a span of the text
    named_as      TEXT,                           -- the speaker's name as the extraction gave it
    rule          TEXT,
    group_id      TEXT REFERENCES claim_groups(id),
    words_id      INTEGER                         -- quote_words.id: its words, indexed once for every copy
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id, paragraph);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_id, published, article_id, start);

CREATE TABLE IF NOT EXISTS figures (
    id            TEXT PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles(id),
    revision      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT,
    approx        TEXT,
    about         TEXT,
    quote_id      TEXT REFERENCES quotes(id),
    speaker_id    TEXT REFERENCES speakers(id),
    speaker_key   TEXT,
    outlet        TEXT,
    published     TEXT,
    paragraph     INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text_id       INTEGER REFERENCES texts(id),   -- the text it was extracted from (its sentence's)
    sentence_start INTEGER,                       -- its sentence: text[sentence_start:sentence_end] (views.sql)
    sentence_end  INTEGER,
    sentence_text TEXT,                           -- the sentence, only when it is not a span of the text
    rule          TEXT,
    group_id      TEXT REFERENCES claim_groups(id),
    words_id      INTEGER                         -- figure_words.id: its words, indexed once for every copy
);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id, paragraph);
CREATE INDEX IF NOT EXISTS figures_value ON figures(value);

CREATE TABLE IF NOT EXISTS dates (
    id            TEXT PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles(id),
    revision      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    value         TEXT NOT NULL,
    precision     TEXT NOT NULL,
    year          TEXT,
    month         TEXT,
    dateline      INTEGER NOT NULL DEFAULT 0,
    outlet        TEXT,
    published     TEXT,
    paragraph     INTEGER,
    start         INTEGER,
    "end"         INTEGER,
    text_id       INTEGER REFERENCES texts(id),   -- the text it was extracted from (its sentence's)
    sentence_start INTEGER,                       -- its sentence: text[sentence_start:sentence_end] (views.sql)
    sentence_end  INTEGER,
    sentence_text TEXT,                           -- the sentence, only when it is not a span of the text
    rule          TEXT,
    words_id      INTEGER                         -- date_words.id: its words, indexed once for every copy
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article_id, paragraph);
CREATE INDEX IF NOT EXISTS dates_value ON dates(value DESC, id);

CREATE TABLE IF NOT EXISTS sightings (
    event_seq     INTEGER PRIMARY KEY REFERENCES events(seq),
    article_id    TEXT NOT NULL REFERENCES articles(id),
    source        TEXT NOT NULL,
    reader        TEXT,
    read_at       TEXT,
    raw_sha256    TEXT REFERENCES originals(sha256),
    recorded_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sightings_article ON sightings(article_id);

CREATE TABLE IF NOT EXISTS originals (
    sha256        TEXT PRIMARY KEY,
    size          INTEGER NOT NULL,
    content       BLOB NOT NULL,                  -- the exact bytes read, zlib-compressed as in the log (archive/originals.py)
    event_seq     INTEGER NOT NULL REFERENCES events(seq),
    compression   TEXT NOT NULL DEFAULT 'zlib',   -- zlib, or zlib+text: against the text of revision text_of
    text_of       TEXT REFERENCES revisions(id)   -- the revision whose text is the dictionary (zlib+text)
);

CREATE TABLE IF NOT EXISTS verdicts (
    event_seq     INTEGER PRIMARY KEY REFERENCES events(seq),
    claim_id      TEXT NOT NULL,
    claim_table   TEXT NOT NULL,
    verdict       TEXT NOT NULL,
    note          TEXT,
    actor         TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    rating_value  INTEGER,
    best_rating   INTEGER,
    worst_rating  INTEGER,
    alternate_name TEXT,
    url           TEXT,
    article_id    TEXT REFERENCES articles(id),
    speaker_id    TEXT REFERENCES speakers(id),
    quote_id      TEXT REFERENCES quotes(id),
    figure_id     TEXT REFERENCES figures(id),
    date_id       TEXT REFERENCES dates(id)
);
CREATE INDEX IF NOT EXISTS verdicts_claim ON verdicts(claim_id);

-- Speakers as entities (issue 9): the name variants joined into each speaker, the forms they are
-- looked up by, joins offered to a person, and the pairs a person said are different sources.
CREATE TABLE IF NOT EXISTS speaker_names (
    speaker_id    TEXT NOT NULL REFERENCES speakers(id),
    variant       TEXT NOT NULL,
    origin        TEXT NOT NULL REFERENCES speakers(id),
    how           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    first         TEXT,
    middles       TEXT,
    surname       TEXT,
    suffix        TEXT,
    articles      INTEGER NOT NULL DEFAULT 0,
    first_seen    TEXT,
    last_seen     TEXT,
    PRIMARY KEY (speaker_id, variant)
);
CREATE INDEX IF NOT EXISTS speaker_names_surname ON speaker_names(surname);
CREATE INDEX IF NOT EXISTS speaker_names_variant ON speaker_names(variant);
CREATE INDEX IF NOT EXISTS speaker_names_origin ON speaker_names(origin);

-- Each article's sources as they joined: the name the extraction wrote, the variant joined on, and
-- the roles and aliases that article gave, so a split takes its quotes, roles and aliases along.
CREATE TABLE IF NOT EXISTS speaker_sources (
    article_id    TEXT NOT NULL REFERENCES articles(id),
    written       TEXT NOT NULL,
    variant       TEXT NOT NULL,
    speaker_id    TEXT NOT NULL REFERENCES speakers(id),
    speaker_key   TEXT NOT NULL,
    roles         TEXT NOT NULL,
    aliases       TEXT NOT NULL,
    PRIMARY KEY (article_id, written)
);
CREATE INDEX IF NOT EXISTS speaker_sources_speaker ON speaker_sources(speaker_id);

CREATE TABLE IF NOT EXISTS speaker_forms (
    form          TEXT NOT NULL,
    speaker_id    TEXT NOT NULL REFERENCES speakers(id),
    variant       TEXT NOT NULL,
    how           TEXT NOT NULL,
    PRIMARY KEY (form, speaker_id, variant)
);
CREATE INDEX IF NOT EXISTS speaker_forms_speaker ON speaker_forms(speaker_id);

CREATE TABLE IF NOT EXISTS speaker_suggestions (
    speaker_id    TEXT NOT NULL REFERENCES speakers(id),
    other_id      TEXT NOT NULL REFERENCES speakers(id),
    score         REAL NOT NULL,
    evidence      TEXT NOT NULL,
    PRIMARY KEY (speaker_id, other_id)
);

CREATE TABLE IF NOT EXISTS speaker_distinct (
    speaker_id    TEXT NOT NULL REFERENCES speakers(id),
    other_id      TEXT NOT NULL REFERENCES speakers(id),
    event_seq     INTEGER NOT NULL REFERENCES events(seq),
    PRIMARY KEY (speaker_id, other_id)
);

-- Checkpoints (archive/checkpoint.py): signed statements of the log, served read-only so that
-- anyone can keep a copy and later check the log against it (newsfacts verify --checkpoint).
CREATE TABLE IF NOT EXISTS checkpoints (
    event_seq     INTEGER PRIMARY KEY REFERENCES events(seq),
    size          INTEGER NOT NULL,               -- events covered: seq 1..size
    root          TEXT NOT NULL,                  -- RFC 9162 Merkle tree head over their hashes (hex)
    time          TEXT NOT NULL,
    key_id        TEXT NOT NULL,
    public_key    TEXT NOT NULL,                  -- raw Ed25519 public key, base64
    signature     TEXT NOT NULL,                  -- Ed25519 over the statement, base64
    origin        TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS verdicts_article ON verdicts(article_id);
CREATE INDEX IF NOT EXISTS verdicts_speaker ON verdicts(speaker_id);

-- The fact store (archive/factcheck): verdicts' history, published fact-checks, claim groups, checks.
CREATE TABLE IF NOT EXISTS verdict_history (
    event_seq     INTEGER PRIMARY KEY REFERENCES events(seq),
    claim_id      TEXT NOT NULL,
    claim_table   TEXT NOT NULL,
    verdict       TEXT NOT NULL,
    rating_value  INTEGER,
    alternate_name TEXT,
    note          TEXT,
    url           TEXT,
    actor         TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_by INTEGER REFERENCES events(seq)
);
CREATE INDEX IF NOT EXISTS verdict_history_claim ON verdict_history(claim_id);

CREATE TABLE IF NOT EXISTS ratings (
    name          TEXT PRIMARY KEY,
    position      INTEGER NOT NULL,               -- best first, as the scale lists them
    rating_value  INTEGER NOT NULL,
    best_rating   INTEGER NOT NULL,
    worst_rating  INTEGER NOT NULL,
    alternate_name TEXT NOT NULL,
    source        TEXT NOT NULL,                  -- the default scale or the ratings file
    event_seq     INTEGER REFERENCES events(seq)  -- NULL: the default scale, no event recorded one
);

CREATE TABLE IF NOT EXISTS claim_reviews (
    id            TEXT PRIMARY KEY,
    event_seq     INTEGER NOT NULL REFERENCES events(seq),
    url           TEXT,
    publisher     TEXT,
    claim_reviewed TEXT NOT NULL,
    claim_author  TEXT,
    speaker_slug  TEXT,
    rating        TEXT,
    rating_value  REAL,
    best_rating   REAL,
    worst_rating  REAL,
    date_published TEXT,
    appearances   TEXT NOT NULL DEFAULT '[]',
    source        TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    speaker_id    TEXT,                           -- the author resolved as identity resolves names, at import
    author_surname TEXT
);
CREATE INDEX IF NOT EXISTS claim_reviews_speaker ON claim_reviews(speaker_slug);
CREATE INDEX IF NOT EXISTS claim_reviews_surname ON claim_reviews(author_surname);

CREATE TABLE IF NOT EXISTS claim_review_links (
    review_id     TEXT NOT NULL REFERENCES claim_reviews(id),
    quote_id      TEXT NOT NULL REFERENCES quotes(id),
    article_id    TEXT NOT NULL REFERENCES articles(id),
    score         REAL NOT NULL,
    PRIMARY KEY (review_id, quote_id)
);
CREATE INDEX IF NOT EXISTS claim_review_links_quote ON claim_review_links(quote_id);
CREATE INDEX IF NOT EXISTS claim_review_links_article ON claim_review_links(article_id);

CREATE TABLE IF NOT EXISTS claim_groups (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,                  -- quote or figure
    words         TEXT,
    speaker_id    TEXT REFERENCES speakers(id),
    unit          TEXT,
    first_claim_id TEXT,
    first_article_id TEXT REFERENCES articles(id),
    first_published TEXT,
    claims        INTEGER NOT NULL,
    articles      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_groups_articles ON claim_groups(articles);

CREATE TABLE IF NOT EXISTS claim_group_members (
    claim_id      TEXT PRIMARY KEY,
    group_id      TEXT NOT NULL REFERENCES claim_groups(id),
    article_id    TEXT NOT NULL REFERENCES articles(id),
    kind          TEXT NOT NULL,
    wording_id    INTEGER                         -- quote_wordings.id (quotes with a speaker only)
);
CREATE INDEX IF NOT EXISTS claim_group_members_group ON claim_group_members(group_id, article_id);
CREATE INDEX IF NOT EXISTS claim_group_members_article ON claim_group_members(article_id);
CREATE INDEX IF NOT EXISTS claim_group_members_wording ON claim_group_members(wording_id) WHERE wording_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS claim_group_suggestions (
    claim_id      TEXT NOT NULL,
    group_id      TEXT NOT NULL REFERENCES claim_groups(id),
    score         REAL NOT NULL,
    status        TEXT NOT NULL,                  -- suggested, confirmed, rejected
    event_seq     INTEGER REFERENCES events(seq),
    PRIMARY KEY (claim_id, group_id)
);

CREATE TABLE IF NOT EXISTS claim_group_decisions (
    event_seq     INTEGER PRIMARY KEY REFERENCES events(seq),
    claim_id      TEXT NOT NULL,
    group_id      TEXT NOT NULL,
    decision      TEXT NOT NULL,
    actor         TEXT NOT NULL,
    reason        TEXT
);
CREATE INDEX IF NOT EXISTS claim_group_decisions_claim ON claim_group_decisions(claim_id);

-- One speaker's distinct words (archive/factcheck/wordings.py): every copy of a quote is one
-- wording; a wording's parent is the wording that surely contains it best; a tree is a group.
CREATE TABLE IF NOT EXISTS quote_wordings (
    id            INTEGER PRIMARY KEY,            -- hash of speaker id and normalised words
    speaker_id    TEXT NOT NULL,
    words         TEXT NOT NULL,                  -- normalised tokens
    size          INTEGER NOT NULL,
    parent_id     INTEGER,
    score         REAL,
    group_id      TEXT NOT NULL,
    quotes        INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quote_wordings_parent ON quote_wordings(parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS quote_wording_links (
    wording_id    INTEGER NOT NULL,               -- the smaller wording
    other_id      INTEGER NOT NULL,               -- the one it is likely (not surely) part of
    score         REAL NOT NULL,
    PRIMARY KEY (wording_id, other_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quote_wording_links_other ON quote_wording_links(other_id);

CREATE TABLE IF NOT EXISTS quote_prints (
    print         INTEGER NOT NULL,
    wording_id    INTEGER NOT NULL,
    PRIMARY KEY (print, wording_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS checks (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,                  -- consistent, inconsistent, unclear
    article_ids   TEXT NOT NULL,                  -- JSON list
    figure_ids    TEXT NOT NULL,                  -- JSON list
    explanation   TEXT NOT NULL,
    rule          TEXT NOT NULL,
    article_id    TEXT REFERENCES articles(id),
    group_id      TEXT REFERENCES claim_groups(id)
);
CREATE INDEX IF NOT EXISTS checks_article ON checks(article_id);
CREATE INDEX IF NOT EXISTS checks_group ON checks(group_id);


-- Indexes for the pages at scale: each default sort (sort_desc in metadata.yml, then the key),
-- and the lookups of a speaker's page. Facets and counts read facet_counts (archive/summaries.py).
CREATE INDEX IF NOT EXISTS articles_first_seen ON articles(first_seen DESC, id);
CREATE INDEX IF NOT EXISTS revisions_recorded ON revisions(recorded_at DESC, id);
CREATE INDEX IF NOT EXISTS quotes_published ON quotes(published DESC, id);
CREATE INDEX IF NOT EXISTS figures_published ON figures(published DESC, id);
CREATE INDEX IF NOT EXISTS figures_speaker ON figures(speaker_id, published, article_id, start);
-- claims_on_date (metadata.yml): a month's dates in the query's order, so it reads only the rows shown
CREATE INDEX IF NOT EXISTS dates_day ON dates(value, article_id, paragraph) WHERE dateline = 0;
-- A speaker's row page: Datasette counts the rows of every table pointing at the speaker, and these
-- three were scans (of every speaker, redirect and claim group: 31 ms at 69,000 speakers)
CREATE INDEX IF NOT EXISTS speakers_merged_into ON speakers(merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX IF NOT EXISTS speaker_redirects_target ON speaker_redirects(target_id);
CREATE INDEX IF NOT EXISTS claim_groups_speaker ON claim_groups(speaker_id) WHERE speaker_id IS NOT NULL;

-- The event log's page at scale: how many events of each type and by each actor, and in all, counted
-- by the projections as each event is applied (archive/event_counts.py); no trigger goes on events.
CREATE TABLE IF NOT EXISTS event_counts (
    col           TEXT NOT NULL,                  -- type, actor, or * (every event)
    value         TEXT NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (col, value)
) WITHOUT ROWID;

-- How many quotes each speaker has, kept by triggers on quotes (in ingest and in a replay alike, since
-- they are part of the bare tables a rebuild replays into): speaker identity weighs a speaker by it
-- (archive/speaker_index.py, `_known`) at each decision, which a COUNT(*) over a prolific speaker's
-- quotes made O(quotes) per decision.
CREATE TABLE IF NOT EXISTS speaker_quote_tally (
    speaker_id    TEXT PRIMARY KEY,
    quotes        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS speaker_quote_tally_ai AFTER INSERT ON quotes WHEN new.speaker_id IS NOT NULL BEGIN
    INSERT INTO speaker_quote_tally VALUES (new.speaker_id, 1)
        ON CONFLICT (speaker_id) DO UPDATE SET quotes = quotes + 1;
END;
CREATE TRIGGER IF NOT EXISTS speaker_quote_tally_ad AFTER DELETE ON quotes WHEN old.speaker_id IS NOT NULL BEGIN
    UPDATE speaker_quote_tally SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id;
END;
CREATE TRIGGER IF NOT EXISTS speaker_quote_tally_au AFTER UPDATE OF speaker_id ON quotes
    WHEN old.speaker_id IS NOT new.speaker_id BEGIN
    UPDATE speaker_quote_tally SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id;
    INSERT INTO speaker_quote_tally SELECT new.speaker_id, 1 WHERE new.speaker_id IS NOT NULL
        ON CONFLICT (speaker_id) DO UPDATE SET quotes = quotes + 1;
END;

-- Each distinct wording of a claim once, for its full-text index (archive/db.py, FTS_CONTENT): the wire
-- copies of a story hold the same quotes, figures and dates, and an index entry per copy was a fifth
-- of the archive. A claim row names its wording (words_id, Datasette's fts_pk: metadata.yml); the
-- wording is the words the index reads (the claim's own, its sentence as a span of its text, a
-- quote's speaker, a figure's about), found or added by the triggers below whenever a claim row is
-- added or those words change, and removed with the last row naming it. They are part of the bare
-- tables a rebuild replays into, so both give the same ids.
CREATE TABLE IF NOT EXISTS quote_words (
    id            INTEGER PRIMARY KEY,            -- quotes.words_id; the rowid of quote_words_fts
    text_id       INTEGER REFERENCES texts(id),
    sentence_start INTEGER,
    sentence_end  INTEGER,
    sentence_text TEXT,
    text          TEXT NOT NULL,
    speaker       TEXT
);
CREATE INDEX IF NOT EXISTS quote_words_key ON quote_words(text_id, sentence_start, text);
CREATE INDEX IF NOT EXISTS quotes_words ON quotes(words_id);
CREATE TRIGGER IF NOT EXISTS quotes_words_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_words (text_id, sentence_start, sentence_end, sentence_text, text, speaker)
        SELECT new.text_id, new.sentence_start, new.sentence_end, new.sentence_text, new.text, new.speaker
        WHERE NOT EXISTS (SELECT 1 FROM quote_words w WHERE w.text_id IS new.text_id AND w.sentence_start IS new.sentence_start
            AND w.text = new.text AND w.sentence_end IS new.sentence_end AND w.sentence_text IS new.sentence_text
            AND w.speaker IS new.speaker);
    UPDATE quotes SET words_id = w.id FROM (SELECT id FROM quote_words w WHERE w.text_id IS new.text_id
            AND w.sentence_start IS new.sentence_start AND w.text = new.text AND w.sentence_end IS new.sentence_end
            AND w.sentence_text IS new.sentence_text AND w.speaker IS new.speaker) AS w
        WHERE quotes.rowid = new.rowid AND new.words_id IS NOT w.id;
END;
CREATE TRIGGER IF NOT EXISTS quotes_words_au AFTER UPDATE OF text_id, sentence_start, sentence_end, sentence_text, text, speaker
    ON quotes BEGIN
    INSERT INTO quote_words (text_id, sentence_start, sentence_end, sentence_text, text, speaker)
        SELECT new.text_id, new.sentence_start, new.sentence_end, new.sentence_text, new.text, new.speaker
        WHERE NOT EXISTS (SELECT 1 FROM quote_words w WHERE w.text_id IS new.text_id AND w.sentence_start IS new.sentence_start
            AND w.text = new.text AND w.sentence_end IS new.sentence_end AND w.sentence_text IS new.sentence_text
            AND w.speaker IS new.speaker);
    UPDATE quotes SET words_id = w.id FROM (SELECT id FROM quote_words w WHERE w.text_id IS new.text_id
            AND w.sentence_start IS new.sentence_start AND w.text = new.text AND w.sentence_end IS new.sentence_end
            AND w.sentence_text IS new.sentence_text AND w.speaker IS new.speaker) AS w
        WHERE quotes.rowid = new.rowid AND new.words_id IS NOT w.id;
    DELETE FROM quote_words WHERE id = old.words_id AND NOT EXISTS (SELECT 1 FROM quotes WHERE words_id = old.words_id);
END;
CREATE TRIGGER IF NOT EXISTS quotes_words_ad AFTER DELETE ON quotes BEGIN
    DELETE FROM quote_words WHERE id = old.words_id AND NOT EXISTS (SELECT 1 FROM quotes WHERE words_id = old.words_id);
END;

CREATE TABLE IF NOT EXISTS figure_words (
    id            INTEGER PRIMARY KEY,            -- figures.words_id; the rowid of figure_words_fts
    text_id       INTEGER REFERENCES texts(id),
    sentence_start INTEGER,
    sentence_end  INTEGER,
    sentence_text TEXT,
    text          TEXT NOT NULL,
    about         TEXT
);
CREATE INDEX IF NOT EXISTS figure_words_key ON figure_words(text_id, sentence_start, text);
CREATE INDEX IF NOT EXISTS figures_words ON figures(words_id);
CREATE TRIGGER IF NOT EXISTS figures_words_ai AFTER INSERT ON figures BEGIN
    INSERT INTO figure_words (text_id, sentence_start, sentence_end, sentence_text, text, about)
        SELECT new.text_id, new.sentence_start, new.sentence_end, new.sentence_text, new.text, new.about
        WHERE NOT EXISTS (SELECT 1 FROM figure_words w WHERE w.text_id IS new.text_id AND w.sentence_start IS new.sentence_start
            AND w.text = new.text AND w.sentence_end IS new.sentence_end AND w.sentence_text IS new.sentence_text
            AND w.about IS new.about);
    UPDATE figures SET words_id = w.id FROM (SELECT id FROM figure_words w WHERE w.text_id IS new.text_id
            AND w.sentence_start IS new.sentence_start AND w.text = new.text AND w.sentence_end IS new.sentence_end
            AND w.sentence_text IS new.sentence_text AND w.about IS new.about) AS w
        WHERE figures.rowid = new.rowid AND new.words_id IS NOT w.id;
END;
CREATE TRIGGER IF NOT EXISTS figures_words_au AFTER UPDATE OF text_id, sentence_start, sentence_end, sentence_text, text, about
    ON figures BEGIN
    INSERT INTO figure_words (text_id, sentence_start, sentence_end, sentence_text, text, about)
        SELECT new.text_id, new.sentence_start, new.sentence_end, new.sentence_text, new.text, new.about
        WHERE NOT EXISTS (SELECT 1 FROM figure_words w WHERE w.text_id IS new.text_id AND w.sentence_start IS new.sentence_start
            AND w.text = new.text AND w.sentence_end IS new.sentence_end AND w.sentence_text IS new.sentence_text
            AND w.about IS new.about);
    UPDATE figures SET words_id = w.id FROM (SELECT id FROM figure_words w WHERE w.text_id IS new.text_id
            AND w.sentence_start IS new.sentence_start AND w.text = new.text AND w.sentence_end IS new.sentence_end
            AND w.sentence_text IS new.sentence_text AND w.about IS new.about) AS w
        WHERE figures.rowid = new.rowid AND new.words_id IS NOT w.id;
    DELETE FROM figure_words WHERE id = old.words_id AND NOT EXISTS (SELECT 1 FROM figures WHERE words_id = old.words_id);
END;
CREATE TRIGGER IF NOT EXISTS figures_words_ad AFTER DELETE ON figures BEGIN
    DELETE FROM figure_words WHERE id = old.words_id AND NOT EXISTS (SELECT 1 FROM figures WHERE words_id = old.words_id);
END;

CREATE TABLE IF NOT EXISTS date_words (
    id            INTEGER PRIMARY KEY,            -- dates.words_id; the rowid of date_words_fts
    text_id       INTEGER REFERENCES texts(id),
    sentence_start INTEGER,
    sentence_end  INTEGER,
    sentence_text TEXT,
    text          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS date_words_key ON date_words(text_id, sentence_start, text);
CREATE INDEX IF NOT EXISTS dates_words ON dates(words_id);
CREATE TRIGGER IF NOT EXISTS dates_words_ai AFTER INSERT ON dates BEGIN
    INSERT INTO date_words (text_id, sentence_start, sentence_end, sentence_text, text)
        SELECT new.text_id, new.sentence_start, new.sentence_end, new.sentence_text, new.text
        WHERE NOT EXISTS (SELECT 1 FROM date_words w WHERE w.text_id IS new.text_id AND w.sentence_start IS new.sentence_start
            AND w.text = new.text AND w.sentence_end IS new.sentence_end AND w.sentence_text IS new.sentence_text);
    UPDATE dates SET words_id = w.id FROM (SELECT id FROM date_words w WHERE w.text_id IS new.text_id
            AND w.sentence_start IS new.sentence_start AND w.text = new.text AND w.sentence_end IS new.sentence_end
            AND w.sentence_text IS new.sentence_text) AS w
        WHERE dates.rowid = new.rowid AND new.words_id IS NOT w.id;
END;
CREATE TRIGGER IF NOT EXISTS dates_words_au AFTER UPDATE OF text_id, sentence_start, sentence_end, sentence_text, text
    ON dates BEGIN
    INSERT INTO date_words (text_id, sentence_start, sentence_end, sentence_text, text)
        SELECT new.text_id, new.sentence_start, new.sentence_end, new.sentence_text, new.text
        WHERE NOT EXISTS (SELECT 1 FROM date_words w WHERE w.text_id IS new.text_id AND w.sentence_start IS new.sentence_start
            AND w.text = new.text AND w.sentence_end IS new.sentence_end AND w.sentence_text IS new.sentence_text);
    UPDATE dates SET words_id = w.id FROM (SELECT id FROM date_words w WHERE w.text_id IS new.text_id
            AND w.sentence_start IS new.sentence_start AND w.text = new.text AND w.sentence_end IS new.sentence_end
            AND w.sentence_text IS new.sentence_text) AS w
        WHERE dates.rowid = new.rowid AND new.words_id IS NOT w.id;
    DELETE FROM date_words WHERE id = old.words_id AND NOT EXISTS (SELECT 1 FROM dates WHERE words_id = old.words_id);
END;
CREATE TRIGGER IF NOT EXISTS dates_words_ad AFTER DELETE ON dates BEGIN
    DELETE FROM date_words WHERE id = old.words_id AND NOT EXISTS (SELECT 1 FROM dates WHERE words_id = old.words_id);
END;
