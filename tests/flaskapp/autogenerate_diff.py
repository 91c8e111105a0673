#!/usr/bin/python3
"""What `flask db migrate` would propose for the blog of blogapp.py.

Runs Alembic's own comparison (alembic.autogenerate.compare_metadata, what
autogenerate runs) between the guide's models and the live database, with the
options Flask-Migrate's env.py passes to Alembic, and prints one JSON object:

    {"differences": ["('remove_table', 'blogdesk_migrations')", ...]}

    DATABASE_URL=... autogenerate_diff.py [--setup FILE]

--setup FILE runs the Python snippet in FILE first, as the app would, with
`app`, `db` and `Migrate` in scope. The options are then the app's Migrate
arguments, which the stock env.py passes to context.configure(); a snippet
that only defines `include_object` (for env.py) has it added to them.
Without --setup the comparison runs with Flask-Migrate's defaults.
"""

import argparse
import json
import sys
import traceback

import blogapp
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import Migrate


def configure_arguments(app, setup_file):
    """Context options as env.py builds them: the app's Migrate arguments."""
    scope = {'app': app, 'db': blogapp.db, 'Migrate': Migrate}
    if setup_file is not None:
        with open(setup_file, encoding='utf-8') as source:
            snippet = source.read()
        exec(compile(snippet, setup_file, 'exec'), scope)
    options = dict(app.extensions['migrate'].configure_args)
    if 'include_object' in scope and 'migrate' not in scope:
        options['include_object'] = scope['include_object']
    return options


def differences(options):
    with blogapp.db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts=dict(options, target_metadata=blogapp.db.metadata),
        )
        return [describe(change) for change in
                compare_metadata(context, blogapp.db.metadata)]


def describe(change):
    """One line per proposed operation: 'remove_table blogdesk_migrations'.

    compare_metadata gives a tuple per table or index operation and a list of
    tuples for the changes of one column.
    """
    if isinstance(change, list):
        return '; '.join(describe(part) for part in change)
    operation, *details = change
    if operation.startswith('modify_'):
        _schema, table, column, _existing, old, new = details
        return f'{operation} {table}.{column}: {old!r} -> {new!r}'
    target = next((item for item in details if hasattr(item, 'name')), None)
    if target is None:
        return f'{operation} {details!r}'
    name = target.name or type(target).__name__
    table = getattr(getattr(target, 'table', None), 'name', None)
    return f'{operation} {table}.{name}' if table else f'{operation} {name}'


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--setup', help='Python snippet the app runs')
    args = parser.parse_args(argv)
    app = blogapp.create_app()
    try:
        with app.app_context():
            options = configure_arguments(app, args.setup)
            result = {'differences': differences(options)}
    except Exception as error:  # every failure is a finding: report and fail
        traceback.print_exc()
        print(f'autogenerate_diff.py: {type(error).__name__}: {error}',
              file=sys.stderr)
        return 1
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
