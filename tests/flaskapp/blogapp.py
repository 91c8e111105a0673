#!/usr/bin/python3
"""The blog of seed/flask-sqlalchemy-guide.md, as a compatibility oracle.

BlogDesk must open what this app creates and this app must load what BlogDesk
writes. TestFlaskCompat runs it with Debian's python3-flask-sqlalchemy and
python3-flask-migrate (/usr/bin/python3, not a virtualenv) against a temporary
database:

    DATABASE_URL=sqlite:////tmp/x/blog.db blogapp.py create
    DATABASE_URL=... blogapp.py read --password password
    DATABASE_URL=... blogapp.py migrate-init DIR
    DATABASE_URL=... blogapp.py churn --stop-file PATH [--max-seconds S]

DATABASE_URL may also name a database on the PostgreSQL or MariaDB test
servers: postgresql://... (python3-psycopg2) or mysql+pymysql://...
(python3-pymysql; a plain mysql:// would ask for MySQLdb).

Every command prints one JSON object on stdout; errors go to stderr with exit
code 1. The models are the guide's, column for column, plus users.last_login
(the guide's bulk update example) and users.deleted_at (its soft-delete mixin).
"""

import argparse
import contextlib
import json
import os
import random
import re
import sys
import time
import traceback
from datetime import datetime

# The guide's models rely on SQLAlchemy 1.4 behaviour (backref cascades) that
# 1.4 announces on stderr in one long warning; it is noise here, not a finding.
os.environ.setdefault('SQLALCHEMY_SILENCE_UBER_WARNING', '1')

import sqlalchemy as sa  # noqa: E402
from flask import Flask  # noqa: E402
from flask_migrate import Migrate  # noqa: E402
from flask_sqlalchemy import SQLAlchemy  # noqa: E402
from werkzeug.security import (  # noqa: E402
    check_password_hash,
    generate_password_hash,
)

db = SQLAlchemy()
migrate_extension = Migrate()


class User(db.Model):
    """User model representing the users table"""

    __tablename__ = 'users'

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(
        db.String(80), unique=True, nullable=False, index=True
    )
    email = db.Column(db.String(120), unique=True, nullable=False, index=True)
    password_hash = db.Column(db.String(256), nullable=False)
    is_active = db.Column(db.Boolean, default=True, nullable=False)
    created_at = db.Column(
        db.DateTime, default=datetime.utcnow, nullable=False
    )
    updated_at = db.Column(
        db.DateTime, default=datetime.utcnow, onupdate=datetime.utcnow
    )
    # Used by the guide's deactivate_old_users() bulk update.
    last_login = db.Column(db.DateTime, nullable=True)
    # The guide's SoftDeleteMixin column.
    deleted_at = db.Column(db.DateTime, nullable=True)

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def __repr__(self):
        return f'<User {self.username}>'


class Post(db.Model):
    """Blog post model with user relationship"""

    __tablename__ = 'posts'

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    content = db.Column(db.Text, nullable=False)
    slug = db.Column(db.String(200), unique=True, nullable=False, index=True)
    is_published = db.Column(db.Boolean, default=False)
    published_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)
    updated_at = db.Column(
        db.DateTime, default=datetime.utcnow, onupdate=datetime.utcnow
    )
    user_id = db.Column(
        db.Integer, db.ForeignKey('users.id'), nullable=False, index=True
    )

    author = db.relationship(
        'User',
        backref=db.backref(
            'posts', lazy='dynamic', cascade='all, delete-orphan'
        ),
    )

    def __repr__(self):
        return f'<Post {self.title[:30]}>'

    def publish(self):
        self.is_published = True
        self.published_at = datetime.utcnow()


post_tags = db.Table(
    'post_tags',
    db.Column(
        'post_id', db.Integer, db.ForeignKey('posts.id'), primary_key=True
    ),
    db.Column(
        'tag_id', db.Integer, db.ForeignKey('tags.id'), primary_key=True
    ),
    db.Column('created_at', db.DateTime, default=datetime.utcnow),
)


class Tag(db.Model):
    """Tag model for categorizing posts"""

    __tablename__ = 'tags'

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), unique=True, nullable=False, index=True)
    slug = db.Column(db.String(50), unique=True, nullable=False, index=True)

    posts = db.relationship(
        'Post',
        secondary=post_tags,
        lazy='dynamic',
        backref=db.backref('tags', lazy='dynamic'),
    )

    def __repr__(self):
        return f'<Tag {self.name}>'


