-- revision: 5678abcd
-- down_revision:
-- message: Initial schema
-- create_date: 2024-01-10 09:00:00
--
-- The guide's models as Flask-SQLAlchemy creates them, plus users.last_login (bulk update
-- example) and users.deleted_at (soft delete). posts.slug starts nullable: the slugs are
-- filled in by revision bf2038b7def, which then makes the column NOT NULL.
-- Defaults such as is_active=True live in the application (as in the Flask models), not in
-- the schema.

-- [upgrade.sqlite]
CREATE TABLE users (
    id INTEGER NOT NULL,
    username VARCHAR(80) NOT NULL,
    email VARCHAR(120) NOT NULL,
    password_hash VARCHAR(256) NOT NULL,
    is_active BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME,
    last_login DATETIME,
    deleted_at DATETIME,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_users_username ON users (username);
CREATE UNIQUE INDEX ix_users_email ON users (email);
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
CREATE UNIQUE INDEX ix_posts_slug ON posts (slug);
CREATE INDEX ix_posts_user_id ON posts (user_id);
CREATE TABLE tags (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    slug VARCHAR(50) NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_tags_name ON tags (name);
CREATE UNIQUE INDEX ix_tags_slug ON tags (slug);
CREATE TABLE post_tags (
    post_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    created_at DATETIME,
    PRIMARY KEY (post_id, tag_id),
    FOREIGN KEY(post_id) REFERENCES posts (id),
    FOREIGN KEY(tag_id) REFERENCES tags (id)
);
CREATE TABLE comments (
    id INTEGER NOT NULL,
    content TEXT NOT NULL,
    created_at DATETIME,
    user_id INTEGER NOT NULL,
    post_id INTEGER NOT NULL,
    parent_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id),
    FOREIGN KEY(post_id) REFERENCES posts (id),
    FOREIGN KEY(parent_id) REFERENCES comments (id)
);

-- [upgrade.postgresql]
CREATE TABLE users (
    id SERIAL NOT NULL,
    username VARCHAR(80) NOT NULL,
    email VARCHAR(120) NOT NULL,
    password_hash VARCHAR(256) NOT NULL,
    is_active BOOLEAN NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE,
    last_login TIMESTAMP WITHOUT TIME ZONE,
    deleted_at TIMESTAMP WITHOUT TIME ZONE,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_users_username ON users (username);
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE TABLE posts (
    id SERIAL NOT NULL,
    title VARCHAR(200) NOT NULL,
    content TEXT NOT NULL,
    slug VARCHAR(200),
    is_published BOOLEAN,
    published_at TIMESTAMP WITHOUT TIME ZONE,
    created_at TIMESTAMP WITHOUT TIME ZONE,
    updated_at TIMESTAMP WITHOUT TIME ZONE,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id)
);
CREATE UNIQUE INDEX ix_posts_slug ON posts (slug);
CREATE INDEX ix_posts_user_id ON posts (user_id);
CREATE TABLE tags (
    id SERIAL NOT NULL,
    name VARCHAR(50) NOT NULL,
    slug VARCHAR(50) NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_tags_name ON tags (name);
CREATE UNIQUE INDEX ix_tags_slug ON tags (slug);
CREATE TABLE post_tags (
    post_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE,
    PRIMARY KEY (post_id, tag_id),
    FOREIGN KEY(post_id) REFERENCES posts (id),
    FOREIGN KEY(tag_id) REFERENCES tags (id)
);
CREATE TABLE comments (
    id SERIAL NOT NULL,
    content TEXT NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE,
    user_id INTEGER NOT NULL,
    post_id INTEGER NOT NULL,
    parent_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id),
    FOREIGN KEY(post_id) REFERENCES posts (id),
    FOREIGN KEY(parent_id) REFERENCES comments (id)
);

-- [upgrade.mysql]
-- LONGTEXT because MySQL's TEXT stops at 64 KB; DATETIME(6) keeps the microseconds that
-- SQLAlchemy writes; utf8mb4_bin so that names differing only by case or accent stay distinct
-- (as on SQLite and PostgreSQL).
CREATE TABLE users (
    id INTEGER NOT NULL AUTO_INCREMENT,
    username VARCHAR(80) NOT NULL,
    email VARCHAR(120) NOT NULL,
    password_hash VARCHAR(256) NOT NULL,
    is_active BOOL NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6),
    last_login DATETIME(6),
    deleted_at DATETIME(6),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX ix_users_username ON users (username);
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE TABLE posts (
    id INTEGER NOT NULL AUTO_INCREMENT,
    title VARCHAR(200) NOT NULL,
    content LONGTEXT NOT NULL,
    slug VARCHAR(200),
    is_published BOOL,
    published_at DATETIME(6),
    created_at DATETIME(6),
    updated_at DATETIME(6),
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX ix_posts_slug ON posts (slug);
CREATE INDEX ix_posts_user_id ON posts (user_id);
CREATE TABLE tags (
    id INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(50) NOT NULL,
    slug VARCHAR(50) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX ix_tags_name ON tags (name);
CREATE UNIQUE INDEX ix_tags_slug ON tags (slug);
CREATE TABLE post_tags (
    post_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    created_at DATETIME(6),
    PRIMARY KEY (post_id, tag_id),
    FOREIGN KEY(post_id) REFERENCES posts (id),
    FOREIGN KEY(tag_id) REFERENCES tags (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE comments (
    id INTEGER NOT NULL AUTO_INCREMENT,
    content LONGTEXT NOT NULL,
    created_at DATETIME(6),
    user_id INTEGER NOT NULL,
    post_id INTEGER NOT NULL,
    parent_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id),
    FOREIGN KEY(post_id) REFERENCES posts (id),
    FOREIGN KEY(parent_id) REFERENCES comments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- [downgrade]
DROP TABLE comments;
DROP TABLE post_tags;
DROP TABLE tags;
DROP TABLE posts;
DROP TABLE users;
