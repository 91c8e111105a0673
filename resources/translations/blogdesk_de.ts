<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BlogTableModel</name>
    <message>
        <location filename="../../models/browse/BlogTableModel.cpp" line="77"/>
        <source>NULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/BlogTableModel.cpp" line="83"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/BlogTableModel.cpp" line="83"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/BlogTableModel.cpp" line="221"/>
        <source>this database has no table &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlogTables</name>
    <message>
        <location filename="../../models/BlogTable.cpp" line="47"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="49"/>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="51"/>
        <source>Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="53"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="55"/>
        <source>Post tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="57"/>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="66"/>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="68"/>
        <source>profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="70"/>
        <source>post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="72"/>
        <source>tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="74"/>
        <source>tag link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/BlogTable.cpp" line="76"/>
        <source>comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowseIndexList</name>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="35"/>
        <source>a post&apos;s thread, comments and counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="36"/>
        <source>every comment, for each post selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="40"/>
        <source>replies to a comment, top-level comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="41"/>
        <source>every comment, for each level of a thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="45"/>
        <source>a user&apos;s comments, comments by author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="46"/>
        <source>every comment, for each user selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="50"/>
        <source>comments sorted or filtered by date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="51"/>
        <source>and sorts every comment, for each page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="55"/>
        <source>posts sorted or filtered by date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="56"/>
        <source>and sorts every post, for each page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="60"/>
        <source>an author&apos;s posts, page by page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="61"/>
        <source>and sorts all of an author&apos;s posts, for each page (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="65"/>
        <source>users sorted or filtered by date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="66"/>
        <source>and sorts every user, for each page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="70"/>
        <source>the posts with a tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/BrowseIndexList.cpp" line="71"/>
        <source>every tag link, for each tag selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowseIndexes</name>
    <message>
        <location filename="../../models/schema/BrowseIndexes.cpp" line="49"/>
        <source>cannot add %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/BrowseIndexes.cpp" line="85"/>
        <source>%1: without it, reads %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/BrowseIndexes.cpp" line="118"/>
        <source>cannot begin a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/BrowseIndexes.cpp" line="129"/>
        <source>cannot commit the new indexes: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowseIndexesBox</name>
    <message>
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="13"/>
        <source>Indexes for browsing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="14"/>
        <source>Add &amp;indexes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="21"/>
        <source>Missing indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="24"/>
        <source>Add the missing indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="25"/>
        <source>Show the statements, then add the indexes if you agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="44"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="49"/>
        <source>This database lacks %n index(es) that BlogDesk&apos;s views use to stay fast on a large blog. BlogDesk does not add them to a database another history manages by itself:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesBox.cpp" line="53"/>
        <source>Which indexes this database has cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowseIndexesDialog</name>
    <message>
        <location filename="../../views/migrations/BrowseIndexesDialog.cpp" line="17"/>
        <source>Add Indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesDialog.cpp" line="18"/>
        <source>These statements will run, one index each; the data and alembic_version stay as they are:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesDialog.cpp" line="24"/>
        <source>Statements to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesDialog.cpp" line="33"/>
        <source>&amp;Add indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/BrowseIndexesDialog.cpp" line="35"/>
        <source>Add the indexes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BusyQuestion</name>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="182"/>
        <source>Database busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="183"/>
        <source>Another program has been writing to the database for several seconds, so nothing was saved. What you typed is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="187"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="189"/>
        <source>&amp;Back to the Form</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliLock</name>
    <message>
        <location filename="../../app/CliLock.cpp" line="16"/>
        <source>--wait must be a whole number of seconds from 0 to %1, not &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliLock.cpp" line="33"/>
        <source>Waiting up to %1 s for another migration to finish: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliLock.cpp" line="47"/>
        <source>waited %1 s; --wait SECONDS waits longer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliLock.cpp" line="48"/>
        <source>--wait SECONDS waits for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliLock.cpp" line="50"/>
        <source>another migration is running on this database, so nothing was changed: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../../app/CommandLine.cpp" line="45"/>
        <source>Usage: blogdesk [--database URL] [--migrations DIR] [--verbose]
       blogdesk db upgrade [REV] [--sql] [--wait SECONDS]
                           [--keep-unknown | --drop-unknown] [--database URL]
       blogdesk db downgrade [REV] [--sql] [--wait SECONDS]
                             [--keep-unknown | --drop-unknown] [--database URL]
       blogdesk db current [--database URL]
       blogdesk db history [--database URL]
       blogdesk db stamp REV [--sql] [--wait SECONDS] [--database URL]
       blogdesk sample [--database URL] [--users N] [--posts-per-user N]
                       [--comments-per-post N] [--seed S] [--wait SECONDS]
       blogdesk --version | --help

Without a verb BlogDesk opens its window. URL is a SQLAlchemy database URL
(sqlite:///blog.db, postgresql://user:pass@host:5432/db, mysql+pymysql://...);
without --database, DATABASE_URL is used, else the embedded default database.
REV is head, base, a revision id or a unique prefix, +N or -N.
--migrations DIR uses the migration files in DIR instead of the built-in ones.
--verbose adds the database driver&apos;s whole text to a failure&apos;s one line.
A migration that rebuilds or drops a table holding columns, indexes, triggers
(or a whole table) that BlogDesk&apos;s history does not know is refused with a list
of them: --keep-unknown carries them through the rebuild with every value,
--drop-unknown drops them knowingly. On SQLite a downgrade, or a migration that
rebuilds or loses data, first copies the file next to it (VACUUM INTO).
A verb that writes holds the migration lock while it runs; --wait SECONDS
(default %1) is how long it waits for another migration to finish.
Exit codes: 0 success, 1 failure, 2 wrong command line, 3 another migration
holds the lock (nothing was changed).
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CommandLine.cpp" line="114"/>
        <source>Help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CommandLine.cpp" line="116"/>
        <source>Version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CommandLine.cpp" line="118"/>
        <source>Driver&apos;s text in failures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CommandLine.cpp" line="152"/>
        <source>unknown command &apos;%1&apos;; see blogdesk --help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="48"/>
        <source>New Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="48"/>
        <source>Edit Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="54"/>
        <source>%1 error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="62"/>
        <source>&amp;Content:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="65"/>
        <location filename="../../views/edit/CommentDialog.cpp" line="243"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="67"/>
        <source>&amp;Author:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="69"/>
        <location filename="../../views/edit/CommentDialog.cpp" line="249"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="70"/>
        <source>&amp;Post:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="73"/>
        <source>&amp;In reply to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="86"/>
        <source>Nothing: a top-level comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="87"/>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="89"/>
        <source>Clear the comment replied to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="115"/>
        <source>#%1 (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="146"/>
        <source>Reply to Comment #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="221"/>
        <source>comment #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="236"/>
        <source>none (top level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="239"/>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="253"/>
        <source>In reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/CommentDialog.cpp" line="282"/>
        <source>This comment has changes that are not saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/RecordEditors.cpp" line="75"/>
        <source>Cannot reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/RecordEditors.cpp" line="76"/>
        <source>Comment #%1 cannot be read: it may have been deleted meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentService</name>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="34"/>
        <location filename="../../models/records/CommentService.cpp" line="58"/>
        <source>Could not read comment %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="35"/>
        <location filename="../../models/records/CommentService.cpp" line="59"/>
        <source>There is no comment with id %1 (deleted meanwhile?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="70"/>
        <source>a missing user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="71"/>
        <source>#%1 by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="79"/>
        <source>Write the comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="82"/>
        <source>Choose the author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="85"/>
        <source>Choose the post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="88"/>
        <source>A comment cannot reply to itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="90"/>
        <location filename="../../models/records/CommentService.cpp" line="182"/>
        <source>The comment replied to is on another post: choose that post or clear the reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="146"/>
        <source>User %1 no longer exists: choose another author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="150"/>
        <source>Post %1 no longer exists: choose another post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="178"/>
        <source>The comment replied to (#%1) no longer exists: clear the reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="185"/>
        <source>A comment cannot reply to itself or to one of its replies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="206"/>
        <source>This comment has replies on its post: it cannot move to another post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="225"/>
        <source>Not saved: the database did not report the new comment&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/CommentService.cpp" line="247"/>
        <source>comment %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentThreadModel</name>
    <message>
        <location filename="../../models/browse/CommentThreadModel.cpp" line="214"/>
        <source>NULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentThreadModel.cpp" line="245"/>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentThreadModel.cpp" line="247"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentThreadModel.cpp" line="249"/>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentThreadModel.cpp" line="251"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentThreadView</name>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="47"/>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="49"/>
        <source>Comment thread error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="71"/>
        <source>Comment thread status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="74"/>
        <source>Reading the comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="85"/>
        <source>Comment thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="149"/>
        <source>&amp;Reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="151"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="153"/>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="214"/>
        <source>Loading the comments of post #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="236"/>
        <source>Reading the comments of post #%1 again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="256"/>
        <source>Finding the thread of comment #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="304"/>
        <source>Cannot read the comments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="314"/>
        <source>Select a post or a comment to see its thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/CommentThreadView.cpp" line="316"/>
        <source>Post #%1: not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/browse/CommentThreadView.cpp" line="319"/>
        <source>Post #%1: %n comment(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentsModel</name>
    <message>
        <location filename="../../models/browse/CommentsModel.cpp" line="8"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentsModel.cpp" line="9"/>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentsModel.cpp" line="10"/>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentsModel.cpp" line="11"/>
        <source>In reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentsModel.cpp" line="13"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/CommentsModel.cpp" line="15"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommonOptions</name>
    <message>
        <location filename="../../app/CliSession.cpp" line="18"/>
        <source>SQLAlchemy database URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="18"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="19"/>
        <source>Folder of migration files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="19"/>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="20"/>
        <source>Print the SQL instead of running it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="22"/>
        <source>Carry objects BlogDesk&apos;s history does not know through a rebuild.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="24"/>
        <source>Drop objects BlogDesk&apos;s history does not know along with their table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="25"/>
        <source>Seconds to wait for another migration to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/CliSession.cpp" line="26"/>
        <source>SECONDS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="36"/>
        <source>Changed by Someone Else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="38"/>
        <source>While you edited %1, someone else saved other values. Nothing has been written yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="43"/>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="48"/>
        <source>&amp;Reload Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="50"/>
        <source>&amp;Overwrite with Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="54"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="68"/>
        <source>Fields changed meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="70"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="70"/>
        <source>When you opened it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="70"/>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ConflictDialog.cpp" line="70"/>
        <source>Now in the database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="28"/>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="29"/>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="91"/>
        <source>Open Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="30"/>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="73"/>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="75"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="81"/>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="85"/>
        <source>&amp;Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="87"/>
        <source>Details of the connection failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="105"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="107"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="110"/>
        <source>Open in New &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="112"/>
        <source>Open in new window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="115"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="168"/>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="168"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="190"/>
        <source>Nothing was created: there is no database at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionDialog.cpp" line="224"/>
        <source>The password could not be kept (%1); it will be asked for again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionFields</name>
    <message>
        <location filename="../../models/connection/ConnectionFields.cpp" line="142"/>
        <source>write other parameters as key=value&amp;key=value, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <location filename="../../views/connection/ConnectionForm.cpp" line="171"/>
        <source>Choose a SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionForm.cpp" line="172"/>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="28"/>
        <source>e.g. postgresql://user@host:5432/blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="29"/>
        <source>The database URL as SQLALCHEMY_DATABASE_URI or DATABASE_URL holds it. A password typed here moves to the Password field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="32"/>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="35"/>
        <source>URL problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="46"/>
        <source>SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="47"/>
        <source>PostgreSQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="48"/>
        <source>MySQL or MariaDB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="49"/>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="57"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="58"/>
        <source>/path/to/blog.db</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="59"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="61"/>
        <source>Choose the SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="66"/>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="78"/>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="82"/>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="83"/>
        <source>Po&amp;rt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="86"/>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="89"/>
        <source>Us&amp;er:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="93"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="97"/>
        <source>&amp;Keep the password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="98"/>
        <source>&amp;Keep the password until BlogDesk quits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="106"/>
        <source>Default (prefer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="110"/>
        <source>&amp;SSL mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="113"/>
        <source>e.g. connect_timeout=10&amp;application_name=blogdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionFormRows.cpp" line="114"/>
        <source>Other p&amp;arameters:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionList</name>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="30"/>
        <location filename="../../views/connection/ConnectionList.cpp" line="35"/>
        <source>Saved connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="38"/>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="42"/>
        <source>Connection name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="43"/>
        <source>Name to save this connection as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="49"/>
        <source>Sa&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="51"/>
        <source>Save connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="52"/>
        <source>Re&amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="54"/>
        <source>Rename connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="55"/>
        <source>De&amp;lete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="57"/>
        <source>Delete connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="76"/>
        <location filename="../../views/connection/ConnectionList.cpp" line="81"/>
        <source>Recent databases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="138"/>
        <source>Cannot save the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="149"/>
        <source>Saved as &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="156"/>
        <source>Choose the saved connection to rename first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="162"/>
        <source>Cannot rename the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/ConnectionList.cpp" line="177"/>
        <source>Choose the saved connection to delete first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionProbe</name>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="81"/>
        <source>(default user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="84"/>
        <source>Wrong user name or password: %1 refused user &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="87"/>
        <source>%1 wants a password for user &apos;%2&apos;: type it in the Password field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="91"/>
        <source>Unknown host &apos;%1&apos;: check the host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="93"/>
        <source>Connection refused by %1: is the server running, and is the port right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="97"/>
        <source>Host %1 cannot be reached from here (no route to it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="100"/>
        <source>No answer from %1 within %2 seconds: check the host, the port and any firewall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="105"/>
        <source>Something answers on %1, but not as a %2 server does: check the port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="109"/>
        <source>The server has no database &apos;%1&apos;, or user &apos;%2&apos; may not use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="113"/>
        <source>%1 is not a SQLite database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionErrors.cpp" line="119"/>
        <source>Cannot connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProbe.cpp" line="39"/>
        <source>There is no database at %1 (Open offers to create a new, empty one there).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProbe.cpp" line="46"/>
        <source>%1 is not a readable file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProbe.cpp" line="80"/>
        <source>Connected to %1 (%2): a blog database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProbe.cpp" line="83"/>
        <source>Connected to %1 (%2): the database is empty; BlogDesk can create the blog&apos;s tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProbe.cpp" line="87"/>
        <source>Connected to %1 (%2), but it has no blog tables yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProbe.cpp" line="182"/>
        <source>No answer within %1 seconds: check the host, the port and any firewall.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionProfiles</name>
    <message>
        <location filename="../../models/connection/ConnectionProfiles.cpp" line="67"/>
        <source>a connection needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProfiles.cpp" line="146"/>
        <source>there is no connection named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/ConnectionProfiles.cpp" line="151"/>
        <source>a connection named &apos;%1&apos; exists already</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateDatabaseQuestion</name>
    <message>
        <location filename="../../views/connection/CreateDatabaseQuestion.cpp" line="25"/>
        <source>Create Database?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/CreateDatabaseQuestion.cpp" line="26"/>
        <source>There is no database at %1.
Create a new, empty database there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/CreateDatabaseQuestion.cpp" line="30"/>
        <source>Create database?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/CreateDatabaseQuestion.cpp" line="32"/>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/CreateDatabaseQuestion.cpp" line="34"/>
        <source>Create the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/connection/CreateDatabaseQuestion.cpp" line="37"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataImpact</name>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="16"/>
        <source>1 value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="17"/>
        <source>%1 values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="116"/>
        <source>rebuilds table %1 (%2 copied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="121"/>
        <source>drops table %1: %2 will be lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="137"/>
        <source>empties table %1: %2 will be lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="200"/>
        <source>drops column %1.%2: %3 will be lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="228"/>
        <source>unsupported database driver %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpact.cpp" line="233"/>
        <source>no such revision in the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="56"/>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="56"/>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="66"/>
        <source>revision %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="128"/>
        <source>the rows are added by the migration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="173"/>
        <source>cannot count (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="206"/>
        <source>deletes rows from %1 (they cannot be counted beforehand: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="210"/>
        <source>deletes %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="225"/>
        <source>changes rows of %1 (they cannot be counted beforehand: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="229"/>
        <source>changes %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/DataImpactPlan.cpp" line="256"/>
        <source>%1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataSteps</name>
    <message>
        <location filename="../../migrations/engine/DataSteps.cpp" line="98"/>
        <source>-- data step populate_post_slugs: for each post with slug IS NULL, UPDATE posts SET slug = slugify(title) (made unique with -2, -3...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/DataSteps.cpp" line="101"/>
        <source>-- unknown data step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/DataSteps.cpp" line="109"/>
        <source>unknown data step &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../../models/connection/Database.cpp" line="44"/>
        <source>cannot use %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/Database.cpp" line="46"/>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/Database.cpp" line="58"/>
        <source>no database at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/Database.cpp" line="62"/>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/Database.cpp" line="94"/>
        <source>DATABASE_URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/Database.cpp" line="107"/>
        <source>Qt&apos;s %1 driver (%2) is not installed; on Debian: apt-get install %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../sql/ConnectionSession.cpp" line="45"/>
        <source>the server %1 cannot be reached, so nothing was written; what you typed is kept: try again once the server is back (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="35"/>
        <source>URL must look like dialect://…, e.g. sqlite:///blog.db or postgresql://user@host/blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="43"/>
        <source>empty database URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="49"/>
        <source>URL must not contain line breaks or other control characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="66"/>
        <source>missing dialect before &apos;://&apos;: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="74"/>
        <source>invalid database scheme &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="169"/>
        <source>unsupported database &apos;%1&apos; in URL: use sqlite, postgresql or mysql</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="176"/>
        <source>unsupported driver &apos;%1&apos; in &apos;%2://&apos;: use %3:// or one of the drivers %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="188"/>
        <source>missing port number after &apos;%1:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="194"/>
        <source>port &apos;%1&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="198"/>
        <source>port &apos;%1&apos; is out of range: use 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="212"/>
        <source>host &apos;%1&apos; must not contain spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="218"/>
        <source>invalid host name &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="229"/>
        <source>missing &apos;]&apos; after IPv6 address &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="233"/>
        <source>empty IPv6 address &apos;[]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="244"/>
        <source>unexpected &apos;%1&apos; after IPv6 address &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="266"/>
        <source>IPv6 address &apos;%1&apos; must be written in brackets, e.g. [::1]:5432</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="283"/>
        <source>cannot read the host after the password: write &apos;@&apos; in a password as %40, &apos;:&apos; as %3A and &apos;/&apos; as %2F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="357"/>
        <source>sqlite URL must not contain a user name or password: write sqlite:///relative/path.db or sqlite:////absolute/path.db</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="363"/>
        <source>sqlite URL must not name a host or port (&apos;%1&apos;): write sqlite:///relative/path.db or sqlite:////absolute/path.db</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="393"/>
        <source>sqlite URL names no file: write sqlite:///relative/path.db or sqlite:////absolute/path.db (or sqlite:///:memory: for a database in memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlParser.cpp" line="433"/>
        <source>missing database name in &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrl.cpp" line="101"/>
        <source>URL names host &apos;%1&apos; and also a host parameter &apos;%2&apos;: give only one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrl.cpp" line="152"/>
        <source>in-memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="24"/>
        <source>connect_timeout &apos;%1&apos; is not a whole number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="62"/>
        <source>unsupported charset &apos;%1&apos;: BlogDesk always talks utf8mb4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="89"/>
        <source>timeout &apos;%1&apos; is not a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="104"/>
        <source>unsupported mode &apos;%1&apos; for sqlite: use mode=ro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="116"/>
        <source>URL parameter &apos;uri&apos; must be true or false, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="164"/>
        <source>unsupported URL parameter &apos;%1&apos; for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="169"/>
        <source>URL parameter &apos;%1&apos; is given more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/DatabaseUrlOptions.cpp" line="174"/>
        <source>URL parameter &apos;%1&apos; must not contain &apos;;&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="36"/>
        <source>user name &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="38"/>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="40"/>
        <source>host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="42"/>
        <source>database name &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="44"/>
        <source>query &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="63"/>
        <source>the password has a &apos;%&apos; that is not a %XX escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="64"/>
        <source>the %1 has a &apos;%&apos; that is not a %XX escape (&apos;%2&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/UrlEscapes.cpp" line="66"/>
        <source>: write a &apos;%&apos; itself as %25</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DbCommand</name>
    <message>
        <location filename="../../app/DbCommand.cpp" line="34"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="36"/>
        <source>CHANGED since applied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="41"/>
        <source>stamped %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="43"/>
        <source>applied %1 in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="49"/>
        <source>note: alembic_version holds %1, a revision of another (Flask-Migrate) history; BlogDesk leaves that table untouched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="55"/>
        <source>note: applied revision %1 is not in this history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="120"/>
        <source>; the blog&apos;s tables exist already (db.create_all()?): if they match BlogDesk&apos;s schema, &apos;blogdesk db stamp head&apos; records them as migrated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="127"/>
        <source>Already at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="128"/>
        <source>Database is now at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="159"/>
        <source>usage: blogdesk db upgrade|downgrade|stamp [REV] or db current|history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/DbCommand.cpp" line="167"/>
        <source>db stamp needs a revision (e.g. head)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DefaultDatabase</name>
    <message>
        <location filename="../../models/schema/DefaultDatabase.cpp" line="30"/>
        <source>the upgrade to %1 would drop what BlogDesk&apos;s history does not know, so nothing was changed: %2; upgrade from the migrations panel, or with blogdesk db upgrade --drop-unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/DefaultDatabase.cpp" line="75"/>
        <source>upgraded to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/DefaultDatabase.cpp" line="84"/>
        <source>created with a sample blog</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteDialog</name>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="36"/>
        <source>Delete Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="38"/>
        <source>Delete Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="40"/>
        <source>Delete Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="42"/>
        <source>Delete Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="44"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="64"/>
        <source>What will be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="66"/>
        <source>Delete error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="82"/>
        <source>Comments on other users&apos; posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="85"/>
        <source>Why this is asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="89"/>
        <source>&amp;Delete their %1 comments on other posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="91"/>
        <source>&amp;Reassign them to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="93"/>
        <source>User to reassign to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="106"/>
        <source>Replies to deleted comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="111"/>
        <source>&amp;Keep the replies as top-level comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="127"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="182"/>
        <source>Choose the user who gets the comments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="185"/>
        <source>That user is being deleted: choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/DeleteDialog.cpp" line="194"/>
        <source>Delete the &amp;replies too (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeletePlan</name>
    <message>
        <location filename="../../models/delete/DeletePlan.cpp" line="78"/>
        <source>Could not read the rows to delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlan.cpp" line="133"/>
        <source>Could not read what would be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/delete/DeletePlan.cpp" line="174"/>
        <source>Nothing was deleted: someone changed %n of the selected rows since this was shown (id %1). Look again and confirm.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlan.cpp" line="283"/>
        <location filename="../../models/delete/DeletePlanText.cpp" line="81"/>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlan.cpp" line="284"/>
        <source>#%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlan.cpp" line="357"/>
        <source>what happens to the comments on other users&apos; posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlan.cpp" line="359"/>
        <source>what happens to the replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="13"/>
        <source>Nothing was deleted: choose %1 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="18"/>
        <source>Nothing was deleted: the comments must go to a user who is not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="33"/>
        <source>Nothing was deleted: could not start a transaction (another program may be writing to the database; try again): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="54"/>
        <source>Nothing was deleted: the user to give the comments to no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="63"/>
        <source>Nothing was deleted: the rows changed since this was shown (now %1: %2). Look again and confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="66"/>
        <source>nothing else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="81"/>
        <source>Nothing was deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="85"/>
        <source>Nothing was deleted: the rows changed meanwhile (%1 rows instead of the %2 shown). Look again and confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="146"/>
        <location filename="../../models/delete/DeletePlanText.cpp" line="112"/>
        <source>Nothing to delete: the selected rows no longer exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanRun.cpp" line="158"/>
        <source>Nothing was deleted: the commit failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="32"/>
        <source>%1 and %2 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="37"/>
        <source>user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="37"/>
        <source>%1 users (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="39"/>
        <source>post %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="39"/>
        <source>%1 posts (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="41"/>
        <source>tag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="41"/>
        <source>%1 tags (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="43"/>
        <source>comment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="43"/>
        <source>%1 comments (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="57"/>
        <source>1 post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="57"/>
        <source>%1 posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="60"/>
        <source>1 comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="60"/>
        <source>%1 comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="62"/>
        <source>1 comment on them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="62"/>
        <source>%1 comments on them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="64"/>
        <source>1 comment on other users&apos; posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="65"/>
        <source>%1 comments on other users&apos; posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="66"/>
        <source>1 reply to the deleted comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="67"/>
        <source>%1 replies to the deleted comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="68"/>
        <source>1 tag link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="68"/>
        <source>%1 tag links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="69"/>
        <source>1 profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="69"/>
        <source>%1 profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="83"/>
        <source>1 comment on other users&apos; posts goes to user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="84"/>
        <source>%1 comments on other users&apos; posts go to user %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="88"/>
        <source>1 reply stays as a top-level comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="89"/>
        <source>%1 replies stay as top-level comments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="92"/>
        <source>1 comment replies to them: choose below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="93"/>
        <source>%1 comments reply to them: choose below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="98"/>
        <source>Choose below what happens to their comment on another user&apos;s post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="100"/>
        <source>Choose below what happens to their %1 comments on other users&apos; posts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="119"/>
        <source>Delete %1; nothing else goes with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="122"/>
        <source>Delete %1 and with it: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="124"/>
        <source>Delete %1 and with them: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="128"/>
        <source>The posts stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="140"/>
        <source>This user has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="140"/>
        <source>These users have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="141"/>
        <source>%1 1 comment on other users&apos; posts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="142"/>
        <source>%1 %2 comments on other users&apos; posts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/delete/DeletePlanText.cpp" line="144"/>
        <source>The blog&apos;s Flask app cannot delete such a user (a comment must have an author and nothing deletes these comments): delete them too, or give them to another user.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialog</name>
    <message>
        <location filename="../../views/edit/RecordEditors.cpp" line="17"/>
        <source>Cannot edit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscardQuestion</name>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="164"/>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="167"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="169"/>
        <source>&amp;Keep Editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="44"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="60"/>
        <source>edit of %1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="61"/>
        <source>new %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="87"/>
        <source>reply to comment #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="93"/>
        <source>new comment on post #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="102"/>
        <source>profile of user #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="113"/>
        <source>Cannot delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="123"/>
        <source>delete of %1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="124"/>
        <source>delete of %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="137"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="141"/>
        <source>author of %1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="176"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/EditCommands.cpp" line="177"/>
        <source>the author of %1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditForm</name>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="97"/>
        <source>Not saved: see the message above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="126"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="139"/>
        <source>Not saved yet: the fields someone else changed now show their values; your other edits are kept. Check and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/EditFormSupport.cpp" line="147"/>
        <source>Not saved: the row changed while you edited it, but not in the fields shown here. Save again to write your input.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExpectedSchema</name>
    <message>
        <location filename="../../migrations/schema/ExpectedSchema.cpp" line="54"/>
        <source>cannot open an in-memory SQLite database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/ExpectedSchema.cpp" line="69"/>
        <source>cannot build the expected schema of revision %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/ExpectedSchema.cpp" line="102"/>
        <source>there is no revision number %1 in a history of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../views/browse/FilterBar.cpp" line="48"/>
        <source>C&amp;lear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/FilterBar.cpp" line="57"/>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/FilterBar.cpp" line="64"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/FilterBar.cpp" line="89"/>
        <source>Created &amp;from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/FilterBar.cpp" line="93"/>
        <source>Created from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/FilterBar.cpp" line="94"/>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/FilterBar.cpp" line="98"/>
        <source>Created to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlaskMigrateNote</name>
    <message>
        <location filename="../../views/migrations/FlaskMigrateNote.cpp" line="17"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/FlaskMigrateNote.cpp" line="21"/>
        <source>If the Flask app runs &quot;flask db migrate&quot; on this database, Alembic will propose to drop what BlogDesk added (its history table blogdesk_migrations and its indexes) unless the app says to leave them alone. Add this where the app sets up Flask-Migrate (or pass both functions to context.configure() in its migrations/env.py):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/FlaskMigrateNote.cpp" line="32"/>
        <source>Python for the Flask app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/FlaskMigrateNote.cpp" line="41"/>
        <source>Copy the Python for the Flask app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/FlaskMigrateNote.cpp" line="42"/>
        <source>Copy the Python above to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/FlaskMigrateNote.cpp" line="63"/>
        <source>&amp;Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FullTextSearch</name>
    <message>
        <location filename="../../models/search/FullTextSearch.cpp" line="55"/>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoToTarget</name>
    <message>
        <location filename="../../models/browse/GoToTarget.cpp" line="20"/>
        <source>Type an id (12345 or #12345) or a row number (row 500).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/GoToTarget.cpp" line="25"/>
        <source>Not an id or a row number: type 12345, #12345 or row 500.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/GoToTarget.cpp" line="33"/>
        <source>Ids and row numbers start at 1 and have at most %1 digits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuiStartup</name>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="40"/>
        <source>BlogDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="51"/>
        <source>another migration is running on it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="76"/>
        <source>Database URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="77"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="80"/>
        <source>Folder of migration files (default: built in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="81"/>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="84"/>
        <source>Failures also show the driver&apos;s whole text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="89"/>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="109"/>
        <source>no database at %1; nothing was created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/GuiStartup.cpp" line="121"/>
        <source>cannot prepare the default database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainPasswordStore</name>
    <message>
        <location filename="../../models/connection/KeychainPasswordStore.cpp" line="60"/>
        <source>Passwords are kept in the system keychain, never in the settings file; without a keychain they are asked for again after BlogDesk quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/connection/KeychainPasswordStore.cpp" line="78"/>
        <source>the system keychain did not answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/MainWindow.cpp" line="55"/>
        <source>%1 — BlogDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="57"/>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="62"/>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="66"/>
        <source>Open the migrations panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="67"/>
        <source>Revision: reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="110"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="112"/>
        <source>&amp;Open Database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="115"/>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="119"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="123"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="124"/>
        <source>&amp;About BlogDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="149"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="151"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="179"/>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="183"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="187"/>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="191"/>
        <source>&amp;Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="193"/>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="258"/>
        <source>Comment thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="364"/>
        <source>Migrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="370"/>
        <source>&amp;Migrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="372"/>
        <source>Ctrl+Shift+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="373"/>
        <source>&amp;Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="422"/>
        <source>About BlogDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/MainWindow.cpp" line="423"/>
        <source>&lt;b&gt;BlogDesk %1&lt;/b&gt;&lt;p&gt;Browse and edit the database of a Flask-SQLAlchemy blog: users, profiles, posts, tags and comment threads, on SQLite, PostgreSQL or MySQL.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemoryPasswordStore</name>
    <message>
        <location filename="../../models/connection/PasswordStore.cpp" line="28"/>
        <source>No system keychain: passwords are kept until BlogDesk quits and asked for again after that.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Migration</name>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="64"/>
        <source>unknown section [%1]: use [upgrade], [downgrade] or [upgrade.sqlite|postgresql|mysql]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="69"/>
        <source>section [%1] appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="80"/>
        <source>SQL before the first [upgrade] section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="101"/>
        <source>unknown header &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="111"/>
        <source>missing or invalid &apos;revision:&apos; header (1 to 32 letters, digits, _)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="115"/>
        <source>invalid &apos;down_revision:&apos; header &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="118"/>
        <source>missing &apos;message:&apos; header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="122"/>
        <source>no [%1] section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/Migration.cpp" line="145"/>
        <source>unknown directive &apos;%1&apos; in [%2]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationEngine</name>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="33"/>
        <source>unsupported database driver %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="55"/>
        <source>cannot read the migration history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="82"/>
        <source>cannot read alembic_version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="127"/>
        <source>the database has revision %1 applied, which this BlogDesk does not know: it was migrated by a newer version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="136"/>
        <source>revision %1 is missing from the history table although %2 is applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="141"/>
        <source>migration %1 (%2) has changed since it was applied on %3; refusing to migrate (restore the file, or stamp to accept it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="162"/>
        <source>the target is older than the current revision %1: use downgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="173"/>
        <source>the target is newer than the current revision %1: use upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="174"/>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="219"/>
        <source>base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationEngine.cpp" line="218"/>
        <source>only the revision after the current one (%1) can be resumed or reverted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationError</name>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="29"/>
        <source>1 statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="30"/>
        <source>%1 statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="42"/>
        <source>revision %1 failed and was NOT rolled back whole: MySQL commits every schema change at once, so %2 of it stayed committed, but the history table was not changed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="46"/>
        <source>revision %1 failed and was rolled back: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="48"/>
        <source> (statement: %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationHistory</name>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="19"/>
        <source>migrations folder &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="23"/>
        <source>migrations folder &apos;%1&apos; cannot be read (permission denied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="32"/>
        <source>cannot read migration file &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="42"/>
        <source>no migration files (*.sql) in &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="56"/>
        <source>revision %1 is defined twice (%2 and %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="63"/>
        <source>base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="65"/>
        <source>%1 has two children (%2 and %3): branches are not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="73"/>
        <source>%1 (%2) revises %3, which is not in the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="85"/>
        <source>the history has a cycle or no first revision (one with an empty down_revision)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="123"/>
        <source>relative revision &apos;%1&apos; is outside the history (%2 revisions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="158"/>
        <source>no revision &apos;%1&apos; in the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationHistory.cpp" line="159"/>
        <source>revision prefix &apos;%1&apos; is ambiguous</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationLock</name>
    <message>
        <location filename="../../migrations/engine/MigrationLock.cpp" line="33"/>
        <source>another BlogDesk (the lock file %1 cannot be read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLock.cpp" line="38"/>
        <source>the BlogDesk command line, process %1 on host %2 since %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLock.cpp" line="42"/>
        <source>BlogDesk process %1 on host %2 since %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLock.cpp" line="82"/>
        <source>cannot lock a database of the %1 driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLock.cpp" line="86"/>
        <source>cannot lock the database: the connection is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLock.cpp" line="143"/>
        <source>cannot create the lock file %1: permission denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLock.cpp" line="146"/>
        <source>cannot create the lock file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="49"/>
        <source>the statement returned no row: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="79"/>
        <source>PostgreSQL session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="81"/>
        <source>%1 of user %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="84"/>
        <source>%1 (application &quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="87"/>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="90"/>
        <source>%1, connected since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="94"/>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="138"/>
        <source>the BlogDesk command line, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="123"/>
        <source>MySQL connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="132"/>
        <source>%1 of user %2 from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="171"/>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="191"/>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="217"/>
        <source>cannot take the migration lock: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="183"/>
        <source>another PostgreSQL session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="222"/>
        <source>cannot take the migration lock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationLockServers.cpp" line="236"/>
        <source>another MySQL connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationPreviewDialog</name>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="27"/>
        <source>What it does to the data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="40"/>
        <source>No rows are changed or lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="51"/>
        <source>The SQL that will run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="54"/>
        <source>The SQL that will run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="63"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="142"/>
        <source>A backup of the file is taken first and can be restored from the panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="143"/>
        <source>On a server BlogDesk takes no backup: the data is gone unless you have one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="144"/>
        <source>Data will be lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="145"/>
        <source>This migration deletes data for good:

%1

%2

Run it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="149"/>
        <source>&amp;Delete the data and run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationPreviewDialog.cpp" line="151"/>
        <source>&amp;Keep the data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationSafeguards</name>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="32"/>
        <source>1 object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="32"/>
        <source>%1 objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="35"/>
        <source>%1 listed above cannot be kept, so nothing was changed; run again with --drop-unknown to drop them knowingly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="38"/>
        <source>%1 listed above, not in BlogDesk&apos;s history, would be dropped with their table, so nothing was changed; run again with --keep-unknown to carry them through, or with --drop-unknown to drop them knowingly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="50"/>
        <source>Keeping: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="51"/>
        <source>Dropping: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="66"/>
        <source>no backup could be taken, so nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="69"/>
        <source>Backup taken: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="81"/>
        <source>--keep-unknown and --drop-unknown exclude each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="88"/>
        <source>--keep-unknown and --drop-unknown go with db upgrade and db downgrade only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/MigrationSafeguards.cpp" line="107"/>
        <source>cannot tell what this does to the data: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationStep</name>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="91"/>
        <source>revision %1 has no %2 script for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="93"/>
        <source>upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="93"/>
        <source>downgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="103"/>
        <source>revision %1 has no statement %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/StatementSink.cpp" line="89"/>
        <location filename="../../migrations/engine/StatementSink.cpp" line="133"/>
        <source>cannot start a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/StatementSink.cpp" line="111"/>
        <location filename="../../migrations/engine/StatementSink.cpp" line="120"/>
        <source>commit failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationStep.cpp" line="262"/>
        <source>foreign key check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationTemplate</name>
    <message>
        <location filename="../../migrations/engine/MigrationTemplate.cpp" line="97"/>
        <source>cannot copy %1 into %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationTemplate.cpp" line="112"/>
        <source>a revision needs a message saying what it changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationTemplate.cpp" line="117"/>
        <source>the folder %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationTemplate.cpp" line="127"/>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/MigrationTemplate.cpp" line="133"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MigrationWorker</name>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="178"/>
        <source>cannot tell what this does to the data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="241"/>
        <location filename="../../models/schema/MigrationWorkerIndexes.cpp" line="43"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="245"/>
        <source>Done: the database is at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="246"/>
        <source>&lt;base&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="259"/>
        <source>another migration is running on this database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="281"/>
        <source>not a migration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="295"/>
        <source>no backup could be taken, so nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="298"/>
        <source>Backup taken: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="326"/>
        <source>Restoring %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="328"/>
        <source>Restored %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorker.cpp" line="329"/>
        <source>Restore failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorkerSafeguards.cpp" line="65"/>
        <source>cannot tell what this does to the data, so nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorkerSafeguards.cpp" line="70"/>
        <source>the database changed since the preview, so nothing was changed: %1. Preview the migration again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorkerSafeguards.cpp" line="78"/>
        <source>nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorkerSafeguards.cpp" line="83"/>
        <source>Keeping: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/schema/MigrationWorkerSafeguards.cpp" line="84"/>
        <source>Dropping: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../models/schema/MigrationWorkerIndexes.cpp" line="42"/>
        <source>Added %n index(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationsPanel</name>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="46"/>
        <source>Migrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="110"/>
        <source>Revisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="113"/>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="113"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="113"/>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="114"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="114"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="114"/>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="114"/>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="30"/>
        <source>Upg&amp;rade to head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="31"/>
        <source>Upgrade to &amp;selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="32"/>
        <source>Do&amp;wngrade to selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="33"/>
        <source>Stamp se&amp;lected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="34"/>
        <source>&amp;Adopt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="35"/>
        <source>Sche&amp;ma…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="36"/>
        <source>&amp;New revision…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="37"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="38"/>
        <source>Run every pending revision, with a preview first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="40"/>
        <source>Record the selected revision as applied without running anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="41"/>
        <source>Compare the schema with BlogDesk&apos;s revisions and record the matching one; alembic_version is left alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="68"/>
        <source>Migration progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="81"/>
        <source>Migration log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="85"/>
        <source>What runs is logged here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="98"/>
        <source>&amp;Backups taken before each migration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelWidgets.cpp" line="103"/>
        <source>Rest&amp;ore selected backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="198"/>
        <source>%1 · at revision %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="206"/>
        <source>History: built into BlogDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="207"/>
        <source>History: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="223"/>
        <source>current revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="226"/>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="232"/>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="242"/>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="299"/>
        <source>&lt;base&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="228"/>
        <source>not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="233"/>
        <source>Empty database, before the first revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="234"/>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="266"/>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="246"/>
        <source>stamped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="247"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="252"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="256"/>
        <source>applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="260"/>
        <source>changed since applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="270"/>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="325"/>
        <source>Migrations unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="328"/>
        <source>Revision unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="334"/>
        <source>Revision: &lt;base&gt; (empty; head is %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="336"/>
        <source>Revision: %1 (head)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="338"/>
        <source>Revision: %1 (head is %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="343"/>
        <source> · Flask-Migrate: %1 (another history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanel.cpp" line="344"/>
        <source> · Flask-Migrate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="23"/>
        <source>Not managed by BlogDesk: %n table(s), made elsewhere — Adopt… records its revision</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="33"/>
        <source>A migration file is broken, so nothing can run until it is fixed:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="36"/>
        <source>The database&apos;s history cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="38"/>
        <source>This database was made by the Flask app&apos;s own migrations: its alembic_version holds %1, a revision of the app&apos;s migrations folder, not of BlogDesk&apos;s history. BlogDesk never changes alembic_version, so &quot;flask db&quot; keeps working. &quot;Adopt…&quot; compares the schema with BlogDesk&apos;s revisions and, if one matches exactly, records it in BlogDesk&apos;s own history table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="45"/>
        <source>BlogDesk has no record of this schema: %n table(s) made elsewhere (by db.create_all() or another tool). Upgrading is not offered, since it would start from an empty database and fail on the tables that exist. &quot;Adopt…&quot; compares the schema with BlogDesk&apos;s revisions and records the one it matches; nothing is changed if none does.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="52"/>
        <source>Upgrade and downgrade are refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="60"/>
        <source>The database is empty: upgrading to head creates BlogDesk&apos;s schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="62"/>
        <source>This database is at %1, behind BlogDesk&apos;s history by %n revision(s): %2. &quot;Upgrade to head&quot; shows the SQL and what it does to the data before anything runs.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="68"/>
        <source>The database is at the head revision %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="119"/>
        <source>Preparing the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="131"/>
        <source>Adopt revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="135"/>
        <source>Stamp revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="137"/>
        <source>Downgrade %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="139"/>
        <source>Upgrade %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="148"/>
        <source>The live schema matches revision %1 exactly. Adopting records it (and its ancestors) as applied in BlogDesk&apos;s history table, which it creates if needed; no table of the blog is changed and alembic_version stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="155"/>
        <source>Stamping records revision %1 as the database&apos;s revision without running its SQL: only BlogDesk&apos;s history table changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="160"/>
        <source>Each revision runs in its own transaction, but MySQL commits every schema change at once: a failing revision can stay half-applied, and BlogDesk then says exactly what stayed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="163"/>
        <source>Each revision runs in its own transaction: a failing revision is rolled back whole and the database stays at the last good one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="166"/>
        <source>A backup of the file is taken first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="175"/>
        <source>Cancelled: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="191"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="206"/>
        <source>Running %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="217"/>
        <source>Backup restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="218"/>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="223"/>
        <source>Nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="227"/>
        <source>Revision %1 failed and was rolled back; the database stays at the last good revision.
Statement: %2
Error: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="250"/>
        <source>Revision half-applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="251"/>
        <source>Revision %1 failed at statement %2, but MySQL had already committed %n statement(s) of it, so the database is between two revisions. The revision is not recorded as applied.

Error: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="260"/>
        <source>Committed:
%1

Failed:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="262"/>
        <source>&amp;Retry the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="264"/>
        <source>Run its &amp;downgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="266"/>
        <source>&amp;Mark applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="268"/>
        <source>&amp;Leave it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="288"/>
        <source>Comparing the schema with every revision…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="304"/>
        <source>Schema does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="306"/>
        <source>The schema matches none of BlogDesk&apos;s revisions, so nothing was recorded or changed. Closest is %1, which differs in %n place(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="310"/>
        <source>The schema could not be compared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="314"/>
        <source>Not adopted: the schema differs from every revision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="324"/>
        <source>Reading the schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="335"/>
        <source>Restore backup?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="336"/>
        <source>Replace everything in the database with the backup %1?

The current contents are backed up first, so this can be undone the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="341"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="351"/>
        <source>Restoring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="359"/>
        <source>Choose a migrations folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="360"/>
        <source>BlogDesk&apos;s own history is built in and cannot be changed. Choose a folder for your migrations: BlogDesk&apos;s revisions are copied into it, the new one is added, and the panel follows the files there from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="363"/>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="369"/>
        <source>Migrations folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="383"/>
        <source>New revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="384"/>
        <source>What does the revision change?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="393"/>
        <source>No revision was created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelActions.cpp" line="397"/>
        <source>Created %1 (parent %2). Write its SQL there; the list follows the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/MigrationsPanelIndexes.cpp" line="23"/>
        <source>Adding %n index(es)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/MigrationsPanelIndexes.cpp" line="33"/>
        <source>Added %n index(es).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/migrations/MigrationsPanelIndexes.cpp" line="36"/>
        <source>The indexes were not added: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="39"/>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="42"/>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="44"/>
        <source>◀ &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="47"/>
        <source>Back (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="49"/>
        <source>&amp;Forward ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="53"/>
        <source>Forward (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="62"/>
        <source>Go to &amp;Id or Row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="64"/>
        <source>Ctrl+G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="68"/>
        <source>Where you are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="91"/>
        <source>Related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="166"/>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/Navigator.cpp" line="215"/>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordCheckRow</name>
    <message>
        <location filename="../../views/edit/PasswordCheckRow.cpp" line="24"/>
        <source>Check password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PasswordCheckRow.cpp" line="29"/>
        <source>Chec&amp;k a password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PasswordCheckRow.cpp" line="33"/>
        <source>Password check result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PasswordCheckRow.cpp" line="54"/>
        <source>Cannot check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PasswordCheckRow.cpp" line="58"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PasswordCheckRow.cpp" line="66"/>
        <source>Right: this is the user&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PasswordCheckRow.cpp" line="67"/>
        <source>Wrong: this is not the user&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordHash</name>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="49"/>
        <source>unsupported hash method &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="150"/>
        <source>hash method &apos;%1&apos; has no fixed-length digest (Werkzeug cannot check it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="156"/>
        <source>hash method &apos;%1&apos; has an empty digest (every password would match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="167"/>
        <source>malformed PBKDF2 method (expected pbkdf2:hash:count)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="184"/>
        <source>PBKDF2 iteration count must be 1 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="229"/>
        <source>malformed scrypt method (expected scrypt:n:r:p)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="233"/>
        <source>scrypt n must be a power of two from 2 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="236"/>
        <source>scrypt parameters out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="240"/>
        <source>scrypt parameters outside Werkzeug&apos;s memory limit (it cannot check them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="269"/>
        <source>digest must be %1 hex digits, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="273"/>
        <source>digest is not lowercase hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="284"/>
        <source>plain password with non-ASCII characters (Werkzeug cannot compare it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="296"/>
        <source>too long for a password hash (%1 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="303"/>
        <source>not a Werkzeug password hash (method$salt$digest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="307"/>
        <source>salt must be at most %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="333"/>
        <source>PBKDF2 without a salt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="335"/>
        <source>PBKDF2 over %1, a broken hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="340"/>
        <source>PBKDF2 with only %1 iterations (%2 or more today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="366"/>
        <source>the password itself, not a hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="368"/>
        <source>a single unsalted %1 digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="369"/>
        <source>a single salted %1 digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="374"/>
        <source>scrypt without a salt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PasswordHashFormat.cpp" line="376"/>
        <source>scrypt below Werkzeug&apos;s default cost (32768:8:1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostDialog</name>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="51"/>
        <source>New Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="51"/>
        <source>Edit Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="75"/>
        <source>Title error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="75"/>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="77"/>
        <source>Made from the title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="78"/>
        <source>Slug error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="78"/>
        <source>S&amp;lug:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="80"/>
        <location filename="../../views/edit/PostDialog.cpp" line="282"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="82"/>
        <source>Author error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="81"/>
        <source>&amp;Author:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="87"/>
        <source>Content error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="86"/>
        <source>&amp;Content:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="96"/>
        <source>&amp;Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="100"/>
        <source>Publication time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="104"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="105"/>
        <source>Ta&amp;gs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="144"/>
        <source>Publication time: now, when saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="147"/>
        <source>Published at %1 (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="149"/>
        <source>Not published yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="260"/>
        <source>the post &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="273"/>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="273"/>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="276"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="278"/>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="279"/>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="285"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/PostDialog.cpp" line="319"/>
        <source>This post has changes that are not saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostService</name>
    <message>
        <location filename="../../models/records/PostService.cpp" line="48"/>
        <source>Could not read post %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="49"/>
        <source>There is no post with id %1 (deleted meanwhile?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="83"/>
        <source>Could not read the tags of post %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="101"/>
        <source>That slug is already used by post &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="166"/>
        <source>Enter a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="168"/>
        <source>A title has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="174"/>
        <source>Enter a slug (the title gives one when it has a letter or digit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="177"/>
        <source>A slug has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="180"/>
        <source>Write the post&apos;s content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="183"/>
        <source>Choose the author.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="258"/>
        <source>Not saved: the database did not report the new post&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/PostService.cpp" line="291"/>
        <source>post %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostsModel</name>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="8"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="9"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="10"/>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="11"/>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="12"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="13"/>
        <source>Published (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="14"/>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="15"/>
        <source>Updated (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/PostsModel.cpp" line="17"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="35"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="37"/>
        <source>New Profile for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="39"/>
        <source>Profile of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="47"/>
        <source>&amp;Bio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="49"/>
        <source>&amp;Avatar URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="52"/>
        <source>&amp;Website:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="55"/>
        <source>&amp;Location:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="65"/>
        <source>%1 error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="80"/>
        <source>%1 has no profile yet: Save creates it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="139"/>
        <source>Not saved: this profile no longer exists (deleted by someone else?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="144"/>
        <source>the profile of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="153"/>
        <source>Bio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="155"/>
        <source>Avatar URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="157"/>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="159"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/ProfileDialog.cpp" line="187"/>
        <source>This profile has changes that are not saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileService</name>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="44"/>
        <source>Could not read the profile of user %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="50"/>
        <source>There is no user with id %1 (deleted meanwhile?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="89"/>
        <source>The avatar URL is not a web address: it must start with http:// or https://, like https://example.com/me.png.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="93"/>
        <source>The website is not a web address: it must start with http:// or https://, like https://example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="98"/>
        <source>An avatar URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="100"/>
        <source>A website address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="102"/>
        <source>A location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="154"/>
        <source>Not saved: this user got a profile (#%1) from someone else while this dialog was open, and a user has only one. Your input is still here; close the dialog and open the profile again to edit that one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="172"/>
        <source>Not saved: user %1 no longer exists (deleted by someone else?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="193"/>
        <source>Not saved: the database did not report the new profile&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="213"/>
        <source>Not saved: this profile no longer exists (deleted by someone else?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ProfileService.cpp" line="214"/>
        <source>this profile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="34"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="34"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="34"/>
        <source>Null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="45"/>
        <source>Differs from the other side</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryPlan</name>
    <message>
        <location filename="../../migrations/schema/QueryPlan.cpp" line="138"/>
        <source>the plan is not JSON: %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/QueryPlan.cpp" line="209"/>
        <source>the plan is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/QueryPlan.cpp" line="230"/>
        <source>the plan has no &quot;Plan&quot; node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/QueryPlan.cpp" line="234"/>
        <location filename="../../migrations/schema/QueryPlan.cpp" line="253"/>
        <source>the plan is nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/QueryPlan.cpp" line="249"/>
        <source>the plan has no &quot;query_block&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../migrations/schema/QueryPlan.cpp" line="292"/>
        <source>the statement&apos;s placeholders do not match its %n value(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../migrations/schema/QueryPlan.cpp" line="309"/>
        <source>cannot read the plan: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../views/edit/RecordDialog.cpp" line="29"/>
        <source>Save error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <location filename="../../views/browse/RecordPicker.cpp" line="66"/>
        <source>Type to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RecordPicker.cpp" line="86"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RecordPicker.cpp" line="94"/>
        <source>Matches for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RecordPicker.cpp" line="113"/>
        <source>#%1 (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RecordPicker.cpp" line="116"/>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RecordPicker.cpp" line="276"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="34"/>
        <source>Related records of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="29"/>
        <source>Reading the related records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="37"/>
        <source>Related records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="95"/>
        <source>%1 › #%2: reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="176"/>
        <source>Select a row to see its related records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="183"/>
        <source>%1 › %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="184"/>
        <source>%1 › %2 (not all read: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="192"/>
        <source>Profile: none (open to create)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="193"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="194"/>
        <source>Profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="203"/>
        <source>%1: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="207"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="215"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/RelatedPanel.cpp" line="221"/>
        <source>%1 more…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelatedRecords</name>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="197"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="200"/>
        <location filename="../../models/browse/RelatedRecords.cpp" line="225"/>
        <source>Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="203"/>
        <source>posts by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="204"/>
        <location filename="../../models/browse/RelatedRecords.cpp" line="220"/>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="207"/>
        <source>comments by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="209"/>
        <location filename="../../models/browse/RelatedRecords.cpp" line="237"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="212"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="219"/>
        <source>tags of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="223"/>
        <source>comments on “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="232"/>
        <source>posts tagged %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="234"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="240"/>
        <source>In reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="243"/>
        <source>Replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/RelatedRecords.cpp" line="246"/>
        <source>replies to comment #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelationEdit</name>
    <message>
        <location filename="../../models/records/RelationEdit.cpp" line="32"/>
        <source>Not saved: user #%1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/RelationEdit.cpp" line="51"/>
        <source>Not saved: the row no longer exists (deleted by someone else?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/RelationEdit.cpp" line="71"/>
        <source>%1.%2 cannot be changed in place.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowGuard</name>
    <message>
        <location filename="../../models/records/RowConflict.cpp" line="126"/>
        <source>Not saved: %1 no longer exists (deleted by someone else while you edited it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/RowConflict.cpp" line="130"/>
        <source>Not saved: someone else changed %1 while you edited it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowSnapshot</name>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="31"/>
        <source>Could not read the columns of table %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="62"/>
        <source>Could not read table %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="175"/>
        <source>Cannot keep rows of table %1 for undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="186"/>
        <source>Table %1 has no column %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="245"/>
        <source>user &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="247"/>
        <source>post &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="249"/>
        <source>tag &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="251"/>
        <source>the profile of user #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="253"/>
        <source>the link of post #%1 to tag #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="255"/>
        <source>comment #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/RowSnapshot.cpp" line="241"/>
        <location filename="../../models/undo/RowSnapshot.cpp" line="257"/>
        <source>a row of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleBlog</name>
    <message>
        <location filename="../../models/records/SampleBlog.cpp" line="98"/>
        <source>cannot start a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/SampleBlog.cpp" line="101"/>
        <source>commit failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleCommand</name>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="41"/>
        <source>--%1 must be a whole number from %2 to %3, not &apos;%4&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="82"/>
        <source>the database is at %1, not at head %2: run &apos;blogdesk db upgrade&apos; first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="93"/>
        <source>Empty database upgraded to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="114"/>
        <source>%1 rows, %2 rows/s, %3%, about %4:%5 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="147"/>
        <source>Number of users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="147"/>
        <location filename="../../app/SampleCommand.cpp" line="149"/>
        <location filename="../../app/SampleCommand.cpp" line="151"/>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="148"/>
        <source>Posts per user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="150"/>
        <source>Comments per post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="152"/>
        <source>Random seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="152"/>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="168"/>
        <source>sample has no --sql mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="192"/>
        <source>sample not added, nothing written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="196"/>
        <source>Added %1 users, %2 profiles, %3 posts, %4 new tags and %5 comments to %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/SampleCommand.cpp" line="206"/>
        <source>%1 rows in %2 s (%3 rows/s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaDifference</name>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="34"/>
        <source>NULL allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="35"/>
        <source>NOT NULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="42"/>
        <source>full-text (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="44"/>
        <source>unique (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="190"/>
        <source>%1: table is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="192"/>
        <source>%1: table is not in the expected schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="194"/>
        <source>%1: column is missing (expected %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="196"/>
        <source>%1: column is not in the expected schema (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="199"/>
        <source>%1: expected %2, found %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="201"/>
        <source>%1: index %2 %3 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="203"/>
        <source>%1: index %2 %3 is not in the expected schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="205"/>
        <source>%1: foreign key %2 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaDiff.cpp" line="207"/>
        <source>%1: foreign key %2 is not in the expected schema</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaSnapshot</name>
    <message>
        <location filename="../../migrations/schema/SchemaSnapshot.cpp" line="116"/>
        <source>unsupported database driver %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/schema/SchemaReaderSqlite.cpp" line="150"/>
        <location filename="../../migrations/schema/SchemaSnapshotReaders.cpp" line="33"/>
        <source>cannot read the schema: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaViewDialog</name>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="53"/>
        <source>Expected schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="54"/>
        <source>Live schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="58"/>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="62"/>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="65"/>
        <source>What the revision says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="66"/>
        <source>What the database has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="79"/>
        <source>&amp;Differences:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="94"/>
        <source>The schema could not be compared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="97"/>
        <source>The live schema is exactly what revision %1 describes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="99"/>
        <source>The live schema differs from revision %1 in %n place(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="124"/>
        <source>NULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="124"/>
        <source>NOT NULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="129"/>
        <source>unique index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="129"/>
        <source>index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/SchemaViewDialog.cpp" line="135"/>
        <source>foreign key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="39"/>
        <location filename="../../views/search/SearchDock.cpp" line="44"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="55"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="59"/>
        <source>&amp;Search Posts and Comments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="61"/>
        <source>Ctrl+Shift+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="72"/>
        <location filename="../../views/search/SearchDock.cpp" line="73"/>
        <source>Search posts and comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="79"/>
        <source>Search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="85"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="96"/>
        <source>Filter &amp;posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="98"/>
        <source>Filter posts containing the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="99"/>
        <source>Filter &amp;comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="101"/>
        <source>Filter comments containing the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="131"/>
        <source>Type words to search post titles and contents and comments; &quot;quotes&quot; find a phrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="158"/>
        <source>Posts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="159"/>
        <source>Comments (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/search/SearchDock.cpp" line="160"/>
        <source>%n post(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/search/SearchDock.cpp" line="162"/>
        <source>%n comment(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="166"/>
        <source>Nothing to search for: MariaDB leaves out words shorter than three letters and very common words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="168"/>
        <source>Nothing to search for: type a word.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="189"/>
        <source>Comment #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="203"/>
        <source>Full-text search needs revision %1 (Add full-text search): upgrade in the migrations panel. Meanwhile the filter finds the exact text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/search/SearchDock.cpp" line="236"/>
        <source>containing “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceSupport</name>
    <message>
        <location filename="../../models/records/ServiceSupport.cpp" line="33"/>
        <source>%1 has at most %2 characters (this one has %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ServiceSupport.cpp" line="107"/>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ServiceSupport.cpp" line="112"/>
        <source>Not saved: the database is busy (another program has been writing to it for several seconds). What you typed is kept; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ServiceSupport.cpp" line="127"/>
        <source>Not saved: could not start a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ServiceSupport.cpp" line="133"/>
        <source>Not saved: the change was rolled back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/ServiceSupport.cpp" line="138"/>
        <source>Not saved: the commit failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqliteBackup</name>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="63"/>
        <source>backups are made of SQLite databases only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="67"/>
        <source>the SQLite connection is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="130"/>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="135"/>
        <source>cannot find a free backup file name next to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="174"/>
        <source>the backup %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="182"/>
        <source>cannot open the backup %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="187"/>
        <source>%1 is not a sound SQLite database (%2); nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="254"/>
        <source>the database is busy: another connection kept a transaction open for %1 seconds; nothing was restored, try again when it has finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="258"/>
        <source>cannot restore the backup: %1; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="302"/>
        <source>an in-memory database has no file to keep a backup next to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="313"/>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="319"/>
        <source>cannot back up %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="360"/>
        <source>%1 is the database itself, not a backup of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/engine/SqliteBackup.cpp" line="374"/>
        <source>this connection has an open transaction or an unfinished query; finish it before restoring; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqliteBulkLoad</name>
    <message>
        <location filename="../../models/records/SqliteBulkLoad.cpp" line="22"/>
        <source>cannot read the indexes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/SqliteBulkLoad.cpp" line="46"/>
        <source>cannot read the full-text triggers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/SqliteBulkLoad.cpp" line="68"/>
        <source>cannot pause %1 for the load: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/SqliteBulkLoad.cpp" line="79"/>
        <source>cannot create the index %1 again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/SqliteBulkLoad.cpp" line="90"/>
        <source>cannot rebuild the full-text index %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableFilters</name>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="31"/>
        <source>username or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="34"/>
        <source>&amp;Active:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="35"/>
        <location filename="../../views/browse/TableFilters.cpp" line="59"/>
        <location filename="../../views/browse/TableFilters.cpp" line="82"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="36"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="37"/>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="39"/>
        <source>&amp;Deleted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="40"/>
        <source>shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="41"/>
        <source>hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="42"/>
        <source>only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="52"/>
        <source>title, slug or content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="58"/>
        <source>S&amp;tate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="60"/>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="61"/>
        <source>drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="70"/>
        <source>name or slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="78"/>
        <source>comment text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="81"/>
        <source>&amp;Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="83"/>
        <source>top-level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TableFilters.cpp" line="84"/>
        <source>replies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <location filename="../../views/browse/TablePage.cpp" line="128"/>
        <source>Show every row again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePage.cpp" line="129"/>
        <source>Remove the navigation condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePage.cpp" line="265"/>
        <source>Showing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePageGoTo.cpp" line="32"/>
        <source>%1 have no single id: go to a row number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePageGoTo.cpp" line="63"/>
        <source>Id %1 is not shown: the filter hides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePageGoTo.cpp" line="67"/>
        <source>No row of %1 has id %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePageGoTo.cpp" line="71"/>
        <source>There is no row %1: fewer rows are shown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TablePager</name>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="20"/>
        <source>Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="19"/>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="28"/>
        <source>Go to an id or a row number in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="29"/>
        <source>Go to id or row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="34"/>
        <source>Go to the id or row typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="31"/>
        <source>An id (12345 or #12345) or a row number (row 500); Go ▸ Go to Id or Row (Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="42"/>
        <source>« First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="43"/>
        <source>First rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="44"/>
        <source>◀ &amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="45"/>
        <source>Previous rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="46"/>
        <source>&amp;Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="47"/>
        <source>Next rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="48"/>
        <source>Last »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="48"/>
        <source>Last rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="93"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="98"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="100"/>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="104"/>
        <source>No rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="105"/>
        <source>No rows match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="108"/>
        <source>Rows %1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="111"/>
        <source>The last %1 rows of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePager.cpp" line="114"/>
        <source>%1 rows of %2 (numbering…)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TablePages</name>
    <message>
        <location filename="../../views/browse/TablePages.cpp" line="23"/>
        <source>&amp;Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePages.cpp" line="25"/>
        <source>&amp;Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePages.cpp" line="27"/>
        <source>&amp;Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/browse/TablePages.cpp" line="29"/>
        <source>&amp;Comments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="35"/>
        <source>New Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="35"/>
        <source>Edit Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="41"/>
        <source>Name error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="42"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="45"/>
        <source>Made from the name unless you type one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="47"/>
        <source>Slug error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="48"/>
        <source>&amp;Slug:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="145"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="147"/>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="150"/>
        <source>the tag &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagDialog.cpp" line="173"/>
        <source>This tag has changes that are not saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagSelector</name>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="50"/>
        <source>Type to filter the tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="54"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="58"/>
        <source>Tag list note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="63"/>
        <source>C&amp;reate Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="65"/>
        <source>Create tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="68"/>
        <source>New tag error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="76"/>
        <source>&amp;Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="80"/>
        <source>&amp;New tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="101"/>
        <source>Only the first %L1 tags by name are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/TagSelector.cpp" line="156"/>
        <source>(missing tag #%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagService</name>
    <message>
        <location filename="../../models/records/TagService.cpp" line="24"/>
        <source>Could not read tag %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="25"/>
        <source>There is no tag with id %1 (deleted meanwhile?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="49"/>
        <source>That name is already used by tag &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="50"/>
        <source>That slug is already used by tag &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="57"/>
        <source>Enter a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="59"/>
        <source>A tag name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="62"/>
        <source>Enter a slug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="64"/>
        <source>A slug has only lower-case letters, digits and single hyphens between them (try &apos;%1&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="68"/>
        <source>A slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="128"/>
        <source>Not saved: the database did not report the new tag&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="147"/>
        <source>tag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="160"/>
        <location filename="../../models/records/TagService.cpp" line="189"/>
        <source>Could not read the tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="204"/>
        <source>Enter the new tag&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="207"/>
        <source>A tag name has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="212"/>
        <source>A tag name needs a letter or digit (it gives the tag&apos;s slug).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/TagService.cpp" line="215"/>
        <source>This name gives a slug of %1 characters; a tag slug has at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagsModel</name>
    <message>
        <location filename="../../models/browse/TagsModel.cpp" line="8"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/TagsModel.cpp" line="9"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/TagsModel.cpp" line="10"/>
        <source>Slug</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextSearch</name>
    <message>
        <location filename="../../sql/TextSearch.cpp" line="47"/>
        <source>the SQLite connection is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../sql/TextSearch.cpp" line="54"/>
        <source>cannot register the search function: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoController</name>
    <message>
        <location filename="../../views/commands/UndoController.cpp" line="11"/>
        <location filename="../../views/commands/UndoController.cpp" line="101"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/UndoController.cpp" line="11"/>
        <location filename="../../views/commands/UndoController.cpp" line="102"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/UndoController.cpp" line="73"/>
        <source>Could not undo &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/UndoController.cpp" line="89"/>
        <source>Could not redo &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/UndoController.cpp" line="101"/>
        <source>Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/commands/UndoController.cpp" line="102"/>
        <source>Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoJournal</name>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="78"/>
        <source>undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="83"/>
        <source>redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="99"/>
        <location filename="../../models/undo/UndoJournal.cpp" line="107"/>
        <source>Nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="119"/>
        <source>Nothing was changed: could not start a transaction (another program may be writing to the database; try again): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="132"/>
        <source>Nothing was changed: the commit failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="150"/>
        <source>%1 was deleted since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="153"/>
        <source>%1 was added since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="156"/>
        <source>%1 was changed since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="163"/>
        <source>%1 (and %2 more rows); %3 would overwrite that change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/undo/UndoJournal.cpp" line="168"/>
        <source>%1; %2 would overwrite that change.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoScope</name>
    <message>
        <location filename="../../models/undo/UndoScope.cpp" line="22"/>
        <source>Could not read the rows to keep for undo: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnknownObject</name>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="83"/>
        <source>%1.%2: a column BlogDesk&apos;s history does not know; no row holds a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="87"/>
        <source>%1.%2: a column BlogDesk&apos;s history does not know; 1 row holds a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="89"/>
        <source>%1.%2: a column BlogDesk&apos;s history does not know; %3 rows hold a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="93"/>
        <source>%1: index %2 (%3), which BlogDesk&apos;s history does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="96"/>
        <source>%1: trigger %2, which BlogDesk&apos;s history does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="101"/>
        <source>%1: a table BlogDesk&apos;s history does not know; 1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="102"/>
        <source>%1: a table BlogDesk&apos;s history does not know; %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="107"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjects.cpp" line="112"/>
        <source>%1; it cannot be kept: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="236"/>
        <source>the migration drops the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="237"/>
        <source>the migration drops its table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="244"/>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="251"/>
        <source>revision %1 drops %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="250"/>
        <source>revision %1 rebuilds %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="255"/>
        <source>BlogDesk cannot rebuild a table its history does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="257"/>
        <source>BlogDesk carries objects through a table rebuild on SQLite only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="260"/>
        <source>%1 has no primary key by which to match the values to their rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="303"/>
        <source>cannot count (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../migrations/impact/UnknownObjectsFinder.cpp" line="318"/>
        <source>cannot read the SQL of %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnknownObjectsChoice</name>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="12"/>
        <source>Not in BlogDesk&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="17"/>
        <source>The migration rebuilds or drops the tables these belong to, and BlogDesk&apos;s history does not know them. Keep them (carried through the rebuild with every value) or drop them with the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="20"/>
        <source>The migration drops the tables these belong to, so they cannot all be kept. Drop them knowingly, or cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="29"/>
        <source>Objects not in BlogDesk&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="39"/>
        <source>&amp;Keep them: carry them through with their values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="41"/>
        <source>Keep the objects not in BlogDesk&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="44"/>
        <source>D&amp;rop them with their table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/migrations/UnknownObjectsChoice.cpp" line="46"/>
        <source>Drop the objects not in BlogDesk&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="44"/>
        <source>New User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="44"/>
        <source>Edit User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="64"/>
        <source>Username error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="65"/>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="70"/>
        <source>Email error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="71"/>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="74"/>
        <source>&amp;Active (may log in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="87"/>
        <source>Stored password hash method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="89"/>
        <source>Stored hash:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="94"/>
        <source>Weak password hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="100"/>
        <source>Leave empty to keep the current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="102"/>
        <source>New &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="106"/>
        <source>Password error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="107"/>
        <source>C&amp;onfirm password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="140"/>
        <source>none yet (new user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="142"/>
        <source>not a recognised hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="144"/>
        <source>%1 (weak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="148"/>
        <source>The stored hash uses an outdated method: %1. Set a new password to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="234"/>
        <source>Hashing the password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="245"/>
        <source>Not saved: the password could not be hashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="278"/>
        <source>the user &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="287"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="287"/>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="290"/>
        <source>the stored one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="292"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="294"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="296"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="299"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="300"/>
        <source>the new one typed here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="301"/>
        <source>a new one set meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/edit/UserDialog.cpp" line="331"/>
        <source>This user has changes that are not saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserService</name>
    <message>
        <location filename="../../models/records/UserService.cpp" line="47"/>
        <source>Could not read user %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="48"/>
        <source>There is no user with id %1 (deleted meanwhile?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="77"/>
        <source>That email is already used by user &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="78"/>
        <source>That username is already used by user &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="87"/>
        <source>Enter a username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="89"/>
        <source>A username has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="95"/>
        <source>Enter an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="97"/>
        <source>An email address has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="101"/>
        <source>Enter an email address like name@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="104"/>
        <source>The two passwords do not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="106"/>
        <location filename="../../models/records/UserService.cpp" line="119"/>
        <source>A new user needs a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="123"/>
        <source>Not saved: the new password hash is unusable (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="199"/>
        <source>Not saved: the database did not report the new user&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/records/UserService.cpp" line="230"/>
        <source>user %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="15"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="16"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="17"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="18"/>
        <source>Password hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="19"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="20"/>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="21"/>
        <source>Updated (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="22"/>
        <source>Last login (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="23"/>
        <source>Deleted (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="39"/>
        <source>⚠ %1 (weak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../models/browse/UsersModel.cpp" line="46"/>
        <source>Weak password hash: %1. Set a new password for this user.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowOpener</name>
    <message>
        <location filename="../../views/connection/WindowOpener.cpp" line="52"/>
        <source>Open Database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