class Profile(db.Model):
    """User profile with additional information"""

    __tablename__ = 'profiles'

    id = db.Column(db.Integer, primary_key=True)
    bio = db.Column(db.Text)
    avatar_url = db.Column(db.String(500))
    website = db.Column(db.String(200))
    location = db.Column(db.String(100))
    user_id = db.Column(
        db.Integer, db.ForeignKey('users.id'), unique=True, nullable=False
    )

    user = db.relationship(
        'User',
        backref=db.backref(
            'profile', uselist=False, cascade='all, delete-orphan'
        ),
    )

    def __repr__(self):
        return f'<Profile for user_id={self.user_id}>'


class Comment(db.Model):
    """Comment model with self-referential relationship for replies"""

    __tablename__ = 'comments'

    id = db.Column(db.Integer, primary_key=True)
    content = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)
    user_id = db.Column(db.Integer, db.ForeignKey('users.id'), nullable=False)
    post_id = db.Column(db.Integer, db.ForeignKey('posts.id'), nullable=False)
    parent_id = db.Column(
        db.Integer, db.ForeignKey('comments.id'), nullable=True
    )

    author = db.relationship('User', backref='comments')
    post = db.relationship(
        'Post', backref=db.backref('comments', lazy='dynamic')
    )
    replies = db.relationship(
        'Comment',
        backref=db.backref('parent', remote_side=[id]),
        lazy='dynamic',
    )

    def __repr__(self):
        return f'<Comment {self.id} by user {self.user_id}>'


MODELS = (User, Profile, Post, Tag, Comment)


def slugify(text):
    """The guide's slugify() from its data migration."""
    text = text.lower().strip()
    text = re.sub(r'[^\w\s-]', '', text)
    text = re.sub(r'[\s_-]+', '-', text)
    return text


def create_app():
    url = os.environ.get('DATABASE_URL')
    if not url:
        raise SystemExit('blogapp.py: set DATABASE_URL to a SQLAlchemy URL')
    app = Flask(__name__)
    app.config['SQLALCHEMY_DATABASE_URI'] = url
    app.config['SQLALCHEMY_TRACK_MODIFICATIONS'] = False
    db.init_app(app)
    migrate_extension.init_app(app, db)
    return app


def iso(value):
    return value.isoformat() if value is not None else None


def table_counts():
    counts = {model.__tablename__: model.query.count() for model in MODELS}
    counts['post_tags'] = db.session.execute(
        sa.select(sa.func.count()).select_from(post_tags)
    ).scalar_one()
    return counts


# --- create ---------------------------------------------------------------


def add_user(username, active=True):
    user = User(
        username=username, email=f'{username}@example.com', is_active=active
    )
    user.set_password(f'secret-{username}')
    db.session.add(user)
    return user


def add_post(author, title, content, published_at=None):
    post = Post(
        author=author, title=title, content=content, slug=slugify(title)
    )
    if published_at is not None:
        post.is_published = True
        post.published_at = published_at
    db.session.add(post)
    return post


def populate_blog():
    """The rows `create` adds: every kind of value the schema can hold."""
    alice = add_user('alice')
    bob = add_user('bob')
    carol = add_user('carol', active=False)
    alice.last_login = datetime(2024, 1, 15, 10, 30, 0, 123456)
    # A whole second: SQLAlchemy still writes ".000000".
    carol.deleted_at = datetime(2024, 2, 1, 12, 0, 0)
    alice.profile = Profile(
        bio='Writes about Flask.',
        avatar_url='https://example.com/alice.png',
        website='https://example.com/~alice',
        location='Berlin',
    )
    first = add_post(
        alice,
        'Getting started with Flask',
        'Flask is a micro framework.\nIt grows with you.',
        published_at=datetime(2024, 1, 15, 10, 30, 0, 654321),
    )
    unicode_post = add_post(
        bob,
        'Über café ünïcödé',
        'Ünïcödé content: 日本語 ✓',
        datetime(2024, 1, 16),
    )
    draft = add_post(alice, 'Draft notes', 'Not finished yet.')
    python = Tag(name='Python', slug='python')
    flask = Tag(name='Flask', slug='flask')
    db.session.add_all([python, flask, Tag(name='Unused', slug='unused')])
    first.tags.append(python)
    first.tags.append(flask)
    unicode_post.tags.append(python)
    db.session.flush()
    top = Comment(content='Great post!', author=bob, post=first)
    reply = Comment(
        content='Thanks, Bob.', author=alice, post=first, parent=top
    )
    nested = Comment(
        content='A reply to a reply.', author=carol, post=first, parent=reply
    )
    other = Comment(content='Ça marche ✓', author=alice, post=unicode_post)
    db.session.add_all([top, reply, nested, other])
    db.session.commit()
    return {
        'first_post': first,
        'unicode_post': unicode_post,
        'draft': draft,
        'thread': [top, reply, nested],
    }


