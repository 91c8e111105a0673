// MariaDB/MySQL: InnoDB's FULLTEXT search reads every match of every word before it hands out
// the first row, ignoring LIMIT and cancels (a word in 300,000 comments takes a second or
// more), so it only serves words too rare for the first rows to hold enough of them. The
// first rows are read in id order (see firstIds) and REGEXP keeps the matches;
// the first `candidates` of them are ranked by how often the words occur, a title's words
// weighing ten times (InnoDB cannot weigh one column of an index above another). The index
// statement ranks the same way, so a search ranks alike whichever statement answers.
#include "FullTextSearchSql.h"

#include <QVariant>

namespace FullTextSearchSql {

namespace {

// The ids read (from the smallest) before a search turns to the FULLTEXT index: few enough to
// read in milliseconds (REGEXP over 5,000 posts takes about 5 ms, over 20,000 comments as
// long), many enough that a word in one post of 250 or one comment of 1,000 turns up
// DefaultLimit times.
int firstIds(BlogTable table)
{
    return table == BlogTable::Posts ? 5000 : 20000;
}
// The snippet is made from this much of a long text.
constexpr int SnippetSourceLength = 20000;

// One table's SQL pieces: the text REGEXP looks at, the score and the values of both.
struct TableSql
{
    QString columns; // id, title, SUBSTRING(content, 1, ?)
    QString where;   // `text` REGEXP ? AND ...
    QString score;
    QVariantList whereValues;
    QVariantList scoreValues;
};

// The matched characters of `column`: each match of every pattern removed, the length lost.
QString matchedLength(const QString& column)
{
    return QStringLiteral("(CHAR_LENGTH(%1) - CHAR_LENGTH(REGEXP_REPLACE(%1, ?, '')))").arg(column);
}

TableSql tableSql(BlogTable table, const QStringList& patterns, const QString& flags)
{
    const bool posts = table == BlogTable::Posts;
    TableSql sql;
    sql.columns = posts ? QStringLiteral("id, title, SUBSTRING(content, 1, ?)")
                        : QStringLiteral("id, SUBSTRING(content, 1, ?)");
    const QString text =
        posts ? QStringLiteral("CONCAT(title, ' ', content)") : QStringLiteral("content");
    QStringList conditions;
    QStringList bodies;
    for (const QString& pattern : patterns) {
        conditions << text + QStringLiteral(" REGEXP ?");
        sql.whereValues << flags + pattern;
        bodies << pattern;
    }
    sql.where = conditions.join(QStringLiteral(" AND "));
    const QString any = flags + QStringLiteral("(?:%1)").arg(bodies.join(QLatin1Char('|')));
    sql.score = posts ? QStringLiteral("10 * %1 + %2")
                            .arg(matchedLength(QStringLiteral("title")),
                                 matchedLength(QStringLiteral("content")))
                      : matchedLength(QStringLiteral("content"));
    sql.scoreValues = posts ? QVariantList{any, any} : QVariantList{any};
    return sql;
}

QString tableName(BlogTable table)
{
    return table == BlogTable::Posts ? QStringLiteral("posts") : QStringLiteral("comments");
}

// The rows hold the hit's columns and the matches found among the first ids (at most
// candidates + 1). The bound is MIN(id) + n, not the n-th id: MariaDB reads MIN(id) from the
// index before planning and so walks just that range of the primary key, in id order,
// stopping at the last candidate; a LIMITed derived table would copy all n rows first.
Statement firstRowsStatement(BlogTable table, const TableSql& sql, int limit, qint64 candidates)
{
    const QString all = table == BlogTable::Posts ? QStringLiteral("id, title, content")
                                                  : QStringLiteral("id, content");
    return {table,
            QStringLiteral("SELECT %1, found FROM (SELECT %3, "
                           "ROW_NUMBER() OVER (ORDER BY id) AS n, COUNT(*) OVER () AS found "
                           "FROM (SELECT %3 FROM %2 WHERE id < (SELECT MIN(id) FROM %2) + ? "
                           "AND %4 ORDER BY id LIMIT ?) AS matches) AS numbered "
                           "WHERE n <= ? ORDER BY %5 DESC, id LIMIT ?")
                .arg(sql.columns, tableName(table), all, sql.where, sql.score),
            QVariantList{SnippetSourceLength, firstIds(table)} + sql.whereValues +
                QVariantList{candidates + 1, candidates} + sql.scoreValues + QVariantList{limit}};
}

Statement indexStatement(BlogTable table, const TableSql& sql, const QString& against, int limit)
{
    const QString match =
        table == BlogTable::Posts ? QStringLiteral("title, content") : QStringLiteral("content");
    return {table,
            QStringLiteral("SELECT %1 FROM %2 WHERE MATCH (%3) AGAINST (? IN BOOLEAN MODE) "
                           "AND %4 ORDER BY %5 DESC, id LIMIT ?")
                .arg(sql.columns, tableName(table), match, sql.where, sql.score),
            QVariantList{SnippetSourceLength, against} + sql.whereValues + sql.scoreValues +
                QVariantList{limit}};
}

} // namespace

QList<Statement> mysqlStatements(const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit, int candidates)
{
    const QStringList patterns = SearchQuery::innoDbPatterns(terms, rules);
    const QString flags = SearchQuery::innoDbPatternFlags(rules);
    if (patterns.isEmpty() || SearchQuery::toInnoDbBoolean(terms, rules).isEmpty()) {
        return {};
    }
    const qint64 bound = qMax(candidates, 1);
    return {firstRowsStatement(BlogTable::Posts, tableSql(BlogTable::Posts, patterns, flags), limit,
                               bound),
            firstRowsStatement(BlogTable::Comments, tableSql(BlogTable::Comments, patterns, flags),
                               limit, bound)};
}

QList<Statement> mysqlIndexStatements(const QList<SearchTerm>& terms,
                                      const SearchQuery::InnoDbWords& rules, int limit)
{
    const QStringList patterns = SearchQuery::innoDbPatterns(terms, rules);
    const QString flags = SearchQuery::innoDbPatternFlags(rules);
    const QString against = SearchQuery::toInnoDbBoolean(terms, rules);
    if (patterns.isEmpty() || against.isEmpty()) {
        return {};
    }
    return {indexStatement(BlogTable::Posts, tableSql(BlogTable::Posts, patterns, flags), against,
                           limit),
            indexStatement(BlogTable::Comments, tableSql(BlogTable::Comments, patterns, flags),
                           against, limit)};
}

QList<Statement> mysqlCountStatements(const QList<SearchTerm>& terms,
                                      const SearchQuery::InnoDbWords& rules)
{
    const QStringList patterns = SearchQuery::innoDbPatterns(terms, rules);
    const QString flags = SearchQuery::innoDbPatternFlags(rules);
    const QString against = SearchQuery::toInnoDbBoolean(terms, rules);
    if (patterns.isEmpty() || against.isEmpty()) {
        return {};
    }
    QList<Statement> statements;
    for (const BlogTable table : {BlogTable::Posts, BlogTable::Comments}) {
        const TableSql sql = tableSql(table, patterns, flags);
        statements << Statement{
            table,
            QStringLiteral("SELECT COUNT(*) FROM %1 WHERE MATCH (%2) AGAINST (? IN BOOLEAN MODE) "
                           "AND %3")
                .arg(tableName(table),
                     table == BlogTable::Posts ? QStringLiteral("title, content")
                                               : QStringLiteral("content"),
                     sql.where),
            QVariantList{against} + sql.whereValues};
    }
    return statements;
}

} // namespace FullTextSearchSql
