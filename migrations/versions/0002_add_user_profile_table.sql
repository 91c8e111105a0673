-- revision: ae1027a6acf
-- down_revision: 5678abcd
-- message: Add user profile table
-- create_date: 2024-01-15 10:30:00
--
-- One profile per user: the UNIQUE constraint on user_id makes the relationship one-to-one.

-- [upgrade.sqlite]
CREATE TABLE profiles (
    id INTEGER NOT NULL,
    bio TEXT,
    avatar_url VARCHAR(500),
    website VARCHAR(200),
    location VARCHAR(100),
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id),
    UNIQUE (user_id)
);
CREATE INDEX ix_profiles_user_id ON profiles (user_id);

-- [upgrade.postgresql]
CREATE TABLE profiles (
    id SERIAL NOT NULL,
    bio TEXT,
    avatar_url VARCHAR(500),
    website VARCHAR(200),
    location VARCHAR(100),
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id),
    UNIQUE (user_id)
);
CREATE INDEX ix_profiles_user_id ON profiles (user_id);

-- [upgrade.mysql]
CREATE TABLE profiles (
    id INTEGER NOT NULL AUTO_INCREMENT,
    bio LONGTEXT,
    avatar_url VARCHAR(500),
    website VARCHAR(200),
    location VARCHAR(100),
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id),
    UNIQUE (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_profiles_user_id ON profiles (user_id);

-- [downgrade]
-- Dropping the table drops its indexes too; a database that db.create_all() made has no
-- ix_profiles_user_id, so naming the index here would fail on it.
DROP TABLE profiles;