def command_create(_args):
    db.create_all()
    made = populate_blog()
    first = made['first_post']
    unicode_post = made['unicode_post']
    draft = made['draft']
    return {
        'counts': table_counts(),
        'users': [
            {
                'id': user.id,
                'username': user.username,
                'is_active': user.is_active,
                'password': f'secret-{user.username}',
            }
            for user in User.query.order_by(User.id)
        ],
        'first_post': {
            'id': first.id,
            'title': first.title,
            'slug': first.slug,
            'published_at': iso(first.published_at),
        },
        'unicode_post': {
            'id': unicode_post.id,
            'title': unicode_post.title,
            'slug': unicode_post.slug,
            'content': unicode_post.content,
        },
        'draft': {
            'id': draft.id,
            'slug': draft.slug,
            'is_published': draft.is_published,
            'published_at': iso(draft.published_at),
        },
        'thread': [
            {'id': c.id, 'parent_id': c.parent_id} for c in made['thread']
        ],
    }


# --- read -----------------------------------------------------------------


def touch_columns(obj):
    """Reads every mapped column: an unconvertible value raises here."""
    for column in obj.__table__.columns:
        getattr(obj, column.key)


def load_everything():
    """Loads every row and follows every relationship, as pages would."""
    loaded = {}
    for model in MODELS:
        rows = model.query.all()
        for row in rows:
            touch_columns(row)
        loaded[model.__tablename__] = rows
    for user in loaded['users']:
        user.posts.all()
        user.profile
        user.comments
    for post in loaded['posts']:
        post.author.username
        post.tags.all()
        post.comments.all()
    for tag in loaded['tags']:
        tag.posts.all()
    for profile in loaded['profiles']:
        profile.user.username
    for comment in loaded['comments']:
        comment.author.username
        comment.post.title
        comment.parent
        comment.replies.all()
    # post_tags has no model: its typed table converts created_at on load.
    loaded['post_tags'] = db.session.execute(post_tags.select()).all()
    return loaded


def stored_format_problems():
    """Stored values that SQLAlchemy would not have written itself.

    On SQLite, DATETIME and BOOLEAN are text and integers that SQLAlchemy
    converts on load. A value it can parse but would not have written (three
    fraction digits, 'true') is silently misread, so each stored value must be
    exactly what SQLAlchemy writes for the value it reads back.
    """
    dialect = db.engine.dialect
    if dialect.name != 'sqlite':
        return []
    problems = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.DateTime):
                raw_type = sa.String
            elif isinstance(column.type, sa.Boolean):
                raw_type = sa.Integer
            else:
                continue
            write = column.type.dialect_impl(dialect).bind_processor(dialect)
            query = sa.select(column, sa.type_coerce(column, raw_type))
            for value, raw in db.session.execute(query):
                expected = write(value) if write else value
                if raw != expected:
                    problems.append(
                        f'{table.name}.{column.name}: stored {raw!r}, '
                        f'SQLAlchemy writes {expected!r}'
                    )
    return problems


def command_read(args):
    loaded = load_everything()
    problems = stored_format_problems()
    if problems:
        raise ValueError('; '.join(problems[:5]))
    users = loaded['users']
    checked = sum(1 for user in users if user.check_password(args.password))
    posts = sorted(loaded['posts'], key=lambda post: post.id)
    return {
        'counts': {table: len(rows) for table, rows in loaded.items()},
        'passwords_checked': checked,
        'active_users': sum(1 for user in users if user.is_active),
        'published_posts': sum(1 for post in posts if post.is_published),
        'top_level_comments': sum(
            1 for comment in loaded['comments'] if comment.parent is None
        ),
        'first_post': describe_post(posts[0]) if posts else None,
    }


def describe_post(post):
    return {
        'id': post.id,
        'title': post.title,
        'slug': post.slug,
        'author': post.author.username,
        'created_at': iso(post.created_at),
        'tags': sorted(tag.name for tag in post.tags),
    }


# --- migrate-init ---------------------------------------------------------


