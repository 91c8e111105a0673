-- revision: c71e5a2d9f0
-- down_revision: bf2038b7def
-- message: Add browse indexes
-- create_date: 2026-12-07 21:30:00
--
-- Indexes for the sorts, filters and relations BlogDesk's views use, so that each becomes an
-- index walk instead of a scan of a table that has millions of rows. The same list, with what
-- each speeds up, is migrations/schema/BrowseIndexList (offered by the migrations panel on a
-- database under another history); test_queryplans checks the plans on all three back ends.
-- Every index ends in the row id: the views page by keyset (ORDER BY k, id) and PostgreSQL's
-- btree keeps equal keys in no id order (SQLite and InnoDB append the row id anyway).
--
--   comments (post_id, id)    the thread dock, the Related dock, "comments on this post"
--   comments (parent_id, id)  the thread's recursion, "replies to this comment", top-level
--   comments (user_id, id)    "comments by this user", comments sorted by author
--   comments (created_at, id) comments sorted or filtered by date (the busiest table)
--   posts (created_at, id)    posts sorted or filtered by date
--   posts (user_id, id)       "posts by this author" paged by id on PostgreSQL; on SQLite and
--                             InnoDB ix_posts_user_id already does it and this one repeats it,
--                             kept so one schema holds on every back end
--   users (created_at, id)    users sorted or filtered by date (writes are rare)
--   post_tags (tag_id, post_id)  "posts with this tag" (the key starts with post_id)
--
-- Each index costs the Flask app's writes one more b-tree entry per row; left out for that:
-- posts.title/published_at/updated_at, users.last_login/updated_at/deleted_at/is_active,
-- posts.is_published and every text column (a substring filter cannot use a btree).
--
-- MySQL: InnoDB made an index for each foreign key (named after its column); a new index
-- that covers the foreign key replaces it in the same ALTER, and the downgrade puts it back
-- the same way (an index a foreign key needs cannot be dropped while it is the only one).

-- [upgrade.sqlite]
CREATE INDEX ix_comments_post_id ON comments (post_id, id);
CREATE INDEX ix_comments_parent_id ON comments (parent_id, id);
CREATE INDEX ix_comments_user_id ON comments (user_id, id);
CREATE INDEX ix_comments_created_at ON comments (created_at, id);
CREATE INDEX ix_posts_created_at ON posts (created_at, id);
CREATE INDEX ix_posts_user_id_id ON posts (user_id, id);
CREATE INDEX ix_users_created_at ON users (created_at, id);
CREATE INDEX ix_post_tags_tag_id ON post_tags (tag_id, post_id);

-- [upgrade.postgresql]
CREATE INDEX ix_comments_post_id ON comments (post_id, id);
CREATE INDEX ix_comments_parent_id ON comments (parent_id, id);
CREATE INDEX ix_comments_user_id ON comments (user_id, id);
CREATE INDEX ix_comments_created_at ON comments (created_at, id);
CREATE INDEX ix_posts_created_at ON posts (created_at, id);
CREATE INDEX ix_posts_user_id_id ON posts (user_id, id);
CREATE INDEX ix_users_created_at ON users (created_at, id);
CREATE INDEX ix_post_tags_tag_id ON post_tags (tag_id, post_id);

-- [upgrade.mysql]
ALTER TABLE comments ADD INDEX ix_comments_post_id (post_id, id), DROP INDEX post_id;
ALTER TABLE comments ADD INDEX ix_comments_parent_id (parent_id, id), DROP INDEX parent_id;
ALTER TABLE comments ADD INDEX ix_comments_user_id (user_id, id), DROP INDEX user_id;
CREATE INDEX ix_comments_created_at ON comments (created_at, id);
CREATE INDEX ix_posts_created_at ON posts (created_at, id);
CREATE INDEX ix_posts_user_id_id ON posts (user_id, id);
CREATE INDEX ix_users_created_at ON users (created_at, id);
ALTER TABLE post_tags ADD INDEX ix_post_tags_tag_id (tag_id, post_id), DROP INDEX tag_id;

-- [downgrade.sqlite]
DROP INDEX ix_post_tags_tag_id;
DROP INDEX ix_users_created_at;
DROP INDEX ix_posts_user_id_id;
DROP INDEX ix_posts_created_at;
DROP INDEX ix_comments_created_at;
DROP INDEX ix_comments_user_id;
DROP INDEX ix_comments_parent_id;
DROP INDEX ix_comments_post_id;

-- [downgrade.postgresql]
DROP INDEX ix_post_tags_tag_id;
DROP INDEX ix_users_created_at;
DROP INDEX ix_posts_user_id_id;
DROP INDEX ix_posts_created_at;
DROP INDEX ix_comments_created_at;
DROP INDEX ix_comments_user_id;
DROP INDEX ix_comments_parent_id;
DROP INDEX ix_comments_post_id;

-- [downgrade.mysql]
ALTER TABLE post_tags ADD INDEX tag_id (tag_id), DROP INDEX ix_post_tags_tag_id;
DROP INDEX ix_users_created_at ON users;
DROP INDEX ix_posts_user_id_id ON posts;
DROP INDEX ix_posts_created_at ON posts;
DROP INDEX ix_comments_created_at ON comments;
ALTER TABLE comments ADD INDEX user_id (user_id), DROP INDEX ix_comments_user_id;
ALTER TABLE comments ADD INDEX parent_id (parent_id), DROP INDEX ix_comments_parent_id;
ALTER TABLE comments ADD INDEX post_id (post_id), DROP INDEX ix_comments_post_id;
