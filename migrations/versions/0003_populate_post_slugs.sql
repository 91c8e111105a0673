-- revision: bf2038b7def
-- down_revision: ae1027a6acf
-- message: Populate post slugs
-- create_date: 2024-01-20 16:45:00
--
-- The guide's data migration: every post without a slug gets one made from its title by the
-- guide's slugify() (a "-2", "-3"... suffix keeps them unique), then posts.slug becomes
-- NOT NULL as in the Post model. SQLite cannot change a column's nullability in place, so
-- the table is rebuilt: the engine turns foreign keys off around the revision (dropping posts
-- would otherwise cascade) and runs PRAGMA foreign_key_check before committing, so no
-- comment or tag link is lost. The rows wait in a backup table while posts is created again
-- under its own name (no RENAME), so the stored schema reads exactly as Flask-SQLAlchemy
-- writes it. The downgrade keeps the slugs (as the guide's does) and makes the column
-- nullable again.

-- [upgrade.sqlite]
@step populate_post_slugs;
CREATE TABLE _posts_backup AS SELECT id, title, content, slug, is_published, published_at, created_at, updated_at, user_id FROM posts;
DROP TABLE posts;
CREATE TABLE posts (
    id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    content TEXT NOT NULL,
    slug VARCHAR(200) NOT NULL,
    is_published BOOLEAN,
    published_at DATETIME,
    created_at DATETIME,
    updated_at DATETIME,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id)
);
INSERT INTO posts (id, title, content, slug, is_published, published_at, created_at, updated_at, user_id)
    SELECT id, title, content, slug, is_published, published_at, created_at, updated_at, user_id FROM _posts_backup;
DROP TABLE _posts_backup;
CREATE UNIQUE INDEX ix_posts_slug ON posts (slug);
CREATE INDEX ix_posts_user_id ON posts (user_id);

-- [upgrade.postgresql]
@step populate_post_slugs;
ALTER TABLE posts ALTER COLUMN slug SET NOT NULL;

-- [upgrade.mysql]
@step populate_post_slugs;
ALTER TABLE posts MODIFY slug VARCHAR(200) NOT NULL;

-- [downgrade.sqlite]
CREATE TABLE _posts_backup AS SELECT id, title, content, slug, is_published, published_at, created_at, updated_at, user_id FROM posts;
DROP TABLE posts;
CREATE TABLE posts (
    id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    content TEXT NOT NULL,
    slug VARCHAR(200),
    is_published BOOLEAN,
    published_at DATETIME,
    created_at DATETIME,
    updated_at DATETIME,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id)
);
INSERT INTO posts (id, title, content, slug, is_published, published_at, created_at, updated_at, user_id)
    SELECT id, title, content, slug, is_published, published_at, created_at, updated_at, user_id FROM _posts_backup;
DROP TABLE _posts_backup;
CREATE UNIQUE INDEX ix_posts_slug ON posts (slug);
CREATE INDEX ix_posts_user_id ON posts (user_id);

-- [downgrade.postgresql]
ALTER TABLE posts ALTER COLUMN slug DROP NOT NULL;

-- [downgrade.mysql]
ALTER TABLE posts MODIFY slug VARCHAR(200) NULL;