def command_migrate_init(args):
    """`flask db init`, `flask db migrate -m initial`, `flask db upgrade`."""
    import flask_migrate

    os.makedirs(args.directory, exist_ok=True)
    os.chdir(args.directory)
    # Alembic prints progress on stdout, which must carry only the JSON.
    with contextlib.redirect_stdout(sys.stderr):
        flask_migrate.init('migrations')
        flask_migrate.migrate('migrations', message='initial')
        flask_migrate.upgrade('migrations')
    populate_blog()
    revisions = (
        db.session.execute(sa.text('SELECT version_num FROM alembic_version'))
        .scalars()
        .all()
    )
    if len(revisions) != 1:
        raise ValueError(f'alembic_version holds {revisions!r}')
    return {'revision': revisions[0], 'counts': table_counts()}


# --- churn ----------------------------------------------------------------


def churn_steps(number, author_ids, post_ids, made):
    """One round of what a busy blog writes, each step its own commit."""

    def add_tag():
        tag = Tag(name=f'churn-{os.getpid()}-{number}',
                  slug=f'churn-{os.getpid()}-{number}')
        db.session.add(tag)
        made['tag'] = tag

    def add_post():
        post = Post(
            user_id=random.choice(author_ids),
            title=f'Churn post {os.getpid()}-{number}',
            content='Written while BlogDesk is open.',
            slug=f'churn-post-{os.getpid()}-{number}',
        )
        post.tags.append(made['tag'])
        db.session.add(post)

    def retitle_post():
        post = db.session.get(Post, random.choice(post_ids))
        if post is not None:
            post.title = f'Retitled {number}: {post.title[:80]}'

    def add_comment():
        comment = Comment(
            content=f'Churn comment {number}',
            user_id=random.choice(author_ids),
            post_id=random.choice(post_ids),
        )
        db.session.add(comment)
        made.setdefault('comments', []).append(comment)

    def delete_comment():
        if len(made.get('comments', [])) > 1:
            db.session.delete(made['comments'].pop(0))

    return (add_tag, add_post, retitle_post, add_comment, delete_comment)


def command_churn(args):
    """Creates, updates and deletes through the ORM until the stop file exists.

    Each write is one short transaction, as a web request makes it, with the
    driver's default busy timeout (5 s). A write that fails with "database is
    locked" is counted, rolled back and not retried: the count is the finding.
    """
    random.seed(args.seed)
    author_ids = [row.id for row in User.query.order_by(User.id).limit(50)]
    post_ids = [row.id for row in Post.query.order_by(Post.id).limit(500)]
    if not author_ids or not post_ids:
        raise ValueError('churn needs users and posts to write beside')
    stats = {'commits': 0, 'locked': 0, 'rounds': 0, 'slowest_commit_ms': 0}
    made = {}
    deadline = time.monotonic() + args.max_seconds
    while time.monotonic() < deadline and not os.path.exists(args.stop_file):
        stats['rounds'] += 1
        for step in churn_steps(stats['rounds'], author_ids, post_ids, made):
            started = time.monotonic()
            try:
                step()
                db.session.commit()
                stats['commits'] += 1
            except sa.exc.OperationalError as error:
                db.session.rollback()
                if 'locked' not in str(error):
                    raise
                stats['locked'] += 1
                stats.setdefault('first_lock_error', str(error).splitlines()[0])
            elapsed = int((time.monotonic() - started) * 1000)
            stats['slowest_commit_ms'] = max(stats['slowest_commit_ms'], elapsed)
        time.sleep(args.pause)
    stats['tags'] = Tag.query.filter(Tag.name.like('churn-%')).count()
    return stats


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest='command', required=True)
    commands.add_parser('create', help='create_all() and add sample rows')
    read = commands.add_parser('read', help='load every row through the ORM')
    read.add_argument(
        '--password', required=True, help='the password every user has'
    )
    init = commands.add_parser(
        'migrate-init', help='Flask-Migrate init/migrate/upgrade, then rows'
    )
    init.add_argument('directory', help='folder for the migrations/ tree')
    churn = commands.add_parser(
        'churn', help='write through the ORM until a stop file appears'
    )
    churn.add_argument('--stop-file', required=True)
    churn.add_argument('--max-seconds', type=float, default=120)
    churn.add_argument('--pause', type=float, default=0.02)
    churn.add_argument('--seed', type=int, default=1)
    return parser.parse_args(argv)


COMMANDS = {
    'create': command_create,
    'read': command_read,
    'migrate-init': command_migrate_init,
    'churn': command_churn,
}


def main(argv):
    args = parse_arguments(argv)
    app = create_app()
    try:
        with app.app_context():
            result = COMMANDS[args.command](args)
    except Exception as error:  # every failure is a finding: report and fail
        traceback.print_exc()
        print(
            f'blogapp.py {args.command}: {type(error).__name__}: {error}',
            file=sys.stderr,
        )
        return 1
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
