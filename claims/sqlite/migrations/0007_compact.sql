-- Storage near the size of the text. The passages' words are in the
-- full-text index (contentless: it keeps no copy), so their rows keep
-- only what a hit needs (claim, article, attribution, block). Articles'
-- text and document are stored zlib-compressed as BLOBs by this
-- migration's Go step and by Ingest (claims/sqlite/pack.go); a TEXT
-- value is an older, plain one and reads as it is.
ALTER TABLE passages DROP COLUMN source;
ALTER TABLE passages DROP COLUMN cue;
ALTER TABLE passages DROP COLUMN content;
ALTER TABLE passages DROP COLUMN context;
