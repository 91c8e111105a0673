-- revision: e83b4f6a1c2
-- down_revision: c71e5a2d9f0
-- message: Add full-text search
-- create_date: 2026-12-07 21:30:00
--
-- Full-text indexes over posts (title, content) and comments (content), one per table and
-- named posts_fts / comments_fts on every back end, so that the schema snapshot shows the
-- same "full-text index" everywhere. No column is added that the Flask models do not know.
--
-- SQLite: FTS5 tables with external content (the text stays in posts and comments only;
-- the FTS5 table keeps the index), the unicode61 tokenizer folding case and diacritics, and
-- triggers that keep them in step with every INSERT, UPDATE and DELETE, whoever writes
-- (the Flask app too). An UPDATE removes the old text before the row changes and adds the
-- new one after, each trigger one statement. The upgrade indexes the existing rows.
-- PostgreSQL: GIN indexes over to_tsvector('simple', ...) expressions: 'simple' folds case
-- and neither stems nor drops stop words. The search must use the same expression.
-- MariaDB/MySQL: InnoDB FULLTEXT indexes (words shorter than innodb_ft_min_token_size,
-- 3 by default, and InnoDB's stop words are not indexed).
-- The downgrade drops only what is there on SQLite and PostgreSQL, so a create_all()
-- database stamped at head (without these objects) still goes down; MySQL 8 has no DROP
-- INDEX IF EXISTS.

-- [upgrade.sqlite]
CREATE VIRTUAL TABLE posts_fts USING fts5(
    title, content, content='posts', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE comments_fts USING fts5(
    content, content='comments', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_fts_after_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
CREATE TRIGGER posts_fts_before_update BEFORE UPDATE OF id, title, content ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, content)
        VALUES ('delete', old.id, old.title, old.content);
END;
CREATE TRIGGER posts_fts_after_update AFTER UPDATE OF id, title, content ON posts BEGIN
    INSERT INTO posts_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
CREATE TRIGGER posts_fts_after_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, content)
        VALUES ('delete', old.id, old.title, old.content);
END;
CREATE TRIGGER comments_fts_after_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER comments_fts_before_update BEFORE UPDATE OF id, content ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER comments_fts_after_update AFTER UPDATE OF id, content ON comments BEGIN
    INSERT INTO comments_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER comments_fts_after_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');
INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');

-- [upgrade.postgresql]
CREATE INDEX posts_fts ON posts USING gin (to_tsvector('simple', title || ' ' || content));
CREATE INDEX comments_fts ON comments USING gin (to_tsvector('simple', content));

-- [upgrade.mysql]
CREATE FULLTEXT INDEX posts_fts ON posts (title, content);
CREATE FULLTEXT INDEX comments_fts ON comments (content);

-- [downgrade.sqlite]
DROP TRIGGER IF EXISTS comments_fts_after_delete;
DROP TRIGGER IF EXISTS comments_fts_after_update;
DROP TRIGGER IF EXISTS comments_fts_before_update;
DROP TRIGGER IF EXISTS comments_fts_after_insert;
DROP TRIGGER IF EXISTS posts_fts_after_delete;
DROP TRIGGER IF EXISTS posts_fts_after_update;
DROP TRIGGER IF EXISTS posts_fts_before_update;
DROP TRIGGER IF EXISTS posts_fts_after_insert;
DROP TABLE IF EXISTS comments_fts;
DROP TABLE IF EXISTS posts_fts;

-- [downgrade.postgresql]
DROP INDEX IF EXISTS comments_fts;
DROP INDEX IF EXISTS posts_fts;

-- [downgrade.mysql]
-- The first FULLTEXT index gave each table a hidden FTS_DOC_ID column, which outlives the
-- index; rebuilding the tables removes it. Without that, a FULLTEXT index made again later
-- (upgrading once more) finds nothing in MariaDB 10.11.
DROP INDEX comments_fts ON comments;
DROP INDEX posts_fts ON posts;
ALTER TABLE comments FORCE;
ALTER TABLE posts FORCE;
