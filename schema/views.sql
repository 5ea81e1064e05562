-- Views over the derived tables: lists that may exceed Datasette's 1,000-row query limit page here.

-- Each claim with its sentence, read from the text it was extracted from (stored once in texts
-- however many copies of a wire story share it: archive/sentences.py).
CREATE VIEW IF NOT EXISTS quote_sentences AS
SELECT q.rowid AS rowid, q.id, q.article_id, q.text, q.speaker,
       coalesce(q.sentence_text, substr(t.text, q.sentence_start + 1, q.sentence_end - q.sentence_start)) AS sentence
FROM quotes q LEFT JOIN texts t ON t.id = q.text_id;

CREATE VIEW IF NOT EXISTS figure_sentences AS
SELECT f.rowid AS rowid, f.id, f.article_id, f.text, f.about,
       coalesce(f.sentence_text, substr(t.text, f.sentence_start + 1, f.sentence_end - f.sentence_start)) AS sentence
FROM figures f LEFT JOIN texts t ON t.id = f.text_id;

CREATE VIEW IF NOT EXISTS date_sentences AS
SELECT d.rowid AS rowid, d.id, d.article_id, d.text,
       coalesce(d.sentence_text, substr(t.text, d.sentence_start + 1, d.sentence_end - d.sentence_start)) AS sentence
FROM dates d LEFT JOIN texts t ON t.id = d.text_id;

-- Each distinct wording of a claim with its sentence (schema/tables.sql: quote_words and its
-- neighbours): what the claims' full-text indexes read, once for every copy of a wire story.
CREATE VIEW IF NOT EXISTS quote_words_view AS
SELECT w.id AS rowid, w.text, w.speaker,
       coalesce(w.sentence_text, substr(t.text, w.sentence_start + 1, w.sentence_end - w.sentence_start)) AS sentence
FROM quote_words w LEFT JOIN texts t ON t.id = w.text_id;

CREATE VIEW IF NOT EXISTS figure_words_view AS
SELECT w.id AS rowid, w.text, w.about,
       coalesce(w.sentence_text, substr(t.text, w.sentence_start + 1, w.sentence_end - w.sentence_start)) AS sentence
FROM figure_words w LEFT JOIN texts t ON t.id = w.text_id;

CREATE VIEW IF NOT EXISTS date_words_view AS
SELECT w.id AS rowid, w.text,
       coalesce(w.sentence_text, substr(t.text, w.sentence_start + 1, w.sentence_end - w.sentence_start)) AS sentence
FROM date_words w LEFT JOIN texts t ON t.id = w.text_id;

-- Every quote with its speaker and article, newest first.
CREATE VIEW IF NOT EXISTS speaker_quotes AS
SELECT q.id AS quote_id, s.id AS speaker_id, s.name AS speaker, s.kind AS speaker_kind,
       q.kind, q.text, q.cue, a.outlet, a.published, a.month, a.title, a.id AS article_id
FROM quotes q
JOIN speakers s ON s.id = q.speaker_id
JOIN articles a ON a.id = q.article_id;

-- One row per claim of any kind, so an article's claims read as one list.
CREATE VIEW IF NOT EXISTS claims AS
SELECT 'quote' AS claim, id, article_id, revision, text, speaker, NULL AS value, kind AS detail, paragraph, start, "end",
       coalesce(sentence_text, (SELECT substr(t.text, sentence_start + 1, sentence_end - sentence_start) FROM texts t
                                WHERE t.id = quotes.text_id)) AS sentence FROM quotes
UNION ALL
SELECT 'figure', id, article_id, revision, text, (SELECT name FROM speakers WHERE id = figures.speaker_id), value, unit, paragraph, start, "end",
       coalesce(sentence_text, (SELECT substr(t.text, sentence_start + 1, sentence_end - sentence_start) FROM texts t
                                WHERE t.id = figures.text_id)) FROM figures
UNION ALL
SELECT 'date', id, article_id, revision, text, NULL, value, precision, paragraph, start, "end",
       coalesce(sentence_text, (SELECT substr(t.text, sentence_start + 1, sentence_end - sentence_start) FROM texts t
                                WHERE t.id = dates.text_id)) FROM dates;

-- Each date joined to the quotes and figures of its paragraph: every claim about a day. (Joined to
-- the tables themselves, not to the claims view, so each branch reads the paragraph's claims
-- through an index instead of materialising every claim.)
CREATE VIEW IF NOT EXISTS claims_by_date AS
SELECT d.value AS date, d.precision, d.text AS date_text, 'quote' AS claim, q.id AS claim_id, q.text,
       q.speaker, NULL AS value, d.article_id, d.paragraph,
       coalesce(d.sentence_text, (SELECT substr(t.text, d.sentence_start + 1, d.sentence_end - d.sentence_start)
                                  FROM texts t WHERE t.id = d.text_id)) AS sentence
FROM dates d JOIN quotes q ON q.article_id = d.article_id AND q.paragraph = d.paragraph
WHERE d.dateline = 0
UNION ALL
SELECT d.value, d.precision, d.text, 'figure', f.id, f.text, (SELECT name FROM speakers WHERE id = f.speaker_id),
       f.value, d.article_id, d.paragraph,
       coalesce(d.sentence_text, (SELECT substr(t.text, d.sentence_start + 1, d.sentence_end - d.sentence_start)
                                  FROM texts t WHERE t.id = d.text_id))
FROM dates d JOIN figures f ON f.article_id = d.article_id AND f.paragraph = d.paragraph
WHERE d.dateline = 0;
